#pragma once

#include "options.h"

#include <QString>

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

    // A new session token, or an empty string when the login or the password is wrong.
    QString login(const QString &login, const QString &password);
    // The operator's login for a Cookie header, or an empty string.
    QString loginForCookie(const QByteArray &cookieHeader) const;
    void logout(const QByteArray &cookieHeader);
    QByteArray sessionCookie(const QString &token, bool secure) const;
    static QByteArray clearedCookie(bool secure);

private:
    static QString tokenFromCookie(const QByteArray &cookieHeader);

    Database &m_database;
    Directory &m_directory;
    ServerOptions m_options;
    QString m_dummyHash;
};

} // namespace OWidget::Server
