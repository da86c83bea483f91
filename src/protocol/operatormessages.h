// The operator socket (docs/protocol.md section 6): what an operator client sends, decoded with
// every field checked, and what the server sends it, encoded from typed values.
#pragma once

#include "attachments.h"
#include "errors.h"
#include "event.h"
#include "types.h"
#include "widgetrequests.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

namespace OWidget::Protocol {

// ---- Operator → server ---------------------------------------------------------------------

struct SetAvailability
{
    Availability state = Availability::Offline;
};
struct AcceptConversation
{
    QString conversation; ///< empty: the oldest one waiting in the operator's groups
};
struct OperatorMessage
{
    QString conversation;
    QString clientId;
    QString text;          ///< trimmed; may be empty beside an attachment
    QString attachment {}; ///< an uploaded attachment's id (docs/protocol.md section 9), or empty
};
struct OperatorTyping
{
    QString conversation;
    bool active = false;
};
struct OperatorEnd
{
    QString conversation;
};
/// The operator's read mark in one of their conversations.
struct OperatorRead
{
    QString conversation;
    qint64 seq = 0;
};

using OperatorRequest = std::variant<SetAvailability, AcceptConversation, OperatorMessage,
    OperatorTyping, OperatorEnd, OperatorRead>;

/// An operator's request, or why it is malformed. The error carries what the server echoes:
/// the request's `clientId` and `conversation` when they were strings.
struct OperatorDecodeError
{
    DecodeError error;
    QString conversation;
};

std::variant<OperatorRequest, OperatorDecodeError> decodeOperatorRequest(const QByteArray &message);
QByteArray encode(const OperatorRequest &request);

// ---- Server → operator ---------------------------------------------------------------------

struct OperatorProfile
{
    QString login;
    QString name;
    QStringList groups;
    int maxChats = 0;
    Availability availability = Availability::Offline;
    QString avatar = {}; ///< the operator's picture id (section 8); empty: none

    QJsonObject toJson() const;
};

/// Q: a waiting conversation in one of the operator's queues.
struct QueueEntry
{
    QString id;
    QString group;
    QString preset;
    int position = 0;
    QDateTime created;
    QString language;
    StringMap fields;
    StringMap customData;
};

/// C: a conversation of the operator, with its newest events (the earlier ones follow in
/// `events` messages).
struct ConversationDetail
{
    QString id;
    ConversationState state = ConversationState::Waiting;
    QString group;
    QString preset;
    QString language;
    QDateTime created;
    StringMap fields;
    StringMap customData;
    QList<Event> events;
    qint64 visitorRead = 0;       ///< the visitor's read mark; 0: nothing read yet
    AttachmentPolicy attachments; ///< what its preset allows the operator to attach
};

/// OM or R: an offline message or a callback request.
struct OfflineItem
{
    enum class Kind { Message, Callback };
    QString id;
    Kind kind = Kind::Message;
    QDateTime created;
    QString preset;
    StringMap fields;
    QString text;  ///< a message
    QString phone; ///< a callback request
};

/// The limits the console applies before it sends (it has no copy of limits.h).
QJsonObject consoleLimits();

/// The newest offline items of one kind, and how many older ones the snapshot leaves out.
struct OfflineItemPage
{
    QList<OfflineItem> items;
    qint64 more = 0;
};

QByteArray encodeSnapshot(const OperatorProfile &profile, const QList<QueueEntry> &queue,
    const QList<ConversationDetail> &conversations, const OfflineItemPage &offlineMessages,
    const OfflineItemPage &callbackRequests);
QByteArray encodeQueue(const QList<QueueEntry> &queue);
/// One conversation joined a queue of the operator's groups (at the end of its group).
QByteArray encodeQueued(const QueueEntry &entry);
/// One conversation left a queue of the operator's groups from `position`: those behind it in
/// its group moved up by one.
QByteArray encodeDequeued(const QString &conversation, const QString &group, int position);
QByteArray encodeConversation(const ConversationDetail &conversation);
QByteArray encodeEvent(const QString &conversation, const Event &event);
/// A page of a conversation's earlier events, in `seq` order: history, not news.
QByteArray encodeEvents(const QString &conversation, const QList<Event> &events);
QByteArray encodeOperatorAck(
    const QString &clientId, const QString &conversation, qint64 seq, const QDateTime &time);
QByteArray encodeVisitorTyping(const QString &conversation, bool active);
/// The visitor's read mark moved to `seq`.
QByteArray encodeVisitorRead(const QString &conversation, qint64 seq);
QByteArray encodeOfflineItem(const OfflineItem &item);
QByteArray encodeAvailability(Availability state);
QByteArray encodeOperatorError(ErrorCode code, const QString &message,
    const QString &conversation = {}, const QString &clientId = {});

// ---- Ratings --------------------------------------------------------------------------------

/// RT: a visitor's rating of an ended conversation, for the operators of its company.
struct RatingItem
{
    QString conversation;
    QDateTime created; ///< when the visitor rated
    QString preset;
    RatingKind kind = RatingKind::Stars;
    int score = 0;
    QString comment;
    QString operatorName; ///< who answered the conversation; empty when nobody did
    StringMap fields;     ///< the visitor's pre-chat form
};

/// A visitor rated a conversation of the operator's company.
QByteArray encodeRated(const RatingItem &item);
/// The company's newest ratings, oldest first, sent right after the snapshot; `more` counts the
/// older ones left out.
QByteArray encodeRatings(const QList<RatingItem> &items, qint64 more);

} // namespace OWidget::Protocol
