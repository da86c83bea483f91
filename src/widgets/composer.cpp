#include "composer_p.h"

#include "accentbutton_p.h"
#include "calls_p.h"
#include "emojidata_p.h"
#include "emojipicker_p.h"
#include "textdirection_p.h"

#include <owidget/controller.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

/// Characters as the protocol counts them: code points, so that an emoji counts once.
qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}

// The emoji button: as wide as it is tall, whatever the colour emoji font says the face's
// advance is (Noto Color Emoji's is far wider than its picture at text sizes), so that it does
// not push the text field away, and asks for no more room than it shows.
class EmojiButton : public QToolButton
{
public:
    using QToolButton::QToolButton;

    QSize sizeHint() const override { return square(QToolButton::sizeHint()); }
    QSize minimumSizeHint() const override { return square(QToolButton::minimumSizeHint()); }

private:
    static QSize square(QSize size) { return { size.height(), size.height() }; }
};

} // namespace

bool MessageField::canInsertFromMimeData(const QMimeData *source) const
{
    return (takeFiles && takeFiles(source, false)) || QPlainTextEdit::canInsertFromMimeData(source);
}

void MessageField::insertFromMimeData(const QMimeData *source)
{
    // Ctrl+V, the context menu's Paste and a drop all come here: files and images are attached,
    // text is written.
    if (!takeFiles || !takeFiles(source, true))
        QPlainTextEdit::insertFromMimeData(source);
}

Composer::Composer(QWidget *parent)
    : QFrame(parent)
    , m_error(new QLabel(this))
    , m_input(new MessageField(this))
    , m_send(new AccentButton(this))
    , m_emojiButton(new EmojiButton(this))
    , m_attachButton(new EmojiButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 10, 12, 12);
    layout->setSpacing(6);
    m_error->setObjectName(u"owidgetComposerError"_s);
    m_error->setTextFormat(Qt::PlainText);
    m_error->setWordWrap(true);
    m_error->hide();
    layout->addWidget(m_error);
    auto *row = new QHBoxLayout;
    row->setSpacing(8);
    // At the start of the row, before the text, where messengers put it; the focus reaches it
    // before the text and Send, in the order of the screen.
    m_emojiButton->setObjectName(u"owidgetEmojiButton"_s);
    m_emojiButton->setText(u"\U0001F642"_s);
    m_emojiButton->setAutoRaise(true);
    updateEmojiButtonFont();
    m_emojiButton->setCursor(Qt::PointingHandCursor);
    m_emojiButton->installEventFilter(this);
    row->addWidget(m_emojiButton, 0, Qt::AlignBottom);
    // Beside it the paper clip, shown when the preset takes files (AttachmentInput).
    m_attachButton->setObjectName(u"owidgetAttachButton"_s);
    m_attachButton->setText(u"\U0001F4CE"_s);
    m_attachButton->setAutoRaise(true);
    m_attachButton->setCursor(Qt::PointingHandCursor);
    m_attachButton->installEventFilter(this);
    m_attachButton->hide();
    row->addWidget(m_attachButton, 0, Qt::AlignBottom);
    m_input->setObjectName(u"owidgetMessageInput"_s);
    m_input->setTabChangesFocus(true);
    m_input->setFixedHeight(m_input->fontMetrics().lineSpacing() * 3 + 14);
    m_input->installEventFilter(this);
    TextDirection::follow(m_input);
    row->addWidget(m_input);
    m_send->setObjectName(u"owidgetSendButton"_s);
    m_send->setCursor(Qt::PointingHandCursor);
    row->addWidget(m_send, 0, Qt::AlignBottom);
    layout->addLayout(row);
    setTabOrder(m_emojiButton, m_attachButton);
    setTabOrder(m_attachButton, m_input);
    setTabOrder(m_input, m_send);
    // However tall the page, the composer keeps its own height; the conversation, which
    // expands, gets the rest. Not capped at its size hint: an explanation that wraps in a narrow
    // window needs the height its width gives it, else the message field is cut off.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);

    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        const QString text = m_input->toPlainText();
        if (m_controller)
            m_controller->setTyping(!text.isEmpty());
        const qsizetype length = characterCount(text);
        const bool tooLong = length > Controller::maxMessageLength();
        m_send->setEnabled(!tooLong);
        showError(tooLong ? tr("The message is too long: %1 characters of at most %2.")
                                .arg(length)
                                .arg(Controller::maxMessageLength())
                          : QString());
    });
    connect(m_send, &QPushButton::clicked, this, &Composer::send);
    connect(m_emojiButton, &QToolButton::clicked, this, &Composer::openEmojiPicker);
    retranslate();
}

void Composer::setController(Controller *controller)
{
    m_controller = controller;
}

void Composer::send()
{
    const QString text = m_input->toPlainText();
    if (!m_controller || text.trimmed().isEmpty()
        || characterCount(text) > Controller::maxMessageLength())
        return; // nothing to send, or the composer says why already
    const CallResult sent = Calls::sendMessage(*m_controller, text);
    if (sent.ok())
        m_input->clear();
    else
        showError(userMessage(sent.error));
}

void Composer::setEmojiPickerVisible(bool visible)
{
    m_emojiButton->setVisible(visible);
    if (!visible && m_picker)
        m_picker->hide();
}

void Composer::openEmojiPicker()
{
    if (!m_picker) {
        m_picker = new EmojiPicker(this);
        connect(m_picker, &EmojiPicker::emojiChosen, this, &Composer::insertAtCursor);
        // Escape, a click elsewhere or a choice: the visitor goes on writing.
        connect(m_picker, &EmojiPicker::closed, this,
            [this] { m_input->setFocus(Qt::PopupFocusReason); });
    }
    m_picker->setLayoutDirection(layoutDirection());
    m_picker->popup(m_emojiButton);
}

void Composer::insertAtCursor(const QString &text)
{
    m_input->textCursor().insertText(text);
    m_input->setFocus(Qt::OtherFocusReason);
}

void Composer::showError(const QString &message)
{
    if (m_error->text() == message)
        return;
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_input->setAccessibleDescription(message);
}

void Composer::retranslate()
{
    m_input->setAccessibleName(tr("Message"));
    m_input->setPlaceholderText(tr("Write a message…"));
    m_send->setText(tr("Send"));
    m_send->setAccessibleName(tr("Send the message"));
    m_send->setToolTip(tr("Send (Enter); Shift+Enter starts a new line"));
    // The name a screen reader says is the word everyone else sees in the tooltip.
    m_emojiButton->setToolTip(tr("Emoji"));
    m_emojiButton->setAccessibleName(m_emojiButton->toolTip());
    m_attachButton->setToolTip(tr("Attach a file"));
    m_attachButton->setAccessibleName(m_attachButton->toolTip());
}

bool Composer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && !(key->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier))) {
            send();
            return true;
        }
    }
    if ((watched == m_emojiButton || watched == m_attachButton)
        && event->type() == QEvent::KeyPress) {
        // Enter presses them as Space does, as on the other buttons of the window.
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            static_cast<QToolButton *>(watched)->click();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void Composer::updateEmojiButtonFont()
{
    // The face a little larger than the text, in colour where the system can; it follows the
    // composer's font, as text size settings change it.
    QFont face = font();
    const QString family = EmojiData::colorFontFamily();
    if (!family.isEmpty())
        face.setFamilies({ family, face.family() });
    if (face.pointSizeF() > 0)
        face.setPointSizeF(face.pointSizeF() * 1.3);
    else
        face.setPixelSize(face.pixelSize() * 13 / 10);
    m_emojiButton->setFont(face);
    m_attachButton->setFont(face);
}

void Composer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::FontChange)
        updateEmojiButtonFont();
    QFrame::changeEvent(event);
}

} // namespace OWidget
