# The privacy notice in Finnish, shown at /privacy and linked from the chat. Placeables:
# { $municipality }, { $days }, { $email }, { $phone }.

privacy-title = Näin käsittelemme tietojasi chatissa
privacy-who = { $municipality } on chatin henkilötietojen rekisterinpitäjä eli vastaa niiden käsittelystä. Digitaalinen avustaja on olemassa, jotta saat nopeasti vastauksia tavallisiin kysymyksiin kunnan palveluista.
privacy-what = Tallennamme sen, mitä kirjoitat chatissa, avustajan vastaukset, kielen, jolla kirjoitat, ja sen, milloin viestit lähetettiin. Jos kirjoitat Telegramin kautta, tallennamme myös numeron, joka yksilöi keskustelun, mutta emme nimeäsi tai puhelinnumeroasi.
privacy-why = Käytämme tietoja vastataksemme sinulle, jotta työntekijä voi jatkaa keskustelua, jos pyydät sitä, ja parantaaksemme vastauksia. Käsittelyn oikeusperuste on se, että kunta hoitaa yleisen edun mukaista tehtävää.
privacy-retention = Keskustelut poistetaan automaattisesti { $days } päivän kuluttua viimeisestä viestistä. Jos ilmoittaudut vapaaehtoiseksi, säilytämme vastauksesi vapaaehtoisprofiilissa, kunnes pyydät meitä poistamaan sen.
privacy-sensitive = Älä kirjoita chattiin henkilötunnustasi (personnummer), terveyttäsi koskevia tietoja tai muita arkaluonteisia tietoja. Jos tarvitset apua omassa asiassasi, kirjaudu Omille sivuille (Mina sidor) tai ota meihin yhteyttä.
privacy-rights = Sinulla on oikeus saada tietää, mitä tietoja meillä on sinusta, saada ne korjatuiksi tai poistetuiksi sekä tehdä valitus Ruotsin tietosuojaviranomaiselle (Integritetsskyddsmyndigheten, IMY). Ota meihin yhteyttä: { $email } tai { $phone }.
widget-privacy = Näin käsittelemme tietojasi
