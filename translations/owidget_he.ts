<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="he">
<context>
    <name>ConversationPage</name>
    <message>
        <source>Leave the queue</source>
        <translation>יציאה מהתור</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>שיחה</translation>
    </message>
    <message>
        <source>The conversation has ended.</source>
        <translation>השיחה הסתיימה.</translation>
    </message>
    <message>
        <source>Save transcript…</source>
        <translation>שמירת תמליל השיחה…</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>התחלת צ׳אט חדש</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentActions</name>
    <message>
        <source>Saved %1</source>
        <translation>נשמר: %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>לא ניתן היה לשמור את הקובץ: %1</translation>
    </message>
    <message>
        <source>Upload of %1 cancelled</source>
        <translation>ההעלאה של %1 בוטלה</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>שמירה בשם</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentBubble</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>בייט אחד</numerusform>
            <numerusform>%n בייטים</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · not sent</source>
        <translation>%1 · לא נשלח</translation>
    </message>
    <message>
        <source>Uploading %1% · Cancel</source>
        <translation>מעלה %1% · ביטול</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ביטול</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>שמירה בשם…</translation>
    </message>
    <message>
        <source>Image %1, %2</source>
        <translation>תמונה %1, %2</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <translation>קובץ %1, %2</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1, מעלה %2%</translation>
    </message>
    <message>
        <source>%1, not sent</source>
        <translation>%1, לא נשלח</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentInput</name>
    <message>
        <source>Attach files</source>
        <translation>צירוף קבצים</translation>
    </message>
    <message>
        <source>Files cannot be sent in this conversation.</source>
        <translation>לא ניתן לשלוח קבצים בשיחה הזו.</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>לא ניתן לקרוא את הקובץ %1.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>הקובץ %1 ריק.</translation>
    </message>
    <message>
        <source>The file %1 is %2; files may be at most %3.</source>
        <translation>גודל הקובץ %1 הוא %2; הגודל המרבי לקבצים הוא %3.</translation>
    </message>
    <message>
        <source>The file %1 is not of a type this chat accepts (%2).</source>
        <translation>סוג הקובץ %1 אינו מתקבל בצ&apos;אט הזה (%2).</translation>
    </message>
    <message>
        <source>screenshot.png</source>
        <translation>צילום-מסך.png</translation>
    </message>
    <message>
        <source>The pasted image cannot be sent.</source>
        <translation>לא ניתן לשלוח את התמונה שהודבקה.</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>שחררו כאן קבצים כדי לשלוח אותם</translation>
    </message>
    <message>
        <source>Files this chat takes (%1)</source>
        <translation>קבצים שהצ&apos;אט הזה מקבל (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>כל הקבצים (*)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatButton</name>
    <message>
        <source>Chat with us</source>
        <translation>דברו איתנו</translation>
    </message>
    <message>
        <source>Operators are busy</source>
        <translation>הנציגים תפוסים</translation>
    </message>
    <message>
        <source>Chat is offline</source>
        <translation>הצ׳אט לא מקוון</translation>
    </message>
    <message>
        <source>%1: click to open or close the chat window</source>
        <translation>%1: לחצו כדי לפתוח או לסגור את חלון הצ׳אט</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>צ׳אט: %1</translation>
    </message>
    <message>
        <source>Chat: %1, unread messages: %2</source>
        <translation>צ׳אט: %1, הודעות שלא נקראו: %2</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatHeader</name>
    <message>
        <source>End chat</source>
        <translation>סיום הצ׳אט</translation>
    </message>
    <message>
        <source>Close the chat window</source>
        <translation>סגירת חלון הצ׳אט</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>סגירה (Esc)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatWindow</name>
    <message>
        <source>Save transcript</source>
        <translation>שמירת תמליל השיחה</translation>
    </message>
    <message>
        <source>conversation.txt</source>
        <translation>שיחה.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>קובצי טקסט (*.txt)</translation>
    </message>
    <message>
        <source>[File: %1, %2]</source>
        <translation>[קובץ: %1, %2]</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>צ׳אט</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>מתחברים מחדש…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>מתחברים…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>לא מחובר</translation>
    </message>
    <message>
        <source>You are chatting with an operator</source>
        <translation>אתם משוחחים עם נציג</translation>
    </message>
    <message>
        <source>You are chatting with %1</source>
        <translation>אתם משוחחים עם %1</translation>
    </message>
    <message>
        <source>Conversation ended</source>
        <translation>השיחה הסתיימה</translation>
    </message>
    <message>
        <source>Waiting for an operator</source>
        <translation>ממתינים לנציג</translation>
    </message>
    <message>
        <source>We are online</source>
        <translation>אנחנו זמינים</translation>
    </message>
    <message>
        <source>All operators are busy</source>
        <translation>כל הנציגים תפוסים</translation>
    </message>
    <message>
        <source>We are offline</source>
        <translation>אנחנו לא זמינים כרגע</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>זה לא הצליח. נסו שוב.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>אתם</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again in a moment.</source>
        <translation>אין לנו גישה לשירות הצ׳אט כרגע. נסו שוב בעוד רגע.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>זה לא מספר טלפון תקין.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>יותר מדי ניסיונות. המתינו רגע ונסו שוב.</translation>
    </message>
    <message>
        <source>Please check what you filled in and try again.</source>
        <translation>בדקו את מה שמילאתם ונסו שוב.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>מתחברים מחדש בעוד שנייה…</numerusform>
            <numerusform>מתחברים מחדש בעוד %n שניות…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::Composer</name>
    <message>
        <source>The message is too long: %1 characters of at most %2.</source>
        <translation>ההודעה ארוכה מדי: %1 תווים, והמרבי הוא %2.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>הודעה</translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation>כתבו הודעה…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>שליחה</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>שליחת ההודעה</translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation>שליחה (Enter); ‏Shift+Enter פותח שורה חדשה</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>אמוג׳י</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>צירוף קובץ</translation>
    </message>
</context>
<context>
    <name>OWidget::ConversationPage</name>
    <message>
        <source>Connecting you to an operator…</source>
        <translation>מחברים אתכם לנציג…</translation>
    </message>
    <message>
        <source>You are number %1 in the queue. An operator will be with you shortly.</source>
        <translation>אתם במקום %1 בתור. נציג יהיה איתכם בקרוב.</translation>
    </message>
    <message>
        <source>Waiting for an operator…</source>
        <translation>ממתינים לנציג…</translation>
    </message>
    <message>
        <source>You are connected. Write your message below.</source>
        <translation>אתם מחוברים. כתבו את ההודעה שלכם למטה.</translation>
    </message>
    <message>
        <source>Write your question while you wait: the operator will see it as soon as they join.</source>
        <translation>כתבו את השאלה שלכם בזמן ההמתנה: הנציג יראה אותה ברגע שיצטרף.</translation>
    </message>
    <message>
        <source>An operator joined the conversation.</source>
        <translation>נציג הצטרף לשיחה.</translation>
    </message>
    <message>
        <source>%1 joined the conversation.</source>
        <translation>%1 הצטרף/ה לשיחה.</translation>
    </message>
    <message>
        <source>You ended the conversation.</source>
        <translation>סיימתם את השיחה.</translation>
    </message>
    <message>
        <source>The conversation was ended.</source>
        <translation>השיחה הופסקה.</translation>
    </message>
    <message>
        <source>%1 ended the conversation.</source>
        <translation>%1 סיים/ה את השיחה.</translation>
    </message>
    <message>
        <source>End the conversation?</source>
        <translation>לסיים את השיחה?</translation>
    </message>
    <message>
        <source>End chat</source>
        <translation>סיום הצ׳אט</translation>
    </message>
    <message>
        <source>Keep chatting</source>
        <translation>המשך בשיחה</translation>
    </message>
    <message>
        <source>Your message was not delivered: %1</source>
        <translation>ההודעה שלך לא נמסרה: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::EmojiPicker</name>
    <message>
        <source>Smileys &amp; Emotion</source>
        <translation>סמיילים ורגשות</translation>
    </message>
    <message>
        <source>People &amp; Body</source>
        <translation>אנשים וגוף</translation>
    </message>
    <message>
        <source>Animals &amp; Nature</source>
        <translation>בעלי חיים וטבע</translation>
    </message>
    <message>
        <source>Food &amp; Drink</source>
        <translation>אוכל ושתייה</translation>
    </message>
    <message>
        <source>Travel &amp; Places</source>
        <translation>טיולים ומקומות</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>פעילויות</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>חפצים</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>סמלים</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>דגלים</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>בשימוש לאחרונה</translation>
    </message>
    <message>
        <source>No emoji found</source>
        <translation>לא נמצא אמוג׳י</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>אמוג׳י</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>חיפוש אמוג׳י</translation>
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
        <translation>%1 (חובה)</translation>
    </message>
    <message>
        <source>Please fill in this field.</source>
        <translation>נא למלא את השדה הזה.</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as name@example.com.</source>
        <translation>הזינו כתובת דוא״ל, למשל name@example.com.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>זה לא מספר טלפון תקין.</translation>
    </message>
    <message>
        <source>Phone number for the call back</source>
        <translation>מספר טלפון לשיחה חוזרת</translation>
    </message>
</context>
<context>
    <name>OWidget::FormPage</name>
    <message>
        <source>All our operators are busy right now. You can wait in the queue or ask us to call you back.</source>
        <translation>כל הנציגים שלנו תפוסים כרגע. אפשר להמתין בתור או לבקש שנחזור אליכם בטלפון.</translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation>הצטרפות לתור</translation>
    </message>
    <message>
        <source>Hello! Tell us a little about yourself and an operator will be with you shortly.</source>
        <translation>שלום! ספרו לנו קצת על עצמכם ונציג יהיה איתכם בקרוב.</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>התחלת צ׳אט</translation>
    </message>
    <message>
        <source>Leave us your phone number and we will call you back.</source>
        <translation>השאירו לנו את מספר הטלפון שלכם ונחזור אליכם.</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>חזרו אליי</translation>
    </message>
    <message>
        <source>Nobody is here right now. Leave us a message and we will get back to you.</source>
        <translation>אין כאן אף אחד כרגע. השאירו לנו הודעה ונחזור אליכם.</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>שליחת הודעה</translation>
    </message>
    <message>
        <source>Chat in the queue instead</source>
        <translation>להמתין בתור לצ׳אט במקום זאת</translation>
    </message>
    <message>
        <source>Chat with an operator instead</source>
        <translation>לשוחח עם נציג במקום זאת</translation>
    </message>
    <message>
        <source>Ask for a call back instead</source>
        <translation>לבקש שיחה חוזרת במקום זאת</translation>
    </message>
    <message>
        <source>Leave a message instead</source>
        <translation>להשאיר הודעה במקום זאת</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>בשליחה…</translation>
    </message>
    <message>
        <source>Your message *</source>
        <translation>ההודעה שלכם *</translation>
    </message>
    <message>
        <source>Your message (required)</source>
        <translation>ההודעה שלכם (חובה)</translation>
    </message>
    <message>
        <source>Contact form</source>
        <translation>טופס יצירת קשר</translation>
    </message>
    <message>
        <source>Please write your message.</source>
        <translation>נא לכתוב את ההודעה שלכם.</translation>
    </message>
</context>
<context>
    <name>OWidget::FreedesktopNotifications</name>
    <message>
        <source>Open the chat</source>
        <translation>פתיחת הצ׳אט</translation>
    </message>
</context>
<context>
    <name>OWidget::HoursNote</name>
    <message numerus="yes">
        <source>We usually reply within %n minute(s).</source>
        <translation>
            <numerusform>בדרך כלל אנחנו עונים תוך דקה.</numerusform>
            <numerusform>בדרך כלל אנחנו עונים תוך %n דקות.</numerusform>
        </translation>
    </message>
    <message>
        <source>We are back today at %1.</source>
        <translation>נחזור היום ב-%1.</translation>
    </message>
    <message>
        <source>We are back tomorrow at %1.</source>
        <translation>נחזור מחר ב-%1.</translation>
    </message>
    <message>
        <source>We are back Monday at %1.</source>
        <translation>נחזור ביום שני ב-%1.</translation>
    </message>
    <message>
        <source>We are back Tuesday at %1.</source>
        <translation>נחזור ביום שלישי ב-%1.</translation>
    </message>
    <message>
        <source>We are back Wednesday at %1.</source>
        <translation>נחזור ביום רביעי ב-%1.</translation>
    </message>
    <message>
        <source>We are back Thursday at %1.</source>
        <translation>נחזור ביום חמישי ב-%1.</translation>
    </message>
    <message>
        <source>We are back Friday at %1.</source>
        <translation>נחזור ביום שישי ב-%1.</translation>
    </message>
    <message>
        <source>We are back Saturday at %1.</source>
        <translation>נחזור בשבת ב-%1.</translation>
    </message>
    <message>
        <source>We are back Sunday at %1.</source>
        <translation>נחזור ביום ראשון ב-%1.</translation>
    </message>
    <message numerus="yes">
        <source>We usually reply within %n hour(s).</source>
        <translation>
            <numerusform>בדרך כלל אנחנו עונים תוך שעה.</numerusform>
            <numerusform>בדרך כלל אנחנו עונים תוך %n שעות.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::MessageDelegate</name>
    <message>
        <source>The operator is typing…</source>
        <translation>הנציג מקליד…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 מקליד/ה…</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>לא נמסרה</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>היום</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>אתמול</translation>
    </message>
    <message>
        <source>Seen</source>
        <comment>under the visitor&apos;s last message the operator has read</comment>
        <translation>נראה</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageModel</name>
    <message>
        <source>%1 is typing</source>
        <translation>%1 מקליד/ה</translation>
    </message>
    <message>
        <source>You</source>
        <translation>אתם</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 בשעה %2: %3</translation>
    </message>
    <message>
        <source>%1 (sending)</source>
        <translation>%1 (בשליחה)</translation>
    </message>
    <message>
        <source>%1 (not delivered)</source>
        <translation>%1 (לא נמסרה)</translation>
    </message>
    <message>
        <source>%1. Seen</source>
        <comment>the operator has read up to this message</comment>
        <translation>%1. נראה</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageView</name>
    <message>
        <source>New message from %1: %2</source>
        <translation>הודעה חדשה מאת %1: %2</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>העתקת הטקסט</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>פתיחת %1</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>העתקת כתובת הקישור</translation>
    </message>
</context>
<context>
    <name>OWidget::Notifier</name>
    <message>
        <source>New message</source>
        <translation>הודעה חדשה</translation>
    </message>
</context>
<context>
    <name>OWidget::RatingPanel</name>
    <message>
        <source>Were you satisfied with the conversation?</source>
        <translation>האם הייתם מרוצים מהשיחה?</translation>
    </message>
    <message>
        <source>How would you rate the conversation?</source>
        <translation>איך הייתם מדרגים את השיחה?</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>דירוג</translation>
    </message>
    <message>
        <source>Add a comment (optional)</source>
        <translation>הוסיפו הערה (לא חובה)</translation>
    </message>
    <message>
        <source>Comment on the conversation</source>
        <translation>הערה על השיחה</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>שליחת דירוג</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>דילוג</translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation>דילוג על הדירוג</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>תודה על הדירוג.</translation>
    </message>
    <message>
        <source>Rate %1 of %2 stars</source>
        <translation>דירוג %1 מתוך %2 כוכבים</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>לא מרוצה</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>מרוצה</translation>
    </message>
    <message>
        <source>Your conversation with %1</source>
        <translation>השיחה שלך עם %1</translation>
    </message>
</context>
<context>
    <name>OWidget::SentPage</name>
    <message>
        <source>We will call you back as soon as we can.</source>
        <translation>נחזור אליכם בהקדם האפשרי.</translation>
    </message>
    <message>
        <source>We have received your message and will get back to you.</source>
        <translation>קיבלנו את ההודעה שלכם ונחזור אליכם.</translation>
    </message>
</context>
<context>
    <name>OWidget::StatusPage</name>
    <message>
        <source>Chat is not set up</source>
        <translation>הצ׳אט לא הוגדר</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>מתחברים…</translation>
    </message>
    <message>
        <source>Just a moment, please.</source>
        <translation>רק רגע, בבקשה.</translation>
    </message>
    <message>
        <source>The chat is unavailable</source>
        <translation>הצ׳אט לא זמין</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again later.</source>
        <translation>אין לנו גישה לשירות הצ׳אט כרגע. נסו שוב מאוחר יותר.</translation>
    </message>
    <message>
        <source>The chat is offline</source>
        <translation>הצ׳אט לא מקוון</translation>
    </message>
    <message>
        <source>Please come back later.</source>
        <translation>נסו לחזור מאוחר יותר.</translation>
    </message>
</context>
<context>
    <name>SentPage</name>
    <message>
        <source>Thank you</source>
        <translation>תודה</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>סיום</translation>
    </message>
</context>
</TS>
