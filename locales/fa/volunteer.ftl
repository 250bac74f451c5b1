# The volunteer conversation in Persian. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = چه خوب که می‌خواهید کمک کنید! چند سؤال کوتاه می‌پرسم تا بتوانم کارهای داوطلبانه‌ای را پیشنهاد کنم که مناسب شما باشد. هر وقت خواستید تمام کنید، بنویسید «لغو».
volunteer-ask-interests = دوست دارید در چه زمینه‌ای کمک کنید؟ از گزینه‌های زیر انتخاب کنید یا با کلمات خودتان بنویسید، برای مثال «کمک درسی و ورزش».
volunteer-ask-languages = به چه زبان‌هایی صحبت می‌کنید؟ آن‌ها را بنویسید، برای مثال «سوئدی و عربی».
volunteer-ask-when = معمولاً چه وقت‌هایی وقت آزاد دارید؟ از گزینه‌های زیر انتخاب کنید یا بنویسید، برای مثال «سه‌شنبه‌ها عصر».
volunteer-ask-where = کجا می‌توانید کمک کنید؟ یکی از بخش‌های کمون را انتخاب کنید، یا اگر ترجیح می‌دهید از راه دور کمک کنید، بنویسید «آنلاین».
volunteer-ask-age = چند سال دارید؟ برای داوطلب شدن نزد ما باید دست‌کم 16 سال داشته باشید.
volunteer-ask-record-extract = برخی از کارها با کودکان یا سالمندان لازم دارند که گواهی‌ای از ثبت سوابق کیفری (belastningsregistret) نشان دهید. این گواهی را رایگان از پلیس (Polisen) درخواست می‌کنید. آیا حاضرید چنین گواهی‌ای نشان دهید؟
volunteer-ask-consent = آخرین سؤال: آیا هماهنگ‌کننده‌ها می‌توانند همین‌جا در گفتگو درباره کارهایی که به آن‌ها علاقه نشان می‌دهید با شما تماس بگیرند؟ در این صورت پاسخ‌های شما را به‌عنوان پروفایل داوطلبی نگه می‌داریم تا وقتی که از ما بخواهید آن را حذف کنیم – هر وقت خواستید بنویسید «پروفایل داوطلبی من را حذف کن».
volunteer-not-understood = این پاسخ را درست متوجه نشدم.

## Endings
volunteer-too-young = ممنون که می‌خواهید کمک کنید! برای داوطلب شدن در کمون باید دست‌کم 16 سال داشته باشید. می‌توانید از یک انجمن یا از مدرسه‌تان بپرسید که از همین حالا چطور می‌توانید مشارکت کنید.
volunteer-no-consent = باشه، پس چیزی ذخیره نمی‌کنم. کارهای داوطلبانه کمون را در { $link } پیدا می‌کنید.
volunteer-cancelled = باشه، همین‌جا تمامش می‌کنیم. هر وقت خواستید دوباره شروع کنید، بنویسید «می‌خواهم کمک کنم».
volunteer-deleted = پروفایل داوطلبی شما و اعلام علاقه‌هایتان حذف شد.

## Matches
volunteer-welcome-back = خوش برگشتید! این کارها با پروفایل داوطلبی شما جور است:
volunteer-matches = ممنون! این کارها مناسب شماست:
volunteer-more-matches = کارهای دیگری که مناسب شماست:
volunteer-match = { $number }. { $title } ({ $organiser }) – پیشنهاد شده چون { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = کنار هر کار روی «علاقه‌مندم» بزنید تا به هماهنگ‌کننده خبر بدهم.
volunteer-no-matches = در حال حاضر کار آزادی که با پاسخ‌های شما جور باشد وجود ندارد. بعداً دوباره بپرسید، یا پاسخ‌هایتان را تغییر دهید.
volunteer-no-more = این‌ها همه کارهایی بود که فعلاً مناسب شماست.
volunteer-organiser-municipality = کمون
volunteer-interested = ممنون! به هماهنگ‌کننده گفتم که به «{ $need }» علاقه دارید. وقتی پاسخ دادند، همین‌جا باخبر می‌شوید.
volunteer-need-gone = دیگر نمی‌شود برای این کار ثبت‌نام کرد. برای دیدن کارهای دیگر بنویسید «بیشتر نشان بده».

## Answers from the coordinator
volunteer-accepted = خبر خوب! هماهنگ‌کننده شما را برای «{ $need }» پذیرفت. با { $contact } تماس بگیرید تا بقیه کارها را با هم هماهنگ کنید.
volunteer-declined = متأسفانه هماهنگ‌کننده «{ $need }» این بار جایی برای شما ندارد. برای دیدن کارهای دیگر بنویسید «می‌خواهم کمک کنم».

## Buttons
volunteer-choice-anything = هر چیزی
volunteer-topic-homework-help = کمک درسی
volunteer-topic-language-cafe = کافه زبان
volunteer-topic-elderly = سالمندان
volunteer-topic-sports = ورزش
volunteer-topic-environment = محیط زیست
volunteer-topic-culture = فرهنگ
volunteer-topic-children-and-youth = کودکان و نوجوانان
volunteer-topic-newcomers = تازه‌واردان
volunteer-topic-digital-inclusion = کمک دیجیتال
volunteer-topic-events = رویدادها
volunteer-when-daytime = روزهای کاری، در طول روز
volunteer-when-evenings = عصرها
volunteer-when-weekends = آخر هفته‌ها
volunteer-when-any = هر زمان
volunteer-where-online = آنلاین
volunteer-where-anywhere = هر جا
volunteer-age-adult = 18 سال یا بیشتر
volunteer-age-16 = 16–17 سال
volunteer-age-under = زیر 16 سال
volunteer-yes = بله
volunteer-no = نه
volunteer-choice-interested = علاقه‌مندم: { $title }
volunteer-choice-more = کارهای دیگر را نشان بده
volunteer-choice-change = پاسخ‌هایم را تغییر بده
volunteer-choice-delete = پروفایل داوطلبی من را حذف کن
