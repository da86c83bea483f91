#pragma once

#include "databaseengine.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <memory>
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
    // `sql` prepared on connection() once and kept while it is open (see Statement); null when
    // it could not be prepared.
    std::shared_ptr<QSqlQuery> prepared(const QString &sql) const;
    // How many statements prepared() has prepared since the connection opened.
    int preparedCount() const { return m_preparedCount; }
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
    mutable QHash<QString, std::shared_ptr<QSqlQuery>> m_statements; // by their SQL
    mutable int m_preparedCount = 0;
};

// A statement run often (a conversation found, an event written), prepared once: preparing it
// again for each call, SQLite parsing the SQL each time, cost more than running it (two thirds
// of the time of 900 conversations ended together). Its values are bound by position, and its
// result is let go at the end of the scope, so that no read stays open in SQLite.
class Statement
{
public:
    Statement(const Database &database, const QString &sql)
        : m_query(database.prepared(sql))
    { }
    ~Statement()
    {
        if (m_query)
            m_query->finish();
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Binds and runs; a failure is logged.
    bool run(const QVariantList &values);
    // After run() succeeded.
    QSqlQuery &query() { return *m_query; }

private:
    std::shared_ptr<QSqlQuery> m_query;
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
