# Finnish interface strings. Placeables: { $municipality }, { $phone }, { $hours }, { $language }.

language-name = suomi

## Replies of the assistant
greeting-reply = Hei! Olen kunnan digitaalinen avustaja ({ $municipality }). Kysy omin sanoin, esimerkiksi jätteiden noudosta, esikoulusta tai rakennusluvasta.
thanks-reply = Ole hyvä! Kysy vain, jos haluat tietää jotain muuta.
goodbye-reply = Näkemiin, ja tervetuloa uudelleen!
help-reply = Vastaan tavallisiin kysymyksiin kunnan palveluista – esimerkiksi koulusta ja esikoulusta, jätteistä, vedestä, rakennusluvista sekä hoivasta ja tuesta – ympäri vuorokauden ja monella kielellä. Kirjoita kysymyksesi omin sanoin. Jos haluat puhua ihmisen kanssa, kirjoita "puhu ihmisen kanssa".
human-reply = Voit puhua ihmisen kanssa kunnan asiakaspalvelussa: soita numeroon { $phone } ({ $hours }) tai kirjoita meille yhteydenottolomakkeella. Kysymyksesi on tallennettu tänne, joten sinun ei tarvitse aloittaa alusta.
human-reply-closed = Asiakaspalvelu on nyt suljettu ja avautuu taas { $opens }. Kirjoita asiasi tähän – se odottaa meitä ja vastaamme, kun avaamme. Voit myös soittaa silloin numeroon { $phone }.
human-reply-interpreter = Jos tarvitset tulkin, asiakaspalvelu voi varata sen sinulle.
emergency-reply = Onko joku vaarassa juuri nyt? Soita heti 112.
case-status-reply = Näet omien asioidesi tilan, kun kirjaudut Omille sivuille (Mina sidor) e-legitimaatiolla; kirjautuneena voit kysyä myös minulta täällä. Myös asiakaspalvelu voi auttaa sinua: soita numeroon { $phone } ({ $hours }).
language-menu = Valitse kieli:
handoff-waiting = Kysymyksesi on asiakaspalvelussa. Työntekijä vastaa sinulle tässä mahdollisimman pian.
change-language-reply = Kirjoitan tästä lähtien suomeksi.
unknown-reply = Valitettavasti en ole varma, osaanko vastata tähän. Kokeile muilla sanoilla tai ota yhteyttä asiakaspalveluun numerossa { $phone } ({ $hours }).
choices-intro = Tarkoititko jotakin näistä?
followup-none = En ole varma, mitä aihetta tarkoitat. Voisitko kirjoittaa koko kysymyksen?
untranslated-notice = Tämä vastaus ei ole vielä saatavilla suomeksi. Tässä se on kielellä { $language }:
interpreter-offer = Asiakaspalvelu voi järjestää sinulle tulkin: soita numeroon { $phone }.
read-more = Lue lisää
talk-to-person = Puhu ihmisen kanssa
see-also = Katso myös

## Errors of the HTTP API
error-empty-message = Viesti on tyhjä. Kirjoita kysymys.
error-message-too-long = Viesti on liian pitkä. Kirjoita enintään { $max } merkkiä.
error-invalid-json = Pyyntöä ei voitu lukea: { $detail }
error-payload-too-large = Pyyntö on liian suuri.
error-not-found = Täällä ei ole mitään.
error-conversation-not-found = Keskustelua ei ole olemassa.
error-unsupported-language = Kieltä ei tueta.
error-internal = Jokin meni vikaan meidän päässämme. Yritä hetken kuluttua uudelleen.
error-too-many-requests = Liian monta viestiä lyhyessä ajassa. Odota { $seconds } sekuntia ja yritä uudelleen.
error-timeout = Vastaus kesti liian kauan. Yritä hetken kuluttua uudelleen.
rate-limited-reply = Lähetät viestejä nopeammin kuin ehdin vastata. Odota minuutti ja kirjoita sitten uudelleen.
