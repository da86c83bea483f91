#include "readmarks.h"
#include "database.h"
#include "logging.h"
#include "storedvalues.h"

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

QString columnOf(Protocol::Sender side)
{
    return side == Protocol::Sender::Visitor ? u"visitor_read"_s : u"operator_read"_s;
}

} // namespace

ReadMarks::ReadMarks(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{ }

ReadMarks::Result ReadMarks::mark(const QString &conversation, Protocol::Sender side, qint64 seq)
{
    const QString column = columnOf(side);
    QSqlQuery q(m_database.handle());
    // One statement: of two servers on one database, or two sockets of one side, the higher
    // mark wins whatever the order the two arrive in.
    if (!Stored::run(q,
            u"UPDATE conversations SET "_s % column % u" = ? WHERE id = ? AND "_s % column
                % u" < ? AND last_seq >= ?"_s,
            { seq, conversation, seq, seq }))
        return Result::Failed;
    if (q.numRowsAffected() == 1) {
        qCDebug(lcServer, "event=read_mark conversation=%s side=%s seq=%lld",
            qUtf8Printable(conversation), qUtf8Printable(Protocol::name(side)), seq);
        Q_EMIT moved(conversation, side, seq);
        return Result::Moved;
    }
    // Nothing changed: say why.
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

} // namespace OWidget::Server
