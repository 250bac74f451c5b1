# The privacy notice in Somali, shown at /privacy and linked from the chat. Placeables:
# { $municipality }, { $days }, { $email }, { $phone }.

privacy-title = Sida aan ula dhaqanno xogtaada wada-sheekaysiga
privacy-who = { $municipality } ayaa mas'uul ka ah xogta shakhsiga ah ee wada-sheekaysiga. Kaaliyaha dhijitaalka ah wuxuu u jiraa si aad si dhakhso ah u hesho jawaabaha su'aalaha caadiga ah ee ku saabsan adeegyada degmada.
privacy-what = Waxaan kaydinnaa waxa aad ku qorto wada-sheekaysiga, jawaabaha kaaliyaha, luqadda aad ku qorto iyo goorta fariimaha la diray. Haddii aad ku qorto Telegram, waxaan sidoo kale kaydinnaa lambar lagu garto wada-sheekaysiga, laakiin ma kaydinno magacaaga ama lambarkaaga taleefanka.
privacy-why = Xogta waxaan u isticmaalnaa si aan kuugu jawaabno, si shaqaale ula wareego wada-sheekaysiga haddii aad codsato, iyo si aan u hagaajinno jawaabaha. Saldhigga sharciga ahi waa in degmadu qabato hawl danta guud ah.
privacy-retention = Wada-sheekaysiyada si toos ah ayaa loo tirtiraa { $days } maalmood kadib fariinta ugu dambaysa. Haddii aad isu diiwaan geliso tabarruce, jawaabahaaga waxaan u kaydinaynaa sidii xogtaada tabarruce ilaa aad naga codsato inaan tirtirno.
privacy-sensitive = Ha ku qorin wada-sheekaysiga lambarkaaga shakhsiga ah (personnummer), macluumaad ku saabsan caafimaadkaaga ama xog kale oo xasaasi ah. Haddii aad caawimaad uga baahan tahay arrin adiga kuu gaar ah, gal Bogagayga (Mina sidor) ama nala soo xiriir.
privacy-rights = Waxaad xaq u leedahay inaad ogaato xogta aan kaa hayno, in la saxo ama la tirtiro, iyo inaad cabasho u gudbiso Hay'adda Ilaalinta Xogta Gaarka ah ee Iswiidhan (Integritetsskyddsmyndigheten, IMY). Nagala soo xiriir { $email } ama { $phone }.
widget-privacy = Sida aan ula dhaqanno xogtaada
