<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ConversationPage</name>
    <message>
        <source>Leave the queue</source>
        <translation>مغادرة قائمة الانتظار</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>المحادثة</translation>
    </message>
    <message>
        <source>The conversation has ended.</source>
        <translation>انتهت المحادثة.</translation>
    </message>
    <message>
        <source>Save transcript…</source>
        <translation>حفظ نص المحادثة…</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>بدء دردشة جديدة</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentActions</name>
    <message>
        <source>Saved %1</source>
        <translation>تم الحفظ: %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>تعذّر حفظ الملف: %1</translation>
    </message>
    <message>
        <source>Upload of %1 cancelled</source>
        <translation>أُلغي رفع %1</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>حفظ باسم</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentBubble</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%Ln بايت</numerusform>
            <numerusform>بايت واحد</numerusform>
            <numerusform>بايتان</numerusform>
            <numerusform>%Ln بايتات</numerusform>
            <numerusform>%Ln بايت</numerusform>
            <numerusform>%Ln بايت</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · not sent</source>
        <translation>%1 · لم يُرسل</translation>
    </message>
    <message>
        <source>Uploading %1% · Cancel</source>
        <translation>جارٍ الرفع %1% · إلغاء</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>حفظ باسم…</translation>
    </message>
    <message>
        <source>Image %1, %2</source>
        <translation>صورة %1، %2</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <translation>ملف %1، %2</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1، جارٍ الرفع %2%</translation>
    </message>
    <message>
        <source>%1, not sent</source>
        <translation>%1، لم يُرسل</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentInput</name>
    <message>
        <source>Attach files</source>
        <translation>إرفاق ملفات</translation>
    </message>
    <message>
        <source>Files cannot be sent in this conversation.</source>
        <translation>لا يمكن إرسال ملفات في هذه المحادثة.</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>تعذّرت قراءة الملف %1.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>الملف %1 فارغ.</translation>
    </message>
    <message>
        <source>The file %1 is %2; files may be at most %3.</source>
        <translation>حجم الملف %1 هو %2؛ الحد الأقصى للملفات %3.</translation>
    </message>
    <message>
        <source>The file %1 is not of a type this chat accepts (%2).</source>
        <translation>نوع الملف %1 لا تقبله هذه الدردشة (%2).</translation>
    </message>
    <message>
        <source>screenshot.png</source>
        <translation>لقطة-شاشة.png</translation>
    </message>
    <message>
        <source>The pasted image cannot be sent.</source>
        <translation>لا يمكن إرسال الصورة الملصقة.</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>أفلت الملفات هنا لإرسالها</translation>
    </message>
    <message>
        <source>Files this chat takes (%1)</source>
        <translation>الملفات التي تقبلها هذه الدردشة (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatButton</name>
    <message>
        <source>Chat with us</source>
        <translation>تحدّث معنا</translation>
    </message>
    <message>
        <source>Operators are busy</source>
        <translation>موظفو الدعم مشغولون</translation>
    </message>
    <message>
        <source>Chat is offline</source>
        <translation>الدردشة غير متصلة</translation>
    </message>
    <message>
        <source>%1: click to open or close the chat window</source>
        <translation>%1: انقر لفتح نافذة الدردشة أو إغلاقها</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>الدردشة: %1</translation>
    </message>
    <message>
        <source>Chat: %1, unread messages: %2</source>
        <translation>الدردشة: %1، الرسائل غير المقروءة: %2</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatHeader</name>
    <message>
        <source>End chat</source>
        <translation>إنهاء الدردشة</translation>
    </message>
    <message>
        <source>Close the chat window</source>
        <translation>إغلاق نافذة الدردشة</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatWindow</name>
    <message>
        <source>Save transcript</source>
        <translation>حفظ نص المحادثة</translation>
    </message>
    <message>
        <source>conversation.txt</source>
        <translation>محادثة.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>ملفات نصية (*.txt)</translation>
    </message>
    <message>
        <source>[File: %1, %2]</source>
        <translation>[ملف: %1، %2]</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>الدردشة</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>جارٍ إعادة الاتصال…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>جارٍ الاتصال…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <source>You are chatting with an operator</source>
        <translation>أنت تتحدث مع موظف دعم</translation>
    </message>
    <message>
        <source>You are chatting with %1</source>
        <translation>أنت تتحدث مع %1</translation>
    </message>
    <message>
        <source>Conversation ended</source>
        <translation>انتهت المحادثة</translation>
    </message>
    <message>
        <source>Waiting for an operator</source>
        <translation>في انتظار موظف دعم</translation>
    </message>
    <message>
        <source>We are online</source>
        <translation>نحن متصلون الآن</translation>
    </message>
    <message>
        <source>All operators are busy</source>
        <translation>جميع موظفي الدعم مشغولون</translation>
    </message>
    <message>
        <source>We are offline</source>
        <translation>نحن غير متصلين الآن</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>لم ينجح ذلك. يرجى المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again in a moment.</source>
        <translation>لا يمكننا الوصول إلى خدمة الدردشة الآن. يرجى المحاولة مرة أخرى بعد قليل.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>هذا ليس رقم هاتف صالحًا.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>محاولات كثيرة جدًا. يرجى الانتظار قليلًا ثم المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>Please check what you filled in and try again.</source>
        <translation>يرجى التحقق مما أدخلته والمحاولة مرة أخرى.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>إعادة الاتصال خلال %Ln ثانية…</numerusform>
            <numerusform>إعادة الاتصال خلال ثانية واحدة…</numerusform>
            <numerusform>إعادة الاتصال خلال ثانيتين…</numerusform>
            <numerusform>إعادة الاتصال خلال %Ln ثوانٍ…</numerusform>
            <numerusform>إعادة الاتصال خلال %Ln ثانية…</numerusform>
            <numerusform>إعادة الاتصال خلال %Ln ثانية…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::Composer</name>
    <message>
        <source>The message is too long: %1 characters of at most %2.</source>
        <translation>الرسالة طويلة جدًا: عدد أحرفها %1 والحد الأقصى %2.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>الرسالة</translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation>اكتب رسالة…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>إرسال</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>إرسال الرسالة</translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation>إرسال (Enter)؛ ويبدأ Shift+Enter سطرًا جديدًا</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>الرموز التعبيرية</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>إرفاق ملف</translation>
    </message>
</context>
<context>
    <name>OWidget::ConversationPage</name>
    <message>
        <source>Connecting you to an operator…</source>
        <translation>جارٍ توصيلك بموظف دعم…</translation>
    </message>
    <message>
        <source>You are number %1 in the queue. An operator will be with you shortly.</source>
        <translation>ترتيبك %1 في قائمة الانتظار. سينضم إليك موظف دعم قريبًا.</translation>
    </message>
    <message>
        <source>Waiting for an operator…</source>
        <translation>في انتظار موظف دعم…</translation>
    </message>
    <message>
        <source>You are connected. Write your message below.</source>
        <translation>تم توصيلك. اكتب رسالتك أدناه.</translation>
    </message>
    <message>
        <source>Write your question while you wait: the operator will see it as soon as they join.</source>
        <translation>اكتب سؤالك أثناء الانتظار: سيراه موظف الدعم فور انضمامه.</translation>
    </message>
    <message>
        <source>An operator joined the conversation.</source>
        <translation>انضم موظف دعم إلى المحادثة.</translation>
    </message>
    <message>
        <source>%1 joined the conversation.</source>
        <translation>انضم %1 إلى المحادثة.</translation>
    </message>
    <message>
        <source>You ended the conversation.</source>
        <translation>أنهيتَ المحادثة.</translation>
    </message>
    <message>
        <source>The conversation was ended.</source>
        <translation>تم إنهاء المحادثة.</translation>
    </message>
    <message>
        <source>%1 ended the conversation.</source>
        <translation>أنهى %1 المحادثة.</translation>
    </message>
    <message>
        <source>End the conversation?</source>
        <translation>هل تريد إنهاء المحادثة؟</translation>
    </message>
    <message>
        <source>End chat</source>
        <translation>إنهاء الدردشة</translation>
    </message>
    <message>
        <source>Keep chatting</source>
        <translation>متابعة الدردشة</translation>
    </message>
    <message>
        <source>Your message was not delivered: %1</source>
        <translation>لم يتم تسليم رسالتك: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::EmojiPicker</name>
    <message>
        <source>Smileys &amp; Emotion</source>
        <translation>الوجوه والمشاعر</translation>
    </message>
    <message>
        <source>People &amp; Body</source>
        <translation>الأشخاص والجسم</translation>
    </message>
    <message>
        <source>Animals &amp; Nature</source>
        <translation>الحيوانات والطبيعة</translation>
    </message>
    <message>
        <source>Food &amp; Drink</source>
        <translation>الطعام والشراب</translation>
    </message>
    <message>
        <source>Travel &amp; Places</source>
        <translation>السفر والأماكن</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>الأنشطة</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>الأشياء</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>الرموز</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>الأعلام</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>المستخدمة مؤخرًا</translation>
    </message>
    <message>
        <source>No emoji found</source>
        <translation>لم يُعثر على رموز تعبيرية</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>الرموز التعبيرية</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>البحث في الرموز التعبيرية</translation>
    </message>
</context>
<context>
    <name>OWidget::FieldForm</name>
    <message>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <source>%1 (required)</source>
        <translation>%1 (مطلوب)</translation>
    </message>
    <message>
        <source>Please fill in this field.</source>
        <translation>يرجى ملء هذا الحقل.</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as name@example.com.</source>
        <translation>أدخل عنوان بريد إلكتروني مثل name@example.com.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>هذا ليس رقم هاتف صالحًا.</translation>
    </message>
    <message>
        <source>Phone number for the call back</source>
        <translation>رقم الهاتف لمعاودة الاتصال</translation>
    </message>
</context>
<context>
    <name>OWidget::FormPage</name>
    <message>
        <source>All our operators are busy right now. You can wait in the queue or ask us to call you back.</source>
        <translation>جميع موظفي الدعم لدينا مشغولون الآن. يمكنك الانتظار في قائمة الانتظار أو أن تطلب منا معاودة الاتصال بك.</translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation>الانضمام إلى قائمة الانتظار</translation>
    </message>
    <message>
        <source>Hello! Tell us a little about yourself and an operator will be with you shortly.</source>
        <translation>مرحبًا! أخبرنا قليلًا عن نفسك وسينضم إليك موظف دعم قريبًا.</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>بدء الدردشة</translation>
    </message>
    <message>
        <source>Leave us your phone number and we will call you back.</source>
        <translation>اترك لنا رقم هاتفك وسنعاود الاتصال بك.</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>اتصلوا بي</translation>
    </message>
    <message>
        <source>Nobody is here right now. Leave us a message and we will get back to you.</source>
        <translation>لا يوجد أحد هنا الآن. اترك لنا رسالة وسنرد عليك.</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>إرسال الرسالة</translation>
    </message>
    <message>
        <source>Chat in the queue instead</source>
        <translation>انتظر دورك في الدردشة بدلًا من ذلك</translation>
    </message>
    <message>
        <source>Chat with an operator instead</source>
        <translation>تحدّث مع موظف دعم بدلًا من ذلك</translation>
    </message>
    <message>
        <source>Ask for a call back instead</source>
        <translation>اطلب معاودة الاتصال بدلًا من ذلك</translation>
    </message>
    <message>
        <source>Leave a message instead</source>
        <translation>اترك رسالة بدلًا من ذلك</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>جارٍ الإرسال…</translation>
    </message>
    <message>
        <source>Your message *</source>
        <translation>رسالتك *</translation>
    </message>
    <message>
        <source>Your message (required)</source>
        <translation>رسالتك (مطلوبة)</translation>
    </message>
    <message>
        <source>Contact form</source>
        <translation>نموذج التواصل</translation>
    </message>
    <message>
        <source>Please write your message.</source>
        <translation>يرجى كتابة رسالتك.</translation>
    </message>
</context>
<context>
    <name>OWidget::FreedesktopNotifications</name>
    <message>
        <source>Open the chat</source>
        <translation>افتح الدردشة</translation>
    </message>
</context>
<context>
    <name>OWidget::HoursNote</name>
    <message numerus="yes">
        <source>We usually reply within %n minute(s).</source>
        <translation>
            <numerusform>عادةً نردّ خلال أقل من دقيقة.</numerusform>
            <numerusform>عادةً نردّ خلال دقيقة واحدة.</numerusform>
            <numerusform>عادةً نردّ خلال دقيقتين.</numerusform>
            <numerusform>عادةً نردّ خلال %Ln دقائق.</numerusform>
            <numerusform>عادةً نردّ خلال %Ln دقيقة.</numerusform>
            <numerusform>عادةً نردّ خلال %Ln دقيقة.</numerusform>
        </translation>
    </message>
    <message>
        <source>We are back today at %1.</source>
        <translation>سنعود اليوم في %1.</translation>
    </message>
    <message>
        <source>We are back tomorrow at %1.</source>
        <translation>سنعود غدًا في %1.</translation>
    </message>
    <message>
        <source>We are back Monday at %1.</source>
        <translation>سنعود يوم الاثنين في %1.</translation>
    </message>
    <message>
        <source>We are back Tuesday at %1.</source>
        <translation>سنعود يوم الثلاثاء في %1.</translation>
    </message>
    <message>
        <source>We are back Wednesday at %1.</source>
        <translation>سنعود يوم الأربعاء في %1.</translation>
    </message>
    <message>
        <source>We are back Thursday at %1.</source>
        <translation>سنعود يوم الخميس في %1.</translation>
    </message>
    <message>
        <source>We are back Friday at %1.</source>
        <translation>سنعود يوم الجمعة في %1.</translation>
    </message>
    <message>
        <source>We are back Saturday at %1.</source>
        <translation>سنعود يوم السبت في %1.</translation>
    </message>
    <message>
        <source>We are back Sunday at %1.</source>
        <translation>سنعود يوم الأحد في %1.</translation>
    </message>
    <message numerus="yes">
        <source>We usually reply within %n hour(s).</source>
        <translation>
            <numerusform>عادةً نردّ خلال أقل من ساعة.</numerusform>
            <numerusform>عادةً نردّ خلال ساعة واحدة.</numerusform>
            <numerusform>عادةً نردّ خلال ساعتين.</numerusform>
            <numerusform>عادةً نردّ خلال %Ln ساعات.</numerusform>
            <numerusform>عادةً نردّ خلال %Ln ساعة.</numerusform>
            <numerusform>عادةً نردّ خلال %Ln ساعة.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::MessageDelegate</name>
    <message>
        <source>The operator is typing…</source>
        <translation>موظف الدعم يكتب…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 يكتب…</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>لم تُسلَّم</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>أمس</translation>
    </message>
    <message>
        <source>Seen</source>
        <comment>under the visitor&apos;s last message the operator has read</comment>
        <translation>تمت المشاهدة</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageModel</name>
    <message>
        <source>%1 is typing</source>
        <translation>%1 يكتب</translation>
    </message>
    <message>
        <source>You</source>
        <translation>أنت</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 الساعة %2: %3</translation>
    </message>
    <message>
        <source>%1 (sending)</source>
        <translation>%1 (جارٍ الإرسال)</translation>
    </message>
    <message>
        <source>%1 (not delivered)</source>
        <translation>%1 (لم تُسلَّم)</translation>
    </message>
    <message>
        <source>%1. Seen</source>
        <comment>the operator has read up to this message</comment>
        <translation>%1. تمت المشاهدة</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageView</name>
    <message>
        <source>New message from %1: %2</source>
        <translation>رسالة جديدة من %1: %2</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>نسخ النص</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>فتح %1</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>نسخ عنوان الرابط</translation>
    </message>
</context>
<context>
    <name>OWidget::Notifier</name>
    <message>
        <source>New message</source>
        <translation>رسالة جديدة</translation>
    </message>
</context>
<context>
    <name>OWidget::RatingPanel</name>
    <message>
        <source>Were you satisfied with the conversation?</source>
        <translation>هل كنت راضيًا عن المحادثة؟</translation>
    </message>
    <message>
        <source>How would you rate the conversation?</source>
        <translation>كيف تقيّم المحادثة؟</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>التقييم</translation>
    </message>
    <message>
        <source>Add a comment (optional)</source>
        <translation>أضف تعليقًا (اختياري)</translation>
    </message>
    <message>
        <source>Comment on the conversation</source>
        <translation>تعليق على المحادثة</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>إرسال التقييم</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>تخطي</translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation>تخطي التقييم</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>شكرًا لك على تقييمك.</translation>
    </message>
    <message>
        <source>Rate %1 of %2 stars</source>
        <translation>تقييم %1 من %2 نجوم</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>غير راضٍ</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>راضٍ</translation>
    </message>
    <message>
        <source>Your conversation with %1</source>
        <translation>محادثتك مع %1</translation>
    </message>
</context>
<context>
    <name>OWidget::SentPage</name>
    <message>
        <source>We will call you back as soon as we can.</source>
        <translation>سنعاود الاتصال بك في أقرب وقت ممكن.</translation>
    </message>
    <message>
        <source>We have received your message and will get back to you.</source>
        <translation>تلقينا رسالتك وسنرد عليك.</translation>
    </message>
</context>
<context>
    <name>OWidget::StatusPage</name>
    <message>
        <source>Chat is not set up</source>
        <translation>لم يتم إعداد الدردشة</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>جارٍ الاتصال…</translation>
    </message>
    <message>
        <source>Just a moment, please.</source>
        <translation>لحظة من فضلك.</translation>
    </message>
    <message>
        <source>The chat is unavailable</source>
        <translation>الدردشة غير متاحة</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again later.</source>
        <translation>لا يمكننا الوصول إلى خدمة الدردشة الآن. يرجى المحاولة مرة أخرى لاحقًا.</translation>
    </message>
    <message>
        <source>The chat is offline</source>
        <translation>الدردشة غير متصلة</translation>
    </message>
    <message>
        <source>Please come back later.</source>
        <translation>يرجى العودة لاحقًا.</translation>
    </message>
</context>
<context>
    <name>SentPage</name>
    <message>
        <source>Thank you</source>
        <translation>شكرًا لك</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>تم</translation>
    </message>
</context>
</TS>
