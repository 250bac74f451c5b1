# Soomaali: qoraallada sanduuqa wada-sheekaysiga ee bogga (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = Nala sheekayso
widget-close = Xir wada-sheekaysiga
widget-title = Kaaliye dijitaal ah
widget-intro = Waxaad la sheekaysanaysaa kaaliye dijitaal ah, ma aha qof. Jawaabuhu way khaldami karaan, sidaas darteed hubi macluumaadka muhiimka ah. Ha qorin lambarkaaga shakhsiga ah (personnummer) ama macluumaad kale oo xasaasi ah.
widget-log-label = Wada-sheekaysi
widget-input-label = Su'aashaada
widget-placeholder = Halkan ku qor su'aashaada
widget-send = Dir
widget-typing = Kaaliyaha ayaa qoraya …
widget-talk-to-person = La hadal qof
widget-choices = Dooro mid ka mid ah
widget-feedback-question = Jawaabtu ma ku caawisay?
widget-thumbs-up = Haa, jawaabtu way i caawisay
widget-thumbs-down = Maya, jawaabtu ima caawin
widget-feedback-thanks = Waad ku mahadsan tahay jawaab celintaada!
widget-language-menu = Luqadda
widget-new-conversation = Wada-sheekaysi cusub
widget-offline = Kuma xiriirsanid internetka. Fariimahaaga waa la diri doonaa marka xiriirku soo laabto.
widget-reconnecting = Dib ayaa loo xiriirinayaa …
widget-server-down = Wada-sheekaysigu hadda ma shaqaynayo. Isku day mar kale wax yar kadib ama wac xarunta xiriirka { $phone }.
widget-pending = Waxay sugaysaa in la diro
widget-error = Fariinta lama diri karin.
widget-retry = Isku day mar kale
widget-new-tab = waxay ka furmaysaa tab cusub
widget-you = Adiga
widget-assistant = Kaaliyaha
