#include "conversationpage_p.h"

#include "accessibility_p.h"
#include "attachmentactions_p.h"
#include "attachmentinput_p.h"
#include "calls_p.h"
#include "colors_p.h"
#include "composer_p.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"
#include "ratingpanel_p.h"
#include "readreporter_p.h"

#include <owidget/controller.h>

#include <QApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace OWidget {

ConversationPage::ConversationPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new MessageModel(this))
    , m_announcer(new Announcer(this))
{
    m_ui.setupUi(this);
    setObjectName(u"owidgetConversationPage"_s);
    m_ui.owidgetMessageView->setMessageModel(m_model);
    m_readReporter = new ReadReporter(m_ui.owidgetMessageView);
    m_attachmentActions = new AttachmentActions(m_ui.owidgetMessageView);
    m_attachmentInput = new AttachmentInput(this, m_ui.owidgetComposer);
    // Said as they come, wherever the focus is: the view's description alone is heard only
    // when the view has the focus.
    connect(m_model, &MessageModel::operatorMessageArrived, this, [this](const ChatMessage &m) {
        m_announcer->announce(m_ui.owidgetMessageView->announce(m));
    });
    connect(m_model, &MessageModel::deliveryFailed, this, [this](const ChatMessage &message) {
        m_announcer->announce(tr("Your message was not delivered: %1").arg(message.text),
            Announcer::Urgency::Assertive);
    });
    m_ui.owidgetSaveTranscriptButton->setMinimumHeight(
        m_ui.owidgetNewChatButton->sizeHint().height());
    m_ui.owidgetCancelButton->setMinimumHeight(m_ui.owidgetNewChatButton->sizeHint().height() - 4);
    m_ui.owidgetCancelButton->setCursor(Qt::PointingHandCursor);
    connect(m_ui.owidgetCancelButton, &QPushButton::clicked, this, [this] {
        if (m_controller)
            endChat();
    });
    connect(
        m_ui.owidgetNewChatButton, &QPushButton::clicked, this, &ConversationPage::newChatClicked);
    buildConfirm();
    connect(m_ui.owidgetSaveTranscriptButton, &QPushButton::clicked, this,
        &ConversationPage::saveTranscriptClicked);
    m_ui.owidgetEndedBar->installEventFilter(this);
    m_rating = new RatingPanel(this);
    auto *page = static_cast<QBoxLayout *>(layout());
    page->insertWidget(page->indexOf(m_ui.owidgetEndedBar), m_rating);
    connect(m_rating, &RatingPanel::tabChainChanged, this, &ConversationPage::tabChainChanged);
    // Rated or skipped: on to what comes next, a new chat.
    connect(m_rating, &RatingPanel::finished, this, [this] {
        Q_EMIT tabChainChanged();
        if (m_rating->isAncestorOf(focusWidget()) || !focusWidget())
            m_ui.owidgetNewChatButton->setFocus(Qt::OtherFocusReason);
    });
}

// The ended bar's two buttons side by side while they fit, else one above the other (large
// text, long words).
void ConversationPage::arrangeEndedButtons()
{
    const QMargins margins = m_ui.owidgetEndedBar->layout()->contentsMargins();
    const int needed = m_ui.owidgetSaveTranscriptButton->sizeHint().width()
        + m_ui.owidgetNewChatButton->sizeHint().width() + m_ui.endedButtons->spacing()
        + margins.left() + margins.right();
    m_ui.endedButtons->setDirection(needed <= m_ui.owidgetEndedBar->width()
            ? QBoxLayout::LeftToRight
            : QBoxLayout::TopToBottom);
}

void ConversationPage::setController(Controller *controller)
{
    if (m_controller)
        m_controller->disconnect(this);
    m_controller = controller;
    m_model->setController(controller);
    m_ui.owidgetComposer->setController(controller);
    m_rating->setController(controller);
    m_readReporter->setController(controller);
    m_attachmentActions->setController(controller);
    m_attachmentInput->setController(controller);
    if (!controller)
        return;
    // What the operator's console shows, the conversation shows too: who joined, who ended it.
    connect(controller, &Controller::appEvent, this, [this](const AppEvent &event) {
        QString text;
        if (event.type == AppEvent::Type::ChatSessionCreated) {
            m_endRequested = false;
        } else if (event.type == AppEvent::Type::ChatSessionStarted) {
            text = event.operatorName.isEmpty()
                ? tr("An operator joined the conversation.")
                : tr("%1 joined the conversation.").arg(event.operatorName);
        } else if (event.type == AppEvent::Type::ChatSessionEnded) {
            const QString name = m_controller->operatorName();
            text = m_endRequested ? tr("You ended the conversation.")
                : name.isEmpty()  ? tr("The conversation was ended.")
                                  : tr("%1 ended the conversation.").arg(name);
            m_endRequested = false;
        }
        if (text.isEmpty())
            return;
        m_announcer->announce(text);
        // The latest row grows by the event: lay the rows out again, and keep the end in view.
        MessageView *view = m_ui.owidgetMessageView;
        const bool atEnd
            = view->verticalScrollBar()->value() == view->verticalScrollBar()->maximum();
        m_model->addEvent(text);
        view->doItemsLayout();
        if (atEnd)
            view->scrollToBottom();
        refresh();
    });
}

void ConversationPage::refresh()
{
    if (!m_controller)
        return;
    const ChatState state = m_controller->chatState();
    Ui::ConversationPage &ui = m_ui;
    const bool queued = state == ChatState::Starting || state == ChatState::Waiting;
    ui.owidgetQueueBanner->setVisible(queued);
    if (state == ChatState::Starting) {
        ui.owidgetQueueLabel->setText(tr("Connecting you to an operator…"));
    } else if (state == ChatState::Waiting) {
        const int position = m_controller->queuePosition();
        ui.owidgetQueueLabel->setText(position > 0
                ? tr("You are number %1 in the queue. An operator will be with you shortly.")
                      .arg(position)
                : tr("Waiting for an operator…"));
    }
    ui.owidgetQueueLabel->setAccessibleName(ui.owidgetQueueLabel->text());
    // The position as it changes, once each; not the wait with no position, which the queue
    // shows for a moment as an operator takes the conversation.
    const bool sayQueue = state == ChatState::Starting
        || (state == ChatState::Waiting && m_controller->queuePosition() > 0);
    const QString queueText = sayQueue ? ui.owidgetQueueLabel->text() : QString();
    if (queueText != m_queueAnnounced) {
        m_queueAnnounced = queueText;
        m_announcer->announce(queueText);
    }
    const QString hint = state == ChatState::Active
        ? tr("You are connected. Write your message below.")
        : state == ChatState::Ended
        ? QString()
        : tr("Write your question while you wait: the operator will see it as soon as they "
             "join.");
    // Before the first message, the events are said with the hint.
    QStringList said = m_model->eventsBeforeMessages();
    if (!hint.isEmpty())
        said.append(hint);
    ui.owidgetMessageView->setEmptyHint(said.join(u"\n\n"_s));
    // The composer or the end of the conversation at the bottom, each at its own height
    // whatever the status; the messages take the rest.
    const bool ended = state == ChatState::Ended;
    if (state != ChatState::Active)
        m_confirm->hide(); // nothing to end any more
    ui.owidgetComposer->setVisible(!ended);
    ui.owidgetEndedBar->setVisible(ended);
    m_rating->refresh();
    ui.owidgetSaveTranscriptButton->setVisible(!m_model->messages().isEmpty()); // nothing to keep
}

void ConversationPage::focusRating()
{
    const QWidget *focus = QApplication::focusWidget();
    const QList<QWidget *> chain = m_rating->tabChain();
    // Not from the header, where the visitor went on purpose.
    if (chain.isEmpty() || (focus && focus->isVisible() && !isAncestorOf(focus)))
        return;
    chain.first()->setFocus(Qt::OtherFocusReason);
}

void ConversationPage::buildConfirm()
{
    m_confirm = new QFrame(this);
    m_confirm->setObjectName(u"owidgetEndConfirm"_s);
    m_confirm->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_confirm->installEventFilter(this);
    auto *row = new QHBoxLayout(m_confirm);
    row->setContentsMargins(16, 10, 12, 10);
    row->setSpacing(8);
    m_confirmLabel = new QLabel(m_confirm);
    m_confirmLabel->setObjectName(u"owidgetEndConfirmLabel"_s);
    m_confirmLabel->setTextFormat(Qt::PlainText);
    m_confirmLabel->setWordWrap(true);
    row->addWidget(m_confirmLabel, 1);
    m_keep = new QPushButton(m_confirm);
    m_keep->setObjectName(u"owidgetKeepChattingButton"_s);
    m_confirmEnd = new QPushButton(m_confirm);
    m_confirmEnd->setObjectName(u"owidgetConfirmEndButton"_s);
    for (QPushButton *button : { m_keep, m_confirmEnd }) {
        button->setAutoDefault(true); // Enter presses the focused one
        button->setCursor(Qt::PointingHandCursor);
        button->installEventFilter(this);
        row->addWidget(button);
    }
    connect(m_keep, &QPushButton::clicked, this, &ConversationPage::keepChatting);
    connect(m_confirmEnd, &QPushButton::clicked, this, [this] {
        keepChatting();
        if (!m_controller)
            return;
        endChat();
    });
    m_confirm->hide();
    // Above the composer, where the visitor's eyes are.
    auto *page = static_cast<QBoxLayout *>(layout());
    page->insertWidget(page->indexOf(m_ui.owidgetComposer), m_confirm);
}

void ConversationPage::endChat()
{
    m_endRequested = true;
    // With the link down the conversation stays; the composer says why.
    const CallResult result = Calls::endChat(*m_controller);
    if (!result.ok())
        m_ui.owidgetComposer->showError(userMessage(result.error));
}

void ConversationPage::askToEnd()
{
    if (!m_controller || m_controller->chatState() != ChatState::Active)
        return;
    m_confirm->show();
    m_confirmEnd->setFocus(Qt::OtherFocusReason);
}

void ConversationPage::keepChatting()
{
    const bool hadFocus = m_confirm->isAncestorOf(focusWidget());
    m_confirm->hide();
    if (hadFocus && m_ui.owidgetComposer->isVisible())
        m_ui.owidgetComposer->input()->setFocus(Qt::OtherFocusReason);
}

bool ConversationPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui.owidgetEndedBar && event->type() == QEvent::Resize)
        arrangeEndedButtons();
    if ((watched == m_confirm || watched == m_keep || watched == m_confirmEnd)
        && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        keepChatting(); // Escape answers the question, and does not close the window
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QList<QWidget *> ConversationPage::tabChain() const
{
    const bool ended = m_controller && m_controller->chatState() == ChatState::Ended;
    // Top to bottom, then along each row, as the page shows them.
    if (ended) {
        return QList<QWidget *> { m_ui.owidgetMessageView } + m_rating->tabChain()
            + QList<QWidget *> { m_ui.owidgetSaveTranscriptButton, m_ui.owidgetNewChatButton };
    }
    return { m_ui.owidgetCancelButton, m_ui.owidgetMessageView, m_keep, m_confirmEnd,
        m_ui.owidgetComposer->emojiButton(), m_ui.owidgetComposer->attachButton(),
        m_ui.owidgetComposer->input(), m_ui.owidgetComposer->sendButton() };
}

void ConversationPage::setColors(const Colors::Scheme &scheme)
{
    static_cast<MessageDelegate *>(m_ui.owidgetMessageView->messageDelegate())
        ->setAccentColor(scheme.accent);
    for (QPushButton *button : { static_cast<QPushButton *>(m_ui.owidgetComposer->sendButton()),
             static_cast<QPushButton *>(m_ui.owidgetNewChatButton), m_rating->sendButton() }) {
        QPalette p = button->palette();
        p.setColor(QPalette::Button, scheme.accent);
        p.setColor(QPalette::ButtonText, scheme.onAccent);
        button->setPalette(p);
    }
    QLabel *composerError = m_ui.owidgetComposer->errorLabel();
    QPalette errorPalette = composerError->palette();
    errorPalette.setColor(QPalette::WindowText, scheme.error);
    composerError->setPalette(errorPalette);
    // The banner and the composer sit a shade apart from the conversation.
    const QColor &base = scheme.base;
    const QColor &window = scheme.window;
    for (QWidget *w : std::initializer_list<QWidget *> { m_ui.owidgetQueueBanner,
             m_ui.owidgetComposer, m_ui.owidgetEndedBar, m_confirm, m_rating }) {
        QPalette p = w->palette();
        p.setColor(QPalette::Window, window);
        w->setPalette(p);
        w->setAutoFillBackground(true);
    }
    QPalette viewPalette = m_ui.owidgetMessageView->palette();
    viewPalette.setColor(QPalette::Base, base);
    m_ui.owidgetMessageView->setPalette(viewPalette);
}

void ConversationPage::retranslate()
{
    m_ui.retranslateUi(this);
    m_confirmLabel->setText(tr("End the conversation?"));
    // The accessible names are the buttons' own words, as everyone sees them.
    m_confirmEnd->setText(tr("End chat"));
    m_keep->setText(tr("Keep chatting"));
    m_attachmentInput->retranslate();
    m_rating->retranslate();
    arrangeEndedButtons();
    refresh();
}

} // namespace OWidget
