# ትግርኛ: ጽሑፋት ናይቲ ኣብ መርበብ ዘሎ መዘራረቢ (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = ምሳና ተዘራረቡ
widget-close = ዕላል ዕጸዉ
widget-title = ዲጂታላዊ ሓጋዚ
widget-intro = ምስ ዲጂታላዊ ሓጋዚ ኢኹም ትዘራረቡ ዘለኹም፡ ምስ ሰብ ኣይኮነን። መልስታት ጌጋ ክኾኑ ይኽእሉ እዮም፡ ስለዚ ኣገደስቲ ሓበሬታ ኣረጋግጹ። ናይ ውልቂ ቁጽሪ (personnummer) ወይ ካልእ ተኣፋፊ ሓበሬታ ኣይትጸሓፉ።
widget-log-label = ዕላል
widget-input-label = ሕቶኹም
widget-placeholder = ሕቶኹም ኣብዚ ጸሓፉ
widget-send = ስደዱ
widget-typing = ሓጋዚ ይጽሕፍ ኣሎ …
widget-talk-to-person = ምስ ሰብ ምዝራብ
widget-choices = ሓደ ምርጫ ምረጹ
widget-feedback-question = እዚ መልሲ ሓጊዙኩም ድዩ?
widget-thumbs-up = እወ፡ እቲ መልሲ ሓጊዙኒ
widget-thumbs-down = ኖ፡ እቲ መልሲ ኣይሓገዘንን
widget-feedback-thanks = ስለ ርእይቶኹም የቐንየልና!
widget-language-menu = ቋንቋ
widget-new-conversation = ሓድሽ ዕላል
widget-offline = ምስ ኢንተርነት ኣይተራኸብኩምን። ርክብ ምስ ተመልሰ መልእኽትታትኩም ክለኣኹ እዮም።
widget-reconnecting = ዳግማይ ይራኸብ ኣሎ …
widget-server-down = እቲ ዕላል ሕጂ ኣይሰርሕን ዘሎ። ድሕሪ ቁሩብ ደጊምኩም ፈትኑ ወይ ናብ ማእከል ርክብ ብቁጽሪ { $phone } ደውሉ።
widget-pending = ክለኣኽ ይጽበ ኣሎ
widget-error = እቲ መልእኽቲ ክለኣኽ ኣይከኣለን።
widget-retry = ደጊምኩም ፈትኑ
widget-new-tab = ኣብ ሓድሽ ታብ ይኽፈት
widget-you = ንስኹም
widget-assistant = ሓጋዚ
