#include "operatormessages.h"
#include "attachments.h"
#include "limits.h"
#include "reader.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

QString readConversation(Reader &reader, Presence presence = Presence::Required)
{
    return reader.string("conversation"_L1, MaxIdLength, presence);
}

std::optional<OperatorRequest> readRequest(const QString &type, Reader &reader)
{
    if (type == "availability"_L1)
        return SetAvailability { reader.enumeration<Availability>("state"_L1) };
    if (type == "accept"_L1)
        return AcceptConversation { readConversation(reader, Presence::Optional) };
    if (type == "message"_L1) {
        OperatorMessage message;
        message.clientId = reader.clientId();
        const MessageBody body = readMessageBody(reader);
        message.text = body.text;
        message.attachment = body.attachment;
        message.conversation = readConversation(reader);
        return message;
    }
    if (type == "typing"_L1) {
        const bool active = reader.boolean("active"_L1);
        return OperatorTyping { readConversation(reader), active };
    }
    if (type == "end"_L1)
        return OperatorEnd { readConversation(reader) };
    if (type == "read"_L1) {
        const qint64 seq = reader.seq("seq"_L1);
        return OperatorRead { readConversation(reader), seq };
    }
    return std::nullopt;
}

QJsonObject eventJson(const Event &event)
{
    QJsonObject object { { "seq"_L1, event.seq }, { "type"_L1, name(event.type) },
        { "time"_L1, isoTime(event.time) } };
    switch (event.type) {
    case EventType::Joined:
        object.insert("operator"_L1, event.name);
        object.insert("name"_L1, event.name);
        insertAvatar(object, event.avatar);
        break;
    case EventType::Message:
        object.insert("from"_L1, name(event.from));
        object.insert("name"_L1, event.name);
        object.insert("clientId"_L1, event.clientId);
        object.insert("text"_L1, event.text);
        if (event.from == Sender::Operator)
            insertAvatar(object, event.avatar);
        if (!event.attachment.id.isEmpty())
            object.insert("attachment"_L1, event.attachment.toJson());
        break;
    case EventType::Ended:
        object.insert("by"_L1, name(event.by));
        break;
    }
    return object;
}

QJsonObject queueEntryJson(const QueueEntry &entry)
{
    return { { "id"_L1, entry.id }, { "group"_L1, entry.group }, { "preset"_L1, entry.preset },
        { "position"_L1, entry.position }, { "created"_L1, isoTime(entry.created) },
        { "language"_L1, entry.language }, { "fields"_L1, stringObject(entry.fields) },
        { "customData"_L1, stringObject(entry.customData) } };
}

QJsonArray queueJson(const QList<QueueEntry> &queue)
{
    QJsonArray array;
    for (const QueueEntry &entry : queue)
        array.append(queueEntryJson(entry));
    return array;
}

QJsonArray eventsJson(const QList<Event> &list)
{
    QJsonArray events;
    for (const Event &event : list)
        events.append(eventJson(event));
    return events;
}

QJsonObject conversationJson(const ConversationDetail &conversation)
{
    const QJsonArray events = eventsJson(conversation.events);
    return { { "id"_L1, conversation.id }, { "state"_L1, name(conversation.state) },
        { "group"_L1, conversation.group }, { "preset"_L1, conversation.preset },
        { "language"_L1, conversation.language }, { "created"_L1, isoTime(conversation.created) },
        { "fields"_L1, stringObject(conversation.fields) },
        { "customData"_L1, stringObject(conversation.customData) }, { "events"_L1, events },
        { "visitorRead"_L1, conversation.visitorRead },
        { "attachments"_L1, encodeAttachmentPolicy(conversation.attachments) } };
}

QJsonObject offlineItemJson(const OfflineItem &item)
{
    QJsonObject object { { "id"_L1, item.id }, { "created"_L1, isoTime(item.created) },
        { "preset"_L1, item.preset }, { "fields"_L1, stringObject(item.fields) } };
    if (item.kind == OfflineItem::Kind::Message)
        object.insert("text"_L1, item.text);
    else
        object.insert("phone"_L1, item.phone);
    return object;
}

QJsonArray offlineItemsJson(const QList<OfflineItem> &items)
{
    QJsonArray array;
    for (const OfflineItem &item : items)
        array.append(offlineItemJson(item));
    return array;
}

QJsonObject toJson(const SetAvailability &request)
{
    return { { "type"_L1, u"availability"_s }, { "state"_L1, name(request.state) } };
}
QJsonObject toJson(const AcceptConversation &request)
{
    QJsonObject object { { "type"_L1, u"accept"_s } };
    if (!request.conversation.isEmpty())
        object.insert("conversation"_L1, request.conversation);
    return object;
}
QJsonObject toJson(const OperatorMessage &request)
{
    QJsonObject object { { "type"_L1, u"message"_s }, { "conversation"_L1, request.conversation },
        { "clientId"_L1, request.clientId }, { "text"_L1, request.text } };
    if (!request.attachment.isEmpty())
        object.insert("attachment"_L1, request.attachment);
    return object;
}
QJsonObject toJson(const OperatorTyping &request)
{
    return { { "type"_L1, u"typing"_s }, { "conversation"_L1, request.conversation },
        { "active"_L1, request.active } };
}
QJsonObject toJson(const OperatorEnd &request)
{
    return { { "type"_L1, u"end"_s }, { "conversation"_L1, request.conversation } };
}
QJsonObject toJson(const OperatorRead &request)
{
    return { { "type"_L1, u"read"_s }, { "conversation"_L1, request.conversation },
        { "seq"_L1, request.seq } };
}

} // namespace

std::variant<OperatorRequest, OperatorDecodeError> decodeOperatorRequest(const QByteArray &message)
{
    const auto parsed = parseObject(message, MaxMessageBytes, u"message"_s);
    if (const auto *error = std::get_if<DecodeError>(&parsed))
        return OperatorDecodeError { *error, {} };
    const QJsonObject object = std::get<QJsonObject>(parsed);
    // What an error echoes: the request's ids when they are strings, cut to a sane length.
    const auto echo = [&object](DecodeError error) {
        const QJsonValue conversation = object.value("conversation"_L1);
        const QJsonValue clientId = object.value("clientId"_L1);
        error.clientId = clientId.isString() ? clientId.toString().left(MaxIdLength) : QString();
        return OperatorDecodeError { error,
            conversation.isString() ? conversation.toString().left(MaxIdLength) : QString() };
    };

    Failure failure(u"message"_s);
    Reader reader(object, failure);
    const QString type = reader.string("type"_L1);
    if (failure.failed())
        return echo(failure.error());
    const std::optional<OperatorRequest> request = readRequest(type, reader);
    if (!request) {
        return echo(DecodeError { ErrorCode::BadRequest,
            u"message: unknown type '%1'"_s.arg(type.left(MaxIdLength)), true });
    }
    if (failure.failed())
        return echo(failure.error());
    return *request;
}

QByteArray encode(const OperatorRequest &request)
{
    return compactJson(std::visit([](const auto &r) { return toJson(r); }, request));
}

QJsonObject OperatorProfile::toJson() const
{
    QJsonObject object { { "login"_L1, login }, { "name"_L1, name },
        { "groups"_L1, QJsonArray::fromStringList(groups) }, { "maxChats"_L1, maxChats },
        { "availability"_L1, Protocol::name(availability) } };
    insertAvatar(object, avatar);
    return object;
}

QJsonObject consoleLimits()
{
    return { { "textLength"_L1, MaxTextLength }, { "messageBytes"_L1, MaxMessageBytes } };
}

QByteArray encodeSnapshot(const OperatorProfile &profile, const QList<QueueEntry> &queue,
    const QList<ConversationDetail> &conversations, const OfflineItemPage &offlineMessages,
    const OfflineItemPage &callbackRequests)
{
    QJsonArray conversationArray;
    for (const ConversationDetail &conversation : conversations)
        conversationArray.append(conversationJson(conversation));
    return compactJson({ { "type"_L1, u"snapshot"_s }, { "operator"_L1, profile.toJson() },
        { "availability"_L1, name(profile.availability) }, { "queue"_L1, queueJson(queue) },
        { "conversations"_L1, conversationArray },
        { "offlineMessages"_L1, offlineItemsJson(offlineMessages.items) },
        { "offlineMessagesMore"_L1, offlineMessages.more },
        { "callbackRequests"_L1, offlineItemsJson(callbackRequests.items) },
        { "callbackRequestsMore"_L1, callbackRequests.more }, { "limits"_L1, consoleLimits() } });
}

QByteArray encodeQueue(const QList<QueueEntry> &queue)
{
    return compactJson({ { "type"_L1, u"queue"_s }, { "queue"_L1, queueJson(queue) } });
}

QByteArray encodeQueued(const QueueEntry &entry)
{
    return compactJson({ { "type"_L1, u"queued"_s }, { "entry"_L1, queueEntryJson(entry) } });
}

QByteArray encodeDequeued(const QString &conversation, const QString &group, int position)
{
    return compactJson({ { "type"_L1, u"dequeued"_s }, { "conversation"_L1, conversation },
        { "group"_L1, group }, { "position"_L1, position } });
}

QByteArray encodeConversation(const ConversationDetail &conversation)
{
    return compactJson({ { "type"_L1, u"conversation"_s },
        { "conversation"_L1, conversationJson(conversation) } });
}

QByteArray encodeEvent(const QString &conversation, const Event &event)
{
    return compactJson({ { "type"_L1, u"event"_s }, { "conversation"_L1, conversation },
        { "event"_L1, eventJson(event) } });
}

QByteArray encodeEvents(const QString &conversation, const QList<Event> &events)
{
    return compactJson({ { "type"_L1, u"events"_s }, { "conversation"_L1, conversation },
        { "events"_L1, eventsJson(events) } });
}

QByteArray encodeOperatorAck(
    const QString &clientId, const QString &conversation, qint64 seq, const QDateTime &time)
{
    return compactJson({ { "type"_L1, u"ack"_s }, { "clientId"_L1, clientId },
        { "conversation"_L1, conversation }, { "seq"_L1, seq }, { "time"_L1, isoTime(time) } });
}

QByteArray encodeVisitorTyping(const QString &conversation, bool active)
{
    return compactJson({ { "type"_L1, u"typing"_s }, { "conversation"_L1, conversation },
        { "active"_L1, active } });
}

QByteArray encodeVisitorRead(const QString &conversation, qint64 seq)
{
    return compactJson(
        { { "type"_L1, u"read"_s }, { "conversation"_L1, conversation }, { "seq"_L1, seq } });
}

QByteArray encodeOfflineItem(const OfflineItem &item)
{
    return compactJson({ { "type"_L1,
                             item.kind == OfflineItem::Kind::Message ? u"offlineMessage"_s
                                                                     : u"callbackRequest"_s },
        { "item"_L1, offlineItemJson(item) } });
}

QByteArray encodeAvailability(Availability state)
{
    return compactJson({ { "type"_L1, u"availability"_s }, { "state"_L1, name(state) } });
}

QByteArray encodeOperatorError(
    ErrorCode code, const QString &message, const QString &conversation, const QString &clientId)
{
    QJsonObject object { { "type"_L1, u"error"_s }, { "code"_L1, errorCodeName(code) },
        { "message"_L1, message } };
    if (!conversation.isEmpty())
        object.insert("conversation"_L1, conversation);
    if (!clientId.isEmpty())
        object.insert("clientId"_L1, clientId);
    return compactJson(object);
}

// ---- Ratings --------------------------------------------------------------------------------

namespace {

QJsonObject ratingJson(const RatingItem &item)
{
    return { { "conversation"_L1, item.conversation }, { "created"_L1, isoTime(item.created) },
        { "preset"_L1, item.preset }, { "kind"_L1, name(item.kind) }, { "score"_L1, item.score },
        { "comment"_L1, item.comment }, { "operator"_L1, item.operatorName },
        { "fields"_L1, stringObject(item.fields) } };
}

} // namespace

QByteArray encodeRated(const RatingItem &item)
{
    return compactJson({ { "type"_L1, u"rated"_s }, { "item"_L1, ratingJson(item) } });
}

QByteArray encodeRatings(const QList<RatingItem> &items, qint64 more)
{
    QJsonArray array;
    for (const RatingItem &item : items)
        array.append(ratingJson(item));
    return compactJson({ { "type"_L1, u"ratings"_s }, { "items"_L1, array }, { "more"_L1, more } });
}

} // namespace OWidget::Protocol
