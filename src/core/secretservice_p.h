// Whether the system keychain may be used without bothering the person: on Linux, a Secret
// Service already running on the session bus with its default collection unlocked. Asking
// never starts anything: no session bus is launched, no service is activated, and nothing is
// unlocked or created, since each of those can open a password dialog or leave a daemon behind.
#pragma once

#include "testexport_p.h"

#include <QObject>
#include <QString>

#include <functional>

namespace OWidget {

class OWIDGET_TEST_EXPORT SecretService
{
public:
    /// `reason` is empty when the keychain may be used, else says why not.
    using Answer = std::function<void(const QString &reason)>;

    /// Asks, and answers later through `answer`, never while `context` is gone. Where the
    /// keychain is not the Secret Service (macOS, Windows), the answer is yes.
    static void check(QObject *context, Answer answer);

    /// The session bus this process may use without starting one: $DBUS_SESSION_BUS_ADDRESS,
    /// else the user's bus in $XDG_RUNTIME_DIR. Empty when there is none, or when the address
    /// would launch a bus (`autolaunch:`).
    static QString sessionBusAddress();
};

} // namespace OWidget
