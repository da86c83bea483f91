#include "databaseengine.h"

#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

const auto postgresUsage = "postgresql://USER@HOST:PORT/DBNAME"_L1;

// The database holds the operators' password hashes, their session hashes and every
// conversation: only the server's own user may read it. SQLite creates the -wal and -shm files
// with the mode of the database file, so the file is created 0600 before SQLite opens it, and
// an existing one (from an older server, or copied in) is narrowed to 0600 with its companions.
bool restrictToOwner(const QString &path, QString *error)
{
    if (path.isEmpty() || path == ":memory:"_L1 || path.startsWith("file:"_L1))
        return true;
    const QByteArray name = QFile::encodeName(path);
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0) {
        if (error)
            *error = u"cannot create %1: %2"_s.arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    const bool narrowed = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    ::close(fd);
    if (!narrowed) {
        if (error)
            *error = u"cannot make %1 private: %2"_s.arg(
                path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    for (const char *suffix : { "-wal", "-shm", "-journal" }) {
        // Absent until SQLite needs them; then SQLite gives them the database file's mode.
        ::chmod(QByteArray(name + suffix).constData(), S_IRUSR | S_IWUSR);
    }
    return true;
}

// A libpq connection option; QPSQL joins them with spaces, so the value is quoted.
QString connectOption(const QString &key, QString value)
{
    value.replace(u'\\', "\\\\"_L1).replace(u'\'', "\\'"_L1);
    return key % "='"_L1 % value % u'\'';
}

} // namespace

std::optional<DatabaseEngine> DatabaseEngine::parse(const QString &location, QString *error)
{
    // The messages never quote the URL: it may hold a password.
    const auto fail = [error](const QString &message) {
        if (error)
            *error = u"--db: "_s % message;
        return std::optional<DatabaseEngine>();
    };
    DatabaseEngine engine;
    if (location.startsWith("sqlite:"_L1)) {
        engine.m_path = location.mid(7);
        if (engine.m_path.isEmpty())
            return fail(u"sqlite: needs a file name, e.g. sqlite:owidget.sqlite"_s);
        return engine;
    }
    static const QRegularExpression urlScheme(u"^([A-Za-z][A-Za-z0-9+.-]*)://"_s);
    const QRegularExpressionMatch scheme = urlScheme.match(location);
    if (!scheme.hasMatch()) {
        if (location.isEmpty())
            return fail(u"needs a SQLite file or a URL, e.g. %1"_s.arg(postgresUsage));
        engine.m_path = location;
        return engine;
    }
    const QString name = scheme.captured(1).toLower();
    if (name != "postgresql"_L1 && name != "postgres"_L1)
        return fail(u"unknown database type '%1'; use a SQLite file, sqlite:FILE or %2"_s.arg(
            name.left(32), postgresUsage));
    const QUrl url(location, QUrl::StrictMode);
    if (!url.isValid())
        return fail(u"not a valid URL; expected %1"_s.arg(postgresUsage));
    const QString passwordAdvice = u"every user of this machine can read a command line; give "
                                   u"the password in PGPASSWORD or in a file named by "
                                   u"--db-password-file"_s;
    if (!url.password().isEmpty() || url.userInfo().contains(u':'))
        return fail(u"the URL holds a password, which is refused: "_s % passwordAdvice);
    engine.m_kind = Kind::Postgres;
    engine.m_user = url.userName();
    engine.m_host = url.host();
    engine.m_port = url.port(5432);
    engine.m_name = url.path().mid(1);
    if (engine.m_user.isEmpty())
        return fail(u"the URL names no user; expected %1"_s.arg(postgresUsage));
    if (engine.m_host.isEmpty())
        return fail(u"the URL names no host; expected %1"_s.arg(postgresUsage));
    if (engine.m_port < 1)
        return fail(u"the port must be from 1 to 65535"_s);
    if (engine.m_name.isEmpty() || engine.m_name.contains(u'/'))
        return fail(u"the URL names no database; expected %1"_s.arg(postgresUsage));
    static const QStringList allowed { u"sslmode"_s, u"sslrootcert"_s, u"sslcert"_s, u"sslkey"_s,
        u"connect_timeout"_s };
    bool timeoutGiven = false;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key == "password"_L1)
            return fail(u"the URL holds a password, which is refused: "_s % passwordAdvice);
        if (!allowed.contains(key))
            return fail(u"unknown URL parameter '%1'; known: %2"_s.arg(
                key.left(32), allowed.join(", "_L1)));
        if (value.contains(u';'))
            return fail(u"the value of '%1' must not contain ';'"_s.arg(key));
        engine.m_options.append(connectOption(key, value));
        timeoutGiven = timeoutGiven || key == "connect_timeout"_L1;
    }
    // An unreachable host must not stall the start (nor a health check) for minutes.
    if (!timeoutGiven)
        engine.m_options.append(u"connect_timeout=10"_s);
    return engine;
}

QString DatabaseEngine::description() const
{
    if (m_kind == Kind::Sqlite)
        return u"SQLite file %1"_s.arg(m_path);
    return u"PostgreSQL database '%1' at %2:%3 as '%4'"_s.arg(m_name, m_host)
        .arg(m_port)
        .arg(m_user);
}

bool DatabaseEngine::open(const QString &name, const QString &password, QString *error) const
{
    if (m_kind == Kind::Sqlite) {
        if (!restrictToOwner(m_path, error))
            return false;
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_path);
    } else {
        if (!QSqlDatabase::isDriverAvailable(u"QPSQL"_s)) {
            if (error)
                *error = u"Qt's PostgreSQL driver (QPSQL) is not installed; on Debian and Ubuntu "
                         u"it is the package libqt6sql6-psql"_s;
            return false;
        }
        auto db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        db.setHostName(m_host);
        db.setPort(m_port);
        db.setUserName(m_user);
        db.setDatabaseName(m_name);
        db.setPassword(password);
        db.setConnectOptions(m_options.join(u';'));
    }
    return reopen(QSqlDatabase::database(name, false), error);
}

bool DatabaseEngine::reopen(QSqlDatabase db, QString *error) const
{
    db.close();
    if (!db.open()) {
        if (error) {
            const QString reason = db.lastError().text().trimmed();
            *error = m_kind == Kind::Sqlite
                ? reason
                : u"cannot connect to the %1: %2"_s.arg(description(), reason);
        }
        return false;
    }
    return configure(db, error);
}

// Any number, the same in every server: "OWIDGET!" read as a 64-bit integer.
constexpr qint64 migrationLockKey = 0x4f57494447455421;

QString DatabaseEngine::lockMigrations() const
{
    return m_kind == Kind::Sqlite ? QString()
                                  : u"SELECT pg_advisory_lock(%1)"_s.arg(migrationLockKey);
}

QString DatabaseEngine::unlockMigrations() const
{
    return m_kind == Kind::Sqlite ? QString()
                                  : u"SELECT pg_advisory_unlock(%1)"_s.arg(migrationLockKey);
}

bool DatabaseEngine::configure(QSqlDatabase db, QString *error) const
{
    // A commit is on disk before its ack is sent. SQLite: WAL for concurrent readers and FULL
    // sync. PostgreSQL: synchronous_commit is on by default; it is set again for this session
    // in case the cluster was configured without it (group commits keep the throughput).
    const QStringList statements = m_kind == Kind::Sqlite
        ? QStringList { u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
              u"PRAGMA busy_timeout=5000"_s }
        : QStringList { u"SET synchronous_commit TO on"_s };
    QSqlQuery query(db);
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            if (error)
                *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace OWidget::Server
