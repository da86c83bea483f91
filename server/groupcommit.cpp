#include "groupcommit.h"
#include "database.h"
#include "logging.h"
#include "serverlimits.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

GroupCommit::GroupCommit(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    // Zero: when the event loop has handled what is ready now, every socket's frames included.
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &GroupCommit::commit);
    m_database.setPendingCommit([this] { commit(); });
}

GroupCommit::~GroupCommit()
{
    m_database.setPendingCommit({});
    commit();
}

bool GroupCommit::begin()
{
    if (m_open)
        return true;
    if (!m_database.connection().transaction()) {
        qCWarning(lcServer, "event=database_error what=begin error=\"%s\"",
            qUtf8Printable(m_database.connection().lastError().text()));
        return false;
    }
    // Several servers on PostgreSQL: a row another server's open batch holds is waited for
    // briefly, not until a deadlock is found (see ConversationService::writeInBatch).
    m_open = true;
    setLockTimeout(LockTimeoutMs);
    m_timer.start();
    return true;
}

void GroupCommit::setLockTimeout(int ms)
{
    if (!m_open || m_database.engine().kind() != DatabaseEngine::Kind::Postgres)
        return;
    QSqlQuery q(m_database.connection());
    if (!q.exec(u"SET LOCAL lock_timeout = '%1ms'"_s.arg(ms)))
        qCWarning(lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(q.lastError().text()));
}

void GroupCommit::afterCommit(std::function<void(bool committed)> then)
{
    if (!m_open)
        return then(true);
    m_waiting.append(std::move(then));
    // A full batch is not held: its writers wait for one sync, not for the whole loop.
    if (m_waiting.size() >= Limits::GroupCommitMaxWrites)
        commit();
}

void GroupCommit::commit()
{
    if (!m_open)
        return;
    m_open = false;
    m_timer.stop();
    auto db = m_database.connection();
    const bool committed = db.commit();
    if (!committed) {
        qCWarning(lcServer, "event=database_error what=commit writes=%lld error=\"%s\"",
            qint64(m_waiting.size()), qUtf8Printable(db.lastError().text()));
        db.rollback();
    }
    // What runs now may write again and open the next batch: it waits for that one.
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &then : waiting)
        then(committed);
}

} // namespace OWidget::Server
