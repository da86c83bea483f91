#include "secretservice_p.h"

#include <QFileInfo>
#include <QTimer>

#if OWIDGET_HAS_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#endif

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

void answerLater(QObject *context, const SecretService::Answer &answer, const QString &reason)
{
    QTimer::singleShot(0, context, [answer, reason] { answer(reason); });
}

#if OWIDGET_HAS_DBUS

constexpr int CallTimeoutMsecs = 5000;
const auto ServiceName = "org.freedesktop.secrets"_L1;

using ReplyHandler = std::function<void(const QDBusMessage &reply)>;

// Sends `call` without activating its service, and hands the reply to `handle`.
void ask(QDBusConnection bus, QDBusMessage call, QObject *context, ReplyHandler handle)
{
    call.setAutoStartService(false);
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call, CallTimeoutMsecs), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
        [watcher, handle = std::move(handle)] {
            watcher->deleteLater();
            handle(watcher->reply());
        });
}

QDBusMessage secretCall(const QString &path, const QString &interface, const QString &method)
{
    return QDBusMessage::createMethodCall(ServiceName, path, interface, method);
}

#endif

} // namespace

QString SecretService::sessionBusAddress()
{
    QString address = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    if (address.isEmpty()) {
        const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!runtime.isEmpty() && QFileInfo::exists(runtime + u"/bus"_s))
            address = u"unix:path="_s + runtime + u"/bus"_s;
    }
    if (address.contains("autolaunch:"_L1) || address.startsWith("disabled:"_L1))
        return {};
    return address;
}

void SecretService::check(QObject *context, Answer answer)
{
#if OWIDGET_HAS_DBUS
    const QString address = sessionBusAddress();
    if (address.isEmpty()) {
        answerLater(context, answer, u"there is no D-Bus session bus"_s);
        return;
    }
    // A connection of our own to that address: Qt's session bus would launch one when there
    // is none.
    const QDBusConnection bus = QDBusConnection::connectToBus(address, u"owidget-secrets"_s);
    if (!bus.isConnected()) {
        const QString error = bus.lastError().message();
        QDBusConnection::disconnectFromBus(bus.name()); // so that the next check tries again
        answerLater(context, answer, u"the D-Bus session bus cannot be reached: "_s + error);
        return;
    }
    QDBusMessage hasOwner = QDBusMessage::createMethodCall(u"org.freedesktop.DBus"_s,
        u"/org/freedesktop/DBus"_s, u"org.freedesktop.DBus"_s, u"NameHasOwner"_s);
    hasOwner << QString(ServiceName);
    ask(bus, hasOwner, context, [bus, context, answer](const QDBusMessage &owned) {
        if (owned.type() != QDBusMessage::ReplyMessage || !owned.arguments().value(0).toBool()) {
            answer(u"no Secret Service is running"_s);
            return;
        }
        QDBusMessage readAlias = secretCall(
            u"/org/freedesktop/secrets"_s, u"org.freedesktop.Secret.Service"_s, u"ReadAlias"_s);
        readAlias << u"default"_s;
        ask(bus, readAlias, context, [bus, context, answer](const QDBusMessage &alias) {
            const QString path = alias.arguments().value(0).value<QDBusObjectPath>().path();
            if (alias.type() != QDBusMessage::ReplyMessage || path.isEmpty() || path == "/"_L1) {
                answer(u"the Secret Service has no default keyring"_s);
                return;
            }
            QDBusMessage locked = secretCall(path, u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
            locked << u"org.freedesktop.Secret.Collection"_s << u"Locked"_s;
            ask(bus, locked, context, [answer](const QDBusMessage &reply) {
                const QVariant value = reply.arguments().value(0).value<QDBusVariant>().variant();
                if (reply.type() != QDBusMessage::ReplyMessage || !value.isValid())
                    answer(u"the default keyring does not say whether it is locked"_s);
                else if (value.toBool())
                    answer(u"the default keyring is locked"_s);
                else
                    answer({});
            });
        });
    });
#elif defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    // Without D-Bus in the build the Secret Service cannot be asked first: never prompt.
    answerLater(context, answer, u"built without D-Bus, the Secret Service is not asked"_s);
#else
    answerLater(context, answer, {});
#endif
}

} // namespace OWidget
