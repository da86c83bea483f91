#include "freedesktopnotifications_p.h"
#include "widgetslogging_p.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QGuiApplication>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

const auto service = u"org.freedesktop.Notifications"_s;
const auto path = u"/org/freedesktop/Notifications"_s;
const auto interface = u"org.freedesktop.Notifications"_s;

QDBusMessage call(const QString &method)
{
    return QDBusMessage::createMethodCall(service, path, interface, method);
}

} // namespace

FreedesktopNotifications::FreedesktopNotifications(QObject *parent)
    : QObject(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    bus.connect(
        service, path, interface, u"ActionInvoked"_s, this, SLOT(onActionInvoked(uint, QString)));
    bus.connect(service, path, interface, u"NotificationClosed"_s, this,
        SLOT(onNotificationClosed(uint, uint)));
}

bool FreedesktopNotifications::hasSessionBus()
{
    return QDBusConnection::sessionBus().isConnected();
}

void FreedesktopNotifications::show(const QString &summary, const QString &body, bool replace)
{
    // A notification that waits replaces one that waited: the person sees the latest, once.
    const bool replacing = replace || (m_waiting && m_waiting->replace);
    m_waiting = Content { summary, body, replacing };
    sendNext();
}

void FreedesktopNotifications::close()
{
    m_waiting.reset();
    if (m_calling)
        m_closeAfterCall = true; // what the call under way shows goes as soon as it is known
    if (m_id == 0)
        return;
    QDBusMessage message = call(u"CloseNotification"_s);
    message << m_id;
    m_id = 0;
    QDBusConnection::sessionBus().asyncCall(message);
}

void FreedesktopNotifications::sendNext()
{
    if (m_calling || !m_waiting)
        return;
    if (m_markup == Markup::Unknown) {
        askCapabilities();
        return;
    }
    const Content content = *std::exchange(m_waiting, std::nullopt);
    notify(content);
}

// A service with "body-markup" reads the body as a subset of HTML: the operator's text, plain
// text, is escaped for it; one without shows the body as it is.
void FreedesktopNotifications::askCapabilities()
{
    m_calling = true;
    m_markup = Markup::Asking;
    auto *watcher = new QDBusPendingCallWatcher(
        QDBusConnection::sessionBus().asyncCall(call(u"GetCapabilities"_s)), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_calling = false;
        const QDBusPendingReply<QStringList> reply = *watcher;
        if (reply.isError()) {
            qCDebug(lcNotify) << "No notification service on the session bus:"
                              << reply.error().message();
            m_markup = Markup::Unknown;
            m_waiting.reset();
            m_closeAfterCall = false;
            Q_EMIT failed();
            return;
        }
        m_markup = reply.value().contains(u"body-markup"_s) ? Markup::Escaped : Markup::Plain;
        sendNext();
    });
}

void FreedesktopNotifications::notify(const Content &content)
{
    QVariantMap hints;
    hints.insert(u"category"_s, u"im.received"_s);
    hints.insert(u"urgency"_s, QVariant::fromValue(uchar(1))); // normal
    // The library plays its own sound when the application asks for one, and none otherwise.
    hints.insert(u"suppress-sound"_s, true);
    if (!QGuiApplication::desktopFileName().isEmpty())
        hints.insert(u"desktop-entry"_s, QGuiApplication::desktopFileName());

    QDBusMessage message = call(u"Notify"_s);
    message << QGuiApplication::applicationDisplayName() << (content.replace ? m_id : 0u)
            << QString() << content.summary
            << (m_markup == Markup::Escaped ? content.body.toHtmlEscaped() : content.body)
            << QStringList { u"default"_s, tr("Open the chat") } << hints << qint32(-1);
    m_calling = true;
    auto *watcher
        = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(message), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_calling = false;
        const QDBusPendingReply<uint> reply = *watcher;
        if (reply.isError()) {
            qCDebug(lcNotify) << "The notification service refused a notification:"
                              << reply.error().message();
            m_waiting.reset();
            m_closeAfterCall = false;
            Q_EMIT failed();
            return;
        }
        m_id = reply.value();
        if (std::exchange(m_closeAfterCall, false))
            close();
        sendNext();
    });
}

void FreedesktopNotifications::onActionInvoked(uint id, const QString &actionKey)
{
    if (id != 0 && id == m_id && actionKey == "default"_L1)
        Q_EMIT activated();
}

void FreedesktopNotifications::onNotificationClosed(uint id, uint reason)
{
    Q_UNUSED(reason);
    if (id == m_id)
        m_id = 0; // the next one is a new notification, not a replacement of a gone one
}

} // namespace OWidget
