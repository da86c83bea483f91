#pragma once

#include "databaseengine.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSqlDriver>
#include <QTimer>

#include <optional>

namespace OWidget::Server {

class Database;

// How several servers on one PostgreSQL database hear of each other's changes: PostgreSQL's
// own LISTEN/NOTIFY on a connection of its own. A notification only says what changed (a
// conversation and a sequence number, an operator's login); the receiver reads the change
// from the database, which stays the one source of truth. Each server also keeps a heartbeat
// row, so that the others can tell when it is gone. On SQLite (one process) it does nothing.
class ClusterBus : public QObject
{
    Q_OBJECT
public:
    ClusterBus(Database &database, qint64 heartbeatTimeoutMs, QObject *parent = nullptr);
    ~ClusterBus() override;

    /// Opens the listening connection (PostgreSQL only) and starts the heartbeat.
    bool open(const QString &location, const QString &password, QString *error);
    void close();
    bool isShared() const { return m_engine.has_value(); }
    QString instance() const { return m_instance; }
    qint64 heartbeatTimeoutMs() const { return m_timeoutMs; }

    /// Tells the other servers of a committed change; `kind` is one short word.
    void publish(const QString &kind, QJsonObject payload);

    /// Stores how many operator sockets this server holds for `login`, and tells the others.
    void setSockets(const QString &login, int sockets);
    /// The operator sockets the other live servers hold, by login (heartbeat within the
    /// timeout).
    QHash<QString, int> otherSockets() const;
    /// Whether another server's heartbeat is within the timeout.
    bool othersAlive() const;

Q_SIGNALS:
    /// Another server published this change.
    void received(const QString &kind, const QJsonObject &payload);
    /// The listening connection was lost and is back: notifications may have been missed.
    void resynced();
    /// Once a heartbeat, after this server's own was written.
    void heartbeatWritten();

private:
    void onNotification(
        const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload);
    void beat();
    bool listen(QString *error);

    Database &m_database;
    qint64 m_timeoutMs;
    QString m_instance;
    QString m_connectionName;
    QString m_password;
    std::optional<DatabaseEngine> m_engine;
    QTimer m_heartbeat;
    bool m_listening = false;
    qint64 m_listenPid = 0;
};

} // namespace OWidget::Server
