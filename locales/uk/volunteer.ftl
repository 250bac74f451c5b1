# The volunteer conversation in Ukrainian. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = Як чудово, що ви хочете допомагати! Я поставлю кілька коротких запитань, щоб запропонувати завдання, які вам підходять. Напишіть «скасувати», коли захочете зупинитися.
volunteer-ask-interests = У чому ви хотіли б допомагати? Оберіть нижче або напишіть своїми словами, наприклад «допомога з уроками і спорт».
volunteer-ask-languages = Якими мовами ви розмовляєте? Напишіть їх, наприклад «шведська і арабська».
volunteer-ask-when = Коли ви зазвичай маєте час? Оберіть нижче або напишіть, наприклад «вівторок увечері».
volunteer-ask-where = Де ви можете допомагати? Оберіть частину комуни або напишіть «онлайн», якщо вам зручніше допомагати дистанційно.
volunteer-ask-age = Скільки вам років? Щоб стати у нас волонтером, вам має бути щонайменше 16 років.
volunteer-ask-record-extract = Для деяких завдань із дітьми або літніми людьми потрібно показати витяг із реєстру судимостей (belastningsregistret). Його можна безкоштовно замовити в поліції (Polisen). Чи готові ви показати такий витяг?
volunteer-ask-consent = Останнє запитання: чи можуть координатори зв'язуватися з вами тут, у чаті, щодо завдань, якими ви зацікавитеся? Тоді ми збережемо ваші відповіді як профіль волонтера, доки ви не попросите його видалити – напишіть «видалити мій профіль волонтера», коли забажаєте.
volunteer-not-understood = На жаль, я не зовсім розумію цю відповідь.

## Endings
volunteer-too-young = Дякуємо, що хочете допомагати! Щоб стати волонтером комуни, вам має бути щонайменше 16 років. Запитайте в якійсь асоціації чи у своїй школі, як ви можете долучитися вже зараз.
volunteer-no-consent = Гаразд, тоді я нічого не зберігаю. Волонтерські завдання комуни ви знайдете на { $link }.
volunteer-cancelled = Гаразд, зупинимося тут. Напишіть «хочу допомагати», коли захочете почати знову.
volunteer-deleted = Ваш профіль волонтера і ваші заявки про зацікавленість видалено.

## Matches
volunteer-welcome-back = З поверненням! Ці завдання підходять до вашого профілю волонтера:
volunteer-matches = Дякуємо! Ці завдання вам підходять:
volunteer-more-matches = Ще завдання, які вам підходять:
volunteer-match = { $number }. { $title } ({ $organiser }) – пропонуємо, бо { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = Натисніть «Мене цікавить» біля завдання, і я передам це координатору.
volunteer-no-matches = Зараз немає відкритого завдання, яке підходить до ваших відповідей. Запитайте знову пізніше або змініть свої відповіді.
volunteer-no-more = Це всі завдання, які вам зараз підходять.
volunteer-organiser-municipality = комуна
volunteer-interested = Дякуємо! Координатор уже знає, що вас цікавить «{ $need }». Відповідь ви отримаєте тут, щойно координатор відповість.
volunteer-need-gone = На це завдання вже не можна записатися. Напишіть «показати більше», щоб побачити інші завдання.

## Answers from the coordinator
volunteer-accepted = Гарні новини! Координатор погоджується взяти вас на «{ $need }». Контакт: { $contact } – зв'яжіться, щоб домовитися про решту.
volunteer-declined = На жаль, координатор завдання «{ $need }» цього разу не має для вас місця. Напишіть «хочу допомагати», щоб побачити інші завдання.

## Buttons
volunteer-choice-anything = Будь-що
volunteer-topic-homework-help = Допомога з уроками
volunteer-topic-language-cafe = Мовне кафе
volunteer-topic-elderly = Літні люди
volunteer-topic-sports = Спорт
volunteer-topic-environment = Довкілля
volunteer-topic-culture = Культура
volunteer-topic-children-and-youth = Діти й молодь
volunteer-topic-newcomers = Новоприбулі
volunteer-topic-digital-inclusion = Цифрова допомога
volunteer-topic-events = Події
volunteer-when-daytime = Будні, удень
volunteer-when-evenings = Вечори
volunteer-when-weekends = Вихідні
volunteer-when-any = Будь-коли
volunteer-where-online = Онлайн
volunteer-where-anywhere = Будь-де
volunteer-age-adult = 18 років або більше
volunteer-age-16 = 16–17 років
volunteer-age-under = Менше 16 років
volunteer-yes = Так
volunteer-no = Ні
volunteer-choice-interested = Мене цікавить: { $title }
volunteer-choice-more = Показати інші завдання
volunteer-choice-change = Змінити мої відповіді
volunteer-choice-delete = Видалити мій профіль волонтера
