// FreedesktopNotifications: the desktop's notification service, org.freedesktop.Notifications
// on the session bus (the Desktop Notifications Specification), for one notification at a time.
#pragma once

#include <QObject>
#include <QString>

#include <optional>

namespace OWidget {

class FreedesktopNotifications : public QObject
{
    Q_OBJECT

public:
    explicit FreedesktopNotifications(QObject *parent = nullptr);

    /// Whether there is a session bus to ask; the service itself may still be missing, which
    /// failed() then says.
    static bool hasSessionBus();

    /// Shows a notification, in place of the one shown before when `replace` and that one is
    /// still there. Calls are asynchronous and at most one is on the bus: what is shown while
    /// one is under way waits, and only the last of those is sent.
    void show(const QString &summary, const QString &body, bool replace);
    /// Closes the notification shown, if any.
    void close();

Q_SIGNALS:
    /// The person invoked the notification's default action (clicked it).
    void activated();
    /// The service is not there or refused the notification.
    void failed();

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    struct Content
    {
        QString summary;
        QString body;
        bool replace = false;
    };
    void sendNext();
    void askCapabilities();
    void notify(const Content &content);

    enum class Markup { Unknown, Asking, Plain, Escaped };
    Markup m_markup = Markup::Unknown; ///< whether the service reads the body as markup
    bool m_calling = false;            ///< a call is on the bus
    bool m_closeAfterCall = false;     ///< close() came while a call was on the bus
    std::optional<Content> m_waiting;  ///< the content to show once it is done
    uint m_id = 0;                     ///< the notification shown now, 0 for none
};

} // namespace OWidget
