# The privacy notice in Swedish, shown at /privacy and linked from the chat. Placeables:
# { $municipality }, { $days }, { $email }, { $phone }.

privacy-title = Så hanterar vi dina uppgifter i chatten
privacy-who = { $municipality } är personuppgiftsansvarig för chatten. Den digitala assistenten finns för att du snabbt ska få svar på vanliga frågor om kommunens service.
privacy-what = Vi sparar det du skriver i chatten, assistentens svar, vilket språk du skriver på och när meddelandena skickades. Skriver du via Telegram sparar vi också ett nummer som identifierar chatten, men inte ditt namn eller telefonnummer.
privacy-why = Vi använder uppgifterna för att svara dig, för att en handläggare ska kunna ta över samtalet om du ber om det och för att förbättra svaren. Den rättsliga grunden är att kommunen utför en uppgift av allmänt intresse.
privacy-retention = Samtal raderas automatiskt { $days } dagar efter det senaste meddelandet. Anmäler du dig som volontär sparar vi dina svar i en volontärprofil tills du ber oss radera den.
privacy-sensitive = Skriv inte ditt personnummer, uppgifter om din hälsa eller andra känsliga uppgifter i chatten. Behöver du hjälp med ett eget ärende, logga in på Mina sidor eller kontakta oss.
privacy-rights = Du har rätt att få veta vilka uppgifter vi har om dig, att få dem rättade eller raderade och att klaga hos Integritetsskyddsmyndigheten (IMY). Kontakta oss på { $email } eller { $phone }.
widget-privacy = Så hanterar vi dina uppgifter
