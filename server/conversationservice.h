#pragma once

#include "protocol/event.h"
#include "protocol/operatormessages.h"
#include "protocol/types.h"
#include "protocol/widgetrequests.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace OWidget::Server {

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

/// An offline message or a callback request, with what the server keeps about it beside what
/// the console is shown.
struct OfflineItem
{
    using Kind = Protocol::OfflineItem::Kind;

    QString id;
    QString company;
    QString preset;
    Kind kind = Kind::Message;
    QString clientId;
    StringMap fields;
    QString text;
    QString phone;
    qint64 created = 0; ///< ms since the epoch

    Protocol::OfflineItem toProtocol() const;
};

// Conversations, their events and the queues, stored in the database. Every change is
// committed before the method returns, and only then announced by a signal.
class ConversationService : public QObject
{
    Q_OBJECT
public:
    ConversationService(
        Database &database, Directory &directory, qint64 resumeWindowMs, QObject *parent = nullptr);

    std::optional<Conversation> find(const QString &id) const;
    // The conversation if `secret` is its secret and it is still resumable.
    std::optional<Conversation> resume(const QString &id, const QString &secret) const;
    std::optional<Conversation> start(const QString &company, const QString &preset,
        const QString &language, const StringMap &fields, const StringMap &customData,
        const QString &clientId, QString *secret);
    QList<Event> events(const QString &id, qint64 afterSeq) const;
    // Stores a message unless one with the same sender and client id exists; either way the
    // stored event is returned, with *duplicate telling which.
    std::optional<Event> appendMessage(const QString &id, Protocol::Sender from,
        const QString &name, const QString &clientId, const QString &text, bool *duplicate);
    // Accepts the named conversation, or with an empty id the oldest waiting one in the
    // operator's groups. On failure, *error is NotFound, Conflict, AtCapacity or Internal.
    std::optional<Conversation> accept(
        const QString &login, const QString &id, Protocol::ErrorCode *error);
    bool end(const QString &id, Protocol::EndedBy by);
    void notifyTyping(const QString &id, bool fromOperator, bool active);

    // Widget connections holding a conversation, so that abandoned waiting ones can be ended.
    void attach(const QString &id);
    void detach(const QString &id);
    // Ends (by the system) every waiting conversation with no widget connection for `ms`.
    void endAbandoned(qint64 ms);

    QList<Conversation> waiting(const QString &company, const QStringList &groups) const;
    int queuePosition(const Conversation &conversation) const;
    QList<Conversation> activeFor(const QString &login) const;

    std::optional<OfflineItem> addOfflineItem(const OfflineItem &item, bool *duplicate);
    QList<OfflineItem> offlineItems(const QString &company, OfflineItem::Kind kind) const;

Q_SIGNALS:
    void eventAppended(
        const OWidget::Server::Conversation &conversation, const OWidget::Protocol::Event &event);
    void queueChanged(const QString &company, const QString &group);
    void conversationAccepted(const OWidget::Server::Conversation &conversation);
    void typingChanged(const QString &conversation, bool fromOperator, bool active);
    void offlineItemAdded(const OWidget::Server::OfflineItem &item);

private:
    std::optional<Event> appendEvent(const QString &id, Event event);
    void updateActiveChats(const QString &login);
    qint64 nextTimestamp();

    Database &m_database;
    Directory &m_directory;
    qint64 m_resumeWindowMs;
    qint64 m_lastTimestamp = 0;
    qint64 m_startedAt = 0;
    QHash<QString, int> m_attached;
    QHash<QString, qint64> m_detachedSince;
};

} // namespace OWidget::Server
