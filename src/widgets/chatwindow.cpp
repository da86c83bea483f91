#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include "accessibility_p.h"
#include "calls_p.h"
#include "chatheader_p.h"
#include "colors_p.h"
#include "composer_p.h"
#include "conversationpage_p.h"
#include "formpage_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"
#include "pagechooser_p.h"
#include "standardfolder_p.h"
#include "statuspages_p.h"
#include "transcript_p.h"
#include "translations_p.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QDesktopServices>
#include <QFileDialog>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QPointer>
#include <QSaveFile>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OWidget {

class ChatWindow::Private
{
public:
    explicit Private(ChatWindow *qq)
        : q(qq)
    { }

    ChatWindow *const q;
    QPointer<Controller> controller;
    LinkOpener opener = [](const QUrl &url) { QDesktopServices::openUrl(url); };

    ChatHeader *header = nullptr;
    QStackedWidget *pages = nullptr;
    StatusPage *statusPage = nullptr;
    FormPage *formPage = nullptr;
    ConversationPage *conversationPage = nullptr;
    SentPage *sentPage = nullptr;

    // The person's choices, which pageFor() weighs with the controller's state.
    FormMode chosenForm = FormMode::None; ///< the other form, chosen on the form page
    ButtonStatus chosenIn = ButtonStatus::Offline;
    bool newChatRequested = false;  ///< "Start a new chat" after an ended conversation
    FormMode sent = FormMode::None; ///< the request the server confirmed, until Done
    QString pendingRequest;         ///< the client id of a message or callback request in flight
    FormMode pendingKind = FormMode::Message;

    bool sizeRestored = false;
    bool welcomed = false;         ///< connected since the last init or disconnect
    bool awaitingStart = false;    ///< startChat() went out; the server may still refuse it
    QDeadlineTimer nextAttempt;    ///< when the controller tries to reconnect
    QTimer countdown;              ///< counts the seconds to it in the header
    PageChoice shown;              ///< what update() showed last
    QPointer<QWidget> returnFocus; ///< what had the focus before the window opened

    void buildPages();
    void connectController();
    void update();
    PageInputs inputs() const;
    void updateHeader(const PageChoice &choice);
    void setTabOrder(const PageChoice &choice);
    void onOpenChanged(bool open);
    void saveTranscriptAs();
    QString presetText(const QString &key) const;
    QColor accent() const;
    void applyColors();
    void retranslate();
};

QString ChatWindow::Private::presetText(const QString &key) const
{
    if (!controller || !controller->hasConfig())
        return {};
    return controller->config().text(controller->language(), key);
}

QColor ChatWindow::Private::accent() const
{
    if (controller && controller->hasConfig())
        return controller->config().accentColor;
    return {}; // the palette's highlight
}

void ChatWindow::Private::buildPages()
{
    header = new ChatHeader(q);
    QObject::connect(header, &ChatHeader::endClicked, q, [this] { conversationPage->askToEnd(); });
    QObject::connect(header, &ChatHeader::closeClicked, q, [this] { q->close(); });

    pages = new QStackedWidget(q);
    pages->setObjectName(u"owidgetPages"_s);
    statusPage = new StatusPage(pages);
    formPage = new FormPage(pages);
    conversationPage = new ConversationPage(pages);
    sentPage = new SentPage(pages);
    for (QWidget *page :
        std::initializer_list<QWidget *> { statusPage, formPage, conversationPage, sentPage })
        pages->addWidget(page);

    conversationPage->view()->setLinkOpener([this](const QUrl &url) {
        if (opener)
            opener(url);
    });
    QObject::connect(formPage, &FormPage::formChosen, q, [this](FormMode form) {
        chosenForm = form;
        chosenIn = controller ? controller->status() : ButtonStatus::Offline;
        update();
    });
    QObject::connect(
        formPage, &FormPage::requestSent, q, [this](FormMode form, const QString &clientId) {
            pendingRequest = clientId;
            pendingKind = form;
            formPage->setSending(true);
        });
    QObject::connect(conversationPage, &ConversationPage::newChatClicked, q, [this] {
        newChatRequested = true;
        update();
        if (QWidget *first = formPage->firstInput())
            first->setFocus(Qt::OtherFocusReason);
    });
    QObject::connect(
        conversationPage, &ConversationPage::tabChainChanged, q, [this] { setTabOrder(shown); });
    QObject::connect(conversationPage, &ConversationPage::saveTranscriptClicked, q,
        [this] { saveTranscriptAs(); });
    QObject::connect(sentPage, &SentPage::doneClicked, q, [this] {
        sent = FormMode::None;
        chosenForm = FormMode::None;
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
        q->setLayoutDirection(Translations::direction(language));
        formPage->rebuild();
        update();
    });
    QObject::connect(c, &Controller::configLoaded, q, [this] {
        formPage->rebuild();
        applyColors();
        update();
    });
    QObject::connect(c, &Controller::chatStateChanged, q, [this](ChatState state) {
        // A refused start comes back as NoChat, then the error: keep the flag until then.
        if (state != ChatState::NoChat)
            awaitingStart = state == ChatState::Starting;
        if (state == ChatState::Starting || state == ChatState::Waiting) {
            newChatRequested = false;
            conversationPage->composer()->input()->setFocus(Qt::OtherFocusReason);
        }
        update();
        // Left the queue: back on the form, where the visitor may join again.
        if (state == ChatState::Ended && pages->currentWidget() == formPage) {
            if (QWidget *first = formPage->firstInput())
                first->setFocus(Qt::OtherFocusReason);
        }
        // The composer went with the end: the rating, when asked, is what comes next.
        if (state == ChatState::Ended && pages->currentWidget() == conversationPage)
            conversationPage->focusRating();
    });
    const auto refresh = [this] { update(); };
    QObject::connect(c, &Controller::statusChanged, q, [this](ButtonStatus status) {
        // The other form was chosen for the status then; in another one it may not work, and
        // coming back later is a new visit to the form.
        if (status != chosenIn)
            chosenForm = FormMode::None;
        update();
    });
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
        updateHeader(shown);
    });
    QObject::connect(c, &Controller::queuePositionChanged, q, refresh);
    QObject::connect(c, &Controller::operatorNameChanged, q, refresh);
    QObject::connect(c, &Controller::operatorAvatarChanged, q, refresh);
    QObject::connect(c, &Controller::requestReceived, q, [this](const QString &clientId) {
        if (clientId != pendingRequest)
            return;
        pendingRequest.clear();
        sent = pendingKind;
        formPage->setSending(false);
        formPage->clearMessage();
        update();
        sentPage->doneButton()->setFocus(Qt::OtherFocusReason);
    });
    // Errors of the calls the window makes come back from the calls; these are the server's
    // later refusals of a start or a request.
    QObject::connect(c, &Controller::errorOccurred, q, [this](const Error &error) {
        const bool startRefused = controller && controller->chatState() == ChatState::NoChat
            && pages->currentWidget() == formPage;
        if (startRefused && awaitingStart) {
            awaitingStart = false;
            formPage->showError(userMessage(error));
        }
        if (!pendingRequest.isEmpty()) {
            pendingRequest.clear();
            formPage->setSending(false);
            formPage->showError(userMessage(error));
            update();
        }
    });
}

void ChatWindow::Private::applyColors()
{
    // The preset's accent, darkened or lightened where its text would not read on it; a
    // high-contrast palette as it is.
    const Colors::Scheme scheme = Colors::scheme(q->palette(), accent());
    header->setColors(scheme);
    formPage->setColors(scheme);
    conversationPage->setColors(scheme);
    sentPage->setColors(scheme);
    statusPage->setBackground(scheme.base);
}

void ChatWindow::Private::retranslate()
{
    header->retranslate();
    statusPage->retranslate();
    formPage->retranslate();
    conversationPage->retranslate();
    sentPage->retranslate();
    q->setWindowTitle(ChatWindow::tr("Chat"));
    update();
}

PageInputs ChatWindow::Private::inputs() const
{
    PageInputs in;
    in.hasController = controller;
    if (!controller)
        return in;
    in.hasConfig = controller->hasConfig();
    in.welcomed = welcomed;
    in.trying = controller->connectionState() != ConnectionState::Disconnected;
    in.chatState = controller->chatState();
    // The controller keeps the operator's name once one joined, until the next start.
    in.operatorJoined = !controller->operatorName().isEmpty();
    in.status = controller->status();
    const PresetConfig config = controller->config();
    in.chatEnabled = config.chatEnabled;
    in.callbackEnabled = config.callbackEnabled;
    in.offlineMessageEnabled = config.offlineMessageEnabled;
    in.offlineFormOffered = config.offlineBehavior == PresetConfig::OfflineBehavior::Form;
    in.chosenForm = chosenForm;
    in.chosenIn = chosenIn;
    in.newChatRequested = newChatRequested;
    in.sentShown = sent != FormMode::None;
    return in;
}

void ChatWindow::Private::updateHeader(const PageChoice &choice)
{
    QString titleText = presetText(u"title"_s);
    if (titleText.isEmpty())
        titleText = ChatWindow::tr("Chat");
    header->setTitle(titleText);
    q->setWindowTitle(titleText);

    QString sub;
    const ChatState state = controller ? controller->chatState() : ChatState::NoChat;
    const bool showingConversation = choice.page == Page::Conversation;
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
    header->setSubtitle(sub);
    const bool answered = controller && showingConversation && state == ChatState::Active;
    header->setOperator(answered ? controller->operatorName() : QString(),
        answered ? controller->operatorAvatar() : QImage());
    header->setEndVisible(state == ChatState::Active && showingConversation);
}

void ChatWindow::Private::setTabOrder(const PageChoice &choice)
{
    // As on the screen: the header's buttons, then the page from top to bottom.
    QList<QWidget *> chain = header->tabChain();
    if (choice.page == Page::Form)
        chain << formPage->tabChain();
    else if (choice.page == Page::Conversation)
        chain << conversationPage->tabChain();
    else if (choice.page == Page::Sent)
        chain << sentPage->doneButton();
    for (qsizetype i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void ChatWindow::Private::update()
{
    const PageChoice choice = pageFor(inputs());
    shown = choice;
    updateHeader(choice);
    switch (choice.page) {
    case Page::Status:
        statusPage->showReason(choice.reason, presetText(u"offline"_s));
        pages->setCurrentWidget(statusPage);
        break;
    case Page::Form:
        formPage->showForm(choice.form, choice.alternative, controller->status());
        pages->setCurrentWidget(formPage);
        break;
    case Page::Conversation:
        conversationPage->refresh();
        pages->setCurrentWidget(conversationPage);
        break;
    case Page::Sent:
        sentPage->showSent(sent);
        pages->setCurrentWidget(sentPage);
        break;
    }
    setTabOrder(choice);
}

void ChatWindow::Private::onOpenChanged(bool open)
{
    if (!open) {
        const QWidget *focus = QApplication::focusWidget();
        // Not isActiveWindow(), which a tool window shares with its parent.
        const bool hadFocus
            = (q->isWindow() && QApplication::activeWindow() == q) || q->isAncestorOf(focus);
        q->hide();
        // The keyboard goes on where it was, not to the top of the host's window.
        if (hadFocus && returnFocus && returnFocus->isVisible()) {
            returnFocus->activateWindow();
            returnFocus->setFocus(Qt::OtherFocusReason);
        }
        return;
    }
    QWidget *before = QApplication::focusWidget();
    returnFocus = before && before != q && !q->isAncestorOf(before) ? before : nullptr;
    q->show();
    q->raise();
    q->activateWindow();
    QWidget *current = pages->currentWidget();
    QWidget *focus = current == conversationPage
        ? static_cast<QWidget *>(conversationPage->composer()->input())
        : current == formPage ? formPage->firstInput()
        : current == sentPage ? sentPage->doneButton()
                              : static_cast<QWidget *>(header->closeButton());
    if (focus && focus->isVisible())
        focus->setFocus(Qt::OtherFocusReason);
}

// Asks where to save the transcript, in the documents folder, without a nested event loop.
void ChatWindow::Private::saveTranscriptAs()
{
    if (q->findChild<QFileDialog *>(u"owidgetTranscriptDialog"_s))
        return; // already asking
    const QString folder = standardFolder(QStandardPaths::DocumentsLocation);
    auto *dialog = new QFileDialog(
        q, ChatWindow::tr("Save transcript"), folder, ChatWindow::tr("Text files (*.txt)"));
    dialog->setObjectName(u"owidgetTranscriptDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"txt"_s);
    dialog->selectFile(ChatWindow::tr("conversation.txt"));
    QObject::connect(dialog, &QFileDialog::fileSelected, q,
        [this](const QString &fileName) { q->saveTranscript(fileName); });
    dialog->open();
}

/*!
    \class OWidget::ChatWindow
    The chat window: a header and a stack of pages (status, form, conversation, sent), the page
    chosen by pageFor() from the controller's state and the visitor's choices. It follows the
    controller: it shows when openChat() is called and hides with closeChat(); closing it (or
    Escape) calls closeChat(). Embed it in a layout or let it be its own top-level window, which
    remembers its size.
*/
ChatWindow::ChatWindow(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this))
{
    setObjectName(u"owidgetChatWindow"_s);
    Accessibility::install(); // a window to screen readers, with no stray frames
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    d->buildPages();
    d->countdown.setInterval(1000);
    connect(&d->countdown, &QTimer::timeout, this, [this] {
        if (d->nextAttempt.hasExpired())
            d->countdown.stop();
        d->updateHeader(d->shown); // the header alone counts down
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
    d->conversationPage->setController(controller);
    d->formPage->setController(controller);
    d->newChatRequested = false;
    d->chosenForm = FormMode::None;
    d->welcomed = controller && controller->connectionState() == ConnectionState::Connected;
    d->sent = FormMode::None;
    d->pendingRequest.clear();
    if (controller) {
        d->connectController();
        if (!controller->language().isEmpty()) {
            Translations::install(controller->language());
            setLocale(QLocale(controller->language()));
            setLayoutDirection(Translations::direction(controller->language()));
        }
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
    return transcriptText(d->header->title(), d->conversationPage->model()->messages(), locale());
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

// The pages handle their own events; kept for the class's binary interface.
bool ChatWindow::eventFilter(QObject *watched, QEvent *event)
{
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
    // Space presses any button; Enter only a default push button, so the buttons leave it to
    // the window: here it presses whichever button has the focus, tool buttons too.
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    if (enter && modifiers == Qt::NoModifier) {
        auto *button = qobject_cast<QAbstractButton *>(QApplication::focusWidget());
        if (button && isAncestorOf(button) && button->isEnabled() && button->isVisible()) {
            button->click();
            return;
        }
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
