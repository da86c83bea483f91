#include "composer_p.h"

#include "accentbutton_p.h"
#include "calls_p.h"
#include "textdirection_p.h"

#include <owidget/controller.h>

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

/// Characters as the protocol counts them: code points, so that an emoji counts once.
qsizetype characterCount(const QString &text)
{
    return text.toUcs4().size();
}

} // namespace

Composer::Composer(QWidget *parent)
    : QFrame(parent)
    , m_error(new QLabel(this))
    , m_input(new QPlainTextEdit(this))
    , m_send(new AccentButton(this))
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
    // However tall the page, the composer keeps its own height; the conversation gets the rest.
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);

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
    return QFrame::eventFilter(watched, event);
}

void Composer::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

} // namespace OWidget
