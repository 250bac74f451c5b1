# The volunteer conversation in Tigrinya. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = ክትሕግዙ ስለ ዝደለኹም ብጣዕሚ ጽቡቕ! ዝሰማምዑኹም ዕማማት ክሕብረኩም ምእንቲ፡ ሒደት ሓጸርቲ ሕቶታት ክሓተኩም እየ። ደው ከተብሉ ምስ ደለኹም "ኣቋርጽ" ጽሓፉ።
volunteer-ask-interests = ብምንታይ ክትሕግዙ ትደልዩ? ካብ ታሕቲ ምረጹ ወይ ብናይ ገዛእ ርእስኹም ቃላት ጽሓፉ፣ ንኣብነት "ዕዮ ገዛ፣ ስፖርት"።
volunteer-ask-languages = ብኣየናይ ቋንቋታት ትዛረቡ? ጽሓፍዎም፣ ንኣብነት "ሽወድኛን ዓረብኛን"።
volunteer-ask-when = መብዛሕትኡ ግዜ መዓስ ግዜ ኣለኩም? ካብ ታሕቲ ምረጹ ወይ ጽሓፉ፣ ንኣብነት "ሰሉስ ምሸት"።
volunteer-ask-where = ኣበይ ክትሕግዙ ትኽእሉ? ሓደ ክፋል ናይ ኮሙን ምረጹ፣ ወይ ካብ ርሑቕ ክትሕግዙ እንተመረጽኩም "ኦንላይን" ጽሓፉ።
volunteer-ask-age = ዕድሜኹም ክንደይ እዩ? ምሳና ወለንተኛ ንምዃን እንተወሓደ 16 ዓመት ክትመልኡ ኣለኩም።
volunteer-ask-record-extract = ገለ ምስ ቆልዑ ወይ ዓበይቲ ዓዲ ዝግበሩ ዕማማት፡ ካብ መዝገብ ገበን (belastningsregistret) ዝወጸ ሰነድ ከተርእዩ ይሓቱ። ነዚ ሰነድ ብዘይ ክፍሊት ካብ ፖሊስ (Polisen) ትሓትዎ። ከምዚ ዝበለ ሰነድ ከተርእዩ ድሉዋት ዲኹም?
volunteer-ask-consent = ናይ መወዳእታ ሕቶ፦ ኣወሃሃድቲ ብዛዕባ እቶም ዝተገደስኩምሎም ዕማማት ኣብዚ ቻት ክረኽቡኹም ይኽእሉ ዶ? ሽዑ ክሳብ ክንድምስሶ እትሓቱና መልስታትኩም ከም ፕሮፋይል ወለንተኛ ንዕቅቦ – ኣብ ዝደለኹምዎ ግዜ "ፕሮፋይል ወለንተኛይ ደምስስ" ጽሓፉ።
volunteer-not-understood = እዚ መልሲ ብግቡእ ኣይተረድኣንን።

## Endings
volunteer-too-young = ክትሕግዙ ስለ ዝደለኹም የቐንየልና! ናይ ኮሙን ወለንተኛ ንምዃን እንተወሓደ 16 ዓመት ክትመልኡ ኣለኩም። ካብ ሕጂ ጀሚርኩም ከመይ ክትሳተፉ ከም እትኽእሉ ንሓደ ማሕበር ወይ ንቤት ትምህርትኹም ሕተቱ።
volunteer-no-consent = ሕራይ፣ እምበኣር ዋላ ሓንቲ ኣይዕቅብን። ናይ ኮሙን ወለንተኛ ዕማማት ኣብ { $link } ክትረኽብዎ ትኽእሉ ኢኹም።
volunteer-cancelled = ሕራይ፣ ኣብዚ ነቋርጽ። ደጊምኩም ክትጅምሩ ምስ ደለኹም "ክሕግዝ እደሊ" ጽሓፉ።
volunteer-deleted = ፕሮፋይል ወለንተኛኹምን ናይ ተገዳስነት መመልከቲታትኩምን ተደምሲሱ እዩ።

## Matches
volunteer-welcome-back = እንቋዕ ብደሓን ተመለስኩም! እዞም ዕማማት ምስ ፕሮፋይል ወለንተኛኹም ይሰማምዑ፦
volunteer-matches = የቐንየልና! እዞም ዕማማት ይሰማምዑኹም፦
volunteer-more-matches = ተወሳኺ ዝሰማምዑኹም ዕማማት፦
volunteer-match = { $number }. { $title } ({ $organiser }) – ዝተሓበረሉ ምኽንያት፦ { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = ኣብ ጥቓ ሓደ ዕማም "ይግደሰኒ እዩ" ጠውቑ፣ ንኣወሃሃዲ ክሕብሮ እየ።
volunteer-no-matches = ሕጂ ምስ መልስታትኩም ዝሰማማዕ ክፉት ዕማም የለን። ጸኒሕኩም ደጊምኩም ሕተቱ፣ ወይ መልስታትኩም ቀይሩ።
volunteer-no-more = እዚኦም ኩሎም ሕጂ ዝሰማምዑኹም ዕማማት እዮም።
volunteer-organiser-municipality = ኮሙን
volunteer-interested = የቐንየልና! "{ $need }" ከም ዝገደሰኩም ንኣወሃሃዲ ሓቢረዮ ኣለኹ። ምስ መለሱ ኣብዚ ክትሰምዑ ኢኹም።
volunteer-need-gone = ናብዚ ዕማም ሕጂ ክትምዝገቡ ኣይከኣልን። ካልእ ዕማማት ንምርኣይ "ተወሳኺ ኣርእየኒ" ጽሓፉ።

## Answers from the coordinator
volunteer-accepted = ጽቡቕ ዜና! ኣወሃሃዲ ን"{ $need }" ተቐቢሉኩም ኣሎ። ንዝተረፈ ንምስምማዕ ምስ { $contact } ተራኸቡ።
volunteer-declined = ይቕሬታ፣ ኣወሃሃዲ "{ $need }" ኣብዚ ግዜ እዚ ቦታ የብሉን። ካልእ ዕማማት ንምርኣይ "ክሕግዝ እደሊ" ጽሓፉ።

## Buttons
volunteer-choice-anything = ዝኾነ ነገር
volunteer-topic-homework-help = ሓገዝ ዕዮ ገዛ
volunteer-topic-language-cafe = ካፈ ቋንቋ
volunteer-topic-elderly = ዓበይቲ ዓዲ
volunteer-topic-sports = ስፖርት
volunteer-topic-environment = ኣከባቢ
volunteer-topic-culture = ባህሊ
volunteer-topic-children-and-youth = ቆልዑን መንእሰያትን
volunteer-topic-newcomers = ሓደሽቲ መጻእቲ
volunteer-topic-digital-inclusion = ዲጂታላዊ ሓገዝ
volunteer-topic-events = ፍጻመታት
volunteer-when-daytime = መዓልታት ስራሕ፣ ብመዓልቲ
volunteer-when-evenings = ምሸታት
volunteer-when-weekends = ቀዳመ ሰንበት
volunteer-when-any = ዝኾነ ግዜ
volunteer-where-online = ኦንላይን
volunteer-where-anywhere = ዝኾነ ቦታ
volunteer-age-adult = 18 ዓመት ወይ ልዕሊኡ
volunteer-age-16 = 16–17 ዓመት
volunteer-age-under = ትሕቲ 16 ዓመት
volunteer-yes = እወ
volunteer-no = ኣይፋል
volunteer-choice-interested = ይግደሰኒ እዩ: { $title }
volunteer-choice-more = ካልእ ዕማማት ኣርእየኒ
volunteer-choice-change = መልስታተይ ቀይር
volunteer-choice-delete = ፕሮፋይል ወለንተኛይ ደምስስ
