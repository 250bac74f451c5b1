# The volunteer conversation in Finnish. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = Kiva, että haluat auttaa! Kysyn muutaman lyhyen kysymyksen, jotta voin ehdottaa sinulle sopivia tehtäviä. Kirjoita "lopeta", kun haluat lopettaa.
volunteer-ask-interests = Missä haluaisit auttaa? Valitse alta tai kirjoita omin sanoin, esimerkiksi "läksyapu ja urheilu".
volunteer-ask-languages = Mitä kieliä puhut? Kirjoita ne, esimerkiksi "ruotsi ja arabia".
volunteer-ask-when = Milloin sinulla on yleensä aikaa? Valitse alta tai kirjoita, esimerkiksi "tiistaisin illalla".
volunteer-ask-where = Missä voit auttaa? Valitse jokin kunnan osa, tai kirjoita "verkossa", jos autat mieluummin etänä.
volunteer-ask-age = Kuinka vanha olet? Sinun pitää olla vähintään 16-vuotias, jotta voit olla meillä vapaaehtoisena.
volunteer-ask-record-extract = Joissakin tehtävissä lasten tai ikäihmisten kanssa sinun pitää näyttää ote rikosrekisteristä (belastningsregistret). Tilaat sen maksutta poliisilta (Polisen). Voisitko näyttää sellaisen?
volunteer-ask-consent = Viimeinen kysymys: saavatko koordinaattorit ottaa sinuun yhteyttä tässä chatissa tehtävistä, joista olet kiinnostunut? Silloin tallennamme vastauksesi vapaaehtoisprofiiliksi, kunnes pyydät meitä poistamaan sen – kirjoita "poista vapaaehtoisprofiilini", milloin haluat.
volunteer-not-understood = En ihan ymmärtänyt tuota vastausta.

## Endings
volunteer-too-young = Kiitos, että haluat auttaa! Sinun pitää olla vähintään 16-vuotias, jotta voit olla kunnan vapaaehtoinen. Kysy vaikka yhdistyksestä tai koulustasi, miten voit osallistua jo nyt.
volunteer-no-consent = Selvä, en siis tallenna mitään. Kunnan vapaaehtoistehtävät löydät osoitteesta { $link }.
volunteer-cancelled = Selvä, lopetetaan tähän. Kirjoita "haluan auttaa", kun haluat aloittaa uudelleen.
volunteer-deleted = Vapaaehtoisprofiilisi ja kiinnostuksen ilmoituksesi on poistettu.

## Matches
volunteer-welcome-back = Tervetuloa takaisin! Nämä tehtävät sopivat vapaaehtoisprofiiliisi:
volunteer-matches = Kiitos! Nämä tehtävät sopivat sinulle:
volunteer-more-matches = Lisää sinulle sopivia tehtäviä:
volunteer-match = { $number }. { $title } ({ $organiser }) – sopii, koska { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = Paina tehtävän kohdalla "Olen kiinnostunut", niin kerron siitä koordinaattorille.
volunteer-no-matches = Juuri nyt ei ole avointa tehtävää, joka sopisi vastauksiisi. Kysy uudelleen myöhemmin tai muuta vastauksiasi.
volunteer-no-more = Siinä olivat kaikki sinulle nyt sopivat tehtävät.
volunteer-organiser-municipality = kunta
volunteer-interested = Kiitos! Kerroin koordinaattorille, että olet kiinnostunut tehtävästä "{ $need }". Saat tänne tiedon, kun he ovat vastanneet.
volunteer-need-gone = Tähän tehtävään ei voi enää ilmoittautua. Kirjoita "näytä lisää", niin näet muita tehtäviä.

## Answers from the coordinator
volunteer-accepted = Hyviä uutisia! Koordinaattori hyväksyy sinut tehtävään "{ $need }". Ota yhteyttä: { $contact }, niin sovitte lopuista.
volunteer-declined = Valitettavasti tehtävän "{ $need }" koordinaattorilla ei ole tällä kertaa paikkaa sinulle. Kirjoita "haluan auttaa", niin näet muita tehtäviä.

## Buttons
volunteer-choice-anything = Mitä tahansa
volunteer-topic-homework-help = Läksyapu
volunteer-topic-language-cafe = Kielikahvila
volunteer-topic-elderly = Ikäihmiset
volunteer-topic-sports = Urheilu
volunteer-topic-environment = Ympäristö
volunteer-topic-culture = Kulttuuri
volunteer-topic-children-and-youth = Lapset ja nuoret
volunteer-topic-newcomers = Vasta muuttaneet
volunteer-topic-digital-inclusion = Digiapu
volunteer-topic-events = Tapahtumat
volunteer-when-daytime = Arkisin päivällä
volunteer-when-evenings = Iltaisin
volunteer-when-weekends = Viikonloppuisin
volunteer-when-any = Milloin tahansa
volunteer-where-online = Verkossa
volunteer-where-anywhere = Missä tahansa
volunteer-age-adult = 18 vuotta tai vanhempi
volunteer-age-16 = 16–17 vuotta
volunteer-age-under = Alle 16 vuotta
volunteer-yes = Kyllä
volunteer-no = Ei
volunteer-choice-interested = Olen kiinnostunut: { $title }
volunteer-choice-more = Näytä muita tehtäviä
volunteer-choice-change = Muuta vastauksiani
volunteer-choice-delete = Poista vapaaehtoisprofiilini
