#include "clusterbus.h"
#include "crypto.h"
#include "database.h"
#include "logging.h"

#include <QAtomicInt>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

QAtomicInt busCounter;

const auto channel = "owidget"_L1;

// PostgreSQL's clock, not the server's: instances on several machines compare heartbeats
// written by one clock.
const auto databaseNowMs = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT"_L1;

} // namespace

ClusterBus::ClusterBus(Database &database, qint64 heartbeatTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_timeoutMs(heartbeatTimeoutMs)
    , m_instance(Crypto::randomToken(12))
    , m_connectionName(u"owidget-cluster-%1"_s.arg(busCounter.fetchAndAddRelaxed(1)))
{
    // Three beats within the timeout: one late beat does not make an instance look gone.
    m_heartbeat.setInterval(int(qMax(qint64(100), m_timeoutMs / 3)));
    connect(&m_heartbeat, &QTimer::timeout, this, &ClusterBus::beat);
}

ClusterBus::~ClusterBus()
{
    close();
}

bool ClusterBus::open(const QString &location, const QString &password, QString *error)
{
    if (m_engine)
        return true;
    auto engine = DatabaseEngine::parse(location, error);
    if (!engine)
        return false;
    if (engine->kind() != DatabaseEngine::Kind::Postgres)
        return true; // one process: nothing to share
    if (!engine->open(m_connectionName, password, error))
        return false;
    m_engine = std::move(engine);
    m_password = password;
    if (!listen(error))
        return false;
    beat();
    m_heartbeat.start();
    qCInfo(lcServer, "event=cluster_joined instance=%s heartbeat_timeout_ms=%lld",
        qUtf8Printable(m_instance), m_timeoutMs);
    return true;
}

void ClusterBus::close()
{
    m_heartbeat.stop();
    if (!m_engine)
        return;
    // Gone at once for the others, rather than after the heartbeat timeout.
    QSqlQuery q(m_database.handle());
    q.prepare(u"DELETE FROM operator_presence WHERE instance = ?"_s);
    q.addBindValue(m_instance);
    q.exec();
    q.prepare(u"DELETE FROM instances WHERE id = ?"_s);
    q.addBindValue(m_instance);
    q.exec();
    publish(u"left"_s, {});
    {
        auto db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_engine.reset();
}

bool ClusterBus::listen(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    {
        // Named, so that an administrator tells it from the others; its process id, so that
        // the heartbeat can see it is gone. Nothing else runs on it once it listens: a query
        // would read a notification into libpq's queue, where Qt's driver finds it only when
        // the next one arrives.
        QSqlQuery q(db);
        if (!q.exec(u"SET application_name TO 'owidget-listen'"_s)
            || !q.exec(u"SELECT pg_backend_pid()"_s) || !q.next()) {
            if (error)
                *error = u"cannot prepare the listening connection: "_s % q.lastError().text();
            return false;
        }
        m_listenPid = q.value(0).toLongLong();
    }
    QSqlDriver *driver = db.driver();
    if (!driver->subscribedToNotifications().contains(channel)
        && !driver->subscribeToNotification(channel)) {
        if (error)
            *error = u"cannot LISTEN on the database: "_s % driver->lastError().text();
        return false;
    }
    connect(
        driver, &QSqlDriver::notification, this, &ClusterBus::onNotification, Qt::UniqueConnection);
    m_listening = true;
    return true;
}

void ClusterBus::publish(const QString &kind, QJsonObject payload)
{
    if (!m_engine)
        return;
    payload.insert("i"_L1, m_instance);
    payload.insert("k"_L1, kind);
    // After the change committed (each service commits before it announces): NOTIFY is sent
    // at once, and the receiver finds the change in the database.
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT pg_notify(?, ?)"_s);
    q.addBindValue(QString(channel));
    q.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    if (!q.exec()) {
        qCWarning(lcServer, "event=cluster_publish_failed kind=%s error=\"%s\"",
            qUtf8Printable(kind), qUtf8Printable(q.lastError().text()));
    }
}

void ClusterBus::setSockets(const QString &login, int sockets)
{
    if (!m_engine)
        return;
    QSqlQuery q(m_database.handle());
    q.prepare(u"INSERT INTO operator_presence (instance, login, sockets) VALUES (?, ?, ?) "
              u"ON CONFLICT (instance, login) DO UPDATE SET sockets = excluded.sockets"_s);
    q.addBindValue(m_instance);
    q.addBindValue(login);
    q.addBindValue(sockets);
    if (!q.exec()) {
        qCWarning(lcServer, "event=presence_store_failed operator=%s error=\"%s\"",
            qUtf8Printable(login), qUtf8Printable(q.lastError().text()));
    }
    publish(u"presence"_s, { { "l"_L1, login } });
}

QHash<QString, int> ClusterBus::otherSockets() const
{
    QHash<QString, int> sockets;
    if (!m_engine)
        return sockets;
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT p.login, SUM(p.sockets) FROM operator_presence p JOIN instances i ON "
              u"i.id = p.instance WHERE p.instance <> ? AND p.sockets > 0 AND i.heartbeat >= "_s
        % databaseNowMs % u" - ? GROUP BY p.login"_s);
    q.addBindValue(m_instance);
    q.addBindValue(m_timeoutMs);
    if (!q.exec())
        return sockets;
    while (q.next())
        sockets.insert(q.value(0).toString(), q.value(1).toInt());
    return sockets;
}

bool ClusterBus::othersAlive() const
{
    if (!m_engine)
        return false;
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT COUNT(*) FROM instances WHERE id <> ? AND heartbeat >= "_s % databaseNowMs
        % u" - ?"_s);
    q.addBindValue(m_instance);
    q.addBindValue(m_timeoutMs);
    // When the database cannot say, the others are taken to be there: nothing is ended.
    return !q.exec() || !q.next() || q.value(0).toInt() > 0;
}

void ClusterBus::onNotification(
    const QString &name, QSqlDriver::NotificationSource, const QVariant &payload)
{
    if (name != channel)
        return;
    const QJsonObject message = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
    // Every listener hears its own notifications too; this server acted on them already.
    if (message.value("i"_L1).toString() == m_instance)
        return;
    const QString kind = message.value("k"_L1).toString();
    if (!kind.isEmpty())
        Q_EMIT received(kind, message);
}

void ClusterBus::beat()
{
    if (!m_engine)
        return;
    QSqlQuery q(m_database.handle());
    q.prepare(u"INSERT INTO instances (id, heartbeat) VALUES (?, "_s % databaseNowMs
        % u") ON CONFLICT (id) DO UPDATE SET heartbeat = excluded.heartbeat"_s);
    q.addBindValue(m_instance);
    if (!q.exec()) {
        qCWarning(lcServer, "event=cluster_heartbeat_failed error=\"%s\"",
            qUtf8Printable(q.lastError().text()));
        m_database.isAnswering(); // reconnects the main connection when it dropped
    }
    // Instances gone for long: their rows would only grow the table.
    q.prepare(u"DELETE FROM operator_presence WHERE instance IN (SELECT id FROM instances "
              u"WHERE heartbeat < "_s
        % databaseNowMs % u" - ?)"_s);
    q.addBindValue(m_timeoutMs * 20);
    q.exec();
    q.prepare(u"DELETE FROM instances WHERE heartbeat < "_s % databaseNowMs % u" - ?"_s);
    q.addBindValue(m_timeoutMs * 20);
    q.exec();

    // The listening connection has no traffic of its own: whether its server process is still
    // there is asked on the main connection.
    q.prepare(u"SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?"_s);
    q.addBindValue(m_listenPid);
    if (q.exec() && q.next() && q.value(0).toInt() == 0) {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        m_listening = false;
        QString error;
        if (m_engine->reopen(db, &error) && listen(&error)) {
            qCInfo(lcServer, "event=cluster_relistened");
            Q_EMIT resynced();
        } else {
            qCWarning(lcServer, "event=cluster_listen_lost error=\"%s\"", qUtf8Printable(error));
        }
    }
    Q_EMIT heartbeatWritten();
}

} // namespace OWidget::Server
