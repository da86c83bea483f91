#include "servermessages.h"
#include "limits.h"
#include "reader.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

Status readStatus(Reader &reader)
{
    return static_cast<Status>(reader.integer("status"_L1, 0, 2));
}

int readPosition(Reader &reader, QLatin1StringView key)
{
    return static_cast<int>(reader.integer(key, 0, MaxQueuePosition));
}

ServerMessage readWelcome(Reader &reader)
{
    Welcome welcome;
    reader.integer("protocol"_L1, Version, Version);
    welcome.status = readStatus(reader);
    welcome.heartbeatSeconds
        = static_cast<int>(reader.integer("heartbeatSeconds"_L1, 1, MaxHeartbeatSeconds));
    if (reader.has("conversation"_L1)) {
        Reader object = reader.child("conversation"_L1);
        ConversationInfo conversation;
        conversation.id = object.nonEmptyString("id"_L1);
        conversation.state = object.enumeration<ConversationState>("state"_L1);
        conversation.operatorName = object.string("operator"_L1, MaxNameLength);
        conversation.queuePosition = readPosition(object, "queuePosition"_L1);
        // Optional: a server without read marks sends none.
        if (object.has("operatorRead"_L1))
            conversation.operatorRead = object.seq("operatorRead"_L1, true);
        conversation.operatorAvatar = object.avatarId();
        welcome.conversation = conversation;
    }
    return welcome;
}

ServerMessage readCreated(Reader &reader)
{
    Created created;
    created.clientId = reader.clientId();
    created.conversation = reader.nonEmptyString("conversation"_L1);
    created.secret = reader.nonEmptyString("secret"_L1);
    created.queuePosition = readPosition(reader, "queuePosition"_L1);
    return created;
}

ServerMessage readMessage(Reader &reader)
{
    MessageEvent message;
    message.seq = reader.seq("seq"_L1);
    message.time = reader.time("time"_L1);
    message.from = reader.enumeration<Sender>("from"_L1);
    message.name = reader.string("name"_L1, MaxNameLength, Presence::Optional);
    message.clientId = reader.string("clientId"_L1, MaxIdLength, Presence::Optional);
    message.text = reader.string("text"_L1, MaxTextLength);
    if (message.from == Sender::Operator)
        message.avatar = reader.avatarId();
    // Optional: a server that predates attachments sends none. An object without an `id` is
    // not one of this protocol's (another extension's): ignored like any unknown field, and
    // nothing it names is ever fetched.
    const QJsonValue attachment = reader.object().value("attachment"_L1);
    if (!attachment.isUndefined()
        && !(attachment.isObject() && !attachment.toObject().contains("id"_L1)))
        message.attachment = readAttachmentInfo(reader, "attachment"_L1);
    return message;
}

ServerMessage readServerError(Reader &reader)
{
    ServerError error;
    error.code = reader.nonEmptyString("code"_L1);
    error.message = reader.string("message"_L1, MaxTextLength);
    error.clientId = reader.string("clientId"_L1, MaxIdLength, Presence::Optional);
    return error;
}

ServerMessage readRated(Reader &reader)
{
    Rated rated;
    rated.clientId = reader.clientId();
    rated.score = static_cast<int>(reader.integer("score"_L1, 0, MaxStars));
    return rated;
}

/// The message of `type`, read from `reader`; nullopt for a type this version does not know.
std::optional<ServerMessage> readServerMessage(const QString &type, Reader &reader)
{
    if (type == "welcome"_L1)
        return readWelcome(reader);
    if (type == "status"_L1)
        return StatusUpdate { readStatus(reader) };
    if (type == "created"_L1)
        return readCreated(reader);
    if (type == "queue"_L1)
        return QueueUpdate { readPosition(reader, "position"_L1) };
    if (type == "joined"_L1) {
        Joined joined;
        joined.seq = reader.seq("seq"_L1);
        joined.time = reader.time("time"_L1);
        joined.operatorName = reader.string("operator"_L1, MaxNameLength);
        joined.operatorAvatar = reader.avatarId();
        return joined;
    }
    if (type == "message"_L1)
        return readMessage(reader);
    if (type == "ended"_L1) {
        Ended ended;
        ended.seq = reader.seq("seq"_L1);
        ended.time = reader.time("time"_L1);
        ended.by = reader.enumeration<EndedBy>("by"_L1);
        return ended;
    }
    if (type == "ack"_L1) {
        Ack ack;
        ack.clientId = reader.clientId();
        ack.seq = reader.seq("seq"_L1);
        ack.time = reader.time("time"_L1);
        return ack;
    }
    if (type == "typing"_L1)
        return Typing { reader.boolean("active"_L1) };
    if (type == "received"_L1)
        return Received { reader.clientId() };
    if (type == "error"_L1)
        return readServerError(reader);
    if (type == "rated"_L1)
        return readRated(reader);
    if (type == "read"_L1)
        return ReadMark { reader.seq("seq"_L1) };
    return std::nullopt;
}

QJsonObject sequenced(QLatin1StringView type, qint64 seq, const QDateTime &time)
{
    return { { "type"_L1, type }, { "seq"_L1, seq }, { "time"_L1, isoTime(time) } };
}

// One function per message type, chosen by overload from encode()'s std::visit.
QJsonObject toJson(const Welcome &welcome)
{
    QJsonObject object { { "type"_L1, u"welcome"_s }, { "protocol"_L1, Version },
        { "status"_L1, int(welcome.status) }, { "heartbeatSeconds"_L1, welcome.heartbeatSeconds } };
    if (const auto &c = welcome.conversation) {
        QJsonObject conversation { { "id"_L1, c->id }, { "state"_L1, name(c->state) },
            { "operator"_L1, c->operatorName }, { "queuePosition"_L1, c->queuePosition },
            { "operatorRead"_L1, c->operatorRead } };
        insertAvatar(conversation, c->operatorAvatar);
        object.insert("conversation"_L1, conversation);
    }
    return object;
}
QJsonObject toJson(const StatusUpdate &update)
{
    return { { "type"_L1, u"status"_s }, { "status"_L1, int(update.status) } };
}
QJsonObject toJson(const Created &created)
{
    return { { "type"_L1, u"created"_s }, { "clientId"_L1, created.clientId },
        { "conversation"_L1, created.conversation }, { "secret"_L1, created.secret },
        { "queuePosition"_L1, created.queuePosition } };
}
QJsonObject toJson(const QueueUpdate &update)
{
    return { { "type"_L1, u"queue"_s }, { "position"_L1, update.position } };
}
QJsonObject toJson(const Joined &joined)
{
    QJsonObject object = sequenced("joined"_L1, joined.seq, joined.time);
    object.insert("operator"_L1, joined.operatorName);
    insertAvatar(object, joined.operatorAvatar);
    return object;
}
QJsonObject toJson(const MessageEvent &message)
{
    QJsonObject object = sequenced("message"_L1, message.seq, message.time);
    object.insert("from"_L1, name(message.from));
    if (message.from == Sender::Operator) {
        object.insert("name"_L1, message.name);
        insertAvatar(object, message.avatar);
    } else {
        object.insert("clientId"_L1, message.clientId);
    }
    object.insert("text"_L1, message.text);
    if (!message.attachment.id.isEmpty())
        object.insert("attachment"_L1, message.attachment.toJson());
    return object;
}
QJsonObject toJson(const Ended &ended)
{
    QJsonObject object = sequenced("ended"_L1, ended.seq, ended.time);
    object.insert("by"_L1, name(ended.by));
    return object;
}
QJsonObject toJson(const Ack &ack)
{
    return { { "type"_L1, u"ack"_s }, { "clientId"_L1, ack.clientId }, { "seq"_L1, ack.seq },
        { "time"_L1, isoTime(ack.time) } };
}
QJsonObject toJson(const Typing &typing)
{
    return { { "type"_L1, u"typing"_s }, { "active"_L1, typing.active } };
}
QJsonObject toJson(const Received &received)
{
    return { { "type"_L1, u"received"_s }, { "clientId"_L1, received.clientId } };
}
QJsonObject toJson(const ServerError &error)
{
    QJsonObject object { { "type"_L1, u"error"_s }, { "code"_L1, error.code },
        { "message"_L1, error.message } };
    if (!error.clientId.isEmpty())
        object.insert("clientId"_L1, error.clientId);
    return object;
}

QJsonObject toJson(const Rated &rated)
{
    return { { "type"_L1, u"rated"_s }, { "clientId"_L1, rated.clientId },
        { "score"_L1, rated.score } };
}

QJsonObject toJson(const ReadMark &read)
{
    return { { "type"_L1, u"read"_s }, { "seq"_L1, read.seq } };
}

} // namespace

ServerError ServerError::from(ErrorCode code, const QString &message, const QString &clientId)
{
    return { errorCodeName(code), message, clientId };
}

std::variant<ServerMessage, DecodeError> decodeServerMessage(const QByteArray &frame)
{
    const auto parsed = parseObject(frame, MaxMessageBytes, u"frame"_s);
    if (const auto *error = std::get_if<DecodeError>(&parsed))
        return *error;
    const QJsonObject object = std::get<QJsonObject>(parsed);

    Failure frameFailure(u"frame"_s);
    const QString type = Reader(object, frameFailure).string("type"_L1);
    if (frameFailure.failed())
        return frameFailure.error();

    Failure failure(type);
    Reader reader(object, failure);
    const std::optional<ServerMessage> message = readServerMessage(type, reader);
    if (!message) { // The type comes from the network: keep the message short.
        return DecodeError { ErrorCode::BadRequest,
            u"frame: unknown type '%1'"_s.arg(type.left(MaxIdLength)), true };
    }
    if (failure.failed())
        return failure.error();
    return *message;
}

QByteArray encode(const ServerMessage &message)
{
    return compactJson(std::visit([](const auto &m) { return toJson(m); }, message));
}

std::optional<ServerError> parseErrorBody(const QByteArray &body)
{
    const auto parsed = parseObject(body, MaxConfigBytes, u"error"_s);
    if (std::holds_alternative<DecodeError>(parsed))
        return std::nullopt;
    Failure failure(u"error"_s);
    Reader error = Reader(std::get<QJsonObject>(parsed), failure).child("error"_L1);
    ServerError result;
    result.code = error.nonEmptyString("code"_L1);
    result.message = error.string("message"_L1, MaxTextLength, Presence::Optional);
    if (failure.failed())
        return std::nullopt;
    return result;
}

QByteArray encodeErrorBody(ErrorCode code, const QString &message)
{
    return compactJson({ { "error"_L1,
        QJsonObject { { "code"_L1, errorCodeName(code) }, { "message"_L1, message } } } });
}

} // namespace OWidget::Protocol
