# The volunteer conversation in Arabic. Placeables: { $need } (a need's title), { $contact },
# { $number }, { $title }, { $organiser }, { $reasons }, { $link }.

## Questions
volunteer-intro = رائع أنكم تريدون المساعدة! سأطرح عليكم بعض الأسئلة القصيرة حتى أقترح عليكم مهامًا تطوعية تناسبكم. اكتبوا "إلغاء" متى أردتم التوقف.
volunteer-ask-interests = بماذا تحبون أن تساعدوا؟ اختاروا من القائمة أدناه أو اكتبوا بكلماتكم الخاصة، مثلًا "الواجبات المدرسية والرياضة".
volunteer-ask-languages = ما اللغات التي تتحدثونها؟ اكتبوها، مثلًا "السويدية والعربية".
volunteer-ask-when = متى يكون لديكم وقت عادةً؟ اختاروا من القائمة أدناه أو اكتبوا، مثلًا "الثلاثاء مساءً".
volunteer-ask-where = أين يمكنكم المساعدة؟ اختاروا جزءًا من البلدية، أو اكتبوا "أونلاين" إذا كنتم تفضلون المساعدة عن بُعد.
volunteer-ask-age = كم عمركم؟ يجب أن تكونوا قد بلغتم 16 عامًا لتتطوعوا معنا.
volunteer-ask-record-extract = بعض المهام مع الأطفال أو كبار السن تتطلب أن تُظهروا مستخرجًا من سجل السوابق الجنائية (belastningsregistret). تطلبونه مجانًا من الشرطة (Polisen). هل أنتم مستعدون لإظهار مستخرج كهذا؟
volunteer-ask-consent = السؤال الأخير: هل يمكن للمنسقين التواصل معكم هنا في المحادثة بشأن المهام التي تُبدون اهتمامكم بها؟ عندها نحفظ إجاباتكم كملف تطوعي إلى أن تطلبوا منا حذفه – اكتبوا "احذف ملفي التطوعي" متى شئتم.
volunteer-not-understood = لم أفهم هذه الإجابة تمامًا.

## Endings
volunteer-too-young = شكرًا لرغبتكم في المساعدة! يجب أن تكونوا قد بلغتم 16 عامًا لتصبحوا متطوعين لدى البلدية. اسألوا جمعية أو مدرستكم عن طرق للمشاركة من الآن.
volunteer-no-consent = حسنًا، لن أحفظ شيئًا إذن. تجدون المهام التطوعية في البلدية على { $link }.
volunteer-cancelled = حسنًا، سنتوقف هنا. اكتبوا "أريد أن أساعد" متى أردتم البدء من جديد.
volunteer-deleted = تم حذف ملفكم التطوعي وطلبات الاهتمام التي أرسلتموها.

## Matches
volunteer-welcome-back = أهلًا بعودتكم! هذه مهام تناسب ملفكم التطوعي:
volunteer-matches = شكرًا! هذه مهام تناسبكم:
volunteer-more-matches = مهام أخرى تناسبكم:
volunteer-match = { $number }. { $title } ({ $organiser }) – مقترحة لأن { $reasons }.
volunteer-match-plain = { $number }. { $title } ({ $organiser })
volunteer-choose = اضغطوا على "أنا مهتم" بجانب المهمة، وسأخبر المنسق بذلك.
volunteer-no-matches = لا توجد الآن مهمة متاحة تناسب إجاباتكم. اسألوا مرة أخرى لاحقًا، أو غيّروا إجاباتكم.
volunteer-no-more = هذه كل المهام التي تناسبكم الآن.
volunteer-organiser-municipality = البلدية
volunteer-interested = شكرًا! أخبرت المنسق أنكم مهتمون بـ"{ $need }". ستصلكم الإجابة هنا عندما يردّون.
volunteer-need-gone = لم يعد التسجيل في هذه المهمة ممكنًا. اكتبوا "اعرض المزيد" لرؤية مهام أخرى.

## Answers from the coordinator
volunteer-accepted = أخبار سارة! المنسق يوافق على مشاركتكم في "{ $need }". تواصلوا مع { $contact } لتتفقوا على الباقي.
volunteer-declined = للأسف ليس لدى منسق "{ $need }" مكان لكم هذه المرة. اكتبوا "أريد أن أساعد" لرؤية مهام أخرى.

## Buttons
volunteer-choice-anything = أي شيء
volunteer-topic-homework-help = المساعدة في الواجبات المدرسية
volunteer-topic-language-cafe = مقهى اللغة
volunteer-topic-elderly = كبار السن
volunteer-topic-sports = الرياضة
volunteer-topic-environment = البيئة
volunteer-topic-culture = الثقافة
volunteer-topic-children-and-youth = الأطفال والشباب
volunteer-topic-newcomers = القادمون الجدد
volunteer-topic-digital-inclusion = المساعدة الرقمية
volunteer-topic-events = الفعاليات
volunteer-when-daytime = أيام العمل، خلال النهار
volunteer-when-evenings = المساء
volunteer-when-weekends = عطلة نهاية الأسبوع
volunteer-when-any = في أي وقت
volunteer-where-online = أونلاين (عن بُعد)
volunteer-where-anywhere = في أي مكان
volunteer-age-adult = 18 عامًا أو أكثر
volunteer-age-16 = 16–17 عامًا
volunteer-age-under = أقل من 16 عامًا
volunteer-yes = نعم
volunteer-no = لا
volunteer-choice-interested = أنا مهتم: { $title }
volunteer-choice-more = اعرض مهامًا أخرى
volunteer-choice-change = تغيير إجاباتي
volunteer-choice-delete = احذف ملفي التطوعي
