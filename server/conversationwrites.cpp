#include "attachmentstore.h"
#include "conversationservice.h"
#include "conversationservice_p.h"
#include "database.h"
#include "logging.h"
#include "storedvalues.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

// The message path: what every message written costs, kept to few statements.
namespace OWidget::Server {

using namespace Protocol;
using namespace Stored;
using namespace Rows;

std::optional<Event> ConversationService::appendEvent(const QString &id, Event event)
{
    auto db = m_database.handle();
    Transaction transaction(db);
    const auto stored = writeEvent(id, event, nullptr, nullptr);
    if (!stored || !transaction.commit())
        return std::nullopt;
    return stored;
}

std::optional<Event> ConversationService::writeEvent(
    const QString &id, Event event, Conversation *conversation, bool *duplicate)
{
    // One statement takes the next sequence number, checks that no message with the same
    // sender and client id is stored (for other events, NULL matches none) and returns the
    // conversation as it now is: three round trips to PostgreSQL in one, for every message.
    static const QString next = u"UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? "
                                u"AND NOT EXISTS (SELECT 1 FROM events WHERE conversation = ? "
                                u"AND sender = ? AND client_id = ?) RETURNING "_s
        % conversationColumns;
    const bool message = event.type == EventType::Message;
    const QVariant sender = message ? QVariant(name(event.from)) : nullable({});
    {
        Statement q(m_database, next);
        if (!q.run({ id, id, sender, nullable(event.clientId) }))
            return std::nullopt;
        if (!q.query().next()) {
            // No row: the conversation is not there, or the message is.
            if (duplicate && message)
                *duplicate = findMessage(id, event.from, event.clientId).has_value();
            return std::nullopt;
        }
        const Conversation c = readConversation(q.query());
        event.seq = c.lastSeq;
        if (conversation)
            *conversation = c;
    }
    const qint64 at = nextTimestamp();
    event.time = timeOf(at);
    // Each column holds what its type of event has; the others stay NULL.
    static const QString insertSql = u"INSERT INTO events (conversation, "_s % eventColumns
        % u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s;
    Statement insert(m_database, insertSql);
    if (!insert.run({ id, event.seq, name(event.type), at, sender, nullable(event.name),
            nullable(event.text),
            event.type == EventType::Ended ? QVariant(name(event.by)) : nullable({}),
            nullable(event.clientId), nullable(AttachmentStore::eventColumn(event.attachment)) }))
        return std::nullopt;
    if (event.type == EventType::Ended) {
        Statement ended(
            m_database, u"UPDATE conversations SET state = 'ended', ended = ? WHERE id = ?"_s);
        if (!ended.run({ at, id }))
            return std::nullopt;
        if (conversation) {
            conversation->state = ConversationState::Ended;
            conversation->ended = at;
        }
    }
    return event;
}

std::optional<Event> ConversationService::findMessage(
    const QString &id, Sender from, const QString &clientId) const
{
    // Read beside the open batch: a message in it is a duplicate too.
    static const QString sql = u"SELECT "_s % eventColumns
        % u" FROM events WHERE conversation = ? AND sender = ? AND client_id = ?"_s;
    Statement q(m_database, sql);
    if (q.run({ id, Protocol::name(from), clientId }) && q.query().next())
        return readEvent(q.query());
    return std::nullopt;
}

bool ConversationService::savepoint(const QString &statement)
{
    // SQLite prepares them once like the rest; PostgreSQL cannot prepare them: run as they are.
    if (m_database.engine().kind() == DatabaseEngine::Kind::Sqlite)
        return Statement(m_database, statement).run({});
    QSqlQuery q(m_database.connection());
    if (q.exec(statement))
        return true;
    qCWarning(lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(q.lastError().text()));
    return false;
}

std::optional<Event> ConversationService::writeInBatch(
    const QString &id, const Event &event, Conversation *conversation, bool *duplicate)
{
    for (int attempt = 1;; ++attempt) {
        if (!m_commits.begin())
            return std::nullopt;
        // The last attempt is the first write of a batch of its own: holding no other row, it
        // cannot close a cycle of waits, so it waits for the row as long as it takes (the
        // other server commits when its event loop comes back). Under 1,000 conversations over
        // three servers, three waits of 100 ms were not always enough: 21 messages refused.
        const bool last = attempt == GroupCommit::WriteAttempts;
        if (last)
            m_commits.setLockTimeout(0);
        // A savepoint, so that an event that fails half-written leaves no trace in the batch.
        savepoint(u"SAVEPOINT event"_s);
        const auto stored = writeEvent(id, event, conversation, duplicate);
        if (last)
            m_commits.setLockTimeout(GroupCommit::LockTimeoutMs);
        if (!stored)
            savepoint(u"ROLLBACK TO SAVEPOINT event"_s);
        savepoint(u"RELEASE SAVEPOINT event"_s);
        if (stored || (duplicate && *duplicate)
            || m_database.engine().kind() != DatabaseEngine::Kind::Postgres
            || attempt == GroupCommit::WriteAttempts)
            return stored;
        // Several servers: another one's open batch holds the conversation's row (until its
        // event loop comes back to commit it) and may wait for a row this batch holds, which
        // PostgreSQL would break only after its deadlock_timeout (a second). The batch's lock
        // timeout ended the wait: this batch gives way, committed so that the other goes on,
        // and the event is written again in a batch of its own.
        qCInfo(lcServer, "event=batch_gave_way conversation=%s attempt=%d", qUtf8Printable(id),
            attempt);
        m_commits.commit();
    }
}

void ConversationService::appendMessage(const QString &id, Sender from, const QString &name,
    const QString &clientId, const QString &text, MessageStored then,
    const Protocol::AttachmentInfo &attachment)
{
    Event e;
    e.type = EventType::Message;
    e.from = from;
    e.name = name;
    e.clientId = clientId;
    e.text = text;
    e.attachment = attachment;
    Conversation c;
    bool duplicate = false;
    const auto stored = writeInBatch(id, e, &c, &duplicate);
    if (duplicate) {
        // It may be in the open batch: answered after its commit, like the first time.
        auto existing = findMessage(id, from, clientId);
        m_commits.afterCommit(
            [then, existing](bool committed) { then(committed ? existing : std::nullopt, true); });
        return;
    }
    if (!stored)
        return then(std::nullopt, false);
    // Announced with the conversation as the write returned it: nothing but this server's
    // batch changes it before the commit (an accept commits the batch first).
    m_commits.afterCommit([this, id, then, c, event = *stored](bool committed) {
        if (!committed)
            return then(std::nullopt, false);
        qCInfo(lcServer, "event=message conversation=%s from=%s seq=%lld length=%lld",
            qUtf8Printable(id), qUtf8Printable(Protocol::name(event.from)), event.seq,
            qint64(characterCount(event.text)));
        qCDebug(lcServer, "event=message_text conversation=%s text=\"%s\"", qUtf8Printable(id),
            qUtf8Printable(event.text));
        announce(c, event);
        publish(u"event"_s, id, { { "s"_L1, event.seq } });
        then(event, false);
    });
}

} // namespace OWidget::Server
