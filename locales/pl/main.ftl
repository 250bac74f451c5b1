# Polish interface strings. Placeables: { $municipality }, { $phone }, { $hours }, { $language }.

language-name = polski

## Replies of the assistant
greeting-reply = Dzień dobry! Tu cyfrowy asystent { $municipality }. Zadaj pytanie własnymi słowami, na przykład o wywóz śmieci, przedszkole lub pozwolenie na budowę.
thanks-reply = Proszę bardzo! Jeśli masz jeszcze jakieś pytanie, śmiało pytaj.
goodbye-reply = Do widzenia i zapraszamy ponownie!
help-reply = Odpowiadam na często zadawane pytania dotyczące usług gminy – na przykład szkoły i przedszkola, odpadów, wody, pozwoleń na budowę, opieki i wsparcia – przez całą dobę i w wielu językach. Napisz pytanie własnymi słowami. Jeśli chcesz porozmawiać z człowiekiem, napisz „porozmawiaj z człowiekiem”.
human-reply = Możesz porozmawiać z pracownikiem centrum kontaktowego gminy: zadzwoń pod numer { $phone } ({ $hours }) lub napisz do nas przez formularz kontaktowy. Twoje pytanie zostało tu zapisane, więc nie musisz zaczynać od nowa.
human-reply-closed = Centrum kontaktowe jest teraz zamknięte i otworzy się ponownie { $opens }. Napisz tutaj swoją wiadomość – poczeka na nas, a odpowiemy po otwarciu. Możesz też wtedy zadzwonić pod numer { $phone }.
human-reply-interpreter = Jeśli potrzebujesz tłumacza, centrum kontaktowe może go dla ciebie zamówić.
emergency-reply = Czy ktoś jest teraz w niebezpieczeństwie? Natychmiast zadzwoń pod numer 112.
case-status-reply = Status swoich spraw zobaczysz po zalogowaniu się do serwisu „Moje strony” (Mina sidor) za pomocą elektronicznego identyfikatora (e-legitimation); po zalogowaniu możesz też zapytać mnie tutaj. Pomóc może ci także centrum kontaktowe: zadzwoń pod numer { $phone } ({ $hours }).
language-menu = Wybierz język:
handoff-waiting = Twoje pytanie jest w centrum kontaktowym. Pracownik odpowie Ci tutaj jak najszybciej.
change-language-reply = Od teraz będę pisać po polsku.
unknown-reply = Niestety nie wiem, czy potrafię na to odpowiedzieć. Spróbuj użyć innych słów lub skontaktuj się z centrum kontaktowym pod numerem { $phone } ({ $hours }).
choices-intro = Czy chodziło ci o któryś z tych tematów?
followup-none = Nie wiem, o który temat chodzi. Czy możesz napisać całe pytanie?
untranslated-notice = Ta odpowiedź nie jest jeszcze dostępna po polsku. Poniżej odpowiedź w języku { $language }:
interpreter-offer = Centrum kontaktowe może zapewnić ci tłumacza: zadzwoń pod numer { $phone }.
read-more = Czytaj więcej
talk-to-person = Porozmawiaj z człowiekiem
see-also = Zobacz też

## Errors of the HTTP API
error-empty-message = Wiadomość jest pusta. Napisz pytanie.
error-message-too-long = Wiadomość jest za długa. Maksymalna długość to { $max } znaków.
error-invalid-json = Nie udało się odczytać żądania: { $detail }
error-payload-too-large = Żądanie jest za duże.
error-not-found = Nic tu nie ma.
error-conversation-not-found = Taka rozmowa nie istnieje.
error-unsupported-language = Ten język nie jest obsługiwany.
error-internal = Coś poszło nie tak po naszej stronie. Spróbuj ponownie za chwilę.
error-too-many-requests = Zbyt wiele wiadomości w krótkim czasie. Odczekaj { $seconds } s i spróbuj ponownie.
error-timeout = Odpowiedź trwała zbyt długo. Spróbuj ponownie za chwilę.
rate-limited-reply = Wysyłasz wiadomości szybciej, niż mogę odpowiadać. Odczekaj minutę i napisz ponownie.
