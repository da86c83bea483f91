#include "database.h"
#include "logging.h"

#include <QAtomicInt>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

QAtomicInt connectionCounter;

// Each entry is one schema version: the statements that take the schema from the previous
// version to it. Only SQL that SQLite and PostgreSQL both take, with the same meaning (INTEGER,
// BIGINT, TEXT, VARCHAR(n); no engine's own types or clauses): what differs between the
// engines stays in DatabaseEngine.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> list {
        {
            u"CREATE TABLE companies (id VARCHAR(36) PRIMARY KEY, name TEXT NOT NULL, "
            u"away_is_busy INTEGER NOT NULL)"_s,
            u"CREATE TABLE operator_groups (company VARCHAR(36) NOT NULL, name VARCHAR(64) NOT "
            u"NULL, PRIMARY KEY (company, name))"_s,
            u"CREATE TABLE presets (company VARCHAR(36) NOT NULL, name VARCHAR(64) NOT NULL, "
            u"is_default INTEGER NOT NULL, config TEXT NOT NULL, PRIMARY KEY (company, name))"_s,
            u"CREATE TABLE preset_groups (company VARCHAR(36) NOT NULL, preset VARCHAR(64) NOT "
            u"NULL, group_name VARCHAR(64) NOT NULL, position INTEGER NOT NULL, "
            u"PRIMARY KEY (company, preset, group_name))"_s,
            u"CREATE TABLE operators (login VARCHAR(64) PRIMARY KEY, company VARCHAR(36) NOT "
            u"NULL, name TEXT NOT NULL, password_hash TEXT NOT NULL, max_chats INTEGER NOT "
            u"NULL)"_s,
            u"CREATE TABLE operator_memberships (login VARCHAR(64) NOT NULL, group_name "
            u"VARCHAR(64) NOT NULL, PRIMARY KEY (login, group_name))"_s,
            u"CREATE TABLE sessions (token_hash VARCHAR(64) PRIMARY KEY, login VARCHAR(64) NOT "
            u"NULL, expires BIGINT NOT NULL)"_s,
            u"CREATE TABLE conversations (id VARCHAR(40) PRIMARY KEY, company VARCHAR(36) NOT "
            u"NULL, preset VARCHAR(64) NOT NULL, group_name VARCHAR(64) NOT NULL, secret_hash "
            u"VARCHAR(64) NOT NULL, state VARCHAR(8) NOT NULL, language VARCHAR(16) NOT NULL, "
            u"fields TEXT NOT NULL, custom_data TEXT NOT NULL, start_client_id VARCHAR(64) NOT "
            u"NULL, operator_login VARCHAR(64), operator_name TEXT, created BIGINT NOT NULL, "
            u"ended BIGINT, last_seq INTEGER NOT NULL)"_s,
            u"CREATE INDEX conversations_queue ON conversations (company, group_name, state, "
            u"created)"_s,
            u"CREATE TABLE events (conversation VARCHAR(40) NOT NULL, seq INTEGER NOT NULL, "
            u"type VARCHAR(8) NOT NULL, at_ms BIGINT NOT NULL, sender VARCHAR(8), name TEXT, "
            u"body TEXT, ended_by VARCHAR(8), client_id VARCHAR(64), "
            u"PRIMARY KEY (conversation, seq), UNIQUE (conversation, sender, client_id))"_s,
            u"CREATE TABLE offline_items (id VARCHAR(40) PRIMARY KEY, company VARCHAR(36) NOT "
            u"NULL, preset VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, client_id "
            u"VARCHAR(64) NOT NULL, fields TEXT NOT NULL, body TEXT, phone VARCHAR(32), "
            u"created BIGINT NOT NULL, UNIQUE (company, kind, client_id))"_s,
        },
        {
            // The newest offline items of a company for the console's snapshot, and the
            // oldest for pruning, without reading them all.
            u"CREATE INDEX offline_items_newest ON offline_items (company, kind, created)"_s,
            u"CREATE INDEX offline_items_age ON offline_items (created)"_s,
        },
        {
            // The visitor's rating of an ended conversation: one per conversation. The
            // operator's name and the form are copied, so that the console's list of ratings
            // reads one table.
            u"CREATE TABLE ratings (conversation VARCHAR(40) PRIMARY KEY, company VARCHAR(36) "
            u"NOT NULL, preset VARCHAR(64) NOT NULL, client_id VARCHAR(64) NOT NULL, kind "
            u"VARCHAR(8) NOT NULL, score INTEGER NOT NULL, comment TEXT NOT NULL, operator_name "
            u"TEXT, fields TEXT NOT NULL, created BIGINT NOT NULL)"_s,
            u"CREATE INDEX ratings_newest ON ratings (company, created)"_s,
        },
        {
            // Each side's read mark (ReadMarks): the highest seq it has seen, 0 for none.
            u"ALTER TABLE conversations ADD COLUMN visitor_read BIGINT NOT NULL DEFAULT 0"_s,
            u"ALTER TABLE conversations ADD COLUMN operator_read BIGINT NOT NULL DEFAULT 0"_s,
        },
        {
            // Operators' pictures (AvatarImage): PNG in base64, text in both databases.
            u"CREATE TABLE operator_avatars (id VARCHAR(32) PRIMARY KEY, company VARCHAR(36) "
            u"NOT NULL, login VARCHAR(64) NOT NULL, png TEXT NOT NULL)"_s,
        },
        {
            // What each operator chose, kept across restarts; whether they are present is
            // the sockets each server holds for them, counted while that server's heartbeat
            // is recent (several servers on one PostgreSQL database, see ClusterBus).
            u"CREATE TABLE operator_availability (login VARCHAR(64) PRIMARY KEY, state "
            u"VARCHAR(8) NOT NULL)"_s,
            u"CREATE TABLE instances (id VARCHAR(40) PRIMARY KEY, heartbeat BIGINT NOT NULL)"_s,
            u"CREATE TABLE operator_presence (instance VARCHAR(40) NOT NULL, login VARCHAR(64) "
            u"NOT NULL, sockets INTEGER NOT NULL, PRIMARY KEY (instance, login))"_s,
            // Each operator's active chats, counted by every server after a resync.
            u"CREATE INDEX conversations_active ON conversations (state, operator_login)"_s,
        },
        {
            // A start retried with the secret the widget chose finds the conversation it made,
            // and two such starts at once on two servers store one: the second reads the first.
            u"CREATE UNIQUE INDEX conversations_started ON conversations (company, "
            u"start_client_id, secret_hash)"_s,
        },
    };
    return list;
}

bool exec(QSqlQuery &query, const QString &sql, QString *error)
{
    if (query.exec(sql))
        return true;
    if (error)
        *error = query.lastError().text();
    return false;
}

} // namespace

Database::Database()
    : m_connectionName(u"owidget-server-%1"_s.arg(connectionCounter.fetchAndAddRelaxed(1)))
{ }

Database::~Database()
{
    close();
}

int Database::latestSchemaVersion()
{
    return int(migrations().size());
}

bool Database::open(const QString &location, QString *error, const QString &password)
{
    m_engine = DatabaseEngine::parse(location, error);
    if (!m_engine || !m_engine->open(m_connectionName, password, error))
        return false;
    qCInfo(
        lcServer, "event=database_opened database=\"%s\"", qUtf8Printable(m_engine->description()));
    return migrate(error);
}

bool Database::isAnswering()
{
    if (!m_engine || !QSqlDatabase::contains(m_connectionName))
        return false;
    {
        QSqlQuery query(handle());
        if (query.exec(u"SELECT 1"_s) && query.next())
            return true;
    }
    // PostgreSQL restarted, or the network between dropped the connection. Reconnecting costs
    // up to the connect timeout while unreachable, so not on every health check.
    if (m_engine->kind() != DatabaseEngine::Kind::Postgres
        || (m_lastReconnect.isValid() && m_lastReconnect.elapsed() < 2000))
        return false;
    m_lastReconnect.start();
    forgetPrepared();
    QString error;
    if (!m_engine->reopen(handle(), &error)) {
        qCWarning(lcServer, "event=database_unreachable error=\"%s\"", qUtf8Printable(error));
        return false;
    }
    qCInfo(lcServer, "event=database_reconnected");
    QSqlQuery query(handle());
    return query.exec(u"SELECT 1"_s) && query.next();
}

void Database::close()
{
    forgetPrepared();
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    {
        auto db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase Database::handle() const
{
    if (m_pendingCommit)
        m_pendingCommit();
    return connection();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QSqlQuery *Database::runPrepared(const QString &sql, const QVariantList &values) const
{
    auto it = m_prepared.find(sql);
    if (it == m_prepared.end()) {
        QSqlQuery query(connection());
        query.setForwardOnly(true);
        if (!query.prepare(sql)) {
            qCWarning(
                lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(query.lastError().text()));
            return nullptr;
        }
        it = m_prepared.emplace(sql, std::move(query));
    }
    QSqlQuery &query = *it;
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (query.exec())
        return &query;
    qCWarning(lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(query.lastError().text()));
    query.finish();
    return nullptr;
}

void Database::forgetPrepared() const
{
    m_prepared.clear();
}

int Database::schemaVersion() const
{
    QSqlQuery query(handle());
    if (query.exec(u"SELECT version FROM schema_version"_s) && query.next())
        return query.value(0).toInt();
    return 0;
}

bool Database::migrate(QString *error)
{
    auto db = handle();
    QSqlQuery query(db);
    // Servers that start at once on one database: the first migrates, the others wait for it
    // and then find the schema current.
    if (!m_engine->lockMigrations().isEmpty() && !exec(query, m_engine->lockMigrations(), error))
        return false;
    const auto unlock = qScopeGuard([&] {
        if (!m_engine->unlockMigrations().isEmpty())
            QSqlQuery(db).exec(m_engine->unlockMigrations());
    });
    if (!db.tables().contains(u"schema_version"_s)) {
        if (!exec(query, u"CREATE TABLE schema_version (version INTEGER NOT NULL)"_s, error)
            || !exec(query, u"INSERT INTO schema_version (version) VALUES (0)"_s, error))
            return false;
    }
    const int current = schemaVersion();
    if (current > latestSchemaVersion()) {
        if (error)
            *error
                = u"the database has schema version %1, newer than this server's %2"_s.arg(current)
                      .arg(latestSchemaVersion());
        return false;
    }
    for (int version = current + 1; version <= latestSchemaVersion(); ++version) {
        Transaction transaction(db);
        for (const QString &statement : migrations().at(version - 1)) {
            if (!exec(query, statement, error))
                return false;
        }
        query.prepare(u"UPDATE schema_version SET version = ?"_s);
        query.addBindValue(version);
        if (!query.exec() || !transaction.commit()) {
            if (error)
                *error = db.lastError().text();
            return false;
        }
        qCInfo(lcServer, "event=schema_migrated version=%d", version);
    }
    return true;
}

Transaction::Transaction(QSqlDatabase db)
    : m_db(db)
    , m_open(m_db.transaction())
{ }

Transaction::~Transaction()
{
    if (m_open)
        m_db.rollback();
}

bool Transaction::commit()
{
    if (!m_open)
        return false;
    m_open = false;
    return m_db.commit();
}

} // namespace OWidget::Server
