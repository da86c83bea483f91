// ConversationService's side of several servers on one database: each change it makes is
// published through the ClusterBus, and each change another server published is read from the
// database and announced here as if made here.
#include "clusterbus.h"
#include "conversationservice.h"
#include "database.h"
#include "logging.h"
#include "storedvalues.h"

#include <QDateTime>
#include <QSet>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

using namespace Protocol;
using namespace Stored;

void ConversationService::setBus(ClusterBus *bus)
{
    m_bus = bus;
    m_readMarks.setBus(bus);
    if (!bus)
        return;
    connect(bus, &ClusterBus::received, this, &ConversationService::onRemote);
    connect(bus, &ClusterBus::resynced, this, &ConversationService::onResynced);
    connect(bus, &ClusterBus::heartbeatWritten, this, &ConversationService::forgetClosed);
}

void ConversationService::publish(const QString &kind, const QString &id, QJsonObject payload)
{
    if (!m_bus)
        return;
    payload.insert("c"_L1, id);
    m_bus->publish(kind, payload);
}

void ConversationService::onRemote(const QString &kind, const QJsonObject &message)
{
    const QString id = message.value("c"_L1).toString();
    if (id.isEmpty())
        return;
    if (kind == "typing"_L1) {
        Q_EMIT typingChanged(id, message.value("o"_L1).toBool(), message.value("a"_L1).toBool());
        return;
    }
    if (kind == "held"_L1) {
        // Its visitor is back, on another server: not abandoned.
        m_detachedSince.remove(id);
        return;
    }
    // Read marks and ratings hear their own kinds.
    if (kind != "queued"_L1 && kind != "dequeued"_L1 && kind != "accepted"_L1 && kind != "event"_L1)
        return;
    const auto c = find(id);
    if (!c)
        return;
    if (kind == "queued"_L1) {
        if (c->state == ConversationState::Waiting && !m_queue.contains(id)) {
            m_queue.add(*c, {});
            Q_EMIT queued(*c);
        }
    } else if (kind == "dequeued"_L1) {
        // The place it left, as its server counted it in the database before the change.
        const int local = m_queue.remove(id);
        const int position = message.contains("p"_L1) ? message.value("p"_L1).toInt() : local;
        if (position > 0)
            Q_EMIT dequeued(*c, position);
    } else if (kind == "accepted"_L1) {
        updateActiveChats(c->operatorLogin);
        Q_EMIT conversationAccepted(*c);
    } else if (kind == "event"_L1) {
        // The notification names the event; the database holds it.
        const qint64 seq = message.value("s"_L1).toInteger();
        // Read already by a resync that ran before this notification was handled.
        if (m_announcedSeq.value(id, -1) >= seq)
            return;
        const QList<Event> stored = events(id, seq - 1, 1);
        if (stored.isEmpty() || stored.constFirst().seq != seq)
            return;
        if (stored.constFirst().type == EventType::Ended && !c->operatorLogin.isEmpty())
            updateActiveChats(c->operatorLogin);
        announce(*c, stored.constFirst());
    }
}

void ConversationService::onResynced()
{
    // Notifications may have been lost while the listening connection was down. The queue is
    // read again; every conversation announced here gets the events it missed; and each one
    // with a visitor here is announced with its newest event, from which its session replays
    // what it has not sent.
    QSqlQuery q(m_database.handle());
    if (run(q, u"SELECT id FROM conversations WHERE state = 'waiting'"_s, {})) {
        QSet<QString> stillWaiting;
        while (q.next())
            stillWaiting.insert(q.value(0).toString());
        const QStringList ids = m_queue.ids();
        for (const QString &id : ids) {
            if (stillWaiting.contains(id))
                continue;
            const auto c = find(id);
            if (const int position = m_queue.remove(id); position > 0 && c)
                Q_EMIT dequeued(*c, position);
        }
        for (const QString &id : std::as_const(stillWaiting)) {
            if (m_queue.contains(id))
                continue;
            if (const auto c = find(id)) {
                m_queue.add(*c, {});
                Q_EMIT queued(*c);
            }
        }
    }
    const auto announced = m_announcedSeq;
    for (auto it = announced.cbegin(); it != announced.cend(); ++it) {
        const auto c = find(it.key());
        if (!c)
            continue;
        const QList<Event> missed = events(it.key(), it.value());
        for (const Event &e : missed)
            announce(*c, e);
    }
    const QStringList held = m_attached.keys();
    for (const QString &id : held) {
        const auto c = find(id);
        if (!c || c->lastSeq == 0 || m_announcedSeq.contains(id))
            continue;
        const QList<Event> newest = events(id, c->lastSeq - 1, 1);
        if (!newest.isEmpty())
            announce(*c, newest.constFirst());
    }
}

void ConversationService::announce(const Conversation &conversation, const Event &event)
{
    if (m_bus) {
        // Events in the order of their sequence numbers, each once: one this server has not
        // heard of yet (its notification is late, or was lost) is read before a newer one.
        const qint64 last = m_announcedSeq.value(conversation.id, -1);
        if (last >= event.seq)
            return;
        if (last >= 0 && event.seq > last + 1) {
            const QList<Event> missed
                = events(conversation.id, last, int(qMin<qint64>(event.seq - last - 1, 1000)));
            for (const Event &e : missed) {
                if (e.seq < event.seq)
                    Q_EMIT eventAppended(conversation, e);
            }
        }
        // The newest event announced of each open conversation, from which a resync goes on.
        if (event.type == EventType::Ended)
            m_announcedSeq.remove(conversation.id);
        else
            m_announcedSeq.insert(conversation.id, event.seq);
    }
    Q_EMIT eventAppended(conversation, withAvatar(conversation, event));
}

void ConversationService::forgetClosed()
{
    // An entry of m_announcedSeq goes when this server announces its conversation's end. One
    // whose end it never announced (its notification lost with no resync after, or rows
    // deleted from the database by hand) would stay for ever: once a heartbeat the entries are
    // checked against the database, and those of conversations gone, or ended for longer than
    // a heartbeat timeout (a late notification has long arrived by then), are dropped. What
    // remains is bounded by the conversations open in the database.
    if (m_announcedSeq.isEmpty())
        return;
    const qint64 endedBefore = QDateTime::currentMSecsSinceEpoch() - m_bus->heartbeatTimeoutMs();
    const QStringList ids = m_announcedSeq.keys();
    QSet<QString> kept;
    // Few placeholders a statement, whatever the number of open conversations.
    constexpr qsizetype chunk = 200;
    QSqlQuery q(m_database.handle());
    for (qsizetype from = 0; from < ids.size(); from += chunk) {
        const QStringList part = ids.mid(from, chunk);
        QVariantList values { endedBefore };
        for (const QString &id : part)
            values.append(id);
        const QString placeholders = QStringList(part.size(), u"?"_s).join(u", "_s);
        // When the database cannot say, nothing is dropped.
        if (!run(q,
                u"SELECT id FROM conversations WHERE (state <> 'ended' OR ended IS NULL OR ended "
                u">= ?) AND id IN ("_s
                    % placeholders % u")"_s,
                values))
            return;
        while (q.next())
            kept.insert(q.value(0).toString());
    }
    for (const QString &id : ids) {
        if (kept.contains(id))
            continue;
        m_announcedSeq.remove(id);
        qCInfo(lcServer, "event=announced_forgotten conversation=%s", qUtf8Printable(id));
    }
}

} // namespace OWidget::Server
