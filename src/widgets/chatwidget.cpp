#include "composer_p.h"
#include "notifier_p.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>
#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QDateTime>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QScreen>
#include <QShortcut>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

bool holds(QLayout *layout, const QWidget *widget)
{
    for (int i = 0; layout && i < layout->count(); ++i) {
        QLayoutItem *item = layout->itemAt(i);
        if (item->widget() == widget || holds(item->layout(), widget))
            return true;
    }
    return false;
}

// Applications place the drop-in chat over a corner of their window, sized once and in no
// layout; its button's label then changes with the language, the status and the unread badge.
// So a chat widget no layout manages takes its size hint whenever it changes, growing towards
// the middle of its parent, where there is room.
class FitsItsButton : public QObject
{
public:
    explicit FitsItsButton(QWidget *widget)
        : QObject(widget)
        , m_widget(widget)
    {
        widget->installEventFilter(this);
    }

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_widget && event->type() == QEvent::LayoutRequest)
            fit();
        return false;
    }

private:
    void fit()
    {
        QWidget *parent = m_widget->parentWidget();
        if (m_widget->isWindow() || !parent || holds(parent->layout(), m_widget))
            return;
        const QSize size = m_widget->sizeHint();
        if (size == m_widget->size())
            return;
        QRect geometry = m_widget->geometry();
        const bool rightHalf = geometry.center().x() > parent->width() / 2;
        const bool bottomHalf = geometry.center().y() > parent->height() / 2;
        geometry.setSize(size);
        if (rightHalf)
            geometry.moveRight(m_widget->geometry().right());
        if (bottomHalf)
            geometry.moveBottom(m_widget->geometry().bottom());
        m_widget->setGeometry(geometry);
    }

    QWidget *m_widget;
};

} // namespace

class ChatWidget::Private
{
public:
    explicit Private(ChatWidget *q)
        : controller(new Controller(q))
        , button(new ChatButton(q))
        , window(new ChatWindow(q))
        , shortcut(new QShortcut(q))
        , notifier(new Notifier(q))
    { }

    Controller *controller;
    ChatButton *button;
    ChatWindow *window;
    QShortcut *shortcut; ///< openChatShortcut, in the whole of the host's window
    Notifier *notifier;  ///< notificationSound and systemNotifications
    int unread = 0;      ///< the controller's unread count, as last seen
    /// Messages sent before the program started are history the server replays on resume.
    const QDateTime started = QDateTime::currentDateTimeUtc();
    QString companyId;
    QString preset;
    QString language;
    QString scope;
    bool autoConnect = true;
    bool emojiPickerVisible = true;
    QTimer apply;        ///< coalesces property changes into one init()
    QStringList applied; ///< what init() was last called with

    void placeWindow() const;
    void bringWindowUp();
    void onUnreadCountChanged(int count);
    void onMessageAdded(const ChatMessage &message);
    void alert(const ChatMessage &message);
};

void ChatWidget::Private::bringWindowUp()
{
    if (!controller->isChatWindowOpen()) {
        controller->openChat(); // shows, raises and activates it
        return;
    }
    // Already open, maybe behind or minimized: bring it to the visitor.
    if (window->isWindow() && window->isMinimized())
        window->showNormal();
    window->raise();
    window->activateWindow();
}

// While the chat is closed the controller counts the operator's new messages, and only new ones
// (not the history replayed after a restart): each one it counts is worth a notification.
void ChatWidget::Private::onUnreadCountChanged(int count)
{
    const bool more = count > unread;
    unread = count;
    if (!more)
        return;
    const QList<ChatMessage> messages = controller->messages();
    for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
        if (it->sender == ChatMessage::Sender::Operator) {
            alert(*it);
            return;
        }
    }
}

// While the chat is open nothing is counted: a message counts when the window is out of sight
// or the application is in the background, and was written since the program started.
void ChatWidget::Private::onMessageAdded(const ChatMessage &message)
{
    if (message.sender != ChatMessage::Sender::Operator || !controller->isChatWindowOpen())
        return; // a closed chat: onUnreadCountChanged()
    if (message.time.isValid() && message.time < started)
        return;
    alert(message);
}

void ChatWidget::Private::alert(const ChatMessage &message)
{
    const bool windowVisible = window->isVisible() && !window->window()->isMinimized();
    const bool applicationActive = QGuiApplication::applicationState() == Qt::ApplicationActive;
    if (!Notifier::isWanted(windowVisible, applicationActive))
        return;
    notifier->notify(message.senderName.isEmpty() ? controller->operatorName() : message.senderName,
        message.text);
}

// The window opens above the button, its right edge on the button's, or below it when there is
// no room above; always on the button's screen.
void ChatWidget::Private::placeWindow() const
{
    if (!window->isWindow())
        return;
    const QRect anchor(button->mapToGlobal(QPoint(0, 0)), button->size());
    const QSize size = window->frameGeometry().size(); // move() places the frame
    QPoint at(anchor.right() - size.width() + 1, anchor.top() - size.height() - 8);
    const QScreen *screen = button->screen();
    if (screen) {
        const QRect available = screen->availableGeometry();
        if (at.y() < available.top())
            at.setY(anchor.bottom() + 8);
        at.setX(qBound(
            available.left(), at.x(), qMax(available.left(), available.right() - size.width())));
        at.setY(qBound(
            available.top(), at.y(), qMax(available.top(), available.bottom() - size.height())));
    }
    window->move(at);
}

/*!
    \class OWidget::ChatWidget
    The drop-in chat: a ChatButton and, as a tool window anchored to it, a ChatWindow, both on
    the controller it owns. Set companyId (and, as needed, preset, language, scope and
    serverUrl): with autoConnect on, it connects once it is shown. openChatShortcut, when set,
    opens the chat from anywhere in the host's window; closing the chat gives the focus back to
    the button. With notificationSound and systemNotifications (both off by default), an
    operator's message that arrives while the chat window is hidden or the application is in the
    background plays a short sound and shows a notification of the operating system, which
    opens the chat when clicked.
*/
ChatWidget::ChatWidget(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(this))
{
    setObjectName(u"owidgetChatWidget"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->button);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    new FitsItsButton(this);

    d->window->setWindowFlags(Qt::Tool);
    d->window->resize(d->window->sizeHint());
    d->button->setController(d->controller);
    // Connected before the window's own handler, which gives the focus back on closing to
    // whatever had it on opening: for the drop-in, that is its button, however it opened.
    connect(d->controller, &Controller::chatWindowOpenChanged, this, [this](bool open) {
        if (open && d->button->isVisible() && d->window->isWindow())
            d->button->setFocus(Qt::OtherFocusReason);
    });
    d->window->setController(d->controller);
    connect(d->controller, &Controller::chatWindowOpenChanged, this, [this](bool open) {
        if (open)
            d->placeWindow();
    });
    d->shortcut->setContext(Qt::WindowShortcut);
    d->shortcut->setEnabled(false); // until the host application sets a key
    connect(d->shortcut, &QShortcut::activated, this, [this] { d->bringWindowUp(); });

    connect(d->controller, &Controller::unreadCountChanged, this,
        [this](int count) { d->onUnreadCountChanged(count); });
    connect(d->controller, &Controller::messageAdded, this,
        [this](const ChatMessage &message) { d->onMessageAdded(message); });
    // The chat in sight makes the notification old news, as it clears the unread badge.
    connect(d->controller, &Controller::chatWindowOpenChanged, this, [this](bool open) {
        if (open)
            d->notifier->withdraw();
    });
    connect(d->notifier, &Notifier::activated, this, [this] { d->bringWindowUp(); });
    // Back in the application with the chat in sight: the person sees the message itself.
    connect(
        qApp, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState state) {
            if (state == Qt::ApplicationActive && d->window->isVisible())
                d->notifier->withdraw();
        });

    d->apply.setSingleShot(true);
    d->apply.setInterval(0);
    connect(&d->apply, &QTimer::timeout, this, [this] {
        // Qt Designer's plugin marks the widgets it creates: a form being designed never connects.
        if (!d->autoConnect || d->companyId.isEmpty() || !isVisible()
            || property("_q_owidgetDesignMode").toBool())
            return;
        const QStringList wanted { d->companyId, d->preset, d->language, d->scope };
        if (wanted == d->applied)
            return;
        d->applied = wanted;
        if (d->controller->init(d->companyId, d->preset, d->language, d->scope))
            d->controller->connectToServer();
    });
}

ChatWidget::~ChatWidget() = default;

QString ChatWidget::companyId() const
{
    return d->companyId;
}

void ChatWidget::setCompanyId(const QString &companyId)
{
    d->companyId = companyId;
    d->apply.start();
}

QString ChatWidget::preset() const
{
    return d->preset;
}

void ChatWidget::setPreset(const QString &preset)
{
    d->preset = preset;
    d->apply.start();
}

QString ChatWidget::language() const
{
    return d->language;
}

void ChatWidget::setLanguage(const QString &language)
{
    d->language = language;
    d->apply.start();
}

QString ChatWidget::scope() const
{
    return d->scope;
}

void ChatWidget::setScope(const QString &scope)
{
    d->scope = scope;
    d->apply.start();
}

QUrl ChatWidget::serverUrl() const
{
    return d->controller->serverUrl();
}

void ChatWidget::setServerUrl(const QUrl &url)
{
    if (url == d->controller->serverUrl())
        return;
    d->controller->setServerUrl(url);
    d->applied.clear(); // connect again, to the new server
    d->apply.start();
}

bool ChatWidget::autoConnect() const
{
    return d->autoConnect;
}

void ChatWidget::setAutoConnect(bool autoConnect)
{
    d->autoConnect = autoConnect;
    d->apply.start();
}

bool ChatWidget::emojiPickerVisible() const
{
    return d->emojiPickerVisible;
}

void ChatWidget::setEmojiPickerVisible(bool visible)
{
    d->emojiPickerVisible = visible;
    // The window's one composer, on its conversation page.
    if (auto *composer = d->window->findChild<Composer *>())
        composer->setEmojiPickerVisible(visible);
}

QKeySequence ChatWidget::openChatShortcut() const
{
    return d->shortcut->key();
}

void ChatWidget::setOpenChatShortcut(const QKeySequence &shortcut)
{
    d->shortcut->setKey(shortcut);
    d->shortcut->setEnabled(!shortcut.isEmpty());
}

bool ChatWidget::notificationSound() const
{
    return d->notifier->isSoundEnabled();
}

void ChatWidget::setNotificationSound(bool enabled)
{
    if (enabled == d->notifier->isSoundEnabled())
        return;
    d->notifier->setSoundEnabled(enabled);
    Q_EMIT notificationSoundChanged(enabled);
}

bool ChatWidget::systemNotifications() const
{
    return d->notifier->isPopupEnabled();
}

void ChatWidget::setSystemNotifications(bool enabled)
{
    if (enabled == d->notifier->isPopupEnabled())
        return;
    d->notifier->setPopupEnabled(enabled);
    Q_EMIT systemNotificationsChanged(enabled);
}

Controller *ChatWidget::controller() const
{
    return d->controller;
}

ChatButton *ChatWidget::chatButton() const
{
    return d->button;
}

ChatWindow *ChatWidget::chatWindow() const
{
    return d->window;
}

QSize ChatWidget::sizeHint() const
{
    return d->button->sizeHint();
}

void ChatWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    d->apply.start();
}

} // namespace OWidget
