# The volunteer conversation in Somali. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = Waa wax fiican inaad rabto inaad caawiso! Waxaan ku weydiinayaa dhowr su'aalood oo gaagaaban si aan kuugu soo jeediyo hawlo kugu habboon. Qor "jooji" markaad rabto inaad joojiso.
volunteer-ask-interests = Maxaad jeclaan lahayd inaad ka caawiso? Hoos ka dooro ama ku qor erayadaada, tusaale ahaan "casharrada guriga iyo isboortiga".
volunteer-ask-languages = Luqadee ku hadashaa? Qor, tusaale ahaan "iswiidhish iyo carabi".
volunteer-ask-when = Goorma ayaad caadi ahaan waqti firaaqo ah leedahay? Hoos ka dooro ama qor, tusaale ahaan "talaadada fiidkii".
volunteer-ask-where = Xaggee ka caawin kartaa? Dooro qayb ka mid ah degmada, ama qor "online" haddii aad door bidayso inaad meel fog ka caawiso.
volunteer-ask-age = Immisa jir baad tahay? Waa inaad gaartay 16 sano si aad tabarruce noogu noqoto.
volunteer-ask-record-extract = Hawlaha qaar ee carruurta ama dadka waayeelka ah waxay u baahan yihiin inaad tusto warqad laga soo saaray diiwaanka dembiyada (belastningsregistret). Bilaash ayaad uga dalban kartaa booliska (Polisen). Ma diyaar u tahay inaad tusto warqaddaas?
volunteer-ask-consent = Su'aasha ugu dambaysa: isku-duwayaashu ma kula soo xiriiri karaan halkan wada-sheekaysiga oo ku saabsan hawlaha aad xiisaynayso? Markaas jawaabahaaga waxaan u kaydinaynaa sidii xogtaada tabarruce ilaa aad naga codsato inaan tirtirno – qor "tirtir xogtayda tabarruce" markaad rabto.
volunteer-not-understood = Jawaabtaas si fiican uma fahmin.

## Endings
volunteer-too-young = Waad ku mahadsan tahay inaad rabto inaad caawiso! Waa inaad gaartay 16 sano si aad tabarruce ugu noqoto degmada. Weydii urur ama dugsigaaga siyaabaha aad hadda uga qayb qaadan karto.
volunteer-no-consent = Hagaag, markaa waxba ma kaydinayo. Hawlaha tabarruca ee degmada waxaad ka heli kartaa { $link }.
volunteer-cancelled = Hagaag, halkan ayaan ku joojinaynaa. Qor "waxaan rabaa inaan caawiyo" markaad rabto inaad dib u bilowdo.
volunteer-deleted = Xogtaada tabarruce iyo codsiyadaada xiisaha waa la tirtiray.

## Matches
volunteer-welcome-back = Ku soo dhowow mar kale! Kuwani waa hawlo ku habboon xogtaada tabarruce:
volunteer-matches = Mahadsanid! Kuwani waa hawlo kugu habboon:
volunteer-more-matches = Hawlo kale oo kugu habboon:
volunteer-match = { $number }. { $title } ({ $organiser }) – waa laguu soo jeediyay sababtoo ah { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = Riix "Waan xiiseynayaa" hawsha agteeda, anigaa u sheegaya isku-duwaha.
volunteer-no-matches = Hadda ma jirto hawl furan oo ku habboon jawaabahaaga. Mar dambe dib u weydii, ama beddel jawaabahaaga.
volunteer-no-more = Intaas ayay ahaayeen dhammaan hawlaha hadda kugu habboon.
volunteer-organiser-municipality = degmada
volunteer-interested = Mahadsanid! Waxaan u sheegay isku-duwaha inaad xiiseyneyso "{ $need }". Halkan ayaad jawaabta ka heli doontaa marka ay soo jawaabaan.
volunteer-need-gone = Hawshaas hadda lama iska diiwaan gelin karo. Qor "i tus kuwo kale" si aad u aragto hawlo kale.

## Answers from the coordinator
volunteer-accepted = War wanaagsan! Isku-duwaha ayaa kuu aqbalay "{ $need }". La xiriir { $contact } si aad isugu afgartaan inta kale.
volunteer-declined = Nasiib darro, isku-duwaha "{ $need }" meel uma hayo markan. Qor "waxaan rabaa inaan caawiyo" si aad u aragto hawlo kale.

## Buttons
volunteer-choice-anything = Wax kasta
volunteer-topic-homework-help = Caawinta casharrada guriga
volunteer-topic-language-cafe = Kafeega luqadda
volunteer-topic-elderly = Dadka waayeelka ah
volunteer-topic-sports = Isboorti
volunteer-topic-environment = Deegaanka
volunteer-topic-culture = Dhaqanka
volunteer-topic-children-and-youth = Carruurta iyo dhallinyarada
volunteer-topic-newcomers = Dadka dhowaan yimid
volunteer-topic-digital-inclusion = Caawin dhijitaal
volunteer-topic-events = Munaasabado
volunteer-when-daytime = Maalmaha shaqada, maalintii
volunteer-when-evenings = Fiidkii
volunteer-when-weekends = Dhammaadka toddobaadka
volunteer-when-any = Wakhti kasta
volunteer-where-online = Online
volunteer-where-anywhere = Meel kasta
volunteer-age-adult = 18 jir ama ka weyn
volunteer-age-16 = 16–17 jir
volunteer-age-under = Ka yar 16 jir
volunteer-yes = Haa
volunteer-no = Maya
volunteer-choice-interested = Waan xiiseynayaa: { $title }
volunteer-choice-more = I tus hawlo kale
volunteer-choice-change = Beddel jawaabahayga
volunteer-choice-delete = Tirtir xogtayda tabarruce
