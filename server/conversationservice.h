#pragma once

#include "protocol/event.h"
#include "protocol/operatormessages.h"
#include "protocol/types.h"
#include "protocol/widgetrequests.h"

#include "conversationsubscribers.h"
#include "groupcommit.h"
#include "readmarks.h"
#include "waitingqueue.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace OWidget::Server {

class AttachmentStore;
class ClusterBus;
class Database;
class Directory;

using Protocol::StringMap;

struct Conversation
{
    QString id;
    QString company;
    QString preset;
    QString group;
    QString secretHash;
    Protocol::ConversationState state = Protocol::ConversationState::Waiting;
    QString language;
    StringMap fields;
    StringMap customData;
    QString startClientId;
    QString operatorLogin;
    QString operatorName;
    qint64 created = 0; ///< ms since the epoch
    qint64 ended = 0;
    qint64 lastSeq = 0;
};

/// One sequenced event of a conversation: the protocol's, stored as it is sent.
using Event = Protocol::Event;

// Conversations, their events and the queues, stored in the database. Every change is
// committed before it is announced by a signal or answered: messages and ends with the others of
// the same pass of the event loop (GroupCommit), everything else before the method returns.
class ConversationService : public QObject
{
    Q_OBJECT
public:
    ConversationService(Database &database, Directory &directory, qint64 resumeWindowMs,
        int waitingPerAddress, QObject *parent = nullptr);
    ~ConversationService() override;

    // Reads the waiting conversations into memory; once, after the database is open.
    bool loadQueue();
    // Several servers on one database: every change is told to the others through `bus`, and
    // theirs are read from the database and announced here as if made here.
    void setBus(ClusterBus *bus);

    std::optional<Conversation> find(const QString &id) const;
    // The conversation if `secret` is its secret and it is still resumable.
    std::optional<Conversation> resume(const QString &id, const QString &secret) const;
    // Starts a waiting conversation for a visitor at `address`, with `*secret` as its resume
    // secret when the widget chose one (it is then set to the one made here). A start with the
    // same company, client id and chosen secret as an earlier one, from any connection or server,
    // gets that conversation, with *existing set, never a second one. On failure, *error is
    // RateLimited (the address has its maximum of waiting conversations) or Internal.
    std::optional<Conversation> start(const QString &company, const QString &preset,
        const QString &language, const StringMap &fields, const StringMap &customData,
        const QString &clientId, const QString &address, QString *secret,
        Protocol::ErrorCode *error, bool *existing);
    // The events after `afterSeq`, in order; at most `limit` of them unless it is negative.
    QList<Event> events(const QString &id, qint64 afterSeq, int limit = -1) const;
    // The message with that sender and client id, if it is stored.
    std::optional<Event> findMessage(
        const QString &id, Protocol::Sender from, const QString &clientId) const;
    // Stores a message unless one with the same sender and client id exists. Once it is
    // committed (and announced), `then` gets the stored event, and whether it was there before;
    // no event when it could not be stored.
    using MessageStored = std::function<void(const std::optional<Event> &stored, bool duplicate)>;
    void appendMessage(const QString &id, Protocol::Sender from, const QString &name,
        const QString &clientId, const QString &text, MessageStored then,
        const Protocol::AttachmentInfo &attachment = {});
    // The attachments the messages may name (set once, by the Server).
    void setAttachments(AttachmentStore *store) { m_attachments = store; }
    AttachmentStore *attachments() const { return m_attachments; }
    // Accepts the named conversation, or with an empty id the oldest waiting one in the
    // operator's groups. On failure, *error is NotFound, Conflict, AtCapacity or Internal.
    std::optional<Conversation> accept(
        const QString &login, const QString &id, Protocol::ErrorCode *error);
    // Ends it in the open batch: announced, and out of the queue, once that is committed.
    bool end(const QString &id, Protocol::EndedBy by);
    void notifyTyping(const QString &id, bool fromOperator, bool active);

    // Widget connections holding a conversation, so that abandoned waiting ones can be ended.
    void attach(const QString &id);
    void detach(const QString &id);
    // Ends (by the system) every waiting conversation with no widget connection for `ms`.
    void endAbandoned(qint64 ms);

    QList<Conversation> waiting(const QString &company, const QStringList &groups) const;
    // 1-based within its group; 0 when it is not waiting. One server: no query, the queue is
    // in memory; several: counted in the database.
    int queuePosition(const QString &id) const;
    QList<Conversation> activeFor(const QString &login) const;
    // The id of the operator's picture; empty when they have none (conversationavatars.cpp).
    QString operatorAvatar(const QString &login) const;

    // Each side's read mark of the conversations: state beside them, not events.
    ReadMarks &readMarks() { return m_readMarks; }
    // The sessions holding each conversation, handed its events, queue moves, typing and read
    // marks as they are announced here (or heard from another server).
    ConversationSubscribers &subscribers() { return m_subscribers; }

Q_SIGNALS:
    void eventAppended(
        const OWidget::Server::Conversation &conversation, const OWidget::Protocol::Event &event);
    // A conversation joined the end of its group's queue.
    void queued(const OWidget::Server::Conversation &conversation);
    // A conversation left its group's queue (accepted or ended) from `position`: those after
    // it moved up by one.
    void dequeued(const OWidget::Server::Conversation &conversation, int position);
    void conversationAccepted(const OWidget::Server::Conversation &conversation);
    void typingChanged(const QString &conversation, bool fromOperator, bool active);

private:
    void onRemote(const QString &kind, const QJsonObject &message);
    void onResynced();
    // Drops what announce() noted of conversations closed without this server hearing of it.
    void forgetClosed();
    // Emits eventAppended, noting the newest event announced of each open conversation.
    void announce(const Conversation &conversation, const Event &event);
    void publish(const QString &kind, const QString &id, QJsonObject payload = {});
    // The conversation a start with this client id and widget-chosen secret made.
    std::optional<Conversation> findStarted(
        const QString &company, const QString &clientId, const QString &secret) const;
    // The waiting conversations in the database, oldest first.
    QList<Conversation> readWaiting(
        const QString &company, const QStringList &groups, int limit) const;
    // An event in the open batch (GroupCommit): announce it once that is committed. With
    // `conversation`, the conversation as the write left it; *duplicate tells a message
    // already stored (nothing is written then).
    std::optional<Event> writeInBatch(
        const QString &id, const Event &event, Conversation *conversation, bool *duplicate);
    // An event in a transaction of its own, committed before it returns.
    std::optional<Event> appendEvent(const QString &id, Event event);
    // The event's rows, in the transaction open on the connection; see writeInBatch.
    std::optional<Event> writeEvent(
        const QString &id, Event event, Conversation *conversation, bool *duplicate);
    bool savepoint(const QString &statement);
    void updateActiveChats(const QString &login);
    qint64 nextTimestamp();
    // The event with its operator's picture id, when it names the operator.
    Event withAvatar(const Conversation &conversation, Event event) const;
    // The picture ids of the events of conversation `id` that name its operator.
    void addAvatars(const QString &id, QList<Event> &events) const;

    Database &m_database;
    Directory &m_directory;
    GroupCommit m_commits;
    qint64 m_resumeWindowMs;
    int m_waitingPerAddress;
    WaitingQueue m_queue;
    qint64 m_lastTimestamp = 0;
    qint64 m_startedAt = 0;
    QHash<QString, int> m_attached;
    QHash<QString, qint64> m_detachedSince;
    ReadMarks m_readMarks;
    ConversationSubscribers m_subscribers;
    ClusterBus *m_bus = nullptr;
    AttachmentStore *m_attachments = nullptr;
    QHash<QString, qint64> m_announcedSeq; // by conversation, while it is open
};

} // namespace OWidget::Server
