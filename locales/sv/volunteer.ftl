# The volunteer conversation in Swedish. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = Vad roligt att du vill hjälpa till! Jag ställer några korta frågor så att jag kan föreslå uppdrag som passar dig. Skriv "avbryt" när du vill sluta.
volunteer-ask-interests = Vad skulle du vilja hjälpa till med? Välj nedan eller skriv med egna ord, till exempel "läxhjälp och idrott".
volunteer-ask-languages = Vilka språk talar du? Skriv dem, till exempel "svenska och arabiska".
volunteer-ask-when = När brukar du ha tid? Välj nedan eller skriv, till exempel "tisdagar på kvällen".
volunteer-ask-where = Var kan du hjälpa till? Välj en del av kommunen, eller skriv "online" om du hellre hjälper till på distans.
volunteer-ask-age = Hur gammal är du? Du behöver ha fyllt 16 år för att vara volontär hos oss.
volunteer-ask-record-extract = En del uppdrag med barn eller äldre kräver att du visar ett utdrag ur belastningsregistret. Du beställer det gratis från Polisen. Kan du tänka dig att visa ett sådant?
volunteer-ask-consent = Sista frågan: får samordnarna kontakta dig här i chatten om uppdrag du visar intresse för? Vi sparar då dina svar som en volontärprofil tills du ber oss radera den – skriv "radera min volontärprofil" när du vill.
volunteer-not-understood = Det svaret förstod jag inte riktigt.

## Endings
volunteer-too-young = Tack för att du vill hjälpa till! Du behöver ha fyllt 16 år för att bli volontär hos kommunen. Fråga gärna en förening eller din skola om sätt att engagera dig redan nu.
volunteer-no-consent = Okej, då sparar jag ingenting. Du hittar kommunens volontäruppdrag på { $link }.
volunteer-cancelled = Okej, vi avbryter här. Skriv "jag vill hjälpa till" när du vill börja igen.
volunteer-deleted = Din volontärprofil och dina intresseanmälningar är raderade.

## Matches
volunteer-welcome-back = Välkommen tillbaka! Det här är uppdrag som passar din volontärprofil:
volunteer-matches = Tack! Det här är uppdrag som passar dig:
volunteer-more-matches = Fler uppdrag som passar dig:
volunteer-match = { $number }. { $title } ({ $organiser }) – passar eftersom { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = Tryck på "Jag är intresserad" vid ett uppdrag, så berättar jag det för samordnaren.
volunteer-no-matches = Just nu finns inget öppet uppdrag som passar dina svar. Fråga gärna igen längre fram, eller ändra dina svar.
volunteer-no-more = Det var alla uppdrag som passar dig just nu.
volunteer-organiser-municipality = kommunen
volunteer-interested = Tack! Jag har berättat för samordnaren att du är intresserad av "{ $need }". Du får besked här när de har svarat.
volunteer-need-gone = Det uppdraget går inte längre att anmäla sig till. Skriv "visa fler" för andra uppdrag.

## Answers from the coordinator
volunteer-accepted = Goda nyheter! Samordnaren tackar ja till dig för "{ $need }". Kontakta { $contact } så kommer ni överens om resten.
volunteer-declined = Samordnaren för "{ $need }" har tyvärr inte plats för dig den här gången. Skriv "jag vill hjälpa till" för att se andra uppdrag.

## Buttons
volunteer-choice-anything = Vad som helst
volunteer-topic-homework-help = Läxhjälp
volunteer-topic-language-cafe = Språkcafé
volunteer-topic-elderly = Äldre
volunteer-topic-sports = Idrott
volunteer-topic-environment = Miljö
volunteer-topic-culture = Kultur
volunteer-topic-children-and-youth = Barn och unga
volunteer-topic-newcomers = Nyanlända
volunteer-topic-digital-inclusion = Digital hjälp
volunteer-topic-events = Evenemang
volunteer-when-daytime = Vardagar dagtid
volunteer-when-evenings = Kvällar
volunteer-when-weekends = Helger
volunteer-when-any = När som helst
volunteer-where-online = Online
volunteer-where-anywhere = Var som helst
volunteer-age-adult = 18 år eller äldre
volunteer-age-16 = 16–17 år
volunteer-age-under = Under 16 år
volunteer-yes = Ja
volunteer-no = Nej
volunteer-choice-interested = Jag är intresserad: { $title }
volunteer-choice-more = Visa andra uppdrag
volunteer-choice-change = Ändra mina svar
volunteer-choice-delete = Radera min volontärprofil
