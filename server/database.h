#pragma once

#include "databaseengine.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

namespace OWidget::Server {

// The server's one database connection, to SQLite or PostgreSQL (DatabaseEngine). Opening it
// creates a SQLite file if needed and applies every migration the schema lacks, the same SQL on
// both engines; the schema version is kept in the table schema_version.
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// `location` as `--db` takes it (DatabaseEngine::parse); `password` is PostgreSQL's.
    bool open(const QString &location, QString *error, const QString &password = {});
    void close();
    /// Whether the database answers a trivial query now. A dropped PostgreSQL connection is
    /// opened again (at most once every few seconds), so the server recovers once it is back.
    bool isAnswering();
    // The connection, for anyone: a batch the group commit holds open is committed first.
    QSqlDatabase handle() const;
    // The connection as it is, for the group commit's own writes and the reads beside them.
    QSqlDatabase connection() const;
    // What handle() calls first: the group commit's (GroupCommit), or none.
    void setPendingCommit(std::function<void()> commit) { m_pendingCommit = std::move(commit); }
    int schemaVersion() const;
    /// Which engine holds the data; only once open() succeeded.
    const DatabaseEngine &engine() const { return *m_engine; }

    static int latestSchemaVersion();

private:
    bool migrate(QString *error);

    QString m_connectionName;
    std::optional<DatabaseEngine> m_engine;
    QElapsedTimer m_lastReconnect;
    std::function<void()> m_pendingCommit;
};

// A transaction that rolls back unless committed.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

} // namespace OWidget::Server
