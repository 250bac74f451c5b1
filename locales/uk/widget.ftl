# Українська: тексти чат-віджета на сайті (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = Напишіть нам
widget-close = Закрити чат
widget-title = Цифровий помічник
widget-intro = Ви спілкуєтеся з цифровим помічником, а не з людиною. Відповіді можуть бути помилковими, тож перевіряйте важливу інформацію. Не пишіть свій персональний номер (personnummer) чи інші чутливі дані.
widget-log-label = Розмова
widget-input-label = Ваше запитання
widget-placeholder = Напишіть своє запитання тут
widget-send = Надіслати
widget-typing = Помічник пише …
widget-talk-to-person = Поговорити з людиною
widget-choices = Виберіть один із варіантів
widget-feedback-question = Чи допомогла вам ця відповідь?
widget-thumbs-up = Так, відповідь допомогла
widget-thumbs-down = Ні, відповідь не допомогла
widget-feedback-thanks = Дякуємо за ваш відгук!
widget-language-menu = Мова
widget-new-conversation = Нова розмова
widget-offline = Ви не підключені до інтернету. Ваші повідомлення буде надіслано, коли з'єднання відновиться.
widget-reconnecting = Відновлення з'єднання …
widget-server-down = Чат зараз не працює. Спробуйте ще раз трохи згодом або зателефонуйте до контактного центру за номером { $phone }.
widget-pending = Очікує надсилання
widget-error = Не вдалося надіслати повідомлення.
widget-retry = Спробувати ще раз
widget-new-tab = відкривається в новій вкладці
widget-you = Ви
widget-assistant = Помічник
