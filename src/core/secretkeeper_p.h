// Keeps the resume secrets of conversations in the system keychain (through QtKeychain: the
// Secret Service on Linux, the Keychain on macOS, the Credential Store on Windows), where the
// library was built with it and the system has one ready: running and unlocked, so that no
// password dialog opens (SecretService). Every call answers later, with a signal.
#pragma once

#include "testexport_p.h"

#include <QObject>
#include <QString>

#include <functional>

namespace OWidget {

class OWIDGET_TEST_EXPORT SecretKeeper : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Whether the library was built with QtKeychain; the system may still have no keychain.
    static bool isBuiltWithKeychain();
    /// The keychain's service name; a conversation's secret is stored under its id.
    static QString serviceName();

    void read(const QString &conversation);
    void write(const QString &conversation, const QString &secret);
    void remove(const QString &conversation);

Q_SIGNALS:
    /// `secret` is empty, and `error` says why, when it could not be read.
    void readFinished(const QString &conversation, const QString &secret, const QString &error);
    /// `error` is empty when the secret is in the keychain.
    void writeFinished(const QString &conversation, const QString &error);

private:
    /// Calls `then` once it is known whether the keychain may be used; `reason` says why not.
    void whenAvailable(const std::function<void(const QString &reason)> &then);
};

} // namespace OWidget
