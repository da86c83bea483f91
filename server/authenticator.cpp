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
{ }

QByteArray Authenticator::cookieName()
{
    return "owidget_session"_ba;
}

QString Authenticator::login(const QString &login, const QString &password)
{
    const auto op = m_directory.operatorInfo(login);
    if (!op) {
        // Spend the same time as for a wrong password, so that logins cannot be probed.
        if (m_dummyHash.isEmpty())
            m_dummyHash = Crypto::hashPassword(Crypto::randomToken(16), m_options.passwordCost);
        Crypto::verifyPassword(m_dummyHash, password);
        qCInfo(lcServer, "event=login_failed reason=unknown_login");
        return {};
    }
    if (!Crypto::verifyPassword(op->passwordHash, password)) {
        qCInfo(lcServer, "event=login_failed operator=%s reason=password", qUtf8Printable(login));
        return {};
    }
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
