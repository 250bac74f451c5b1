# Swedish interface strings. Placeables: { $municipality }, { $phone }, { $hours }, { $language }.

language-name = svenska

## Replies of the assistant
greeting-reply = Hej! Jag är { $municipality }s digitala assistent. Ställ en fråga med egna ord, till exempel om sophämtning, förskola eller bygglov.
thanks-reply = Varsågod! Fråga gärna igen om det är något mer.
goodbye-reply = Hej då, och välkommen tillbaka!
help-reply = Jag svarar på vanliga frågor om kommunens service – till exempel skola och förskola, avfall, vatten, bygglov, omsorg och stöd – dygnet runt och på flera språk. Skriv din fråga med egna ord. Vill du prata med en person kan du skriva "prata med en person".
human-reply = Du kan prata med en person på kommunens kontaktcenter: ring { $phone } ({ $hours }) eller skriv via kontaktformuläret. Vi har sparat din fråga här så att du inte behöver börja om.
human-reply-closed = Kontaktcentret är stängt just nu och öppnar igen { $opens }. Skriv ditt ärende här – det väntar hos oss och vi svarar när vi öppnar. Du kan också ringa { $phone } då.
human-reply-interpreter = Behöver du tolk kan kontaktcentret boka det åt dig.
emergency-reply = Är någon i fara just nu? Ring 112 direkt.
case-status-reply = Status för dina egna ärenden ser du när du loggar in på Mina sidor med e-legitimation; inloggad kan du också fråga mig här. Kontaktcentret kan också hjälpa dig: ring { $phone } ({ $hours }).
language-menu = Välj språk:
handoff-waiting = Din fråga ligger hos kontaktcentret. En handläggare svarar dig här så snart som möjligt.
change-language-reply = Jag skriver på svenska från och med nu.
unknown-reply = Jag är tyvärr inte säker på att jag kan svara på det. Försök gärna med andra ord, eller kontakta kontaktcentret på { $phone } ({ $hours }).
choices-intro = Menade du något av det här?
followup-none = Jag vet inte vilket ämne du menar. Kan du skriva hela frågan?
untranslated-notice = Det här svaret finns inte på svenska ännu. Här är det på { $language }:
interpreter-offer = Kontaktcentret kan hjälpa dig med tolk: ring { $phone }.
read-more = Läs mer
talk-to-person = Prata med en person
see-also = Se även

## Errors of the HTTP API
error-empty-message = Meddelandet är tomt. Skriv en fråga.
error-message-too-long = Meddelandet är för långt. Skriv högst { $max } tecken.
error-invalid-json = Förfrågan kunde inte läsas: { $detail }
error-payload-too-large = Förfrågan är för stor.
error-not-found = Det finns inget här.
error-conversation-not-found = Konversationen finns inte.
error-unsupported-language = Språket stöds inte.
error-internal = Något gick fel hos oss. Försök igen om en stund.
error-too-many-requests = För många meddelanden på kort tid. Vänta { $seconds } sekunder och försök igen.
error-timeout = Svaret tog för lång tid. Försök igen om en stund.
rate-limited-reply = Du skickar meddelanden snabbare än jag hinner svara. Vänta en minut och skriv sedan igen.
