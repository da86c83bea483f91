#include "widgetrequests.h"
#include "attachments.h"
#include "limits.h"
#include "reader.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

/// An object of strings with at most `maxEntries` entries, names of 1 to `maxNameLength`
/// characters (any when negative) and values of at most `maxValueLength`.
StringMap readStringMap(
    Reader &reader, QLatin1StringView key, int maxEntries, int maxNameLength, int maxValueLength)
{
    Reader object = reader.child(key, Presence::Optional);
    const QJsonObject json = object.object();
    if (json.size() > maxEntries) {
        reader.fail(key, u"must hold at most %1 entries"_s.arg(maxEntries));
        return {};
    }
    StringMap map;
    for (auto it = json.constBegin(); it != json.constEnd() && !reader.failed(); ++it) {
        if (maxNameLength >= 0
            && (it.key().isEmpty() || characterCount(it.key()) > maxNameLength)) {
            object.fail(it.key().left(MaxIdLength),
                u"must have a name of 1 to %1 characters"_s.arg(maxNameLength));
        }
        map.insert(it.key(), object.stringValue(it.value(), it.key(), maxValueLength));
    }
    return map;
}

StringMap readFields(Reader &reader)
{
    return readStringMap(reader, "fields"_L1, MaxFields, -1, MaxFieldValueLength);
}

/// An optional language: empty or a language tag.
QString readLanguage(Reader &reader)
{
    const QString language = reader.string("language"_L1, MaxLanguageTagLength, Presence::Optional);
    if (!reader.failed() && !language.isEmpty() && !isLanguageTag(language))
        reader.fail(u"language"_s, u"must be a language tag"_s);
    return language;
}

WidgetRequest readHello(Reader &reader)
{
    Hello hello;
    // Any number that is not 1 is another version; anything else is not a version at all.
    const QJsonValue protocol = reader.object().value("protocol"_L1);
    if (!protocol.isDouble())
        reader.fail(u"protocol"_s, u"must be an integer"_s);
    else if (protocol.toDouble() != Version)
        reader.fail(u"protocol"_s, u"must be %1: this server speaks protocol %1"_s.arg(Version),
            ErrorCode::ProtocolVersion);
    hello.company = reader.string("company"_L1);
    if (!reader.failed() && !isGuid(hello.company))
        reader.fail(u"company"_s, u"must be a GUID"_s);
    if (!reader.object().value("preset"_L1).isNull())
        hello.preset = reader.string("preset"_L1, MaxIdLength, Presence::Optional);
    hello.language = readLanguage(reader);
    const QJsonValue resume = reader.object().value("resume"_L1);
    if (!resume.isUndefined() && !resume.isNull()) {
        // Read apart: a malformed resume is rejected as a resume, not as a malformed hello.
        Failure resumeFailure(u"resume"_s);
        Reader object(resume.toObject(), resumeFailure);
        ResumeRequest request;
        request.conversation = object.nonEmptyString("conversation"_L1, MaxIdLength);
        request.secret = object.nonEmptyString("secret"_L1, MaxSecretLength);
        request.lastSeq = object.has("lastSeq"_L1) ? object.seq("lastSeq"_L1, true) : 0;
        hello.resume = (resume.isObject() && !resumeFailure.failed()) ? request : ResumeRequest();
    }
    return hello;
}

WidgetRequest readStart(Reader &reader)
{
    Start start;
    start.clientId = reader.clientId();
    start.fields = readFields(reader);
    start.customData = readStringMap(
        reader, "customData"_L1, MaxCustomData, MaxCustomNameLength, MaxCustomValueLength);
    start.language = readLanguage(reader);
    start.secret = reader.string("secret"_L1, MaxSecretLength, Presence::Optional);
    if (!reader.failed() && reader.has("secret"_L1) && !isSecret(start.secret)) {
        reader.fail(u"secret"_s,
            u"must be %1 to %2 base64url characters (A-Z, a-z, 0-9, '-', '_')"_s
                .arg(MinSecretLength)
                .arg(MaxSecretLength));
    }
    return start;
}

WidgetRequest readOffline(const QString &type, Reader &reader)
{
    const QString clientId = reader.clientId();
    const StringMap fields = readFields(reader);
    if (type == "leaveMessage"_L1)
        return LeaveMessage { clientId, fields, reader.trimmedText("text"_L1, MaxTextLength) };
    const QString phone = reader.string("phone"_L1, MaxPhoneLength);
    if (!reader.failed() && !isPhoneNumber(phone))
        reader.fail(u"phone"_s, u"must be a phone number"_s);
    return CallbackRequest { clientId, fields, phone };
}

WidgetRequest readRate(Reader &reader)
{
    Rate rate;
    rate.clientId = reader.clientId();
    rate.score = static_cast<int>(reader.integer("score"_L1, 0, MaxStars));
    rate.comment = reader.string("comment"_L1, -1, Presence::Optional).trimmed();
    if (!reader.failed() && characterCount(rate.comment) > MaxRatingCommentLength) {
        reader.fail(u"comment"_s,
            u"must be at most %1 characters after trimming"_s.arg(MaxRatingCommentLength));
    }
    return rate;
}

std::optional<WidgetRequest> readRequest(const QString &type, Reader &reader)
{
    if (type == "hello"_L1)
        return readHello(reader);
    if (type == "start"_L1)
        return readStart(reader);
    if (type == "message"_L1) {
        const QString clientId = reader.clientId();
        const MessageBody body = readMessageBody(reader);
        return VisitorMessage { clientId, body.text, body.attachment };
    }
    if (type == "typing"_L1)
        return VisitorTyping { reader.boolean("active"_L1) };
    if (type == "end"_L1)
        return EndConversation {};
    if (type == "leaveMessage"_L1 || type == "callbackRequest"_L1)
        return readOffline(type, reader);
    if (type == "rate"_L1)
        return readRate(reader);
    if (type == "read"_L1)
        return VisitorRead { reader.seq("seq"_L1) };
    return std::nullopt;
}

QJsonObject toJson(const Hello &hello)
{
    QJsonObject object { { "type"_L1, u"hello"_s }, { "protocol"_L1, Version },
        { "company"_L1, hello.company }, { "preset"_L1, hello.preset },
        { "language"_L1, hello.language } };
    if (const auto &r = hello.resume) {
        object.insert("resume"_L1,
            QJsonObject { { "conversation"_L1, r->conversation }, { "secret"_L1, r->secret },
                { "lastSeq"_L1, r->lastSeq } });
    }
    return object;
}
QJsonObject toJson(const Start &start)
{
    QJsonObject object { { "type"_L1, u"start"_s }, { "clientId"_L1, start.clientId },
        { "fields"_L1, stringObject(start.fields) },
        { "customData"_L1, stringObject(start.customData) }, { "language"_L1, start.language } };
    // Absent rather than empty: a server before the field reads the same frame as before.
    if (!start.secret.isEmpty())
        object.insert("secret"_L1, start.secret);
    return object;
}
QJsonObject toJson(const VisitorMessage &message)
{
    QJsonObject object { { "type"_L1, u"message"_s }, { "clientId"_L1, message.clientId },
        { "text"_L1, message.text } };
    if (!message.attachment.isEmpty())
        object.insert("attachment"_L1, message.attachment);
    return object;
}
QJsonObject toJson(const VisitorTyping &typing)
{
    return { { "type"_L1, u"typing"_s }, { "active"_L1, typing.active } };
}
QJsonObject toJson(const EndConversation &)
{
    return { { "type"_L1, u"end"_s } };
}
QJsonObject toJson(const LeaveMessage &message)
{
    return { { "type"_L1, u"leaveMessage"_s }, { "clientId"_L1, message.clientId },
        { "fields"_L1, stringObject(message.fields) }, { "text"_L1, message.text } };
}
QJsonObject toJson(const CallbackRequest &request)
{
    return { { "type"_L1, u"callbackRequest"_s }, { "clientId"_L1, request.clientId },
        { "fields"_L1, stringObject(request.fields) }, { "phone"_L1, request.phone } };
}

QJsonObject toJson(const Rate &rate)
{
    QJsonObject object { { "type"_L1, u"rate"_s }, { "clientId"_L1, rate.clientId },
        { "score"_L1, rate.score } };
    if (!rate.comment.isEmpty())
        object.insert("comment"_L1, rate.comment);
    return object;
}

QJsonObject toJson(const VisitorRead &read)
{
    return { { "type"_L1, u"read"_s }, { "seq"_L1, read.seq } };
}

} // namespace

std::variant<WidgetRequest, DecodeError> decodeWidgetRequest(const QByteArray &message)
{
    const auto parsed = parseObject(message, MaxMessageBytes, u"message"_s);
    if (const auto *error = std::get_if<DecodeError>(&parsed))
        return *error;
    const QJsonObject object = std::get<QJsonObject>(parsed);

    Failure failure(u"message"_s);
    Reader reader(object, failure);
    const QString type = reader.string("type"_L1);
    if (failure.failed())
        return failure.error();
    std::optional<WidgetRequest> request = readRequest(type, reader);
    if (!request) { // The type comes from the network: keep the message short.
        return DecodeError { ErrorCode::BadRequest,
            u"message: unknown type '%1'"_s.arg(type.left(MaxIdLength)), true,
            validClientId(object) };
    }
    if (failure.failed()) {
        DecodeError error = failure.error();
        error.clientId = validClientId(object);
        return error;
    }
    return *request;
}

QByteArray encode(const WidgetRequest &request)
{
    return compactJson(std::visit([](const auto &r) { return toJson(r); }, request));
}

} // namespace OWidget::Protocol
