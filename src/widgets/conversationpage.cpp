#include "conversationpage_p.h"

#include "calls_p.h"
#include "colors_p.h"
#include "composer_p.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"

#include <owidget/controller.h>

#include <QLabel>
#include <QPlainTextEdit>

using namespace Qt::StringLiterals;

namespace OWidget {

ConversationPage::ConversationPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new MessageModel(this))
{
    m_ui.setupUi(this);
    setObjectName(u"owidgetConversationPage"_s);
    m_ui.owidgetMessageView->setMessageModel(m_model);
    connect(m_model, &MessageModel::operatorMessageArrived, m_ui.owidgetMessageView,
        &MessageView::announce);
    m_ui.owidgetSaveTranscriptButton->setMinimumHeight(
        m_ui.owidgetNewChatButton->sizeHint().height());
    m_ui.owidgetCancelButton->setMinimumHeight(m_ui.owidgetNewChatButton->sizeHint().height() - 4);
    m_ui.owidgetCancelButton->setCursor(Qt::PointingHandCursor);
    connect(m_ui.owidgetCancelButton, &QPushButton::clicked, this, [this] {
        if (m_controller)
            Calls::endChat(*m_controller); // the queue stays when the link is down; it says so
    });
    connect(
        m_ui.owidgetNewChatButton, &QPushButton::clicked, this, &ConversationPage::newChatClicked);
    connect(m_ui.owidgetSaveTranscriptButton, &QPushButton::clicked, this,
        &ConversationPage::saveTranscriptClicked);
}

void ConversationPage::setController(Controller *controller)
{
    m_controller = controller;
    m_model->setController(controller);
    m_ui.owidgetComposer->setController(controller);
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
    ui.owidgetMessageView->setEmptyHint(state == ChatState::Active
            ? tr("You are connected. Write your message below.")
            : state == ChatState::Ended
            ? QString()
            : tr("Write your question while you wait: the operator will see it as soon as they "
                 "join."));
    // The composer or the end of the conversation at the bottom, each at its own height
    // whatever the status; the messages take the rest.
    const bool ended = state == ChatState::Ended;
    ui.owidgetComposer->setVisible(!ended);
    ui.owidgetEndedBar->setVisible(ended);
    ui.owidgetSaveTranscriptButton->setVisible(!m_model->messages().isEmpty()); // nothing to keep
}

QList<QWidget *> ConversationPage::tabChain() const
{
    const bool ended = m_controller && m_controller->chatState() == ChatState::Ended;
    if (ended)
        return { m_ui.owidgetNewChatButton, m_ui.owidgetSaveTranscriptButton,
            m_ui.owidgetMessageView };
    return { m_ui.owidgetComposer->input(), m_ui.owidgetComposer->sendButton(),
        m_ui.owidgetCancelButton, m_ui.owidgetMessageView };
}

void ConversationPage::setColors(
    const QColor &accent, const QColor &error, const QPalette &windowPalette)
{
    static_cast<MessageDelegate *>(m_ui.owidgetMessageView->messageDelegate())
        ->setAccentColor(accent);
    for (QPushButton *button : { static_cast<QPushButton *>(m_ui.owidgetComposer->sendButton()),
             static_cast<QPushButton *>(m_ui.owidgetNewChatButton) }) {
        QPalette p = button->palette();
        p.setColor(QPalette::Button, accent);
        p.setColor(QPalette::ButtonText, Colors::textOn(accent));
        button->setPalette(p);
    }
    QLabel *composerError = m_ui.owidgetComposer->errorLabel();
    QPalette errorPalette = composerError->palette();
    errorPalette.setColor(QPalette::WindowText, error);
    composerError->setPalette(errorPalette);
    // The banner and the composer sit a shade apart from the conversation.
    const QColor base = windowPalette.color(QPalette::Base);
    const QColor window = windowPalette.color(QPalette::Window);
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_ui.owidgetQueueBanner, m_ui.owidgetComposer, m_ui.owidgetEndedBar }) {
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
    refresh();
}

} // namespace OWidget
