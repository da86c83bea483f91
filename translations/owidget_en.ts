<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ConversationPage</name>
    <message>
        <source>Leave the queue</source>
        <translation>Leave the queue</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>The conversation has ended.</source>
        <translation>The conversation has ended.</translation>
    </message>
    <message>
        <source>Save transcript…</source>
        <translation>Save transcript…</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>Start a new chat</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentActions</name>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>The file could not be saved: %1</translation>
    </message>
    <message>
        <source>Upload of %1 cancelled</source>
        <translation>Upload of %1 cancelled</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentBubble</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · not sent</source>
        <translation>%1 · not sent</translation>
    </message>
    <message>
        <source>Uploading %1% · Cancel</source>
        <translation>Uploading %1% · Cancel</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>Image %1, %2</source>
        <translation>Image %1, %2</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <translation>File %1, %2</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1, uploading %2%</translation>
    </message>
    <message>
        <source>%1, not sent</source>
        <translation>%1, not sent</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentInput</name>
    <message>
        <source>Attach files</source>
        <translation>Attach files</translation>
    </message>
    <message>
        <source>Files cannot be sent in this conversation.</source>
        <translation>Files cannot be sent in this conversation.</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>Cannot read the file %1.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>The file %1 is empty.</translation>
    </message>
    <message>
        <source>The file %1 is %2; files may be at most %3.</source>
        <translation>The file %1 is %2; files may be at most %3.</translation>
    </message>
    <message>
        <source>The file %1 is not of a type this chat accepts (%2).</source>
        <translation>The file %1 is not of a type this chat accepts (%2).</translation>
    </message>
    <message>
        <source>screenshot.png</source>
        <translation>screenshot.png</translation>
    </message>
    <message>
        <source>The pasted image cannot be sent.</source>
        <translation>The pasted image cannot be sent.</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>Drop files here to send them</translation>
    </message>
    <message>
        <source>Files this chat takes (%1)</source>
        <translation>Files this chat takes (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatButton</name>
    <message>
        <source>Chat with us</source>
        <translation>Chat with us</translation>
    </message>
    <message>
        <source>Operators are busy</source>
        <translation>Operators are busy</translation>
    </message>
    <message>
        <source>Chat is offline</source>
        <translation>Chat is offline</translation>
    </message>
    <message>
        <source>%1: click to open or close the chat window</source>
        <translation>%1: click to open or close the chat window</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>Chat: %1</translation>
    </message>
    <message>
        <source>Chat: %1, unread messages: %2</source>
        <translation>Chat: %1, unread messages: %2</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatHeader</name>
    <message>
        <source>End chat</source>
        <translation>End chat</translation>
    </message>
    <message>
        <source>Close the chat window</source>
        <translation>Close the chat window</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatWindow</name>
    <message>
        <source>Save transcript</source>
        <translation>Save transcript</translation>
    </message>
    <message>
        <source>conversation.txt</source>
        <translation>conversation.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Text files (*.txt)</translation>
    </message>
    <message>
        <source>[File: %1, %2]</source>
        <translation>[File: %1, %2]</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconnecting…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Not connected</translation>
    </message>
    <message>
        <source>You are chatting with an operator</source>
        <translation>You are chatting with an operator</translation>
    </message>
    <message>
        <source>You are chatting with %1</source>
        <translation>You are chatting with %1</translation>
    </message>
    <message>
        <source>Conversation ended</source>
        <translation>Conversation ended</translation>
    </message>
    <message>
        <source>Waiting for an operator</source>
        <translation>Waiting for an operator</translation>
    </message>
    <message>
        <source>We are online</source>
        <translation>We are online</translation>
    </message>
    <message>
        <source>All operators are busy</source>
        <translation>All operators are busy</translation>
    </message>
    <message>
        <source>We are offline</source>
        <translation>We are offline</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>That did not work. Please try again.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again in a moment.</source>
        <translation>We cannot reach the chat service right now. Please try again in a moment.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>This is not a valid phone number.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Too many attempts. Please wait a moment and try again.</translation>
    </message>
    <message>
        <source>Please check what you filled in and try again.</source>
        <translation>Please check what you filled in and try again.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>Reconnecting in %n s…</numerusform>
            <numerusform>Reconnecting in %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::Composer</name>
    <message>
        <source>The message is too long: %1 characters of at most %2.</source>
        <translation>The message is too long: %1 characters of at most %2.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation>Write a message…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Send the message</translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation>Send (Enter); Shift+Enter starts a new line</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Attach a file</translation>
    </message>
</context>
<context>
    <name>OWidget::ConversationPage</name>
    <message>
        <source>Connecting you to an operator…</source>
        <translation>Connecting you to an operator…</translation>
    </message>
    <message>
        <source>You are number %1 in the queue. An operator will be with you shortly.</source>
        <translation>You are number %1 in the queue. An operator will be with you shortly.</translation>
    </message>
    <message>
        <source>Waiting for an operator…</source>
        <translation>Waiting for an operator…</translation>
    </message>
    <message>
        <source>You are connected. Write your message below.</source>
        <translation>You are connected. Write your message below.</translation>
    </message>
    <message>
        <source>Write your question while you wait: the operator will see it as soon as they join.</source>
        <translation>Write your question while you wait: the operator will see it as soon as they join.</translation>
    </message>
    <message>
        <source>An operator joined the conversation.</source>
        <translation>An operator joined the conversation.</translation>
    </message>
    <message>
        <source>%1 joined the conversation.</source>
        <translation>%1 joined the conversation.</translation>
    </message>
    <message>
        <source>You ended the conversation.</source>
        <translation>You ended the conversation.</translation>
    </message>
    <message>
        <source>The conversation was ended.</source>
        <translation>The conversation was ended.</translation>
    </message>
    <message>
        <source>%1 ended the conversation.</source>
        <translation>%1 ended the conversation.</translation>
    </message>
    <message>
        <source>End the conversation?</source>
        <translation>End the conversation?</translation>
    </message>
    <message>
        <source>End chat</source>
        <translation>End chat</translation>
    </message>
    <message>
        <source>Keep chatting</source>
        <translation>Keep chatting</translation>
    </message>
    <message>
        <source>Your message was not delivered: %1</source>
        <translation>Your message was not delivered: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::EmojiPicker</name>
    <message>
        <source>Smileys &amp; Emotion</source>
        <translation>Smileys &amp; Emotion</translation>
    </message>
    <message>
        <source>People &amp; Body</source>
        <translation>People &amp; Body</translation>
    </message>
    <message>
        <source>Animals &amp; Nature</source>
        <translation>Animals &amp; Nature</translation>
    </message>
    <message>
        <source>Food &amp; Drink</source>
        <translation>Food &amp; Drink</translation>
    </message>
    <message>
        <source>Travel &amp; Places</source>
        <translation>Travel &amp; Places</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Objects</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Symbols</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Flags</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>Recently used</translation>
    </message>
    <message>
        <source>No emoji found</source>
        <translation>No emoji found</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>Search emoji</translation>
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
        <translation>%1 (required)</translation>
    </message>
    <message>
        <source>Please fill in this field.</source>
        <translation>Please fill in this field.</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as name@example.com.</source>
        <translation>Enter an e-mail address such as name@example.com.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>This is not a valid phone number.</translation>
    </message>
    <message>
        <source>Phone number for the call back</source>
        <translation>Phone number for the call back</translation>
    </message>
</context>
<context>
    <name>OWidget::FormPage</name>
    <message>
        <source>All our operators are busy right now. You can wait in the queue or ask us to call you back.</source>
        <translation>All our operators are busy right now. You can wait in the queue or ask us to call you back.</translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation>Join the queue</translation>
    </message>
    <message>
        <source>Hello! Tell us a little about yourself and an operator will be with you shortly.</source>
        <translation>Hello! Tell us a little about yourself and an operator will be with you shortly.</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Start chat</translation>
    </message>
    <message>
        <source>Leave us your phone number and we will call you back.</source>
        <translation>Leave us your phone number and we will call you back.</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>Call me back</translation>
    </message>
    <message>
        <source>Nobody is here right now. Leave us a message and we will get back to you.</source>
        <translation>Nobody is here right now. Leave us a message and we will get back to you.</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Send message</translation>
    </message>
    <message>
        <source>Chat in the queue instead</source>
        <translation>Chat in the queue instead</translation>
    </message>
    <message>
        <source>Chat with an operator instead</source>
        <translation>Chat with an operator instead</translation>
    </message>
    <message>
        <source>Ask for a call back instead</source>
        <translation>Ask for a call back instead</translation>
    </message>
    <message>
        <source>Leave a message instead</source>
        <translation>Leave a message instead</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Your message *</source>
        <translation>Your message *</translation>
    </message>
    <message>
        <source>Your message (required)</source>
        <translation>Your message (required)</translation>
    </message>
    <message>
        <source>Contact form</source>
        <translation>Contact form</translation>
    </message>
    <message>
        <source>Please write your message.</source>
        <translation>Please write your message.</translation>
    </message>
</context>
<context>
    <name>OWidget::FreedesktopNotifications</name>
    <message>
        <source>Open the chat</source>
        <translation>Open the chat</translation>
    </message>
</context>
<context>
    <name>OWidget::HoursNote</name>
    <message numerus="yes">
        <source>We usually reply within %n minute(s).</source>
        <translation>
            <numerusform>We usually reply within %n minute.</numerusform>
            <numerusform>We usually reply within %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>We are back today at %1.</source>
        <translation>We are back today at %1.</translation>
    </message>
    <message>
        <source>We are back tomorrow at %1.</source>
        <translation>We are back tomorrow at %1.</translation>
    </message>
    <message>
        <source>We are back Monday at %1.</source>
        <translation>We are back Monday at %1.</translation>
    </message>
    <message>
        <source>We are back Tuesday at %1.</source>
        <translation>We are back Tuesday at %1.</translation>
    </message>
    <message>
        <source>We are back Wednesday at %1.</source>
        <translation>We are back Wednesday at %1.</translation>
    </message>
    <message>
        <source>We are back Thursday at %1.</source>
        <translation>We are back Thursday at %1.</translation>
    </message>
    <message>
        <source>We are back Friday at %1.</source>
        <translation>We are back Friday at %1.</translation>
    </message>
    <message>
        <source>We are back Saturday at %1.</source>
        <translation>We are back Saturday at %1.</translation>
    </message>
    <message>
        <source>We are back Sunday at %1.</source>
        <translation>We are back Sunday at %1.</translation>
    </message>
    <message numerus="yes">
        <source>We usually reply within %n hour(s).</source>
        <translation>
            <numerusform>We usually reply within %n hour.</numerusform>
            <numerusform>We usually reply within %n hours.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::MessageDelegate</name>
    <message>
        <source>The operator is typing…</source>
        <translation>The operator is typing…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Not delivered</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>Seen</source>
        <comment>under the visitor&apos;s last message the operator has read</comment>
        <translation>Seen</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageModel</name>
    <message>
        <source>%1 is typing</source>
        <translation>%1 is typing</translation>
    </message>
    <message>
        <source>You</source>
        <translation>You</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 at %2: %3</translation>
    </message>
    <message>
        <source>%1 (sending)</source>
        <translation>%1 (sending)</translation>
    </message>
    <message>
        <source>%1 (not delivered)</source>
        <translation>%1 (not delivered)</translation>
    </message>
    <message>
        <source>%1. Seen</source>
        <comment>the operator has read up to this message</comment>
        <translation>%1. Seen</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageView</name>
    <message>
        <source>New message from %1: %2</source>
        <translation>New message from %1: %2</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Copy text</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Open %1</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>Copy link address</translation>
    </message>
</context>
<context>
    <name>OWidget::Notifier</name>
    <message>
        <source>New message</source>
        <translation>New message</translation>
    </message>
</context>
<context>
    <name>OWidget::RatingPanel</name>
    <message>
        <source>Were you satisfied with the conversation?</source>
        <translation>Were you satisfied with the conversation?</translation>
    </message>
    <message>
        <source>How would you rate the conversation?</source>
        <translation>How would you rate the conversation?</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>Add a comment (optional)</source>
        <translation>Add a comment (optional)</translation>
    </message>
    <message>
        <source>Comment on the conversation</source>
        <translation>Comment on the conversation</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>Send rating</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation>Skip the rating</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>Thank you for your rating.</translation>
    </message>
    <message>
        <source>Rate %1 of %2 stars</source>
        <translation>Rate %1 of %2 stars</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>Unsatisfied</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <source>Your conversation with %1</source>
        <translation>Your conversation with %1</translation>
    </message>
</context>
<context>
    <name>OWidget::SentPage</name>
    <message>
        <source>We will call you back as soon as we can.</source>
        <translation>We will call you back as soon as we can.</translation>
    </message>
    <message>
        <source>We have received your message and will get back to you.</source>
        <translation>We have received your message and will get back to you.</translation>
    </message>
</context>
<context>
    <name>OWidget::StatusPage</name>
    <message>
        <source>Chat is not set up</source>
        <translation>Chat is not set up</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Just a moment, please.</source>
        <translation>Just a moment, please.</translation>
    </message>
    <message>
        <source>The chat is unavailable</source>
        <translation>The chat is unavailable</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again later.</source>
        <translation>We cannot reach the chat service right now. Please try again later.</translation>
    </message>
    <message>
        <source>The chat is offline</source>
        <translation>The chat is offline</translation>
    </message>
    <message>
        <source>Please come back later.</source>
        <translation>Please come back later.</translation>
    </message>
</context>
<context>
    <name>SentPage</name>
    <message>
        <source>Thank you</source>
        <translation>Thank you</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
</TS>
