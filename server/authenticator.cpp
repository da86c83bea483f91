#include "authenticator.h"
#include "crypto.h"
#include "database.h"
#include "directory.h"
#include "logging.h"

#include <QDateTime>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

Authenticator::Authenticator(Database &database, Directory &directory, const ServerOptions &options)
    : m_database(database)
    , m_directory(directory)
    , m_options(options)
    , m_checker(options.passwordCost)
{ }

QByteArray Authenticator::cookieName()
{
    return "owidget_session"_ba;
}

bool Authenticator::login(
    const QString &login, const QString &password, std::function<void(const QString &token)> done)
{
    const auto op = m_directory.operatorInfo(login);
    // An unknown login costs the same time as a wrong password (the checker hashes instead),
    // so that logins cannot be probed.
    const QString hash = op ? op->passwordHash : QString();
    return m_checker.check(
        hash, password, [this, login, known = bool(op), done = std::move(done)](bool matched) {
            if (!matched) {
                if (known) {
                    qCInfo(lcServer, "event=login_failed operator=%s reason=password",
                        qUtf8Printable(login));
                } else {
                    qCInfo(lcServer, "event=login_failed reason=unknown_login");
                }
                return done({});
            }
            done(startSession(login));
        });
}

QString Authenticator::startSession(const QString &login)
{
    // The operator may have been removed while the password was checked.
    if (!m_directory.operatorInfo(login))
        return {};
    const QString token = Crypto::randomToken(32);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery q(m_database.handle());
    q.prepare(u"DELETE FROM sessions WHERE expires < ?"_s);
    q.addBindValue(now);
    q.exec();
    q.prepare(u"INSERT INTO sessions (token_hash, login, expires) VALUES (?, ?, ?)"_s);
    q.addBindValue(Crypto::hashSecret(token));
    q.addBindValue(login);
    q.addBindValue(now + m_options.sessionLifetimeMs);
    if (!q.exec())
        return {};
    qCInfo(lcServer, "event=login operator=%s", qUtf8Printable(login));
    return token;
}

QString Authenticator::tokenFromCookie(const QByteArray &cookieHeader)
{
    const auto parts = cookieHeader.split(';');
    for (const QByteArray &part : parts) {
        const QByteArray trimmed = part.trimmed();
        if (trimmed.startsWith(QByteArray(cookieName() + '=')))
            return QString::fromLatin1(trimmed.mid(cookieName().size() + 1));
    }
    return {};
}

QString Authenticator::loginForCookie(const QByteArray &cookieHeader) const
{
    const QString token = tokenFromCookie(cookieHeader);
    if (token.isEmpty() || token.size() > 128)
        return {};
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT login FROM sessions WHERE token_hash = ? AND expires > ?"_s);
    q.addBindValue(Crypto::hashSecret(token));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!q.exec() || !q.next())
        return {};
    const QString login = q.value(0).toString();
    return m_directory.operatorInfo(login) ? login : QString();
}

void Authenticator::logout(const QByteArray &cookieHeader)
{
    const QString token = tokenFromCookie(cookieHeader);
    if (token.isEmpty())
        return;
    QSqlQuery q(m_database.handle());
    q.prepare(u"DELETE FROM sessions WHERE token_hash = ?"_s);
    q.addBindValue(Crypto::hashSecret(token));
    q.exec();
    qCInfo(lcServer, "event=logout");
}

QByteArray Authenticator::sessionCookie(const QString &token, bool secure) const
{
    return cookieName() + '=' + token.toLatin1() + "; HttpOnly; SameSite=Strict; Path=/; Max-Age="
        + QByteArray::number(m_options.sessionLifetimeMs / 1000) + (secure ? "; Secure" : "");
}

QByteArray Authenticator::clearedCookie(bool secure)
{
    return cookieName() + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
        + (secure ? "; Secure" : "");
}

} // namespace OWidget::Server
