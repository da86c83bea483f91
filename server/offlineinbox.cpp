#include "offlineinbox.h"
#include "crypto.h"
#include "database.h"
#include "logging.h"
#include "serverlimits.h"
#include "storedvalues.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

using namespace Stored;

namespace {

constexpr qint64 HourMs = 60 * 60 * 1000;

const QString offlineColumns
    = u"id, company, preset, kind, client_id, fields, body, phone, created"_s;

QString kindName(OfflineItem::Kind kind)
{
    return kind == OfflineItem::Kind::Message ? u"message"_s : u"callback"_s;
}

OfflineItem readOfflineItem(const QSqlQuery &q)
{
    OfflineItem o;
    o.id = q.value(0).toString();
    o.company = q.value(1).toString();
    o.preset = q.value(2).toString();
    o.kind = q.value(3).toString() == "message"_L1 ? OfflineItem::Kind::Message
                                                   : OfflineItem::Kind::Callback;
    o.clientId = q.value(4).toString();
    o.fields = readStringMap(q.value(5));
    o.text = q.value(6).toString();
    o.phone = q.value(7).toString();
    o.created = q.value(8).toLongLong();
    return o;
}

} // namespace

Protocol::OfflineItem OfflineItem::toProtocol() const
{
    Protocol::OfflineItem item;
    item.id = id;
    item.kind = kind;
    item.created = timeOf(created);
    item.preset = preset;
    item.fields = fields;
    item.text = text;
    item.phone = phone;
    return item;
}

OfflineInbox::OfflineInbox(Database &database, const Quotas &quotas, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_quotas(quotas)
{
    m_pruneTimer.setSingleShot(true);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] {
        forgetOldAddresses(QDateTime::currentMSecsSinceEpoch());
        // A full batch means there is more: the next one in a later pass of the event loop.
        const bool more = pruneBatch() >= Limits::OfflinePruneBatch;
        m_pruneTimer.start(more ? 0 : Limits::OfflinePruneIntervalMs);
    });
}

void OfflineInbox::startPruning()
{
    m_pruneTimer.start(0);
}

void OfflineInbox::forgetOldAddresses(qint64 now)
{
    for (auto it = m_storedBy.begin(); it != m_storedBy.end();) {
        it->removeIf([&](qint64 at) { return now - at >= HourMs; });
        it = it->isEmpty() ? m_storedBy.erase(it) : std::next(it);
    }
}

OfflineInbox::Result OfflineInbox::add(
    const OfflineItem &item, const QString &address, OfflineItem *stored)
{
    QSqlQuery q(m_database.handle());
    // A repeated client id is answered as before and costs nothing of the quota.
    if (run(q,
            u"SELECT "_s % offlineColumns
                % u" FROM offline_items WHERE company = ? AND kind = ? AND client_id = ?"_s,
            { item.company, kindName(item.kind), item.clientId })
        && q.next()) {
        *stored = readOfflineItem(q);
        return Result::Duplicate;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto &times = m_storedBy[address];
    times.removeIf([&](qint64 at) { return now - at >= HourMs; });
    if (times.size() >= m_quotas.perAddressPerHour) {
        qCInfo(lcServer, "event=offline_refused reason=address_quota address=%s",
            qUtf8Printable(address));
        return Result::OverQuota;
    }
    *stored = item;
    stored->id
        = (item.kind == OfflineItem::Kind::Message ? u"m-"_s : u"r-"_s) % Crypto::randomToken(12);
    // Strictly increasing, so that the newest and the oldest are never a tie.
    m_lastCreated = qMax(now, m_lastCreated + 1);
    stored->created = m_lastCreated;
    if (!run(q,
            u"INSERT INTO offline_items ("_s % offlineColumns
                % u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { stored->id, stored->company, stored->preset, kindName(stored->kind), stored->clientId,
                jsonText(stored->fields), nullable(stored->text), nullable(stored->phone),
                stored->created }))
        return Result::Failed;
    times.append(now);
    qCInfo(lcServer, "event=offline_item kind=%s id=%s company=%s",
        qUtf8Printable(kindName(stored->kind)), qUtf8Printable(stored->id),
        qUtf8Printable(stored->company));
    Q_EMIT itemAdded(*stored);
    return Result::Stored;
}

QList<OfflineItem> OfflineInbox::newest(
    const QString &company, OfflineItem::Kind kind, int limit, qint64 *older) const
{
    QList<OfflineItem> list;
    QSqlQuery q(m_database.handle());
    if (run(q,
            u"SELECT "_s % offlineColumns
                % u" FROM offline_items WHERE company = ? AND kind = ? "
                  u"ORDER BY created DESC, id DESC LIMIT ?"_s,
            { company, kindName(kind), limit })) {
        while (q.next())
            list.prepend(readOfflineItem(q));
    }
    *older = 0;
    if (list.size() == limit
        && run(q, u"SELECT COUNT(*) FROM offline_items WHERE company = ? AND kind = ?"_s,
            { company, kindName(kind) })
        && q.next())
        *older = qMax(qint64(0), q.value(0).toLongLong() - limit);
    return list;
}

int OfflineInbox::pruneBatch()
{
    QSqlQuery q(m_database.handle());
    const qint64 cutoff = QDateTime::currentMSecsSinceEpoch() - m_quotas.maxAgeMs;
    // By id, the primary key, not SQLite's rowid: the same SQL runs on PostgreSQL.
    if (!run(q,
            u"DELETE FROM offline_items WHERE id IN (SELECT id FROM offline_items "
            u"WHERE created < ? LIMIT ?)"_s,
            { cutoff, Limits::OfflinePruneBatch }))
        return 0;
    int deleted = q.numRowsAffected();
    // Then the oldest of a company beyond what it keeps, within what is left of the batch.
    if (!run(q,
            u"SELECT company, COUNT(*) FROM offline_items GROUP BY company HAVING COUNT(*) > ?"_s,
            { m_quotas.keptPerCompany }))
        return deleted;
    QList<std::pair<QString, qint64>> over;
    while (q.next())
        over.append({ q.value(0).toString(), q.value(1).toLongLong() - m_quotas.keptPerCompany });
    for (const auto &[company, excess] : std::as_const(over)) {
        const qint64 room = Limits::OfflinePruneBatch - deleted;
        if (room <= 0)
            break;
        if (run(q,
                u"DELETE FROM offline_items WHERE id IN (SELECT id FROM offline_items "
                u"WHERE company = ? ORDER BY created, id LIMIT ?)"_s,
                { company, qMin(room, excess) }))
            deleted += q.numRowsAffected();
    }
    if (deleted > 0)
        qCInfo(lcServer, "event=offline_pruned items=%d", deleted);
    return deleted;
}

} // namespace OWidget::Server
