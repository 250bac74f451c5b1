# Tigrinya interface strings. Placeables: { $municipality }, { $phone }, { $hours }, { $language }.

language-name = ትግርኛ

## Replies of the assistant
greeting-reply = ሰላም! ኣነ ዲጂታላዊ ሓጋዚ ናይ { $municipality } እየ። ሕቶኹም ብናይ ገዛእ ርእስኹም ቃላት ሕተቱ፣ ንኣብነት ብዛዕባ ምእካብ ጎሓፍ፣ መዋእለ ህጻናት ወይ ፍቓድ ምህናጽ።
thanks-reply = ብሓጎስ! ካልእ ሕቶ እንተሃልዩኩም ብዘይ ስክፍታ ሕተቱ።
goodbye-reply = ደሓን ኩኑ! ኣብ ካልእ ግዜ ብሓጎስ ክንቅበለኩም ኢና።
help-reply = ብዛዕባ ኣገልግሎታት ኮሙን ብተደጋጋሚ ንዝሕተቱ ሕቶታት እምልስ – ንኣብነት ቤት ትምህርትን መዋእለ ህጻናትን፣ ጎሓፍ፣ ማይ፣ ፍቓድ ምህናጽ፣ ክንክንን ደገፍን – መዓልትን ለይትን ከምኡ'ውን ብብዙሓት ቋንቋታት። ሕቶኹም ብናይ ገዛእ ርእስኹም ቃላት ጽሓፉ። ምስ ሰብ ክትዛረቡ እንተደሊኹም "ምስ ሰብ ምዝራብ" ኢልኩም ጽሓፉ።
human-reply = ኣብ ማእከል ርክብ ናይ ኮሙን ምስ ሰብ ክትዛረቡ ትኽእሉ ኢኹም፦ ናብ { $phone } ({ $hours }) ደውሉ ወይ ብቕጥዒ ርክብ ጽሓፉልና። ሕቶኹም ኣብዚ ዓቒብናዮ ስለ ዘለና ካብ መጀመርታ ክትጅምሩ ኣየድልየኩምን።
human-reply-closed = ማእከል ርክብ ሕጂ ዕጹው እዩ፣ ደጊሙ { $opens } ይኽፈት። መልእኽትኹም ኣብዚ ጽሓፉ – ክጽበየና እዩ፣ ምስ ከፈትና ድማ ክንምልሰልኩም ኢና። ሽዑ ናብ { $phone } ክትድውሉ እውን ትኽእሉ ኢኹም።
human-reply-interpreter = ተርጓሚ እንተ ኣድልዩኩም፣ ማእከል ርክብ ክሕዝልኩም ይኽእል እዩ።
emergency-reply = ሕጂ ኣብ ሓደጋ ዘሎ ሰብ ኣሎ ዶ? ብቕጽበት ናብ 112 ደውሉ።
case-status-reply = ኩነታት ጉዳያትኩም ብኤሌክትሮኒካዊ መንነት (e-legitimation) ናብ "ናተይ ገጻት" (Mina sidor) ምስ ኣቶኹም ክትርእይዎ ትኽእሉ ኢኹም፤ ምስ ኣቶኹም ኣብዚ እውን ክትሓቱኒ ትኽእሉ። ማእከል ርክብ እውን ክሕግዘኩም ይኽእል እዩ፦ ናብ { $phone } ({ $hours }) ደውሉ።
language-menu = ቋንቋ ምረጹ፦
handoff-waiting = ሕቶኹም ኣብ ማእከል ርክብ ኣሎ። ሓደ ሰራሕተኛ ኣብዚ ብቕልጡፍ ክምልሰልኩም እዩ።
change-language-reply = ካብ ሕጂ ንደሓር ብትግርኛ ክጽሕፍ እየ።
unknown-reply = ይቕሬታ፣ ነዚ ክምልሶ ከም ዝኽእል ርግጸኛ ኣይኮንኩን። በጃኹም ብኻልእ ቃላት ፈትኑ፣ ወይ ንማእከል ርክብ ብቁጽሪ { $phone } ({ $hours }) ተወከሱ።
choices-intro = ካብዞም ዝስዕቡ ሓደ ማለትኩም ድዩ?
followup-none = ኣየናይ ኣርእስቲ ማለትኩም ምዃኑ ርግጸኛ ኣይኮንኩን። ምሉእ ሕቶኹም ክትጽሕፉ ትኽእሉ ዶ?
untranslated-notice = እዚ መልሲ ገና ብትግርኛ ኣይርከብን። ብቋንቋ { $language } እንሆ፦
interpreter-offer = ማእከል ርክብ ተርጓሚ ብምርካብ ክሕግዘኩም ይኽእል እዩ፦ ናብ { $phone } ደውሉ።
read-more = ተወሳኺ ኣንብቡ
talk-to-person = ምስ ሰብ ምዝራብ
see-also = ከምኡ'ውን ርኣዩ

## Errors of the HTTP API
error-empty-message = መልእኽቲ ባዶ እዩ። በጃኹም ሕቶ ጽሓፉ።
error-message-too-long = መልእኽቲ ኣዝዩ ነዊሕ እዩ። እንተበዝሔ { $max } ፊደላት ጽሓፉ።
error-invalid-json = እቲ ጠለብ ክንበብ ኣይከኣለን፦ { $detail }
error-payload-too-large = እቲ ጠለብ ኣዝዩ ዓብዩ እዩ።
error-not-found = ኣብዚ ዝኾነ ነገር የለን።
error-conversation-not-found = እዚ ዝርርብ የለን።
error-unsupported-language = እዚ ቋንቋ ኣይድገፍን እዩ።
error-internal = ካብ ወገንና ጌጋ ተፈጺሙ። በጃኹም ድሕሪ ቁሩብ እዋን እንደገና ፈትኑ።
error-too-many-requests = ኣብ ሓጺር እዋን ብዙሓት መልእኽትታት ተላኢኹ። በጃኹም { $seconds } ካልኢት ተጸበዩ እሞ እንደገና ፈትኑ።
error-timeout = እቲ መልሲ ብዙሕ ግዜ ወሲዱ። በጃኹም ድሕሪ ቁሩብ እዋን እንደገና ፈትኑ።
rate-limited-reply = ካብቲ ክምልሶ ዝኽእል ብዝቐልጠፈ መልእኽትታት ትልእኹ ኣለኹም። በጃኹም ሓንቲ ደቒቕ ተጸበዩ እሞ እንደገና ጽሓፉ።
