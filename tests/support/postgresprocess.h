// A private PostgreSQL 15 cluster for a test: initdb in a temporary directory, started with
// pg_ctl on 127.0.0.1 and a free port, with password (SCRAM) logins over TCP, stopped when the
// object goes. PostgreSQL refuses to run as root, so as root (CI) every one of its commands runs
// as the `postgres` user, on a directory that user owns.
#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

class PostgresProcess
{
public:
    PostgresProcess();
    ~PostgresProcess();
    PostgresProcess(const PostgresProcess &) = delete;
    PostgresProcess &operator=(const PostgresProcess &) = delete;

    /// Creates the cluster the first time (with the role `owidget`), then starts it; false with
    /// error() saying why, and what to install when PostgreSQL is missing.
    bool start();
    /// pg_ctl stop in fast mode: every connection is closed.
    bool stop();
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }

    /// The password of the role `owidget`, which owns the databases made by createDatabase().
    static QString password();
    /// The server's environment: the system's, with PGPASSWORD set to `password` (or unset
    /// when empty), and no ~/.pgpass of the person running the test.
    QProcessEnvironment environment(const QString &password) const;
    /// A new, empty database owned by `owidget`; its name, or empty with error() set.
    QString createDatabase();
    /// `postgresql://owidget@127.0.0.1:PORT/NAME`: the --db of the server, without a password.
    QString url(const QString &database) const;
    /// Runs `sql` with psql as the superuser; its output (unaligned, tuples only), or empty
    /// with error() set when it fails.
    QString query(const QString &database, const QString &sql, bool *ok = nullptr);

private:
    // Runs `program` from PostgreSQL's bin directory, as `postgres` when the test is root.
    bool run(const QString &program, const QStringList &arguments, QString *output = nullptr,
        int timeoutMs = 60000);
    bool initialize();

    QTemporaryDir m_dir;
    quint16 m_port = 0;
    bool m_initialized = false;
    bool m_running = false;
    int m_databases = 0;
    QString m_error;
};
