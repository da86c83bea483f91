#pragma once

#include "databaseengine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

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
    DatabaseEngine::Kind kind() const
    {
        return m_engine ? m_engine->kind() : DatabaseEngine::Kind::Sqlite;
    }
    // Runs `sql` on connection() with `values` bound, prepared once per connection and kept:
    // PostgreSQL's driver otherwise prepares and deallocates a statement on every run, two
    // round trips more for each of the message path's statements. The query stays valid until
    // the next run of the same SQL; null when it failed (logged).
    QSqlQuery *runPrepared(const QString &sql, const QVariantList &values) const;

    static int latestSchemaVersion();

private:
    bool migrate(QString *error);
    // The kept statements belong to the connection: dropped before it closes or reopens.
    void forgetPrepared() const;

    QString m_connectionName;
    std::optional<DatabaseEngine> m_engine;
    QElapsedTimer m_lastReconnect;
    std::function<void()> m_pendingCommit;
    mutable QHash<QString, QSqlQuery> m_prepared;
};

// A kept statement's rows, read and then let go: SQLite holds a read snapshot, and PostgreSQL's
// driver a result, for as long as a statement is not finished.
class PreparedRun
{
public:
    PreparedRun(const Database &database, const QString &sql, const QVariantList &values)
        : m_query(database.runPrepared(sql, values))
    { }
    ~PreparedRun()
    {
        if (m_query)
            m_query->finish();
    }
    PreparedRun(const PreparedRun &) = delete;
    PreparedRun &operator=(const PreparedRun &) = delete;
    bool ok() const { return m_query != nullptr; }
    // The next row, if the statement ran and has one.
    bool next() { return m_query && m_query->next(); }
    QSqlQuery &query() { return *m_query; }

private:
    QSqlQuery *m_query;
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
