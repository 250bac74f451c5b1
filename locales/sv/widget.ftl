# Svenska: texter i webbchattens widget (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = Chatta med oss
widget-close = Stäng chatten
widget-title = Digital assistent
widget-intro = Du chattar med en digital assistent, inte med en människa. Svaren kan vara fel, så kontrollera viktiga uppgifter. Skriv inte ditt personnummer eller andra känsliga uppgifter.
widget-log-label = Konversation
widget-input-label = Din fråga
widget-placeholder = Skriv din fråga här
widget-send = Skicka
widget-typing = Assistenten skriver …
widget-talk-to-person = Prata med en person
widget-choices = Välj ett alternativ
widget-feedback-question = Var svaret till hjälp?
widget-thumbs-up = Ja, svaret hjälpte
widget-thumbs-down = Nej, svaret hjälpte inte
widget-feedback-thanks = Tack för ditt omdöme!
widget-language-menu = Språk
widget-new-conversation = Ny konversation
widget-offline = Du är inte ansluten till internet. Dina meddelanden skickas när anslutningen är tillbaka.
widget-reconnecting = Ansluter igen …
widget-server-down = Chatten fungerar inte just nu. Försök igen om en stund eller ring kontaktcentret på { $phone }.
widget-pending = Väntar på att skickas
widget-error = Meddelandet kunde inte skickas.
widget-retry = Försök igen
widget-new-tab = öppnas i en ny flik
widget-you = Du
widget-assistant = Assistenten
