<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sk_SK">
<context>
    <name>ConversationPage</name>
    <message>
        <source>Leave the queue</source>
        <translation>Opustiť rad</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Konverzácia</translation>
    </message>
    <message>
        <source>The conversation has ended.</source>
        <translation>Konverzácia sa skončila.</translation>
    </message>
    <message>
        <source>Save transcript…</source>
        <translation>Uložiť prepis…</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>Začať nový chat</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentActions</name>
    <message>
        <source>Saved %1</source>
        <translation>Uložené: %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>Súbor sa nepodarilo uložiť: %1</translation>
    </message>
    <message>
        <source>Upload of %1 cancelled</source>
        <translation>Odosielanie súboru %1 zrušené</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Uložiť ako</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentBubble</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n bajt</numerusform>
            <numerusform>%n bajty</numerusform>
            <numerusform>%n bajtov</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · not sent</source>
        <translation>%1 · neodoslané</translation>
    </message>
    <message>
        <source>Uploading %1% · Cancel</source>
        <translation>Odosiela sa %1 % · Zrušiť</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Zrušiť</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Uložiť ako…</translation>
    </message>
    <message>
        <source>Image %1, %2</source>
        <translation>Obrázok %1, %2</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <translation>Súbor %1, %2</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1, odosiela sa %2 %</translation>
    </message>
    <message>
        <source>%1, not sent</source>
        <translation>%1, neodoslané</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentInput</name>
    <message>
        <source>Attach files</source>
        <translation>Priložiť súbory</translation>
    </message>
    <message>
        <source>Files cannot be sent in this conversation.</source>
        <translation>V tejto konverzácii nemožno posielať súbory.</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>Súbor %1 sa nedá prečítať.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>Súbor %1 je prázdny.</translation>
    </message>
    <message>
        <source>The file %1 is %2; files may be at most %3.</source>
        <translation>Súbor %1 má %2; súbory môžu mať najviac %3.</translation>
    </message>
    <message>
        <source>The file %1 is not of a type this chat accepts (%2).</source>
        <translation>Súbor %1 nie je typu, ktorý tento chat prijíma (%2).</translation>
    </message>
    <message>
        <source>screenshot.png</source>
        <translation>snimka-obrazovky.png</translation>
    </message>
    <message>
        <source>The pasted image cannot be sent.</source>
        <translation>Vložený obrázok nemožno odoslať.</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>Presuňte sem súbory a odošlú sa</translation>
    </message>
    <message>
        <source>Files this chat takes (%1)</source>
        <translation>Súbory, ktoré tento chat prijíma (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Všetky súbory (*)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatButton</name>
    <message>
        <source>Chat with us</source>
        <translation>Napíšte nám</translation>
    </message>
    <message>
        <source>Operators are busy</source>
        <translation>Operátori sú vyťažení</translation>
    </message>
    <message>
        <source>Chat is offline</source>
        <translation>Chat je offline</translation>
    </message>
    <message>
        <source>%1: click to open or close the chat window</source>
        <translation>%1: kliknutím otvoríte alebo zatvoríte okno chatu</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>Chat: %1</translation>
    </message>
    <message>
        <source>Chat: %1, unread messages: %2</source>
        <translation>Chat: %1, neprečítané správy: %2</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatHeader</name>
    <message>
        <source>End chat</source>
        <translation>Ukončiť chat</translation>
    </message>
    <message>
        <source>Close the chat window</source>
        <translation>Zatvoriť okno chatu</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Zatvoriť (Esc)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatWindow</name>
    <message>
        <source>Save transcript</source>
        <translation>Uložiť prepis</translation>
    </message>
    <message>
        <source>conversation.txt</source>
        <translation>konverzacia.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textové súbory (*.txt)</translation>
    </message>
    <message>
        <source>[File: %1, %2]</source>
        <translation>[Súbor: %1, %2]</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Znova sa pripájam…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Pripájam…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nepripojené</translation>
    </message>
    <message>
        <source>You are chatting with an operator</source>
        <translation>Píšete si s operátorom</translation>
    </message>
    <message>
        <source>You are chatting with %1</source>
        <translation>Píše vám %1</translation>
    </message>
    <message>
        <source>Conversation ended</source>
        <translation>Konverzácia sa skončila</translation>
    </message>
    <message>
        <source>Waiting for an operator</source>
        <translation>Čakáte na operátora</translation>
    </message>
    <message>
        <source>We are online</source>
        <translation>Sme online</translation>
    </message>
    <message>
        <source>All operators are busy</source>
        <translation>Všetci operátori sú vyťažení</translation>
    </message>
    <message>
        <source>We are offline</source>
        <translation>Nie sme online</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>To sa nepodarilo. Skúste to, prosím, znova.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vy</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again in a moment.</source>
        <translation>Službu chatu sa teraz nedarí zastihnúť. Skúste to, prosím, o chvíľu znova.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Toto nie je platné telefónne číslo.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Príliš veľa pokusov. Chvíľu počkajte a skúste to znova.</translation>
    </message>
    <message>
        <source>Please check what you filled in and try again.</source>
        <translation>Skontrolujte, prosím, čo ste vyplnili, a skúste to znova.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>Znovu sa pripojím o %n s…</numerusform>
            <numerusform>Znovu sa pripojím o %n s…</numerusform>
            <numerusform>Znovu sa pripojím o %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::Composer</name>
    <message>
        <source>The message is too long: %1 characters of at most %2.</source>
        <translation>Správa je príliš dlhá: %1 znakov, najviac %2.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Správa</translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation>Napíšte správu…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Odoslať</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Odoslať správu</translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation>Odoslať (Enter); Shift+Enter začne nový riadok</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Priložiť súbor</translation>
    </message>
</context>
<context>
    <name>OWidget::ConversationPage</name>
    <message>
        <source>Connecting you to an operator…</source>
        <translation>Spájame vás s operátorom…</translation>
    </message>
    <message>
        <source>You are number %1 in the queue. An operator will be with you shortly.</source>
        <translation>Ste %1. v rade. Operátor sa vám bude čoskoro venovať.</translation>
    </message>
    <message>
        <source>Waiting for an operator…</source>
        <translation>Čakáte na operátora…</translation>
    </message>
    <message>
        <source>You are connected. Write your message below.</source>
        <translation>Ste spojení. Napíšte svoju správu nižšie.</translation>
    </message>
    <message>
        <source>Write your question while you wait: the operator will see it as soon as they join.</source>
        <translation>Počas čakania môžete napísať svoju otázku: operátor ju uvidí, hneď ako sa pripojí.</translation>
    </message>
    <message>
        <source>An operator joined the conversation.</source>
        <translation>K rozhovoru sa pripojil operátor.</translation>
    </message>
    <message>
        <source>%1 joined the conversation.</source>
        <translation>%1 sa pripojil(a) k rozhovoru.</translation>
    </message>
    <message>
        <source>You ended the conversation.</source>
        <translation>Ukončili ste rozhovor.</translation>
    </message>
    <message>
        <source>The conversation was ended.</source>
        <translation>Rozhovor bol ukončený.</translation>
    </message>
    <message>
        <source>%1 ended the conversation.</source>
        <translation>%1 ukončil(a) rozhovor.</translation>
    </message>
    <message>
        <source>End the conversation?</source>
        <translation>Ukončiť rozhovor?</translation>
    </message>
    <message>
        <source>End chat</source>
        <translation>Ukončiť chat</translation>
    </message>
    <message>
        <source>Keep chatting</source>
        <translation>Pokračovať</translation>
    </message>
    <message>
        <source>Your message was not delivered: %1</source>
        <translation>Vaša správa nebola doručená: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::EmojiPicker</name>
    <message>
        <source>Smileys &amp; Emotion</source>
        <translation>Smajlíky a emócie</translation>
    </message>
    <message>
        <source>People &amp; Body</source>
        <translation>Ľudia a telo</translation>
    </message>
    <message>
        <source>Animals &amp; Nature</source>
        <translation>Zvieratá a príroda</translation>
    </message>
    <message>
        <source>Food &amp; Drink</source>
        <translation>Jedlo a pitie</translation>
    </message>
    <message>
        <source>Travel &amp; Places</source>
        <translation>Cestovanie a miesta</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Aktivity</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Predmety</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>Symboly</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Vlajky</translation>
    </message>
    <message>
        <source>Recently used</source>
        <translation>Naposledy použité</translation>
    </message>
    <message>
        <source>No emoji found</source>
        <translation>Nenašlo sa žiadne emoji</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>Hľadať emoji</translation>
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
        <translation>%1 (povinné)</translation>
    </message>
    <message>
        <source>Please fill in this field.</source>
        <translation>Vyplňte, prosím, toto pole.</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as name@example.com.</source>
        <translation>Zadajte e-mailovú adresu, napríklad meno@example.com.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Toto nie je platné telefónne číslo.</translation>
    </message>
    <message>
        <source>Phone number for the call back</source>
        <translation>Telefónne číslo na spätné volanie</translation>
    </message>
</context>
<context>
    <name>OWidget::FormPage</name>
    <message>
        <source>All our operators are busy right now. You can wait in the queue or ask us to call you back.</source>
        <translation>Všetci naši operátori sú teraz vyťažení. Môžete počkať v rade alebo si nechať zavolať späť.</translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation>Zaradiť sa do radu</translation>
    </message>
    <message>
        <source>Hello! Tell us a little about yourself and an operator will be with you shortly.</source>
        <translation>Dobrý deň! Napíšte nám niečo o sebe a operátor sa vám bude čoskoro venovať.</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Začať chat</translation>
    </message>
    <message>
        <source>Leave us your phone number and we will call you back.</source>
        <translation>Nechajte nám svoje telefónne číslo a zavoláme vám späť.</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>Zavolajte mi</translation>
    </message>
    <message>
        <source>Nobody is here right now. Leave us a message and we will get back to you.</source>
        <translation>Teraz tu nikto nie je. Zanechajte nám správu a ozveme sa vám.</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Odoslať správu</translation>
    </message>
    <message>
        <source>Chat in the queue instead</source>
        <translation>Radšej počkať v rade na chat</translation>
    </message>
    <message>
        <source>Chat with an operator instead</source>
        <translation>Radšej chatovať s operátorom</translation>
    </message>
    <message>
        <source>Ask for a call back instead</source>
        <translation>Radšej si nechať zavolať</translation>
    </message>
    <message>
        <source>Leave a message instead</source>
        <translation>Radšej zanechať správu</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Odosielam…</translation>
    </message>
    <message>
        <source>Your message *</source>
        <translation>Vaša správa *</translation>
    </message>
    <message>
        <source>Your message (required)</source>
        <translation>Vaša správa (povinné)</translation>
    </message>
    <message>
        <source>Contact form</source>
        <translation>Kontaktný formulár</translation>
    </message>
    <message>
        <source>Please write your message.</source>
        <translation>Napíšte, prosím, svoju správu.</translation>
    </message>
</context>
<context>
    <name>OWidget::FreedesktopNotifications</name>
    <message>
        <source>Open the chat</source>
        <translation>Otvoriť chat</translation>
    </message>
</context>
<context>
    <name>OWidget::HoursNote</name>
    <message numerus="yes">
        <source>We usually reply within %n minute(s).</source>
        <translation>
            <numerusform>Zvyčajne odpovedáme do %n minúty.</numerusform>
            <numerusform>Zvyčajne odpovedáme do %n minút.</numerusform>
            <numerusform>Zvyčajne odpovedáme do %n minút.</numerusform>
        </translation>
    </message>
    <message>
        <source>We are back today at %1.</source>
        <translation>Sme späť dnes od %1.</translation>
    </message>
    <message>
        <source>We are back tomorrow at %1.</source>
        <translation>Sme späť zajtra od %1.</translation>
    </message>
    <message>
        <source>We are back Monday at %1.</source>
        <translation>Sme späť v pondelok od %1.</translation>
    </message>
    <message>
        <source>We are back Tuesday at %1.</source>
        <translation>Sme späť v utorok od %1.</translation>
    </message>
    <message>
        <source>We are back Wednesday at %1.</source>
        <translation>Sme späť v stredu od %1.</translation>
    </message>
    <message>
        <source>We are back Thursday at %1.</source>
        <translation>Sme späť vo štvrtok od %1.</translation>
    </message>
    <message>
        <source>We are back Friday at %1.</source>
        <translation>Sme späť v piatok od %1.</translation>
    </message>
    <message>
        <source>We are back Saturday at %1.</source>
        <translation>Sme späť v sobotu od %1.</translation>
    </message>
    <message>
        <source>We are back Sunday at %1.</source>
        <translation>Sme späť v nedeľu od %1.</translation>
    </message>
    <message numerus="yes">
        <source>We usually reply within %n hour(s).</source>
        <translation>
            <numerusform>Zvyčajne odpovedáme do %n hodiny.</numerusform>
            <numerusform>Zvyčajne odpovedáme do %n hodín.</numerusform>
            <numerusform>Zvyčajne odpovedáme do %n hodín.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::MessageDelegate</name>
    <message>
        <source>The operator is typing…</source>
        <translation>Operátor píše…</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 píše…</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Nedoručené</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Dnes</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Včera</translation>
    </message>
    <message>
        <source>Seen</source>
        <comment>under the visitor&apos;s last message the operator has read</comment>
        <translation>Videné</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageModel</name>
    <message>
        <source>%1 is typing</source>
        <translation>%1 píše</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vy</translation>
    </message>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1 o %2: %3</translation>
    </message>
    <message>
        <source>%1 (sending)</source>
        <translation>%1 (odosiela sa)</translation>
    </message>
    <message>
        <source>%1 (not delivered)</source>
        <translation>%1 (nedoručené)</translation>
    </message>
    <message>
        <source>%1. Seen</source>
        <comment>the operator has read up to this message</comment>
        <translation>%1. Videné</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageView</name>
    <message>
        <source>New message from %1: %2</source>
        <translation>Nová správa od %1: %2</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Kopírovať text</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Otvoriť %1</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>Kopírovať adresu odkazu</translation>
    </message>
</context>
<context>
    <name>OWidget::Notifier</name>
    <message>
        <source>New message</source>
        <translation>Nová správa</translation>
    </message>
</context>
<context>
    <name>OWidget::RatingPanel</name>
    <message>
        <source>Were you satisfied with the conversation?</source>
        <translation>Boli ste s konverzáciou spokojní?</translation>
    </message>
    <message>
        <source>How would you rate the conversation?</source>
        <translation>Ako hodnotíte konverzáciu?</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Hodnotenie</translation>
    </message>
    <message>
        <source>Add a comment (optional)</source>
        <translation>Pridajte komentár (nepovinné)</translation>
    </message>
    <message>
        <source>Comment on the conversation</source>
        <translation>Komentár ku konverzácii</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>Odoslať hodnotenie</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Preskočiť</translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation>Preskočiť hodnotenie</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>Ďakujeme za vaše hodnotenie.</translation>
    </message>
    <message>
        <source>Rate %1 of %2 stars</source>
        <translation>Ohodnotiť %1 z %2 hviezdičiek</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>Nespokojnosť</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Spokojnosť</translation>
    </message>
    <message>
        <source>Your conversation with %1</source>
        <translation>Vaša konverzácia: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::SentPage</name>
    <message>
        <source>We will call you back as soon as we can.</source>
        <translation>Zavoláme vám späť, hneď ako to bude možné.</translation>
    </message>
    <message>
        <source>We have received your message and will get back to you.</source>
        <translation>Vašu správu sme prijali a ozveme sa vám.</translation>
    </message>
</context>
<context>
    <name>OWidget::StatusPage</name>
    <message>
        <source>Chat is not set up</source>
        <translation>Chat nie je nastavený</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Pripájam…</translation>
    </message>
    <message>
        <source>Just a moment, please.</source>
        <translation>Moment, prosím.</translation>
    </message>
    <message>
        <source>The chat is unavailable</source>
        <translation>Chat nie je dostupný</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again later.</source>
        <translation>Službu chatu sa teraz nedarí zastihnúť. Skúste to, prosím, neskôr.</translation>
    </message>
    <message>
        <source>The chat is offline</source>
        <translation>Chat je offline</translation>
    </message>
    <message>
        <source>Please come back later.</source>
        <translation>Vráťte sa, prosím, neskôr.</translation>
    </message>
</context>
<context>
    <name>SentPage</name>
    <message>
        <source>Thank you</source>
        <translation>Ďakujeme</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hotovo</translation>
    </message>
</context>
</TS>
