#include "conversationservice.h"
#include "attachmentstore.h"
#include "clusterbus.h"
#include "conversationservice_p.h"
#include "crypto.h"
#include "database.h"
#include "directory.h"
#include "logging.h"
#include "storedvalues.h"

#include "protocol/reader.h"

#include <QDateTime>

#include <limits>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

using namespace Protocol;
using namespace Stored;
using namespace Rows;

ConversationService::ConversationService(Database &database, Directory &directory,
    qint64 resumeWindowMs, int waitingPerAddress, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_directory(directory)
    , m_commits(database)
    , m_resumeWindowMs(resumeWindowMs)
    , m_waitingPerAddress(waitingPerAddress)
    , m_startedAt(QDateTime::currentMSecsSinceEpoch())
    , m_readMarks(database, m_commits)
{
    // Connected before any session exists, and directly: handed in the order announced.
    connect(this, &ConversationService::eventAppended, &m_subscribers,
        &ConversationSubscribers::deliverEvent);
    connect(this, &ConversationService::dequeued, &m_subscribers,
        &ConversationSubscribers::deliverDequeued);
    connect(this, &ConversationService::typingChanged, &m_subscribers,
        &ConversationSubscribers::deliverTyping);
    connect(
        &m_readMarks, &ReadMarks::moved, &m_subscribers, &ConversationSubscribers::deliverReadMark);
}

ConversationService::~ConversationService()
{
    // What waits for the open batch uses this service: it runs while all of it still exists.
    m_commits.commit();
}

bool ConversationService::loadQueue()
{
    m_queue.clear();
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT "_s % conversationColumns
                % u" FROM conversations WHERE state = 'waiting' ORDER BY created, id"_s,
            {}))
        return false;
    // Their addresses are not stored: they count against no address's maximum.
    while (q.next())
        m_queue.add(readConversation(q), {});
    m_lastTimestamp = qMax(m_lastTimestamp, QDateTime::currentMSecsSinceEpoch());
    return true;
}

void ConversationService::attach(const QString &id)
{
    ++m_attached[id];
    publish(u"held"_s, id);
}

void ConversationService::detach(const QString &id)
{
    if (--m_attached[id] <= 0) {
        m_attached.remove(id);
        m_detachedSince.insert(id, QDateTime::currentMSecsSinceEpoch());
    }
}

void ConversationService::endAbandoned(qint64 ms)
{
    QStringList abandoned;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::optional<bool> othersAlive;
    const QStringList ids = m_queue.ids();
    for (const QString &id : ids) {
        if (m_attached.contains(id))
            continue;
        // With several servers, a conversation never held here may be held by another: only
        // the server its visitor left ends it, or, once no other server is alive, this one
        // after the same wait from then.
        if (m_bus && !m_detachedSince.contains(id)) {
            if (!othersAlive.has_value())
                othersAlive = m_bus->othersAlive();
            if (!*othersAlive)
                m_detachedSince.insert(id, now);
            continue;
        }
        if (now - m_detachedSince.value(id, m_startedAt) > ms)
            abandoned.append(id);
    }
    for (const QString &id : std::as_const(abandoned)) {
        qCInfo(lcServer, "event=conversation_abandoned conversation=%s", qUtf8Printable(id));
        end(id, EndedBy::System);
        m_detachedSince.remove(id);
    }
}

qint64 ConversationService::nextTimestamp()
{
    // Strictly increasing, so that creation times order the queues without ties.
    m_lastTimestamp = qMax(QDateTime::currentMSecsSinceEpoch(), m_lastTimestamp + 1);
    return m_lastTimestamp;
}

std::optional<Conversation> ConversationService::find(const QString &id) const
{
    // Read beside the open batch (what a message checks before it is written).
    Statement select(
        m_database, u"SELECT "_s % conversationColumns % u" FROM conversations WHERE id = ?"_s);
    if (!select.run({ id }) || !select.query().next())
        return std::nullopt;
    return readConversation(select.query());
}

std::optional<Conversation> ConversationService::resume(
    const QString &id, const QString &secret) const
{
    const auto c = find(id);
    if (!c || c->secretHash != Crypto::hashSecret(secret))
        return std::nullopt;
    if (c->state == ConversationState::Ended
        && QDateTime::currentMSecsSinceEpoch() - c->ended > m_resumeWindowMs)
        return std::nullopt;
    return c;
}

std::optional<Conversation> ConversationService::start(const QString &company,
    const QString &preset, const QString &language, const StringMap &fields,
    const StringMap &customData, const QString &clientId, const QString &address, QString *secret,
    ErrorCode *error, bool *existing)
{
    *error = ErrorCode::Internal;
    *existing = false;
    // The ends of this pass out of the queue first: they no longer count against the address.
    m_commits.commit();
    const auto p = m_directory.preset(company, preset);
    if (!p || p->groups.isEmpty())
        return std::nullopt;
    // A retry of a start whose `created` was lost: the conversation it made, wherever it went.
    const bool chosen = !secret->isEmpty();
    if (chosen) {
        if (auto earlier = findStarted(company, clientId, *secret)) {
            *existing = true;
            return earlier;
        }
    }
    if (m_queue.waitingFrom(address) >= m_waitingPerAddress) {
        qCInfo(lcServer, "event=start_refused reason=address_waiting address=%s",
            qUtf8Printable(address));
        *error = ErrorCode::RateLimited;
        return std::nullopt;
    }
    Conversation c;
    c.id = u"c-"_s % Crypto::randomToken(12);
    c.company = company;
    c.preset = p->name;
    c.group = p->groups.first();
    if (!chosen)
        *secret = Crypto::randomToken(32);
    c.secretHash = Crypto::hashSecret(*secret);
    c.state = ConversationState::Waiting;
    c.language = language;
    c.fields = fields;
    c.customData = customData;
    c.startClientId = clientId;
    c.created = nextTimestamp();

    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"INSERT INTO conversations ("_s % conversationColumns
                % u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, 0) "
                  u"ON CONFLICT DO NOTHING"_s,
            { c.id, c.company, c.preset, c.group, c.secretHash, name(c.state), c.language,
                jsonText(c.fields), jsonText(c.customData), c.startClientId, c.created }))
        return std::nullopt;
    if (q.numRowsAffected() != 1) {
        // The same start, retried on another server at the same moment, stored it first
        // (the unique index conversations_started): its conversation is this one.
        auto winner = chosen ? findStarted(company, clientId, *secret) : std::nullopt;
        qCInfo(lcServer, "event=start_raced client_id=%s conversation=%s", qUtf8Printable(clientId),
            winner ? qUtf8Printable(winner->id) : "none");
        *existing = winner.has_value();
        return winner;
    }
    qCInfo(lcServer, "event=conversation_created conversation=%s company=%s preset=%s group=%s",
        qUtf8Printable(c.id), qUtf8Printable(company), qUtf8Printable(c.preset),
        qUtf8Printable(c.group));
    m_queue.add(c, address);
    Q_EMIT queued(c);
    publish(u"queued"_s, c.id);
    return c;
}

std::optional<Conversation> ConversationService::findStarted(
    const QString &company, const QString &clientId, const QString &secret) const
{
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT "_s % conversationColumns
                % u" FROM conversations WHERE company = ? AND start_client_id = ? AND "
                  u"secret_hash = ?"_s,
            { company, clientId, Crypto::hashSecret(secret) })
        || !q.next())
        return std::nullopt;
    return readConversation(q);
}

QList<Event> ConversationService::events(const QString &id, qint64 afterSeq, int limit) const
{
    QList<Event> list;
    QSqlQuery q(m_database.handle());
    // No limit is the largest one: PostgreSQL refuses the negative LIMIT that SQLite reads as
    // none.
    const int rows = limit < 0 ? std::numeric_limits<int>::max() : limit;
    if (!run(q,
            u"SELECT "_s % eventColumns
                % u" FROM events WHERE conversation = ? AND seq > ? ORDER BY seq LIMIT ?"_s,
            { id, afterSeq, rows }))
        return list;
    while (q.next())
        list.append(readEvent(q));
    addAvatars(id, list);
    return list;
}

std::optional<Conversation> ConversationService::accept(
    const QString &login, const QString &id, ErrorCode *error)
{
    // The queue and the operators' chats in memory change once a change is committed: the ends
    // of this pass are, before one of them is taken for waiting.
    m_commits.commit();
    const auto op = m_directory.operatorInfo(login);
    if (!op) {
        *error = ErrorCode::NotFound;
        return std::nullopt;
    }
    if (m_directory.activeChats(login) >= op->maxChats) {
        *error = ErrorCode::AtCapacity;
        return std::nullopt;
    }
    std::optional<Conversation> c;
    if (id.isEmpty()) {
        if (m_bus) {
            const auto first = readWaiting(op->company, op->groups, 1);
            if (!first.isEmpty())
                c = first.constFirst();
        } else {
            c = m_queue.oldest(op->company, op->groups);
        }
        if (!c) {
            *error = ErrorCode::NotFound;
            return std::nullopt;
        }
    } else {
        c = find(id);
        if (!c || c->company != op->company || !op->groups.contains(c->group)) {
            *error = ErrorCode::NotFound;
            return std::nullopt;
        }
        if (c->state != ConversationState::Waiting) {
            *error = ErrorCode::Conflict;
            return std::nullopt;
        }
    }

    // Several servers: this one may not have heard of every conversation ahead yet.
    const int placeBefore = m_bus ? queuePosition(c->id) : 0;
    auto db = m_database.handle();
    {
        Transaction transaction(db);
        QSqlQuery q(db);
        if (!run(q,
                u"UPDATE conversations SET state = 'active', operator_login = ?, "
                u"operator_name = ? WHERE id = ? AND state = 'waiting'"_s,
                { login, op->name, c->id })
            || q.numRowsAffected() != 1 || !transaction.commit()) {
            *error = ErrorCode::Conflict;
            return std::nullopt;
        }
    }
    const Conversation waited = *c;
    int position = m_queue.remove(c->id);
    if (m_bus)
        position = placeBefore;
    Event joined;
    joined.type = EventType::Joined;
    joined.name = op->name;
    const auto stored = appendEvent(c->id, joined);
    c = find(c->id);
    if (!stored || !c) {
        *error = ErrorCode::Internal;
        return std::nullopt;
    }
    qCInfo(lcServer, "event=conversation_accepted conversation=%s operator=%s",
        qUtf8Printable(c->id), qUtf8Printable(login));
    updateActiveChats(login);
    Q_EMIT conversationAccepted(*c);
    announce(*c, *stored);
    if (position > 0)
        Q_EMIT dequeued(waited, position);
    publish(u"accepted"_s, c->id);
    publish(u"event"_s, c->id, { { "s"_L1, stored->seq } });
    publish(u"dequeued"_s, c->id, { { "p"_L1, position } });
    return c;
}

bool ConversationService::end(const QString &id, EndedBy by)
{
    const auto before = find(id);
    if (!before || before->state == ConversationState::Ended)
        return false;
    // Several servers: its place as the database counts it before the change.
    const int placeBefore = m_bus ? queuePosition(id) : 0;
    Event ended;
    ended.type = EventType::Ended;
    ended.by = by;
    // In the open batch, like a message: the ends of one pass share one sync to disk (900
    // visitors leaving together cost 900 syncs one after the other, seconds for everyone).
    const auto stored = writeInBatch(id, ended, nullptr, nullptr);
    if (!stored)
        return false;
    m_commits.afterCommit([this, id, by, placeBefore, event = *stored](bool committed) {
        const auto c = committed ? find(id) : std::nullopt;
        if (!c)
            return;
        qCInfo(lcServer, "event=conversation_ended conversation=%s by=%s", qUtf8Printable(id),
            qUtf8Printable(name(by)));
        if (!c->operatorLogin.isEmpty())
            updateActiveChats(c->operatorLogin);
        int position = m_queue.remove(id);
        if (m_bus)
            position = placeBefore;
        announce(*c, event);
        if (position > 0)
            Q_EMIT dequeued(*c, position);
        publish(u"event"_s, id, { { "s"_L1, event.seq } });
        publish(u"dequeued"_s, id, { { "p"_L1, position } });
    });
    return true;
}

void ConversationService::notifyTyping(const QString &id, bool fromOperator, bool active)
{
    Q_EMIT typingChanged(id, fromOperator, active);
    // Not stored: the notification carries it.
    publish(u"typing"_s, id, { { "o"_L1, fromOperator }, { "a"_L1, active } });
}

QList<Conversation> ConversationService::waiting(
    const QString &company, const QStringList &groups) const
{
    // Several servers: the database's queue, which no late notification makes differ.
    if (m_bus)
        return readWaiting(company, groups, std::numeric_limits<int>::max());
    return m_queue.of(company, groups);
}

QList<Conversation> ConversationService::readWaiting(
    const QString &company, const QStringList &groups, int limit) const
{
    QList<Conversation> list;
    if (groups.isEmpty())
        return list;
    QVariantList values { company };
    for (const QString &g : groups)
        values.append(g);
    values.append(limit);
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT "_s % conversationColumns
                % u" FROM conversations WHERE company = ? AND state = 'waiting' AND group_name "
                  u"IN ("_s
                % QStringList(groups.size(), u"?"_s).join(u", "_s)
                % u") ORDER BY created, id LIMIT ?"_s,
            values))
        return list;
    while (q.next())
        list.append(readConversation(q));
    return list;
}

int ConversationService::queuePosition(const QString &id) const
{
    if (!m_bus)
        return m_queue.position(id);
    // Counted in the database, so that every server gives a visitor the same place however
    // late it heard of the others' conversations.
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT COUNT(*) FROM conversations c JOIN conversations w ON w.company = c.company "
            u"AND w.group_name = c.group_name AND w.state = 'waiting' AND (w.created < c.created "
            u"OR (w.created = c.created AND w.id <= c.id)) WHERE c.id = ? AND c.state = "
            u"'waiting'"_s,
            { id })
        || !q.next())
        return m_queue.position(id);
    return q.value(0).toInt();
}

QList<Conversation> ConversationService::activeFor(const QString &login) const
{
    QList<Conversation> list;
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT "_s % conversationColumns
                % u" FROM conversations WHERE operator_login = ? AND state = 'active' "
                  u"ORDER BY created"_s,
            { login }))
        return list;
    while (q.next())
        list.append(readConversation(q));
    return list;
}

void ConversationService::updateActiveChats(const QString &login)
{
    m_directory.setActiveChats(login, int(activeFor(login).size()));
}

} // namespace OWidget::Server
