#pragma once

#include "options.h"
#include "passwordchecker.h"

#include <QString>

#include <functional>

namespace OWidget::Server {

class Database;
class Directory;

// Operator logins and their sessions. A session token is random (256 bits), given to the
// browser once in a cookie and stored only as its hash.
class Authenticator
{
public:
    Authenticator(Database &database, Directory &directory, const ServerOptions &options);

    static QByteArray cookieName();

    // Checks a login's password off the event loop (see PasswordChecker); `done` gets a new
    // session token, or an empty string when the login or the password is wrong. False when
    // the server has no room for another check now: `done` is then never called.
    bool login(const QString &login, const QString &password,
        std::function<void(const QString &token)> done);
    // The operator's login for a Cookie header, or an empty string.
    QString loginForCookie(const QByteArray &cookieHeader) const;
    void logout(const QByteArray &cookieHeader);
    QByteArray sessionCookie(const QString &token, bool secure) const;
    static QByteArray clearedCookie(bool secure);

private:
    static QString tokenFromCookie(const QByteArray &cookieHeader);
    QString startSession(const QString &login);

    Database &m_database;
    Directory &m_directory;
    ServerOptions m_options;
    PasswordChecker m_checker;
};

} // namespace OWidget::Server
