#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace OWidget::Server {

// What differs between the two engines the server keeps its data in, so that Database and every
// service speak one SQL: how `--db` names a database, how a connection is opened, and what makes
// a commit durable. SQLite is embedded and needs no setup; PostgreSQL is for a service that
// outgrows one machine.
class DatabaseEngine
{
public:
    enum class Kind { Sqlite, Postgres };

    /// `PATH`, `sqlite:PATH` or `postgresql://USER@HOST[:PORT]/DBNAME[?sslmode=...]`. A URL with
    /// a password is refused: a command line is visible to every user of the machine.
    static std::optional<DatabaseEngine> parse(const QString &location, QString *error);

    Kind kind() const { return m_kind; }
    /// SQLite's file; empty for PostgreSQL.
    QString path() const { return m_kind == Kind::Sqlite ? m_path : QString(); }
    /// Where the data is, for messages and logs; never a password.
    QString description() const;
    /// Adds the connection `name` and opens it. `password` is PostgreSQL's; when empty, libpq's
    /// own sources (PGPASSWORD, ~/.pgpass) still apply.
    bool open(const QString &name, const QString &password, QString *error) const;
    /// Opens `db` again, e.g. after PostgreSQL restarted and dropped the connection.
    bool reopen(QSqlDatabase db, QString *error) const;
    /// The statements that make servers sharing one database migrate it one at a time (a
    /// PostgreSQL advisory lock of the session); none for SQLite, which locks its file.
    QString lockMigrations() const;
    QString unlockMigrations() const;

private:
    bool configure(QSqlDatabase db, QString *error) const;

    Kind m_kind = Kind::Sqlite;
    QString m_path; // SQLite's file
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_name;
    QStringList m_options; // libpq's connection options, `key=value`
};

} // namespace OWidget::Server
