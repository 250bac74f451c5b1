# Polski: teksty widżetu czatu na stronie (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = Porozmawiaj z nami
widget-close = Zamknij czat
widget-title = Asystent cyfrowy
widget-intro = Rozmawiasz z asystentem cyfrowym, a nie z człowiekiem. Odpowiedzi mogą być błędne, dlatego sprawdzaj ważne informacje. Nie wpisuj swojego numeru personnummer ani innych danych wrażliwych.
widget-log-label = Rozmowa
widget-input-label = Twoje pytanie
widget-placeholder = Wpisz tutaj swoje pytanie
widget-send = Wyślij
widget-typing = Asystent pisze …
widget-talk-to-person = Porozmawiaj z człowiekiem
widget-choices = Wybierz jedną z opcji
widget-feedback-question = Czy ta odpowiedź była pomocna?
widget-thumbs-up = Tak, odpowiedź pomogła
widget-thumbs-down = Nie, odpowiedź nie pomogła
widget-feedback-thanks = Dziękujemy za opinię!
widget-language-menu = Język
widget-new-conversation = Nowa rozmowa
widget-offline = Nie masz połączenia z internetem. Twoje wiadomości zostaną wysłane, gdy połączenie wróci.
widget-reconnecting = Ponowne łączenie …
widget-server-down = Czat w tej chwili nie działa. Spróbuj ponownie za chwilę lub zadzwoń do centrum obsługi mieszkańców pod numer { $phone }.
widget-pending = Czeka na wysłanie
widget-error = Nie udało się wysłać wiadomości.
widget-retry = Spróbuj ponownie
widget-new-tab = otwiera się w nowej karcie
widget-you = Ty
widget-assistant = Asystent
