#pragma once

// Small helpers shared by the protocol handlers: times, error objects, limits.

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QString>

namespace OWidget::Server {

namespace Limits {
constexpr qint64 maxFrameBytes = 64 * 1024;
constexpr qint64 maxHttpBodyBytes = 16 * 1024;
constexpr int maxTextLength = 4000;
constexpr int maxFields = 16;
constexpr int maxFieldValueLength = 200;
constexpr int maxCustomData = 32;
constexpr int maxCustomNameLength = 64;
constexpr int maxCustomValueLength = 1000;
constexpr int maxClientIdLength = 64;
constexpr int maxPhoneLength = 32;
constexpr int protocolVersion = 1;
// Written to a socket and not yet taken by the peer: a client that lets more than this pile up
// unread is dropped, rather than have the server keep everything it cannot send.
constexpr qint64 maxUnsentBytes = 4 * 1024 * 1024;
// Received on an HTTP connection since the server last wrote to it: far more than a request
// may hold (a body is at most maxHttpBodyBytes).
constexpr qint64 maxUnansweredBytes = 2 * 1024 * 1024;
} // namespace Limits

inline QString isoTime(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

inline QJsonObject errorBody(const QString &code, const QString &message)
{
    return QJsonObject { { QStringLiteral("error"),
        QJsonObject {
            { QStringLiteral("code"), code }, { QStringLiteral("message"), message } } } };
}

inline QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline bool isGuid(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
        "^\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?$"));
    if (!re.match(text).hasMatch())
        return false;
    return text.startsWith(QLatin1Char('{')) == text.endsWith(QLatin1Char('}'));
}

// The canonical form of a company id: lower case, no braces.
inline QString normalizedGuid(const QString &text)
{
    QString s = text.toLower();
    if (s.startsWith(QLatin1Char('{')))
        s = s.mid(1, s.size() - 2);
    return s;
}

} // namespace OWidget::Server
