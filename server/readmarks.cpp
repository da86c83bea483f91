#include "readmarks.h"
#include "clusterbus.h"
#include "database.h"
#include "groupcommit.h"
#include "logging.h"
#include "storedvalues.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

QString columnOf(Protocol::Sender side)
{
    return side == Protocol::Sender::Visitor ? u"visitor_read"_s : u"operator_read"_s;
}

const auto kindRead = "read"_L1;

} // namespace

ReadMarks::ReadMarks(Database &database, GroupCommit &commits, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_commits(commits)
{ }

void ReadMarks::setBus(ClusterBus *bus)
{
    m_bus = bus;
    if (bus)
        connect(bus, &ClusterBus::received, this, &ReadMarks::onRemote);
}

ReadMarks::Result ReadMarks::mark(const QString &conversation, Protocol::Sender side, qint64 seq)
{
    const QString column = columnOf(side);
    if (!m_commits.begin())
        return Result::Failed;
    QSqlQuery q(m_database.connection());
    // A savepoint, as for a message: a mark that fails leaves the batch's messages whole
    // (PostgreSQL aborts the whole transaction on an error otherwise).
    if (!q.exec(u"SAVEPOINT read_mark"_s))
        qCWarning(lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(q.lastError().text()));
    // One statement: of two servers on one database, or two sockets of one side, the higher
    // mark wins whatever the order the two arrive in.
    const bool updated = Stored::run(q,
        u"UPDATE conversations SET "_s % column % u" = ? WHERE id = ? AND "_s % column
            % u" < ? AND last_seq >= ?"_s,
        { seq, conversation, seq, seq });
    const bool forward = updated && q.numRowsAffected() == 1;
    QSqlQuery savepoint(m_database.connection());
    if (!updated)
        savepoint.exec(u"ROLLBACK TO SAVEPOINT read_mark"_s);
    savepoint.exec(u"RELEASE SAVEPOINT read_mark"_s);
    if (!updated)
        return Result::Failed;
    if (forward) {
        // Told only once the batch is committed, like the messages beside it.
        m_commits.afterCommit([this, conversation, side, seq](bool committed) {
            if (!committed)
                return;
            qCDebug(lcServer, "event=read_mark conversation=%s side=%s seq=%lld",
                qUtf8Printable(conversation), qUtf8Printable(Protocol::name(side)), seq);
            Q_EMIT moved(conversation, side, seq);
            if (m_bus) {
                m_bus->publish(QString(kindRead),
                    { { "c"_L1, conversation }, { "d"_L1, Protocol::name(side) },
                        { "s"_L1, seq } });
            }
        });
        return Result::Moved;
    }
    // Nothing changed: say why (read beside the batch, which may hold the newest messages).
    if (!Stored::run(q, u"SELECT last_seq FROM conversations WHERE id = ?"_s, { conversation }))
        return Result::Failed;
    if (!q.next())
        return Result::NotFound;
    return seq > q.value(0).toLongLong() ? Result::BeyondLast : Result::Unchanged;
}

ReadMarks::Marks ReadMarks::marks(const QString &conversation) const
{
    QSqlQuery q(m_database.handle());
    if (!Stored::run(q, u"SELECT visitor_read, operator_read FROM conversations WHERE id = ?"_s,
            { conversation })
        || !q.next())
        return {};
    return { q.value(0).toLongLong(), q.value(1).toLongLong() };
}

void ReadMarks::onRemote(const QString &kind, const QJsonObject &message)
{
    if (kind != kindRead)
        return;
    const QString conversation = message.value("c"_L1).toString();
    const auto side = Protocol::fromName<Protocol::Sender>(message.value("d"_L1).toString());
    const qint64 seq = message.value("s"_L1).toInteger();
    if (conversation.isEmpty() || !side || seq <= 0)
        return;
    // The database says where the mark is. Announced only when it is still this one: a mark
    // already moved further is announced by its own notification, and each mark once.
    const Marks stored = marks(conversation);
    const qint64 now = *side == Protocol::Sender::Visitor ? stored.visitor : stored.operatorSide;
    if (now == seq)
        Q_EMIT moved(conversation, *side, seq);
}

} // namespace OWidget::Server
