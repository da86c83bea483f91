<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cs_CZ">
<context>
    <name>ConversationPage</name>
    <message>
        <source>Leave the queue</source>
        <translation>Opustit frontu</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Konverzace</translation>
    </message>
    <message>
        <source>The conversation has ended.</source>
        <translation>Konverzace skončila.</translation>
    </message>
    <message>
        <source>Save transcript…</source>
        <translation>Uložit přepis…</translation>
    </message>
    <message>
        <source>Start a new chat</source>
        <translation>Začít nový chat</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentActions</name>
    <message>
        <source>Saved %1</source>
        <translation>Uloženo: %1</translation>
    </message>
    <message>
        <source>The file could not be saved: %1</source>
        <translation>Soubor se nepodařilo uložit: %1</translation>
    </message>
    <message>
        <source>Upload of %1 cancelled</source>
        <translation>Odesílání souboru %1 zrušeno</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Uložit jako</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentBubble</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n bajt</numerusform>
            <numerusform>%n bajty</numerusform>
            <numerusform>%n bajtů</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · not sent</source>
        <translation>%1 · neodesláno</translation>
    </message>
    <message>
        <source>Uploading %1% · Cancel</source>
        <translation>Odesílá se %1 % · Zrušit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Zrušit</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Uložit jako…</translation>
    </message>
    <message>
        <source>Image %1, %2</source>
        <translation>Obrázek %1, %2</translation>
    </message>
    <message>
        <source>File %1, %2</source>
        <translation>Soubor %1, %2</translation>
    </message>
    <message>
        <source>%1, uploading %2%</source>
        <translation>%1, odesílá se %2 %</translation>
    </message>
    <message>
        <source>%1, not sent</source>
        <translation>%1, neodesláno</translation>
    </message>
</context>
<context>
    <name>OWidget::AttachmentInput</name>
    <message>
        <source>Attach files</source>
        <translation>Přiložit soubory</translation>
    </message>
    <message>
        <source>Files cannot be sent in this conversation.</source>
        <translation>V této konverzaci nelze posílat soubory.</translation>
    </message>
    <message>
        <source>Cannot read the file %1.</source>
        <translation>Soubor %1 nelze přečíst.</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>Soubor %1 je prázdný.</translation>
    </message>
    <message>
        <source>The file %1 is %2; files may be at most %3.</source>
        <translation>Soubor %1 má %2; soubory smějí mít nejvýše %3.</translation>
    </message>
    <message>
        <source>The file %1 is not of a type this chat accepts (%2).</source>
        <translation>Soubor %1 není typu, který tento chat přijímá (%2).</translation>
    </message>
    <message>
        <source>screenshot.png</source>
        <translation>snimek-obrazovky.png</translation>
    </message>
    <message>
        <source>The pasted image cannot be sent.</source>
        <translation>Vložený obrázek nelze odeslat.</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>Přetáhněte sem soubory a odešlou se</translation>
    </message>
    <message>
        <source>Files this chat takes (%1)</source>
        <translation>Soubory, které tento chat přijímá (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Všechny soubory (*)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatButton</name>
    <message>
        <source>Chat with us</source>
        <translation>Napište nám</translation>
    </message>
    <message>
        <source>Operators are busy</source>
        <translation>Operátoři jsou vytíženi</translation>
    </message>
    <message>
        <source>Chat is offline</source>
        <translation>Chat je offline</translation>
    </message>
    <message>
        <source>%1: click to open or close the chat window</source>
        <translation>%1: kliknutím otevřete nebo zavřete okno chatu</translation>
    </message>
    <message>
        <source>Chat: %1</source>
        <translation>Chat: %1</translation>
    </message>
    <message>
        <source>Chat: %1, unread messages: %2</source>
        <translation>Chat: %1, nepřečtené zprávy: %2</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatHeader</name>
    <message>
        <source>End chat</source>
        <translation>Ukončit chat</translation>
    </message>
    <message>
        <source>Close the chat window</source>
        <translation>Zavřít okno chatu</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Zavřít (Esc)</translation>
    </message>
</context>
<context>
    <name>OWidget::ChatWindow</name>
    <message>
        <source>Save transcript</source>
        <translation>Uložit přepis</translation>
    </message>
    <message>
        <source>conversation.txt</source>
        <translation>konverzace.txt</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Textové soubory (*.txt)</translation>
    </message>
    <message>
        <source>[File: %1, %2]</source>
        <translation>[Soubor: %1, %2]</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Znovu se připojuji…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Připojuji…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nepřipojeno</translation>
    </message>
    <message>
        <source>You are chatting with an operator</source>
        <translation>Píšete si s operátorem</translation>
    </message>
    <message>
        <source>You are chatting with %1</source>
        <translation>Píše vám %1</translation>
    </message>
    <message>
        <source>Conversation ended</source>
        <translation>Konverzace skončila</translation>
    </message>
    <message>
        <source>Waiting for an operator</source>
        <translation>Čekáte na operátora</translation>
    </message>
    <message>
        <source>We are online</source>
        <translation>Jsme online</translation>
    </message>
    <message>
        <source>All operators are busy</source>
        <translation>Všichni operátoři jsou vytíženi</translation>
    </message>
    <message>
        <source>We are offline</source>
        <translation>Nejsme online</translation>
    </message>
    <message>
        <source>That did not work. Please try again.</source>
        <translation>To se nepovedlo. Zkuste to prosím znovu.</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Vy</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again in a moment.</source>
        <translation>Službu chatu se teď nedaří zastihnout. Zkuste to prosím za chvíli znovu.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Toto není platné telefonní číslo.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Příliš mnoho pokusů. Chvíli počkejte a zkuste to znovu.</translation>
    </message>
    <message>
        <source>Please check what you filled in and try again.</source>
        <translation>Zkontrolujte prosím, co jste vyplnili, a zkuste to znovu.</translation>
    </message>
    <message numerus="yes">
        <source>Reconnecting in %n s…</source>
        <translation>
            <numerusform>Znovu se připojím za %n s…</numerusform>
            <numerusform>Znovu se připojím za %n s…</numerusform>
            <numerusform>Znovu se připojím za %n s…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OWidget::Composer</name>
    <message>
        <source>The message is too long: %1 characters of at most %2.</source>
        <translation>Zpráva je příliš dlouhá: %1 znaků, nejvýše %2.</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Zpráva</translation>
    </message>
    <message>
        <source>Write a message…</source>
        <translation>Napište zprávu…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Odeslat</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Odeslat zprávu</translation>
    </message>
    <message>
        <source>Send (Enter); Shift+Enter starts a new line</source>
        <translation>Odeslat (Enter); Shift+Enter začne nový řádek</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Přiložit soubor</translation>
    </message>
</context>
<context>
    <name>OWidget::ConversationPage</name>
    <message>
        <source>Connecting you to an operator…</source>
        <translation>Spojujeme vás s operátorem…</translation>
    </message>
    <message>
        <source>You are number %1 in the queue. An operator will be with you shortly.</source>
        <translation>Jste %1. ve frontě. Operátor se vám bude brzy věnovat.</translation>
    </message>
    <message>
        <source>Waiting for an operator…</source>
        <translation>Čekáte na operátora…</translation>
    </message>
    <message>
        <source>You are connected. Write your message below.</source>
        <translation>Jste spojeni. Napište svou zprávu níže.</translation>
    </message>
    <message>
        <source>Write your question while you wait: the operator will see it as soon as they join.</source>
        <translation>Během čekání můžete napsat svůj dotaz: operátor ho uvidí, jakmile se připojí.</translation>
    </message>
    <message>
        <source>An operator joined the conversation.</source>
        <translation>K rozhovoru se připojil operátor.</translation>
    </message>
    <message>
        <source>%1 joined the conversation.</source>
        <translation>%1 se připojil(a) k rozhovoru.</translation>
    </message>
    <message>
        <source>You ended the conversation.</source>
        <translation>Ukončili jste rozhovor.</translation>
    </message>
    <message>
        <source>The conversation was ended.</source>
        <translation>Rozhovor byl ukončen.</translation>
    </message>
    <message>
        <source>%1 ended the conversation.</source>
        <translation>%1 ukončil(a) rozhovor.</translation>
    </message>
    <message>
        <source>End the conversation?</source>
        <translation>Ukončit rozhovor?</translation>
    </message>
    <message>
        <source>End chat</source>
        <translation>Ukončit chat</translation>
    </message>
    <message>
        <source>Keep chatting</source>
        <translation>Pokračovat</translation>
    </message>
    <message>
        <source>Your message was not delivered: %1</source>
        <translation>Vaše zpráva nebyla doručena: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::EmojiPicker</name>
    <message>
        <source>Smileys &amp; Emotion</source>
        <translation>Smajlíci a emoce</translation>
    </message>
    <message>
        <source>People &amp; Body</source>
        <translation>Lidé a tělo</translation>
    </message>
    <message>
        <source>Animals &amp; Nature</source>
        <translation>Zvířata a příroda</translation>
    </message>
    <message>
        <source>Food &amp; Drink</source>
        <translation>Jídlo a pití</translation>
    </message>
    <message>
        <source>Travel &amp; Places</source>
        <translation>Cestování a místa</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Aktivity</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>Předměty</translation>
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
        <translation>Žádné emoji nenalezeno</translation>
    </message>
    <message>
        <source>Emoji</source>
        <translation>Emoji</translation>
    </message>
    <message>
        <source>Search emoji</source>
        <translation>Hledat emoji</translation>
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
        <translation>Vyplňte prosím toto pole.</translation>
    </message>
    <message>
        <source>Enter an e-mail address such as name@example.com.</source>
        <translation>Zadejte e-mailovou adresu, například jmeno@example.com.</translation>
    </message>
    <message>
        <source>This is not a valid phone number.</source>
        <translation>Toto není platné telefonní číslo.</translation>
    </message>
    <message>
        <source>Phone number for the call back</source>
        <translation>Telefonní číslo pro zpětné volání</translation>
    </message>
</context>
<context>
    <name>OWidget::FormPage</name>
    <message>
        <source>All our operators are busy right now. You can wait in the queue or ask us to call you back.</source>
        <translation>Všichni naši operátoři jsou teď vytíženi. Můžete počkat ve frontě, nebo si nechat zavolat zpět.</translation>
    </message>
    <message>
        <source>Join the queue</source>
        <translation>Zařadit se do fronty</translation>
    </message>
    <message>
        <source>Hello! Tell us a little about yourself and an operator will be with you shortly.</source>
        <translation>Dobrý den! Napište nám něco o sobě a operátor se vám bude brzy věnovat.</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Začít chat</translation>
    </message>
    <message>
        <source>Leave us your phone number and we will call you back.</source>
        <translation>Nechte nám své telefonní číslo a zavoláme vám zpět.</translation>
    </message>
    <message>
        <source>Call me back</source>
        <translation>Zavolejte mi</translation>
    </message>
    <message>
        <source>Nobody is here right now. Leave us a message and we will get back to you.</source>
        <translation>Teď tu nikdo není. Zanechte nám zprávu a ozveme se vám.</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Odeslat zprávu</translation>
    </message>
    <message>
        <source>Chat in the queue instead</source>
        <translation>Raději počkat ve frontě na chat</translation>
    </message>
    <message>
        <source>Chat with an operator instead</source>
        <translation>Raději chatovat s operátorem</translation>
    </message>
    <message>
        <source>Ask for a call back instead</source>
        <translation>Raději si nechat zavolat</translation>
    </message>
    <message>
        <source>Leave a message instead</source>
        <translation>Raději zanechat zprávu</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Odesílám…</translation>
    </message>
    <message>
        <source>Your message *</source>
        <translation>Vaše zpráva *</translation>
    </message>
    <message>
        <source>Your message (required)</source>
        <translation>Vaše zpráva (povinné)</translation>
    </message>
    <message>
        <source>Contact form</source>
        <translation>Kontaktní formulář</translation>
    </message>
    <message>
        <source>Please write your message.</source>
        <translation>Napište prosím svou zprávu.</translation>
    </message>
</context>
<context>
    <name>OWidget::FreedesktopNotifications</name>
    <message>
        <source>Open the chat</source>
        <translation>Otevřít chat</translation>
    </message>
</context>
<context>
    <name>OWidget::HoursNote</name>
    <message numerus="yes">
        <source>We usually reply within %n minute(s).</source>
        <translation>
            <numerusform>Obvykle odpovídáme do %n minuty.</numerusform>
            <numerusform>Obvykle odpovídáme do %n minut.</numerusform>
            <numerusform>Obvykle odpovídáme do %n minut.</numerusform>
        </translation>
    </message>
    <message>
        <source>We are back today at %1.</source>
        <translation>Jsme zpět dnes od %1.</translation>
    </message>
    <message>
        <source>We are back tomorrow at %1.</source>
        <translation>Jsme zpět zítra od %1.</translation>
    </message>
    <message>
        <source>We are back Monday at %1.</source>
        <translation>Jsme zpět v pondělí od %1.</translation>
    </message>
    <message>
        <source>We are back Tuesday at %1.</source>
        <translation>Jsme zpět v úterý od %1.</translation>
    </message>
    <message>
        <source>We are back Wednesday at %1.</source>
        <translation>Jsme zpět ve středu od %1.</translation>
    </message>
    <message>
        <source>We are back Thursday at %1.</source>
        <translation>Jsme zpět ve čtvrtek od %1.</translation>
    </message>
    <message>
        <source>We are back Friday at %1.</source>
        <translation>Jsme zpět v pátek od %1.</translation>
    </message>
    <message>
        <source>We are back Saturday at %1.</source>
        <translation>Jsme zpět v sobotu od %1.</translation>
    </message>
    <message>
        <source>We are back Sunday at %1.</source>
        <translation>Jsme zpět v neděli od %1.</translation>
    </message>
    <message numerus="yes">
        <source>We usually reply within %n hour(s).</source>
        <translation>
            <numerusform>Obvykle odpovídáme do %n hodiny.</numerusform>
            <numerusform>Obvykle odpovídáme do %n hodin.</numerusform>
            <numerusform>Obvykle odpovídáme do %n hodin.</numerusform>
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
        <translation>Nedoručeno</translation>
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
        <translation>Viděno</translation>
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
        <translation>%1 v %2: %3</translation>
    </message>
    <message>
        <source>%1 (sending)</source>
        <translation>%1 (odesílá se)</translation>
    </message>
    <message>
        <source>%1 (not delivered)</source>
        <translation>%1 (nedoručeno)</translation>
    </message>
    <message>
        <source>%1. Seen</source>
        <comment>the operator has read up to this message</comment>
        <translation>%1. Viděno</translation>
    </message>
</context>
<context>
    <name>OWidget::MessageView</name>
    <message>
        <source>New message from %1: %2</source>
        <translation>Nová zpráva od %1: %2</translation>
    </message>
    <message>
        <source>Copy text</source>
        <translation>Kopírovat text</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>Otevřít %1</translation>
    </message>
    <message>
        <source>Copy link address</source>
        <translation>Kopírovat adresu odkazu</translation>
    </message>
</context>
<context>
    <name>OWidget::Notifier</name>
    <message>
        <source>New message</source>
        <translation>Nová zpráva</translation>
    </message>
</context>
<context>
    <name>OWidget::RatingPanel</name>
    <message>
        <source>Were you satisfied with the conversation?</source>
        <translation>Byli jste s konverzací spokojeni?</translation>
    </message>
    <message>
        <source>How would you rate the conversation?</source>
        <translation>Jak hodnotíte konverzaci?</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Hodnocení</translation>
    </message>
    <message>
        <source>Add a comment (optional)</source>
        <translation>Přidejte komentář (nepovinné)</translation>
    </message>
    <message>
        <source>Comment on the conversation</source>
        <translation>Komentář ke konverzaci</translation>
    </message>
    <message>
        <source>Send rating</source>
        <translation>Odeslat hodnocení</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Přeskočit</translation>
    </message>
    <message>
        <source>Skip the rating</source>
        <translation>Přeskočit hodnocení</translation>
    </message>
    <message>
        <source>Thank you for your rating.</source>
        <translation>Děkujeme za vaše hodnocení.</translation>
    </message>
    <message>
        <source>Rate %1 of %2 stars</source>
        <translation>Ohodnotit %1 z %2 hvězdiček</translation>
    </message>
    <message>
        <source>Unsatisfied</source>
        <translation>Nespokojenost</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>Spokojenost</translation>
    </message>
    <message>
        <source>Your conversation with %1</source>
        <translation>Vaše konverzace: %1</translation>
    </message>
</context>
<context>
    <name>OWidget::SentPage</name>
    <message>
        <source>We will call you back as soon as we can.</source>
        <translation>Zavoláme vám zpět, jakmile to bude možné.</translation>
    </message>
    <message>
        <source>We have received your message and will get back to you.</source>
        <translation>Vaši zprávu jsme přijali a ozveme se vám.</translation>
    </message>
</context>
<context>
    <name>OWidget::StatusPage</name>
    <message>
        <source>Chat is not set up</source>
        <translation>Chat není nastaven</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Připojuji…</translation>
    </message>
    <message>
        <source>Just a moment, please.</source>
        <translation>Okamžik, prosím.</translation>
    </message>
    <message>
        <source>The chat is unavailable</source>
        <translation>Chat není dostupný</translation>
    </message>
    <message>
        <source>We cannot reach the chat service right now. Please try again later.</source>
        <translation>Službu chatu se teď nedaří zastihnout. Zkuste to prosím později.</translation>
    </message>
    <message>
        <source>The chat is offline</source>
        <translation>Chat je offline</translation>
    </message>
    <message>
        <source>Please come back later.</source>
        <translation>Vraťte se prosím později.</translation>
    </message>
</context>
<context>
    <name>SentPage</name>
    <message>
        <source>Thank you</source>
        <translation>Děkujeme</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hotovo</translation>
    </message>
</context>
</TS>
