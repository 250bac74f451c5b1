# Somali interface strings. Placeables: { $municipality }, { $phone }, { $hours }, { $language }.

language-name = Soomaali

## Replies of the assistant
greeting-reply = Salaan! Waxaan ahay kaaliyaha dhijitaalka ah ee { $municipality }. Su'aal ku weydii erayadaada, tusaale ahaan ku saabsan ururinta qashinka, xannaanada carruurta ama ruqsadda dhismaha.
thanks-reply = Adaa mudan! Fadlan i weydii haddii ay jiraan wax kale.
goodbye-reply = Nabad gelyo, mar kale soo dhowow!
help-reply = Waxaan ka jawaabaa su'aalaha caadiga ah ee ku saabsan adeegyada degmada – tusaale ahaan dugsiga iyo xannaanada carruurta, qashinka, biyaha, ruqsadda dhismaha, daryeelka iyo taageerada – habeen iyo maalin iyo luqado badan. Su'aashaada ku qor erayadaada. Haddii aad rabto inaad la hadasho qof, qor "la hadal qof".
human-reply = Waxaad qof kala hadli kartaa xarunta xiriirka ee degmada: wac { $phone } ({ $hours }) ama noogu soo qor foomka xiriirka. Su'aashaada halkan ayaan ku kaydinnay si aadan dib uga bilaabin.
human-reply-closed = Xarunta xiriirku hadda way xiran tahay, waxayna dib u furmaysaa { $opens }. Halkan ku qor fariintaada – way na sugaysaa, waanan kuu jawaabi doonnaa marka aan furno. Waxaad sidoo kale wici kartaa { $phone } markaas.
human-reply-interpreter = Haddii aad u baahan tahay turjubaan, xarunta xiriirku way kuu ballansan kartaa.
emergency-reply = Ma jiraa qof hadda khatar ku jira? Isla markiiba wac 112.
case-status-reply = Xaaladda arrimahaaga waxaad arki kartaa marka aad gasho Bogagayga (Mina sidor) adigoo isticmaalaya aqoonsiga elektaroonigga ah (e-legitimation); markaad gasho waxaad sidoo kale halkan i weydiin kartaa. Xarunta xiriirka ayaa sidoo kale ku caawin karta: wac { $phone } ({ $hours }).
language-menu = Dooro luqad:
handoff-waiting = Su'aashaadu waxay joogtaa xarunta xiriirka. Shaqaale ayaa halkan kaaga jawaabi doona sida ugu dhakhsaha badan.
change-language-reply = Hadda wixii ka dambeeya waxaan ku qori doonaa Af-Soomaali.
unknown-reply = Waan ka xumahay, ma hubo inaan taas ka jawaabi karo. Fadlan isku day erayo kale, ama la xiriir xarunta xiriirka { $phone } ({ $hours }).
choices-intro = Ma waxaad ula jeedday mid ka mid ah kuwan?
followup-none = Ma hubo mowduuca aad ula jeeddo. Ma qori kartaa su'aasha oo dhammaystiran?
untranslated-notice = Jawaabtan weli lagama heli karo Af-Soomaali. Waa tan oo ku qoran { $language }:
interpreter-offer = Xarunta xiriirka ayaa kaa caawin karta helitaanka turjubaan: wac { $phone }.
read-more = Wax badan ka akhri
talk-to-person = La hadal qof
see-also = Sidoo kale eeg

## Errors of the HTTP API
error-empty-message = Fariintu waa madhan tahay. Fadlan qor su'aal.
error-message-too-long = Fariintu aad bay u dheer tahay. Qor ugu badnaan { $max } xaraf.
error-invalid-json = Codsiga lama akhrin karin: { $detail }
error-payload-too-large = Codsigu aad buu u weyn yahay.
error-not-found = Halkan waxba ma yaallaan.
error-conversation-not-found = Wada-sheekaysigu ma jiro.
error-unsupported-language = Luqaddan lama taageero.
error-internal = Khalad ayaa dhinacayaga ka dhacay. Fadlan mar kale isku day wax yar kadib.
error-too-many-requests = Fariimo aad u badan ayaa waqti gaaban la soo diray. Fadlan sug { $seconds } ilbiriqsi kadibna mar kale isku day.
error-timeout = Jawaabtu waxay qaadatay waqti aad u dheer. Fadlan mar kale isku day wax yar kadib.
rate-limited-reply = Waxaad fariimaha u soo diraysaa si ka dhakhso badan intaan ka jawaabi karo. Fadlan sug hal daqiiqo kadibna mar kale qor.
