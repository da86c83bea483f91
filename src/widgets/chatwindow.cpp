#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include "accentbutton_p.h"
#include "colors_p.h"
#include "fieldform_p.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"
#include "textlinks_p.h"
#include "translations_p.h"

#include "ui_conversationpage.h"
#include "ui_sentpage.h"
#include "ui_statuspage.h"

#include <QAccessible>
#include <QClipboard>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr int MaxMessageLength = 4000;

QFont scaledFont(const QFont &base, qreal factor, bool bold = false)
{
    QFont font = base;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    font.setBold(bold);
    return font;
}

} // namespace

// What the visitor reads about an error, in the window's language: the controller's messages
// are written for developers, so the window says it in its own words, by the error's code.
QString userMessage(const Error &error)
{
    switch (error.code) {
    case Error::Code::NotConnected:
    case Error::Code::NetworkError:
    case Error::Code::Timeout:
    case Error::Code::ServerError:
        return ChatWindow::tr("We cannot reach the chat service right now. Please try again in "
                              "a moment.");
    case Error::Code::InvalidPhoneNumber:
        return ChatWindow::tr("This is not a valid phone number.");
    case Error::Code::RateLimited:
        return ChatWindow::tr("Too many attempts. Please wait a moment and try again.");
    case Error::Code::InvalidArgument:
        return ChatWindow::tr("Please check what you filled in and try again.");
    default:
        break;
    }
    return ChatWindow::tr("That did not work. Please try again.");
}

class ChatWindow::Private
{
public:
    enum class FormMode { Chat, Callback, Message };
    enum class Page { Status, Form, Conversation, Sent };

    explicit Private(ChatWindow *qq)
        : q(qq)
    { }

    ChatWindow *const q;
    QPointer<Controller> controller;
    LinkOpener opener = [](const QUrl &url) { QDesktopServices::openUrl(url); };

    // Header
    QFrame *header = nullptr;
    QLabel *title = nullptr;
    QLabel *subtitle = nullptr;
    QToolButton *endButton = nullptr;
    QToolButton *closeButton = nullptr;

    QStackedWidget *pages = nullptr;
    QWidget *statusPage = nullptr;
    Ui::StatusPage statusUi;
    QWidget *sentPage = nullptr;
    Ui::SentPage sentUi;
    QWidget *conversationPage = nullptr;
    Ui::ConversationPage conversationUi;

    // The form page, built in code
    QScrollArea *formPage = nullptr;
    QLabel *formIntro = nullptr;
    FieldForm *fieldForm = nullptr;
    QLabel *messageLabel = nullptr;
    QPlainTextEdit *messageEdit = nullptr;
    QLabel *messageError = nullptr;
    QLabel *formError = nullptr;
    AccentButton *submitButton = nullptr;
    QPushButton *switchButton = nullptr;

    MessageModel *model = nullptr;
    MessageDelegate *delegate = nullptr;

    FormMode mode = FormMode::Chat;
    bool preferCallback = false;   ///< the visitor chose the callback form
    bool newChatRequested = false; ///< "Start a new chat" after an ended conversation
    QString pendingRequest;        ///< the client id of a message or callback request in flight
    FormMode pendingKind = FormMode::Message;
    QString sentText; ///< the confirmation, once the server received it
    QString lastError;
    bool sizeRestored = false;
    bool welcomed = false;      ///< connected since the last init or disconnect
    bool awaitingStart = false; ///< startChat() went out; the server may still refuse it
    QDeadlineTimer nextAttempt; ///< when the controller tries to reconnect
    QTimer countdown;           ///< counts the seconds to it in the header

    void buildHeader();
    void buildFormPage();
    void buildPages();
    void connectController();
    void retranslate();
    void rebuildForm();
    void update();
    void showPage(Page page);
    void updateHeader();
    void updateConversation();
    void updateForm(FormMode newMode, ButtonStatus status);
    void submit();
    void sendMessage();
    void onOpenChanged(bool open);
    void openLinksOf(const QModelIndex &index);
    void showMessageMenu(const QPoint &viewportPos);
    void showComposerError(const QString &message);
    void announce(const ChatMessage &message);
    QString presetText(const QString &key) const;
    QColor accent() const;
    void applyColors();
};

QString ChatWindow::Private::presetText(const QString &key) const
{
    if (!controller || !controller->hasConfig())
        return {};
    return controller->config().text(controller->language(), key);
}

QColor ChatWindow::Private::accent() const
{
    if (controller && controller->hasConfig() && controller->config().accentColor.isValid())
        return controller->config().accentColor;
    return q->palette().color(QPalette::Highlight);
}

void ChatWindow::Private::buildHeader()
{
    header = new QFrame(q);
    header->setObjectName(u"owidgetHeader"_s);
    header->setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(header);
    layout->setContentsMargins(16, 10, 8, 10);
    layout->setSpacing(6);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(1);
    title = new QLabel(header);
    title->setObjectName(u"owidgetTitle"_s);
    title->setTextFormat(Qt::PlainText);
    title->setFont(scaledFont(q->font(), 1.15, true));
    subtitle = new QLabel(header);
    subtitle->setObjectName(u"owidgetSubtitle"_s);
    subtitle->setTextFormat(Qt::PlainText);
    subtitle->setFont(scaledFont(q->font(), 0.9));
    texts->addWidget(title);
    texts->addWidget(subtitle);
    layout->addLayout(texts, 1);

    endButton = new QToolButton(header);
    endButton->setObjectName(u"owidgetEndChatButton"_s);
    endButton->setAutoRaise(true);
    endButton->setCursor(Qt::PointingHandCursor);
    QObject::connect(endButton, &QToolButton::clicked, q, [this] {
        if (controller)
            controller->endChat();
    });
    layout->addWidget(endButton);

    closeButton = new QToolButton(header);
    closeButton->setObjectName(u"owidgetCloseButton"_s);
    closeButton->setAutoRaise(true);
    closeButton->setCursor(Qt::PointingHandCursor);
    closeButton->setText(u"\u2715"_s);
    closeButton->setFont(scaledFont(q->font(), 1.1));
    closeButton->setFixedSize(32, 32);
    QObject::connect(closeButton, &QToolButton::clicked, q, [this] { q->close(); });
    layout->addWidget(closeButton);
}

void ChatWindow::Private::buildFormPage()
{
    formPage = new QScrollArea(q);
    formPage->setObjectName(u"owidgetFormPage"_s);
    formPage->setWidgetResizable(true);
    formPage->setFrameShape(QFrame::NoFrame);
    formPage->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *content = new QWidget(formPage);
    content->setObjectName(u"owidgetFormContent"_s);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(20, 18, 20, 18);
    layout->setSpacing(6);

    formIntro = new QLabel(content);
    formIntro->setObjectName(u"owidgetFormIntro"_s);
    formIntro->setTextFormat(Qt::PlainText);
    formIntro->setWordWrap(true);
    layout->addWidget(formIntro);
    layout->addSpacing(10);

    fieldForm = new FieldForm(content);
    fieldForm->setNormalizer([this](const QString &number) -> std::optional<QString> {
        return controller ? controller->normalizePhoneNumber(number) : std::optional<QString>();
    });
    QObject::connect(fieldForm, &FieldForm::submitted, q, [this] { submit(); });
    layout->addWidget(fieldForm);

    messageLabel = new QLabel(content);
    messageLabel->setObjectName(u"owidgetOfflineMessageLabel"_s);
    messageLabel->setTextFormat(Qt::PlainText);
    messageEdit = new QPlainTextEdit(content);
    messageEdit->setObjectName(u"owidgetOfflineMessage"_s);
    messageEdit->setTabChangesFocus(true);
    messageEdit->setFixedHeight(messageEdit->fontMetrics().lineSpacing() * 5 + 12);
    messageLabel->setBuddy(messageEdit);
    messageError = new QLabel(content);
    messageError->setObjectName(u"owidgetOfflineMessageError"_s);
    messageError->setTextFormat(Qt::PlainText);
    messageError->setWordWrap(true);
    messageError->hide();
    layout->addWidget(messageLabel);
    layout->addWidget(messageEdit);
    layout->addWidget(messageError);

    formError = new QLabel(content);
    formError->setObjectName(u"owidgetFormError"_s);
    formError->setTextFormat(Qt::PlainText);
    formError->setWordWrap(true);
    formError->hide();
    layout->addWidget(formError);
    layout->addSpacing(8);

    submitButton = new AccentButton(content);
    submitButton->setObjectName(u"owidgetSubmitButton"_s);
    QObject::connect(submitButton, &QPushButton::clicked, q, [this] { submit(); });
    layout->addWidget(submitButton);

    switchButton = new QPushButton(content);
    switchButton->setObjectName(u"owidgetSwitchFormButton"_s);
    switchButton->setFlat(true);
    switchButton->setCursor(Qt::PointingHandCursor);
    QObject::connect(switchButton, &QPushButton::clicked, q, [this] {
        // Chat ↔ callback while busy; message ↔ callback while offline.
        preferCallback = mode != FormMode::Callback;
        formError->hide();
        update();
        if (QWidget *first = fieldForm->firstInput())
            first->setFocus(Qt::TabFocusReason);
    });
    layout->addWidget(switchButton);
    layout->addStretch(1);
    formPage->setWidget(content);
}

void ChatWindow::Private::buildPages()
{
    pages = new QStackedWidget(q);
    pages->setObjectName(u"owidgetPages"_s);

    statusPage = new QWidget(pages);
    statusUi.setupUi(statusPage);
    statusPage->setObjectName(u"owidgetStatusPage"_s);
    statusUi.owidgetStatusTitle->setFont(scaledFont(q->font(), 1.2, true));
    pages->addWidget(statusPage);

    buildFormPage();
    pages->addWidget(formPage);

    conversationPage = new QWidget(pages);
    conversationUi.setupUi(conversationPage);
    conversationPage->setObjectName(u"owidgetConversationPage"_s);
    pages->addWidget(conversationPage);

    sentPage = new QWidget(pages);
    sentUi.setupUi(sentPage);
    sentPage->setObjectName(u"owidgetSentPage"_s);
    sentUi.owidgetSentTitle->setFont(scaledFont(q->font(), 1.3, true));
    pages->addWidget(sentPage);

    const Ui::ConversationPage &ui = conversationUi;
    model = new MessageModel(q);
    delegate = new MessageDelegate(ui.owidgetMessageView);
    delegate->setLinkOpener([this](const QUrl &url) {
        if (opener)
            opener(url);
    });
    MessageView::setUp(ui.owidgetMessageView, model, delegate);
    ui.owidgetMessageView->setFocusPolicy(Qt::StrongFocus);
    QObject::connect(model, &MessageModel::operatorMessageArrived, q,
        [this](const ChatMessage &message) { announce(message); });

    ui.owidgetMessageView->viewport()->installEventFilter(q);
    ui.owidgetMessageView->installEventFilter(q);
    ui.owidgetMessageView->viewport()->setMouseTracking(true);
    ui.owidgetMessageView->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(ui.owidgetMessageView, &QWidget::customContextMenuRequested, q,
        [this](const QPoint &pos) { showMessageMenu(pos); });
    ui.owidgetSaveTranscriptButton->setMinimumHeight(ui.owidgetNewChatButton->sizeHint().height());
    ui.owidgetCancelButton->setMinimumHeight(ui.owidgetNewChatButton->sizeHint().height() - 4);
    ui.owidgetCancelButton->setCursor(Qt::PointingHandCursor);
    sentUi.owidgetDoneButton->setMinimumWidth(140);

    QPlainTextEdit *input = ui.owidgetMessageInput;
    input->setFixedHeight(input->fontMetrics().lineSpacing() * 3 + 14);
    input->installEventFilter(q);
    ui.owidgetComposerError->hide();
    QObject::connect(input, &QPlainTextEdit::textChanged, q, [this] {
        const QString text = conversationUi.owidgetMessageInput->toPlainText();
        if (controller)
            controller->setTyping(!text.isEmpty());
        const bool tooLong = text.size() > MaxMessageLength;
        conversationUi.owidgetSendButton->setEnabled(!tooLong);
        showComposerError(tooLong
                ? ChatWindow::tr("The message is too long: %1 characters of at most %2.")
                      .arg(text.size())
                      .arg(MaxMessageLength)
                : QString());
    });
    QObject::connect(ui.owidgetSendButton, &QPushButton::clicked, q, [this] { sendMessage(); });
    ui.owidgetSendButton->setCursor(Qt::PointingHandCursor);
    QObject::connect(ui.owidgetCancelButton, &QPushButton::clicked, q, [this] {
        if (controller)
            controller->endChat();
    });
    QObject::connect(ui.owidgetNewChatButton, &QPushButton::clicked, q, [this] {
        newChatRequested = true;
        update();
        if (QWidget *first = fieldForm->firstInput())
            first->setFocus(Qt::OtherFocusReason);
    });
    QObject::connect(ui.owidgetSaveTranscriptButton, &QPushButton::clicked, q, [this] {
        const QString fileName = QFileDialog::getSaveFileName(q, ChatWindow::tr("Save transcript"),
            ChatWindow::tr("conversation.txt"), ChatWindow::tr("Text files (*.txt)"));
        if (!fileName.isEmpty())
            q->saveTranscript(fileName);
    });
    QObject::connect(sentUi.owidgetDoneButton, &QPushButton::clicked, q, [this] {
        sentText.clear();
        preferCallback = false;
        update();
        q->close();
    });
}

void ChatWindow::Private::connectController()
{
    Controller *c = controller;
    QObject::connect(
        c, &Controller::chatWindowOpenChanged, q, [this](bool open) { onOpenChanged(open); });
    QObject::connect(c, &Controller::languageChanged, q, [this](const QString &language) {
        Translations::install(language);
        q->setLocale(QLocale(language));
        rebuildForm();
        update();
    });
    QObject::connect(c, &Controller::configLoaded, q, [this] {
        rebuildForm();
        applyColors();
        update();
    });
    QObject::connect(c, &Controller::chatStateChanged, q, [this](ChatState state) {
        // A refused start comes back as NoChat, then the error: keep the flag until then.
        if (state != ChatState::NoChat)
            awaitingStart = state == ChatState::Starting;
        if (state == ChatState::Starting || state == ChatState::Waiting) {
            newChatRequested = false;
            conversationUi.owidgetMessageInput->setFocus(Qt::OtherFocusReason);
        }
        update();
    });
    const auto refresh = [this] { update(); };
    QObject::connect(c, &Controller::statusChanged, q, refresh);
    QObject::connect(c, &Controller::connectionStateChanged, q, [this](ConnectionState state) {
        if (state == ConnectionState::Connected)
            welcomed = true;
        else if (state == ConnectionState::Disconnected)
            welcomed = awaitingStart = false;
        if (state != ConnectionState::Reconnecting)
            countdown.stop();
        update();
    });
    QObject::connect(c, &Controller::reconnectScheduled, q, [this](int msecs) {
        nextAttempt.setRemainingTime(msecs);
        countdown.start();
        updateHeader();
    });
    QObject::connect(c, &Controller::queuePositionChanged, q, refresh);
    QObject::connect(c, &Controller::operatorNameChanged, q, refresh);
    QObject::connect(c, &Controller::requestReceived, q, [this](const QString &clientId) {
        if (clientId != pendingRequest)
            return;
        pendingRequest.clear();
        sentText = pendingKind == FormMode::Callback
            ? ChatWindow::tr("We will call you back as soon as we can.")
            : ChatWindow::tr("We have received your message and will get back to you.");
        messageEdit->clear();
        update();
        sentUi.owidgetDoneButton->setFocus(Qt::OtherFocusReason);
    });
    QObject::connect(c, &Controller::errorOccurred, q, [this](const Error &error) {
        lastError = userMessage(error);
        // A start the server refused: the form is back, with the reason.
        const bool startRefused = controller && controller->chatState() == ChatState::NoChat
            && pages->currentWidget() == formPage;
        if (startRefused && awaitingStart) {
            awaitingStart = false;
            formError->setText(lastError);
            formError->show();
        }
        if (!pendingRequest.isEmpty()) {
            pendingRequest.clear();
            formError->setText(lastError);
            formError->show();
            update();
        }
    });
}

void ChatWindow::Private::rebuildForm()
{
    if (!controller)
        return;
    fieldForm->setFields(controller->config().fields, controller->language());
}

void ChatWindow::Private::applyColors()
{
    const QColor headerColor = accent();
    QPalette headerPalette = header->palette();
    headerPalette.setColor(QPalette::Window, headerColor);
    headerPalette.setColor(QPalette::WindowText, Colors::textOn(headerColor));
    headerPalette.setColor(QPalette::ButtonText, Colors::textOn(headerColor));
    header->setPalette(headerPalette);
    QColor faded = Colors::textOn(headerColor);
    faded.setAlphaF(0.82f);
    QPalette subtitlePalette = headerPalette;
    subtitlePalette.setColor(QPalette::WindowText, faded);
    subtitle->setPalette(subtitlePalette);

    delegate->setAccentColor(headerColor);
    // The main action of each page in the accent colour; the other form as a link.
    for (AccentButton *button : { submitButton, conversationUi.owidgetSendButton,
             conversationUi.owidgetNewChatButton, sentUi.owidgetDoneButton }) {
        QPalette p = button->palette();
        p.setColor(QPalette::Button, headerColor);
        p.setColor(QPalette::ButtonText, Colors::textOn(headerColor));
        button->setPalette(p);
    }
    QPalette linkPalette = switchButton->palette();
    linkPalette.setColor(QPalette::ButtonText, q->palette().color(QPalette::Link));
    switchButton->setPalette(linkPalette);

    const QPalette &palette = q->palette();
    const bool dark = palette.color(QPalette::Window).lightnessF() < 0.5;
    const QColor error = dark ? QColor(0xFF, 0x8A, 0x80) : QColor(0xC6, 0x28, 0x28);
    for (QLabel *label : { messageError, formError, conversationUi.owidgetComposerError }) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, error);
        label->setPalette(p);
    }
    // The banner and the composer sit a shade apart from the conversation.
    const QColor base = palette.color(QPalette::Base);
    const QColor window = palette.color(QPalette::Window);
    for (QWidget *w : std::initializer_list<QWidget *> { conversationUi.owidgetQueueBanner,
             conversationUi.owidgetComposer, conversationUi.owidgetEndedBar }) {
        QPalette p = w->palette();
        p.setColor(QPalette::Window, window);
        w->setPalette(p);
        w->setAutoFillBackground(true);
    }
    QPalette viewPalette = conversationUi.owidgetMessageView->palette();
    viewPalette.setColor(QPalette::Base, base);
    conversationUi.owidgetMessageView->setPalette(viewPalette);
    for (QWidget *w :
        std::initializer_list<QWidget *> { formPage, formPage->widget(), statusPage, sentPage }) {
        QPalette p = w->palette();
        p.setColor(QPalette::Window, base);
        w->setPalette(p);
        w->setAutoFillBackground(true);
    }
}

void ChatWindow::Private::retranslate()
{
    statusUi.retranslateUi(statusPage);
    sentUi.retranslateUi(sentPage);
    conversationUi.retranslateUi(conversationPage);
    fieldForm->retranslate();
    endButton->setText(ChatWindow::tr("End chat"));
    endButton->setAccessibleName(ChatWindow::tr("End the conversation"));
    closeButton->setAccessibleName(ChatWindow::tr("Close the chat window"));
    closeButton->setToolTip(ChatWindow::tr("Close (Esc)"));
    messageLabel->setText(ChatWindow::tr("Your message *"));
    messageEdit->setAccessibleName(ChatWindow::tr("Your message (required)"));
    formPage->setAccessibleName(ChatWindow::tr("Contact form"));
    if (!sentText.isEmpty()) {
        sentText = pendingKind == FormMode::Callback
            ? ChatWindow::tr("We will call you back as soon as we can.")
            : ChatWindow::tr("We have received your message and will get back to you.");
    }
    q->setWindowTitle(ChatWindow::tr("Chat"));
    update();
}

void ChatWindow::Private::showPage(Page page)
{
    QWidget *target = page == Page::Status ? statusPage
        : page == Page::Form               ? static_cast<QWidget *>(formPage)
        : page == Page::Conversation       ? conversationPage
                                           : sentPage;
    pages->setCurrentWidget(target);
}

void ChatWindow::Private::updateHeader()
{
    QString titleText = presetText(u"title"_s);
    if (titleText.isEmpty())
        titleText = ChatWindow::tr("Chat");
    title->setText(titleText);
    q->setWindowTitle(titleText);

    QString sub;
    const ChatState state = controller ? controller->chatState() : ChatState::NoChat;
    const bool showingConversation = state == ChatState::Starting || state == ChatState::Waiting
        || state == ChatState::Active || (state == ChatState::Ended && !newChatRequested);
    if (!controller || controller->connectionState() != ConnectionState::Connected) {
        const int seconds = int((nextAttempt.remainingTime() + 999) / 1000);
        sub = controller && controller->connectionState() == ConnectionState::Reconnecting
            ? (seconds > 0 && countdown.isActive()
                    ? ChatWindow::tr("Reconnecting in %n s…", nullptr, seconds)
                    : ChatWindow::tr("Reconnecting…"))
            : controller && controller->connectionState() == ConnectionState::Connecting
            ? ChatWindow::tr("Connecting…")
            : ChatWindow::tr("Not connected");
    } else if (showingConversation && state == ChatState::Active) {
        sub = controller->operatorName().isEmpty()
            ? ChatWindow::tr("You are chatting with an operator")
            : ChatWindow::tr("You are chatting with %1").arg(controller->operatorName());
    } else if (showingConversation && state == ChatState::Ended) {
        sub = ChatWindow::tr("Conversation ended");
    } else if (showingConversation) {
        sub = ChatWindow::tr("Waiting for an operator");
    } else {
        switch (controller->status()) {
        case ButtonStatus::Online:
            sub = ChatWindow::tr("We are online");
            break;
        case ButtonStatus::Busy:
            sub = ChatWindow::tr("All operators are busy");
            break;
        case ButtonStatus::Offline:
            sub = ChatWindow::tr("We are offline");
            break;
        }
    }
    subtitle->setText(sub);
    endButton->setVisible(state == ChatState::Active && showingConversation);
}

void ChatWindow::Private::updateConversation()
{
    const ChatState state = controller->chatState();
    Ui::ConversationPage &ui = conversationUi;
    const bool queued = state == ChatState::Starting || state == ChatState::Waiting;
    ui.owidgetQueueBanner->setVisible(queued);
    if (state == ChatState::Starting) {
        ui.owidgetQueueLabel->setText(ChatWindow::tr("Connecting you to an operator…"));
    } else if (state == ChatState::Waiting) {
        const int position = controller->queuePosition();
        ui.owidgetQueueLabel->setText(position > 0
                ? ChatWindow::tr("You are number %1 in the queue. An operator will be with you "
                                 "shortly.")
                      .arg(position)
                : ChatWindow::tr("Waiting for an operator…"));
    }
    ui.owidgetQueueLabel->setAccessibleName(ui.owidgetQueueLabel->text());
    ui.owidgetMessageView->viewport()->update(); // the hint of an empty conversation
    const QList<QWidget *> chain = state == ChatState::Ended
        ? QList<QWidget *> { ui.owidgetNewChatButton, ui.owidgetSaveTranscriptButton,
              ui.owidgetMessageView, closeButton }
        : QList<QWidget *> { ui.owidgetMessageInput, ui.owidgetSendButton, ui.owidgetCancelButton,
              ui.owidgetMessageView, endButton, closeButton };
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
    const bool ended = state == ChatState::Ended;
    ui.owidgetBottomStack->setCurrentWidget(ended ? ui.owidgetEndedBar : ui.owidgetComposer);
    ui.owidgetBottomStack->setFixedHeight(
        ui.owidgetBottomStack->currentWidget()->sizeHint().height());
}

void ChatWindow::Private::updateForm(FormMode newMode, ButtonStatus status)
{
    mode = newMode;
    const PresetConfig config = controller->config();
    fieldForm->setCallbackMode(mode == FormMode::Callback);
    const bool message = mode == FormMode::Message;
    messageLabel->setVisible(message);
    messageEdit->setVisible(message);
    if (!message)
        messageError->hide();

    QString intro;
    QString submit;
    QString other;
    switch (mode) {
    case FormMode::Chat:
        if (status == ButtonStatus::Busy) {
            intro = presetText(u"busy"_s);
            if (intro.isEmpty())
                intro = ChatWindow::tr("All our operators are busy right now. You can wait in "
                                       "the queue or ask us to call you back.");
            submit = ChatWindow::tr("Join the queue");
        } else {
            intro = presetText(u"greeting"_s);
            if (intro.isEmpty())
                intro = ChatWindow::tr("Hello! Tell us a little about yourself and an operator "
                                       "will be with you shortly.");
            submit = ChatWindow::tr("Start chat");
        }
        if (config.callbackEnabled)
            other = ChatWindow::tr("Ask for a call back instead");
        break;
    case FormMode::Callback:
        intro = ChatWindow::tr("Leave us your phone number and we will call you back.");
        submit = ChatWindow::tr("Call me back");
        if (status != ButtonStatus::Offline && config.chatEnabled)
            other = ChatWindow::tr("Chat in the queue instead");
        else if (status == ButtonStatus::Offline && config.offlineMessageEnabled)
            other = ChatWindow::tr("Leave a message instead");
        break;
    case FormMode::Message:
        intro = presetText(u"offline"_s);
        if (intro.isEmpty())
            intro = ChatWindow::tr("Nobody is here right now. Leave us a message and we will "
                                   "get back to you.");
        submit = ChatWindow::tr("Send message");
        if (config.callbackEnabled)
            other = ChatWindow::tr("Ask for a call back instead");
        break;
    }
    formIntro->setText(intro);
    const bool sending = !pendingRequest.isEmpty();
    submitButton->setText(sending ? ChatWindow::tr("Sending…") : submit);
    submitButton->setAccessibleName(submit);
    submitButton->setEnabled(!sending);
    switchButton->setText(other);
    switchButton->setAccessibleName(other);
    switchButton->setVisible(!other.isEmpty());

    // Tab order: the fields, the message, the button, the other form, the close button.
    QWidget *previous = nullptr;
    QList<QWidget *> chain = fieldForm->inputs();
    chain << messageEdit << submitButton << switchButton << closeButton;
    for (QWidget *w : std::as_const(chain)) {
        if (previous)
            QWidget::setTabOrder(previous, w);
        previous = w;
    }
}

void ChatWindow::Private::update()
{
    if (!controller) {
        statusUi.owidgetStatusTitle->setText(ChatWindow::tr("Chat is not set up"));
        statusUi.owidgetStatusText->clear();
        showPage(Page::Status);
        updateHeader();
        return;
    }
    updateHeader();
    const ChatState state = controller->chatState();
    const bool conversation = state == ChatState::Starting || state == ChatState::Waiting
        || state == ChatState::Active || (state == ChatState::Ended && !newChatRequested);
    if (conversation) {
        updateConversation();
        showPage(Page::Conversation);
        return;
    }
    if (!sentText.isEmpty()) {
        sentUi.owidgetSentText->setText(sentText);
        showPage(Page::Sent);
        return;
    }
    // Before the first welcome the status is not known yet; after it, a lost link keeps the
    // form (and what the visitor wrote) while the controller reconnects.
    if (!controller->hasConfig() || !welcomed) {
        const bool trying = controller->connectionState() != ConnectionState::Disconnected;
        statusUi.owidgetStatusTitle->setText(
            trying ? ChatWindow::tr("Connecting…") : ChatWindow::tr("The chat is unavailable"));
        statusUi.owidgetStatusText->setText(trying
                ? ChatWindow::tr("Just a moment, please.")
                : ChatWindow::tr("We cannot reach the chat service right now. Please try again "
                                 "later."));
        showPage(Page::Status);
        return;
    }
    const PresetConfig config = controller->config();
    const ButtonStatus status = controller->status();
    const bool chatPossible = config.chatEnabled && status != ButtonStatus::Offline;
    if (chatPossible) {
        const bool callback
            = status == ButtonStatus::Busy && preferCallback && config.callbackEnabled;
        updateForm(callback ? FormMode::Callback : FormMode::Chat, status);
        showPage(Page::Form);
        return;
    }
    const bool formOffered = config.offlineBehavior == PresetConfig::OfflineBehavior::Form
        && (config.offlineMessageEnabled || config.callbackEnabled);
    if (!formOffered) {
        QString text = presetText(u"offline"_s);
        if (text.isEmpty())
            text = ChatWindow::tr("Please come back later.");
        statusUi.owidgetStatusTitle->setText(ChatWindow::tr("The chat is offline"));
        statusUi.owidgetStatusText->setText(text);
        showPage(Page::Status);
        return;
    }
    const bool callback
        = config.callbackEnabled && (preferCallback || !config.offlineMessageEnabled);
    updateForm(callback ? FormMode::Callback : FormMode::Message, status);
    showPage(Page::Form);
}

void ChatWindow::Private::submit()
{
    if (!controller || !pendingRequest.isEmpty())
        return;
    formError->hide();
    bool valid = fieldForm->validate();
    if (mode == FormMode::Message) {
        const bool empty = messageEdit->toPlainText().trimmed().isEmpty();
        messageError->setText(empty ? ChatWindow::tr("Please write your message.") : QString());
        messageError->setVisible(empty);
        messageEdit->setAccessibleDescription(messageError->text());
        if (empty && valid)
            messageEdit->setFocus(Qt::OtherFocusReason);
        valid = valid && !empty;
    }
    if (!valid)
        return;
    lastError.clear();
    const QVariantMap values = fieldForm->values();
    bool accepted = false;
    switch (mode) {
    case FormMode::Chat:
        accepted = controller->startChat(values);
        break;
    case FormMode::Callback:
        pendingRequest = controller->requestCallback(fieldForm->callbackPhone(), values);
        pendingKind = FormMode::Callback;
        accepted = !pendingRequest.isEmpty();
        break;
    case FormMode::Message:
        pendingRequest = controller->leaveMessage(values, messageEdit->toPlainText());
        pendingKind = FormMode::Message;
        accepted = !pendingRequest.isEmpty();
        break;
    }
    if (!accepted) {
        formError->setText(lastError.isEmpty()
                ? ChatWindow::tr("That did not work. Please try again.")
                : lastError);
        formError->show();
    }
    update();
}

void ChatWindow::Private::sendMessage()
{
    if (!controller)
        return;
    QPlainTextEdit *input = conversationUi.owidgetMessageInput;
    const QString text = input->toPlainText();
    if (text.trimmed().isEmpty())
        return;
    if (text.size() > MaxMessageLength)
        return; // the composer says so
    if (!controller->sendMessage(text).isEmpty())
        input->clear();
    else if (!lastError.isEmpty())
        showComposerError(lastError);
}

void ChatWindow::Private::showComposerError(const QString &message)
{
    Ui::ConversationPage &ui = conversationUi;
    if (ui.owidgetComposerError->text() == message)
        return;
    ui.owidgetComposerError->setText(message);
    ui.owidgetComposerError->setVisible(!message.isEmpty());
    ui.owidgetMessageInput->setAccessibleDescription(message);
    ui.owidgetBottomStack->setFixedHeight(
        ui.owidgetBottomStack->currentWidget()->sizeHint().height());
}

// Right click on a message: copy its text, open or copy its links.
void ChatWindow::Private::showMessageMenu(const QPoint &viewportPos)
{
    QListView *view = conversationUi.owidgetMessageView;
    const QModelIndex index = view->indexAt(viewportPos);
    if (!index.isValid() || index.data(MessageModel::TypingRole).toBool())
        return;
    QMenu menu(q);
    menu.setObjectName(u"owidgetMessageMenu"_s);
    const QString text = index.data().toString();
    menu.addAction(
        ChatWindow::tr("Copy text"), q, [text] { QGuiApplication::clipboard()->setText(text); });
    const QList<TextLinks::Link> links = TextLinks::find(text);
    for (const TextLinks::Link &link : links) {
        const QUrl url = link.url;
        menu.addSeparator();
        menu.addAction(ChatWindow::tr("Open %1").arg(url.toDisplayString()), q, [this, url] {
            if (opener)
                opener(url);
        });
        menu.addAction(ChatWindow::tr("Copy link address"), q,
            [url] { QGuiApplication::clipboard()->setText(url.toString()); });
    }
    menu.exec(view->viewport()->mapToGlobal(viewportPos));
}

void ChatWindow::Private::openLinksOf(const QModelIndex &index)
{
    if (!index.isValid() || !opener)
        return;
    const QList<TextLinks::Link> links = TextLinks::find(index.data().toString());
    if (links.size() == 1) {
        opener(links.constFirst().url);
        return;
    }
    if (links.isEmpty())
        return;
    QListView *view = conversationUi.owidgetMessageView;
    QMenu menu(q);
    menu.setObjectName(u"owidgetLinkMenu"_s);
    for (const TextLinks::Link &link : links) {
        const QUrl url = link.url;
        menu.addAction(url.toDisplayString(), q, [this, url] { opener(url); });
    }
    menu.exec(view->viewport()->mapToGlobal(view->visualRect(index).bottomLeft()));
}

void ChatWindow::Private::onOpenChanged(bool open)
{
    if (open) {
        q->show();
        q->raise();
        q->activateWindow();
        QWidget *focus = pages->currentWidget() == conversationPage
            ? static_cast<QWidget *>(conversationUi.owidgetMessageInput)
            : pages->currentWidget() == formPage ? fieldForm->firstInput()
            : pages->currentWidget() == sentPage ? static_cast<QWidget *>(sentUi.owidgetDoneButton)
                                                 : static_cast<QWidget *>(closeButton);
        if (focus && focus->isVisible())
            focus->setFocus(Qt::OtherFocusReason);
    } else {
        q->hide();
    }
}

// Screen readers hear an operator's new message.
void ChatWindow::Private::announce(const ChatMessage &message)
{
    QListView *view = conversationUi.owidgetMessageView;
    view->setAccessibleDescription(
        ChatWindow::tr("New message from %1: %2").arg(message.senderName, message.text));
    QAccessibleEvent alert(view, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

/*!
    \class OWidget::ChatWindow
    The chat window: the pre-chat form built from the preset's fields, the queue, the
    conversation (a QListView over a model of the controller's messages), the end of it, and the
    busy and offline forms. It follows the controller: it shows when openChat() is called and
    hides with closeChat(); closing it (or Escape) calls closeChat(). Embed it in a layout or
    let it be its own top-level window, which remembers its size.
*/
ChatWindow::ChatWindow(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this))
{
    setObjectName(u"owidgetChatWindow"_s);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    d->buildHeader();
    d->buildPages();
    d->countdown.setInterval(1000);
    connect(&d->countdown, &QTimer::timeout, this, [this] {
        if (d->nextAttempt.hasExpired())
            d->countdown.stop();
        d->updateHeader();
    });
    layout->addWidget(d->header);
    layout->addWidget(d->pages, 1);
    setMinimumSize(300, 380);
    d->applyColors();
    d->retranslate();
}

ChatWindow::~ChatWindow() = default;

void ChatWindow::setController(Controller *controller)
{
    if (d->controller == controller)
        return;
    if (d->controller)
        d->controller->disconnect(this);
    d->controller = controller;
    d->model->setController(controller);
    d->newChatRequested = false;
    d->welcomed = controller && controller->connectionState() == ConnectionState::Connected;
    d->sentText.clear();
    d->pendingRequest.clear();
    if (controller) {
        d->connectController();
        if (!controller->language().isEmpty()) {
            Translations::install(controller->language());
            setLocale(QLocale(controller->language()));
        }
        d->rebuildForm();
        d->applyColors();
    }
    d->update();
    if (controller)
        d->onOpenChanged(controller->isChatWindowOpen());
}

Controller *ChatWindow::controller() const
{
    return d->controller;
}

void ChatWindow::setLinkOpener(LinkOpener opener)
{
    d->opener = std::move(opener);
}

QString ChatWindow::transcript() const
{
    const QList<ChatMessage> messages = d->model->messages();
    QString text = d->title->text() + u'\n';
    QDate day;
    const QLocale locale = this->locale();
    for (const ChatMessage &message : messages) {
        const QDateTime time = message.time.toLocalTime();
        if (time.date() != day) {
            day = time.date();
            text += u'\n' + locale.toString(day, QLocale::LongFormat) + u'\n';
        }
        const QString who
            = message.sender == ChatMessage::Sender::Visitor ? tr("You") : message.senderName;
        QString body = message.text;
        body.replace(u'\n', u"\n    "_s);
        text += u'[' + locale.toString(time.time(), QLocale::ShortFormat) + u"] "_s + who + u": "_s
            + body + u'\n';
    }
    return text;
}

bool ChatWindow::saveTranscript(const QString &fileName) const
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    file.write(transcript().toUtf8());
    return file.commit();
}

QSize ChatWindow::sizeHint() const
{
    return { 380, 560 };
}

bool ChatWindow::eventFilter(QObject *watched, QEvent *event)
{
    QListView *view = d->conversationUi.owidgetMessageView;
    if (watched == view && event->type() == QEvent::FocusIn && !view->currentIndex().isValid()
        && d->model->rowCount() > 0) {
        view->setCurrentIndex(d->model->index(d->model->rowCount() - 1)); // the latest
    }
    if (watched == view && event->type() == QEvent::KeyPress) {
        // Enter or Space on a message opens its link; with several, a menu offers them.
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy) && view->currentIndex().isValid()) {
            QGuiApplication::clipboard()->setText(view->currentIndex().data().toString());
            return true;
        }
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter
            || key->key() == Qt::Key_Space) {
            d->openLinksOf(view->currentIndex());
            return true;
        }
    }
    QWidget *viewport = view->viewport();
    if (watched == viewport && event->type() == QEvent::MouseMove) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        const QUrl link = d->delegate->linkAt(mouse->position().toPoint());
        viewport->setCursor(link.isEmpty() ? Qt::ArrowCursor : Qt::PointingHandCursor);
        viewport->setToolTip(link.isEmpty() ? QString() : link.toDisplayString());
    }
    if (watched == viewport && event->type() == QEvent::Paint && d->model->rowCount() == 0
        && d->controller) {
        // An empty conversation says what to do; the view paints nothing over it.
        const ChatState state = d->controller->chatState();
        const QString hint = state == ChatState::Active
            ? tr("You are connected. Write your message below.")
            : state == ChatState::Ended ? QString()
                                        : tr("Write your question while you wait: the operator "
                                             "will see it as soon as they join.");
        QPainter painter(viewport);
        QColor color = palette().color(QPalette::Text);
        color.setAlphaF(0.55f);
        painter.setPen(color);
        painter.drawText(
            viewport->rect().adjusted(36, 0, -36, 0), Qt::AlignCenter | Qt::TextWordWrap, hint);
        return false;
    }
    if (watched == d->conversationUi.owidgetMessageInput && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
            && !(key->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier))) {
            d->sendMessage();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ChatWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        d->retranslate();
    else if (event->type() == QEvent::PaletteChange)
        d->applyColors();
    QWidget::changeEvent(event);
}

void ChatWindow::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ChatWindow::closeEvent(QCloseEvent *event)
{
    if (d->controller && d->controller->isChatWindowOpen())
        d->controller->closeChat(); // hides the window through chatWindowOpenChanged
    else
        hide();
    event->accept();
}

void ChatWindow::showEvent(QShowEvent *event)
{
    if (isWindow() && !d->sizeRestored) {
        d->sizeRestored = true;
        QSettings settings;
        settings.beginGroup(u"OWidget"_s);
        const QSize size = settings.value(u"chatWindowSize"_s).toSize();
        if (size.isValid())
            resize(size.expandedTo(minimumSize()));
    }
    QWidget::showEvent(event);
}

void ChatWindow::hideEvent(QHideEvent *event)
{
    if (isWindow() && d->sizeRestored) {
        QSettings settings;
        settings.beginGroup(u"OWidget"_s);
        settings.setValue(u"chatWindowSize"_s, size());
    }
    QWidget::hideEvent(event);
}

} // namespace OWidget
