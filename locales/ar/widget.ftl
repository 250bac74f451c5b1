# العربية: نصوص أداة المحادثة على الموقع (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = تحدّث معنا
widget-close = أغلق المحادثة
widget-title = المساعد الرقمي
widget-intro = أنت تتحدث مع مساعد رقمي وليس مع إنسان. قد تكون الإجابات خاطئة، لذا تحقّق من المعلومات المهمة. لا تكتب رقمك الشخصي (personnummer) أو أي معلومات حساسة أخرى.
widget-log-label = المحادثة
widget-input-label = سؤالك
widget-placeholder = اكتب سؤالك هنا
widget-send = إرسال
widget-typing = المساعد يكتب …
widget-talk-to-person = التحدث مع شخص
widget-choices = اختر أحد الخيارات
widget-feedback-question = هل كانت الإجابة مفيدة؟
widget-thumbs-up = نعم، ساعدتني الإجابة
widget-thumbs-down = لا، لم تساعدني الإجابة
widget-feedback-thanks = شكرًا على تقييمك!
widget-language-menu = اللغة
widget-new-conversation = محادثة جديدة
widget-offline = أنت غير متصل بالإنترنت. ستُرسَل رسائلك عندما يعود الاتصال.
widget-reconnecting = جارٍ إعادة الاتصال …
widget-server-down = المحادثة لا تعمل الآن. حاول مرة أخرى بعد قليل أو اتصل بمركز الاتصال على الرقم { $phone }.
widget-pending = في انتظار الإرسال
widget-error = تعذّر إرسال الرسالة.
widget-retry = حاول مرة أخرى
widget-new-tab = يُفتح في علامة تبويب جديدة
widget-you = أنت
widget-assistant = المساعد
