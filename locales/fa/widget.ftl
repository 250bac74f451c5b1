# فارسی: متن‌های پنجره گفتگوی وب‌سایت (src/channels/web/assets/widget.js). Placeables: { $phone }.

widget-open = با ما گفتگو کنید
widget-close = بستن گفتگو
widget-title = دستیار دیجیتال
widget-intro = شما با یک دستیار دیجیتال گفتگو می‌کنید، نه با یک انسان. پاسخ‌ها ممکن است نادرست باشند، پس اطلاعات مهم را بررسی کنید. شماره شخصی (personnummer) یا اطلاعات حساس دیگر خود را ننویسید.
widget-log-label = گفتگو
widget-input-label = سؤال شما
widget-placeholder = سؤال خود را اینجا بنویسید
widget-send = ارسال
widget-typing = دستیار در حال نوشتن است …
widget-talk-to-person = صحبت با یک شخص
widget-choices = یک گزینه را انتخاب کنید
widget-feedback-question = آیا این پاسخ مفید بود؟
widget-thumbs-up = بله، پاسخ کمک کرد
widget-thumbs-down = نه، پاسخ کمکی نکرد
widget-feedback-thanks = از بازخورد شما سپاسگزاریم!
widget-language-menu = زبان
widget-new-conversation = گفتگوی جدید
widget-offline = شما به اینترنت متصل نیستید. پیام‌های شما پس از برقراری دوباره اتصال فرستاده می‌شوند.
widget-reconnecting = در حال اتصال دوباره …
widget-server-down = گفتگو در حال حاضر کار نمی‌کند. کمی بعد دوباره امتحان کنید یا با مرکز تماس به شماره { $phone } تماس بگیرید.
widget-pending = در انتظار ارسال
widget-error = پیام فرستاده نشد.
widget-retry = دوباره امتحان کنید
widget-new-tab = در زبانه‌ای جدید باز می‌شود
widget-you = شما
widget-assistant = دستیار
