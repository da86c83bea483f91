#pragma once

#include <QSqlDatabase>
#include <QString>

namespace OWidget::Server {

// The server's one database connection. Opening it creates the file if needed and applies
// every migration the schema lacks; the schema version is kept in the table schema_version.
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool open(const QString &path, QString *error);
    void close();
    QSqlDatabase handle() const;
    int schemaVersion() const;

    static int latestSchemaVersion();

private:
    bool migrate(QString *error);

    QString m_connectionName;
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
