# Suomi: verkkosivun chat-ikkunan tekstit (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = Keskustele kanssamme
widget-close = Sulje keskustelu
widget-title = Digitaalinen avustaja
widget-intro = Keskustelet digitaalisen avustajan kanssa, et ihmisen. Vastaukset voivat olla virheellisiä, joten tarkista tärkeät tiedot. Älä kirjoita henkilönumeroasi tai muita arkaluonteisia tietoja.
widget-log-label = Keskustelu
widget-input-label = Kysymyksesi
widget-placeholder = Kirjoita kysymyksesi tähän
widget-send = Lähetä
widget-typing = Avustaja kirjoittaa …
widget-talk-to-person = Puhu ihmisen kanssa
widget-choices = Valitse vaihtoehto
widget-feedback-question = Oliko vastauksesta apua?
widget-thumbs-up = Kyllä, vastauksesta oli apua
widget-thumbs-down = Ei, vastauksesta ei ollut apua
widget-feedback-thanks = Kiitos palautteestasi!
widget-language-menu = Kieli
widget-new-conversation = Uusi keskustelu
widget-offline = Et ole yhteydessä internetiin. Viestisi lähetetään, kun yhteys palaa.
widget-reconnecting = Yhdistetään uudelleen …
widget-server-down = Keskustelu ei toimi juuri nyt. Yritä hetken kuluttua uudelleen tai soita asiakaspalveluun numeroon { $phone }.
widget-pending = Odottaa lähettämistä
widget-error = Viestiä ei voitu lähettää.
widget-retry = Yritä uudelleen
widget-new-tab = avautuu uuteen välilehteen
widget-you = Sinä
widget-assistant = Avustaja
