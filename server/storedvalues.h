// How the server's values are kept in the database, shared by the services that store them.
#pragma once

#include "logging.h"

#include "protocol/reader.h"
#include "protocol/types.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace OWidget::Server::Stored {

// Fields and custom data are kept as one JSON object of strings.
inline Protocol::StringMap readStringMap(const QVariant &v)
{
    Protocol::StringMap map;
    const QJsonObject object = QJsonDocument::fromJson(v.toString().toUtf8()).object();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

inline QString jsonText(const Protocol::StringMap &map)
{
    return QString::fromUtf8(Protocol::compactJson(Protocol::stringObject(map)));
}

inline QDateTime timeOf(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC);
}

inline QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

// Prepares, binds and runs; a failure is logged.
inline bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    if (!q.prepare(sql)) {
        qCWarning(lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(q.lastError().text()));
        return false;
    }
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (q.exec())
        return true;
    qCWarning(lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(q.lastError().text()));
    return false;
}

} // namespace OWidget::Server::Stored
