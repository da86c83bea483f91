<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ConversationPage</name>
    <message>
        <source>Leave the queue</source>
        <translation>Warteschlange verlassen</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Unterhaltung</translation>
    </message>
    <message>
        <source>The conversation has ended.</source>
        <translation>Die Unterhaltung ist beendet.</translation>
    </message>
    <message>
        <source>Save transcript…</source>
        <translation>Verlauf speichern…</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>Neuen Chat beginnen</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentActions</name>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>Die Datei konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Upload of %1 cancelled</source>
        <translation>Hochladen von %1 abgebrochen</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Speichern unter</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentBubble</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n Byte</numerusform>
            <numerusform>%n Byte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · not sent</source>
        <translation>%1 · nicht gesendet</translation>
    </message>
    <message>
        <source>Uploading %1% · Cancel</source>
        <translation>Wird hochgeladen: %1 % · Abbrechen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Image %1, %2</source>
        <translation>Bild %1, %2</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <translation>Datei %1, %2</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1, wird hochgeladen: %2 %</translation>
    </message>
    <message>
        <source>%1, not sent</source>
        <translation>%1, nicht gesendet</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentInput</name>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Files cannot be sent in this conversation.</source>
        <translation>In diesem Gespräch können keine Dateien gesendet werden.</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>Die Datei %1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>Die Datei %1 ist leer.</translation>
    </message>
    <message>
        <source>The file %1 is %2; files may be at most %3.</source>
        <translation>Die Datei %1 ist %2 groß; Dateien dürfen höchstens %3 groß sein.</translation>
    </message>
    <message>
        <source>The file %1 is not of a type this chat accepts (%2).</source>
        <translation>Die Datei %1 hat einen Typ, den dieser Chat nicht annimmt (%2).</translation>
    </message>
    <message>
        <source>screenshot.png</source>
        <translation>bildschirmfoto.png</translation>
    </message>
    <message>
        <source>The pasted image cannot be sent.</source>
        <translation>Das eingefügte Bild kann nicht gesendet werden.</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>Dateien hier ablegen, um sie zu senden</translation>
    </message>
    <message>
        <source>Files this chat takes (%1)</source>
        <translation>Dateien, die dieser Chat annimmt (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatButton</name>
    <message>
        <source>Chat with us</source>
        <translation>Chatten Sie mit uns</translation>
    </message>
    <message>
        <source>Operators are busy</source>
        <translation>Alle Mitarbeiter sind beschäftigt</translation>
    </message>
    <message>
        <source>Chat is offline</source>
        <translation>Chat ist offline</translation>
    </message>
    <message>
        <source>%1: click to open or close the chat window</source>
        <translation>%1: Klicken, um das Chatfenster zu öffnen oder zu schließen</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>Chat: %1</translation>
    </message>
    <message>
        <source>Chat: %1, unread messages: %2</source>
        <translation>Chat: %1, ungelesene Nachrichten: %2</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatHeader</name>
    <message>
        <source>End chat</source>
        <translation>Chat beenden</translation>
    </message>
    <message>
        <source>Close the chat window</source>
        <translation>Chatfenster schließen</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Schließen (Esc)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatWindow</name>
    <message>
        <source>Save transcript</source>
        <translation>Verlauf speichern</translation>
    </message>
    <message>
        <source>conversation.txt</source>
        <translation>unterhaltung.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textdateien (*.txt)</translation>
    </message>
    <message>
        <source>[File: %1, %2]</source>
        <translation>[Datei: %1, %2]</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>You are chatting with an operator</source>
        <translation>Sie chatten mit einem Mitarbeiter</translation>
    </message>
    <message>
        <source>You are chatting with %1</source>
        <translation>Sie chatten mit %1</translation>
    </message>
    <message>
        <source>Conversation ended</source>
        <translation>Unterhaltung beendet</translation>
    </message>
    <message>
        <source>Waiting for an operator</source>
        <translation>Warten auf einen Mitarbeiter</translation>
    </message>
    <message>
        <source>We are online</source>
        <translation>Wir sind online</translation>
    </message>
    <message>
        <source>All operators are busy</source>
        <translation>Alle Mitarbeiter sind beschäftigt</translation>
    </message>
    <message>
        <source>We are offline</source>
        <translation>Wir sind offline</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>Das hat nicht geklappt. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again in a moment.</source>
        <translation>Der Chatdienst ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Das ist keine gültige Telefonnummer.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Zu viele Versuche. Bitte warten Sie einen Moment und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Please check what you filled in and try again.</source>
        <translation>Bitte prüfen Sie Ihre Angaben und versuchen Sie es erneut.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>Neuer Verbindungsversuch in %n s…</numerusform>
            <numerusform>Neuer Verbindungsversuch in %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::Composer</name>
    <message>
        <source>The message is too long: %1 characters of at most %2.</source>
        <translation>Die Nachricht ist zu lang: %1 Zeichen, höchstens %2.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation>Nachricht schreiben…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation>Senden (Eingabe); Umschalt+Eingabe beginnt eine neue Zeile</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Datei anhängen</translation>
    </message>
</context>
<context>
    <name>OWidget::ConversationPage</name>
    <message>
        <source>Connecting you to an operator…</source>
        <translation>Sie werden mit einem Mitarbeiter verbunden…</translation>
    </message>
    <message>
        <source>You are number %1 in the queue. An operator will be with you shortly.</source>
        <translation>Sie sind Nummer %1 in der Warteschlange. Gleich ist ein Mitarbeiter für Sie da.</translation>
    </message>
    <message>
        <source>Waiting for an operator…</source>
        <translation>Warten auf einen Mitarbeiter…</translation>
    </message>
    <message>
        <source>You are connected. Write your message below.</source>
        <translation>Sie sind verbunden. Schreiben Sie Ihre Nachricht unten.</translation>
    </message>
    <message>
        <source>Write your question while you wait: the operator will see it as soon as they join.</source>
        <translation>Schreiben Sie Ihre Frage, während Sie warten: Der Mitarbeiter sieht sie, sobald er dazukommt.</translation>
    </message>
    <message>
        <source>An operator joined the conversation.</source>
        <translation>Ein Mitarbeiter ist dem Gespräch beigetreten.</translation>
    </message>
    <message>
        <source>%1 joined the conversation.</source>
        <translation>%1 ist dem Gespräch beigetreten.</translation>
    </message>
    <message>
        <source>You ended the conversation.</source>
        <translation>Sie haben das Gespräch beendet.</translation>
    </message>
    <message>
        <source>The conversation was ended.</source>
        <translation>Das Gespräch wurde beendet.</translation>
    </message>
    <message>
        <source>%1 ended the conversation.</source>
        <translation>%1 hat das Gespräch beendet.</translation>
    </message>
    <message>
        <source>End the conversation?</source>
        <translation>Gespräch beenden?</translation>
    </message>
    <message>
        <source>End chat</source>
        <translation>Chat beenden</translation>
    </message>
    <message>
        <source>Keep chatting</source>
        <translation>Weiterchatten</translation>
    </message>
    <message>
        <source>Your message was not delivered: %1</source>
        <translation>Ihre Nachricht wurde nicht zugestellt: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::EmojiPicker</name>
    <message>
        <source>Smileys &amp; Emotion</source>
        <translation>Smileys &amp; Emotionen</translation>
    </message>
    <message>
        <source>People &amp; Body</source>
        <translation>Menschen &amp; Körper</translation>
    </message>
    <message>
        <source>Animals &amp; Nature</source>
        <translation>Tiere &amp; Natur</translation>
    </message>
    <message>
        <source>Food &amp; Drink</source>
        <translation>Essen &amp; Trinken</translation>
    </message>
    <message>
        <source>Travel &amp; Places</source>
        <translation>Reisen &amp; Orte</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Aktivitäten</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Symbole</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flaggen</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>No emoji found</source>
        <translation>Keine Emoji gefunden</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>Emoji suchen</translation>
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
        <translation>%1 (erforderlich)</translation>
    </message>
    <message>
        <source>Please fill in this field.</source>
        <translation>Bitte füllen Sie dieses Feld aus.</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as name@example.com.</source>
        <translation>Geben Sie eine E-Mail-Adresse wie name@example.com ein.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Das ist keine gültige Telefonnummer.</translation>
    </message>
    <message>
        <source>Phone number for the call back</source>
        <translation>Telefonnummer für den Rückruf</translation>
    </message>
</context>
<context>
    <name>OWidget::FormPage</name>
    <message>
        <source>All our operators are busy right now. You can wait in the queue or ask us to call you back.</source>
        <translation>Alle unsere Mitarbeiter sind gerade beschäftigt. Sie können in der Warteschlange warten oder einen Rückruf anfordern.</translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation>In die Warteschlange einreihen</translation>
    </message>
    <message>
        <source>Hello! Tell us a little about yourself and an operator will be with you shortly.</source>
        <translation>Hallo! Erzählen Sie uns kurz etwas über sich, gleich ist ein Mitarbeiter für Sie da.</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Chat beginnen</translation>
    </message>
    <message>
        <source>Leave us your phone number and we will call you back.</source>
        <translation>Hinterlassen Sie uns Ihre Telefonnummer, wir rufen Sie zurück.</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>Rufen Sie mich zurück</translation>
    </message>
    <message>
        <source>Nobody is here right now. Leave us a message and we will get back to you.</source>
        <translation>Gerade ist niemand da. Hinterlassen Sie uns eine Nachricht, wir melden uns bei Ihnen.</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>Chat in the queue instead</source>
        <translation>Stattdessen in der Warteschlange chatten</translation>
    </message>
    <message>
        <source>Chat with an operator instead</source>
        <translation>Stattdessen mit einem Mitarbeiter chatten</translation>
    </message>
    <message>
        <source>Ask for a call back instead</source>
        <translation>Stattdessen Rückruf anfordern</translation>
    </message>
    <message>
        <source>Leave a message instead</source>
        <translation>Stattdessen eine Nachricht hinterlassen</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>Your message *</source>
        <translation>Ihre Nachricht *</translation>
    </message>
    <message>
        <source>Your message (required)</source>
        <translation>Ihre Nachricht (erforderlich)</translation>
    </message>
    <message>
        <source>Contact form</source>
        <translation>Kontaktformular</translation>
    </message>
    <message>
        <source>Please write your message.</source>
        <translation>Bitte schreiben Sie Ihre Nachricht.</translation>
    </message>
</context>
<context>
    <name>OWidget::FreedesktopNotifications</name>
    <message>
        <source>Open the chat</source>
        <translation>Chat öffnen</translation>
    </message>
</context>
<context>
    <name>OWidget::HoursNote</name>
    <message numerus="yes">
        <source>We usually reply within %n minute(s).</source>
        <translation>
            <numerusform>Wir antworten meist innerhalb von %n Minute.</numerusform>
            <numerusform>Wir antworten meist innerhalb von %n Minuten.</numerusform>
        </translation>
    </message>
    <message>
        <source>We are back today at %1.</source>
        <translation>Wir sind heute ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back tomorrow at %1.</source>
        <translation>Wir sind morgen ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back Monday at %1.</source>
        <translation>Wir sind am Montag ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back Tuesday at %1.</source>
        <translation>Wir sind am Dienstag ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back Wednesday at %1.</source>
        <translation>Wir sind am Mittwoch ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back Thursday at %1.</source>
        <translation>Wir sind am Donnerstag ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back Friday at %1.</source>
        <translation>Wir sind am Freitag ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back Saturday at %1.</source>
        <translation>Wir sind am Samstag ab %1 wieder da.</translation>
    </message>
    <message>
        <source>We are back Sunday at %1.</source>
        <translation>Wir sind am Sonntag ab %1 wieder da.</translation>
    </message>
    <message numerus="yes">
        <source>We usually reply within %n hour(s).</source>
        <translation>
            <numerusform>Wir antworten meist innerhalb von %n Stunde.</numerusform>
            <numerusform>Wir antworten meist innerhalb von %n Stunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::MessageDelegate</name>
    <message>
        <source>The operator is typing…</source>
        <translation>Der Mitarbeiter schreibt…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt…</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Nicht zugestellt</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Seen</source>
        <comment>under the visitor&apos;s last message the operator has read</comment>
        <translation>Gesehen</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageModel</name>
    <message>
        <source>%1 is typing</source>
        <translation>%1 schreibt</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 um %2: %3</translation>
    </message>
    <message>
        <source>%1 (sending)</source>
        <translation>%1 (wird gesendet)</translation>
    </message>
    <message>
        <source>%1 (not delivered)</source>
        <translation>%1 (nicht zugestellt)</translation>
    </message>
    <message>
        <source>%1. Seen</source>
        <comment>the operator has read up to this message</comment>
        <translation>%1. Gesehen</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageView</name>
    <message>
        <source>New message from %1: %2</source>
        <translation>Neue Nachricht von %1: %2</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>Linkadresse kopieren</translation>
    </message>
</context>
<context>
    <name>OWidget::Notifier</name>
    <message>
        <source>New message</source>
        <translation>Neue Nachricht</translation>
    </message>
</context>
<context>
    <name>OWidget::RatingPanel</name>
    <message>
        <source>Were you satisfied with the conversation?</source>
        <translation>Waren Sie mit dem Gespräch zufrieden?</translation>
    </message>
    <message>
        <source>How would you rate the conversation?</source>
        <translation>Wie bewerten Sie das Gespräch?</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Add a comment (optional)</source>
        <translation>Kommentar hinzufügen (optional)</translation>
    </message>
    <message>
        <source>Comment on the conversation</source>
        <translation>Kommentar zum Gespräch</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>Bewertung senden</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation>Bewertung überspringen</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>Vielen Dank für Ihre Bewertung.</translation>
    </message>
    <message>
        <source>Rate %1 of %2 stars</source>
        <translation>Mit %1 von %2 Sternen bewerten</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>Unzufrieden</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Zufrieden</translation>
    </message>
    <message>
        <source>Your conversation with %1</source>
        <translation>Ihr Gespräch mit %1</translation>
    </message>
</context>
<context>
    <name>OWidget::SentPage</name>
    <message>
        <source>We will call you back as soon as we can.</source>
        <translation>Wir rufen Sie so bald wie möglich zurück.</translation>
    </message>
    <message>
        <source>We have received your message and will get back to you.</source>
        <translation>Wir haben Ihre Nachricht erhalten und melden uns bei Ihnen.</translation>
    </message>
</context>
<context>
    <name>OWidget::StatusPage</name>
    <message>
        <source>Chat is not set up</source>
        <translation>Der Chat ist nicht eingerichtet</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Just a moment, please.</source>
        <translation>Einen Moment, bitte.</translation>
    </message>
    <message>
        <source>The chat is unavailable</source>
        <translation>Der Chat ist nicht verfügbar</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again later.</source>
        <translation>Der Chatdienst ist gerade nicht erreichbar. Bitte versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The chat is offline</source>
        <translation>Der Chat ist offline</translation>
    </message>
    <message>
        <source>Please come back later.</source>
        <translation>Bitte schauen Sie später wieder vorbei.</translation>
    </message>
</context>
<context>
    <name>SentPage</name>
    <message>
        <source>Thank you</source>
        <translation>Vielen Dank</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
</TS>
