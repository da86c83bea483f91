#include "postgresprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const auto binDir = "/usr/lib/postgresql/15/bin"_L1;
// The cluster's superuser's password; the test's own, on a cluster that lives as long as it.
const auto adminPassword = "owidget-test-admin"_L1;

bool asRoot()
{
    return ::geteuid() == 0;
}

// As root, gives `path` to the postgres user, who runs the cluster.
bool giveToPostgres(const QString &path)
{
    if (!asRoot())
        return true;
    const passwd *user = ::getpwnam("postgres");
    return user && ::chown(QFile::encodeName(path).constData(), user->pw_uid, user->pw_gid) == 0;
}

} // namespace

PostgresProcess::PostgresProcess()
    : m_dir(QDir::tempPath() + u"/owidget-pg-XXXXXX"_s)
{ }

PostgresProcess::~PostgresProcess()
{
    if (m_running)
        run(u"pg_ctl"_s,
            { u"-D"_s, m_dir.filePath(u"data"_s), u"-m"_s, u"immediate"_s, u"-w"_s, u"stop"_s });
}

QString PostgresProcess::password()
{
    return u"owidget-test-password"_s;
}

QProcessEnvironment PostgresProcess::environment(const QString &password) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"PGPASSWORD"_s);
    if (!password.isEmpty())
        environment.insert(u"PGPASSWORD"_s, password);
    environment.insert(u"PGPASSFILE"_s, m_dir.filePath(u"no-pgpass"_s));
    return environment;
}

QString PostgresProcess::url(const QString &database) const
{
    return u"postgresql://owidget@127.0.0.1:%1/%2"_s.arg(m_port).arg(database);
}

bool PostgresProcess::run(
    const QString &program, const QStringList &arguments, QString *output, int timeoutMs)
{
    QProcess process;
    QString path = binDir % u'/' % program;
    QStringList all = arguments;
    if (asRoot()) {
        all = QStringList { u"-u"_s, u"postgres"_s, u"--"_s, path } + arguments;
        path = u"runuser"_s;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"PGPASSWORD"_s, adminPassword);
    environment.insert(u"PGPASSFILE"_s, m_dir.filePath(u"no-pgpass"_s));
    process.setProcessEnvironment(environment);
    // The postgres user may not enter the test's own working directory.
    process.setWorkingDirectory(m_dir.path());
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(path, all);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        m_error = u"%1 did not finish: %2"_s.arg(program, QString::fromUtf8(process.readAll()));
        return false;
    }
    const QString text = QString::fromUtf8(process.readAll());
    if (output)
        *output = text.trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = u"%1 %2 failed: %3"_s.arg(program, arguments.join(u' '), text);
        return false;
    }
    return true;
}

bool PostgresProcess::initialize()
{
    const QString initdb = binDir % "/initdb"_L1;
    if (!QFileInfo(initdb).isExecutable()) {
        m_error
            = u"PostgreSQL 15 is not installed (no %1): install the Debian packages "
              u"postgresql-15 and libqt6sql6-psql (scripts/test.sh installs them)"_s.arg(initdb);
        return false;
    }
    if (asRoot() && !::getpwnam("postgres")) {
        m_error = u"PostgreSQL refuses to run as root, and there is no postgres user to run it "
                  u"as: install the Debian package postgresql-15, which creates it"_s;
        return false;
    }
    if (!m_dir.isValid()) {
        m_error = u"cannot create a temporary directory: "_s % m_dir.errorString();
        return false;
    }
    const QString passwordFile = m_dir.filePath(u"superuser-password"_s);
    QFile file(passwordFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(QString(adminPassword).toUtf8()) < 0) {
        m_error = u"cannot write "_s % passwordFile;
        return false;
    }
    file.close();
    if (!giveToPostgres(m_dir.path()) || !giveToPostgres(passwordFile)) {
        m_error = u"cannot give %1 to the postgres user"_s.arg(m_dir.path());
        return false;
    }
    // Password logins over TCP, as a deployment has them; -N: a test's cluster needs no sync.
    if (!run(u"initdb"_s,
            { u"-D"_s, m_dir.filePath(u"data"_s), u"-U"_s, u"postgres"_s,
                u"--pwfile="_s % passwordFile, u"--auth-local=trust"_s,
                u"--auth-host=scram-sha-256"_s, u"-E"_s, u"UTF8"_s, u"--locale=C"_s, u"-N"_s }))
        return false;
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost)) {
        m_error = u"no free port on 127.0.0.1"_s;
        return false;
    }
    m_port = probe.serverPort();
    probe.close();
    return true;
}

bool PostgresProcess::start()
{
    if (!m_initialized && !(m_initialized = initialize()))
        return false;
    const QString options
        = u"-c listen_addresses=127.0.0.1 -p %1 -k %2"_s.arg(m_port).arg(m_dir.path());
    if (!run(u"pg_ctl"_s,
            { u"-D"_s, m_dir.filePath(u"data"_s), u"-l"_s, m_dir.filePath(u"postgres.log"_s),
                u"-o"_s, options, u"-w"_s, u"-t"_s, u"60"_s, u"start"_s },
            nullptr, 90000))
        return false;
    m_running = true;
    bool ok = false;
    const QString exists
        = query(u"postgres"_s, u"SELECT count(*) FROM pg_roles WHERE rolname = 'owidget'"_s, &ok);
    if (!ok)
        return false;
    if (exists == "0"_L1) {
        query(u"postgres"_s, u"CREATE ROLE owidget LOGIN PASSWORD '%1'"_s.arg(password()), &ok);
    }
    return ok;
}

bool PostgresProcess::stop()
{
    if (!m_running)
        return true;
    m_running = false;
    return run(u"pg_ctl"_s,
        { u"-D"_s, m_dir.filePath(u"data"_s), u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s });
}

QString PostgresProcess::createDatabase()
{
    const QString name = u"owidget_%1"_s.arg(++m_databases);
    bool ok = false;
    query(u"postgres"_s, u"CREATE DATABASE %1 OWNER owidget"_s.arg(name), &ok);
    return ok ? name : QString();
}

QString PostgresProcess::query(const QString &database, const QString &sql, bool *ok)
{
    QString output;
    const bool done = run(u"psql"_s,
        { u"-X"_s, u"-q"_s, u"-A"_s, u"-t"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-h"_s,
            u"127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"-U"_s, u"postgres"_s, u"-d"_s,
            database, u"-c"_s, sql },
        &output);
    if (ok)
        *ok = done;
    return done ? output : QString();
}
