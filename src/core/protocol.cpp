#include "protocol_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <initializer_list>
#include <limits>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

enum class Presence { Required, Optional };

constexpr qint64 MaxPosition = std::numeric_limits<int>::max();

/// Characters as the protocol counts them: Unicode code points, not UTF-16 units.
qsizetype characterCount(const QString &text)
{
    qsizetype count = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

/// The first failure while reading one document, as "<context>: field '<path>' <reason>".
class Failure
{
public:
    explicit Failure(const QString &context)
        : m_context(context)
    { }

    bool failed() const { return !m_message.isEmpty(); }
    DecodeError error() const { return { m_message }; }
    void fail(const QString &path, const QString &reason)
    {
        if (m_message.isEmpty())
            m_message = m_context % u": field '"_s % path % u"' "_s % reason;
    }

private:
    QString m_context;
    QString m_message;
};

/// Reads and checks the fields of one JSON object. A failure goes to the shared Failure; after
/// it, every read returns a default value and the caller looks at Failure::failed() once.
class Reader
{
public:
    Reader(const QJsonObject &object, Failure &failure, const QString &prefix = {})
        : m_object(object)
        , m_failure(failure)
        , m_prefix(prefix)
    { }

    const QJsonObject &object() const { return m_object; }
    bool failed() const { return m_failure.failed(); }
    bool has(QLatin1StringView key) const { return m_object.contains(key); }
    void fail(const QString &key, const QString &reason) { m_failure.fail(m_prefix % key, reason); }

    /// A reader for the object in `key`; an empty one when it is optional and absent.
    Reader child(QLatin1StringView key, Presence presence = Presence::Required)
    {
        return nested(m_object.value(key), key, presence);
    }

    /// A reader for `value`, which must be an object, named `key` (an object's key or an array
    /// index like "[2]").
    Reader nested(
        const QJsonValue &value, const QString &key, Presence presence = Presence::Required)
    {
        const QString prefix = m_prefix % key % u'.';
        if (!check(value, key, presence, value.isObject(), u"must be an object"_s))
            return Reader({}, m_failure, prefix);
        return Reader(value.toObject(), m_failure, prefix);
    }

    QJsonArray array(QLatin1StringView key, Presence presence = Presence::Required)
    {
        const QJsonValue value = m_object.value(key);
        if (!check(value, key, presence, value.isArray(), u"must be an array"_s))
            return {};
        return value.toArray();
    }

    /// A string of at most `maxLength` characters (any length when negative).
    QString string(
        QLatin1StringView key, int maxLength = -1, Presence presence = Presence::Required)
    {
        return stringValue(m_object.value(key), key, maxLength, presence);
    }

    /// A string that is not empty, of at most `maxLength` characters.
    QString nonEmptyString(QLatin1StringView key, int maxLength = -1)
    {
        const QString value = string(key, maxLength);
        if (!failed() && value.isEmpty())
            fail(key, u"must not be empty"_s);
        return value;
    }

    /// Checks `value`, named `key`, like string() does.
    QString stringValue(const QJsonValue &value, const QString &key, int maxLength,
        Presence presence = Presence::Required)
    {
        if (!check(value, key, presence, value.isString(), u"must be a string"_s))
            return {};
        const QString text = value.toString();
        // JSON escapes can write half of a surrogate pair, which is no character at all: such
        // a string cannot be shown, stored or sent on as UTF-8.
        if (!QStringView(text).isValidUtf16()) {
            fail(key, u"must be Unicode text (it holds an unpaired surrogate)"_s);
            return {};
        }
        if (maxLength >= 0 && characterCount(text) > maxLength) {
            fail(key, u"must be at most %1 characters"_s.arg(maxLength));
            return {};
        }
        return text;
    }

    /// Every field of this object, each a string of at most `maxLength` characters.
    QHash<QString, QString> stringMap(int maxLength)
    {
        QHash<QString, QString> map;
        for (auto it = m_object.constBegin(); it != m_object.constEnd() && !failed(); ++it)
            map.insert(it.key(), stringValue(it.value(), it.key(), maxLength));
        return map;
    }

    /// One of `allowed`; `fallback` when optional and absent.
    QString oneOf(QLatin1StringView key, std::initializer_list<QLatin1StringView> allowed,
        Presence presence = Presence::Required, const QString &fallback = {})
    {
        if (presence == Presence::Optional && !has(key))
            return fallback;
        const QString value = string(key);
        if (failed())
            return {};
        QStringList quoted;
        for (const QLatin1StringView candidate : allowed) {
            if (value == candidate)
                return value;
            quoted.append(u'\'' % candidate % u'\'');
        }
        fail(key, u"must be one of "_s % quoted.join(u", "_s));
        return {};
    }

    /// An integer from `min` to `max`; `fallback` when optional and absent.
    qint64 integer(QLatin1StringView key, qint64 min, qint64 max,
        Presence presence = Presence::Required, qint64 fallback = 0)
    {
        return integerValue(key, min, max, u"must be an integer from %1 to %2"_s.arg(min).arg(max),
            presence, fallback);
    }

    /// A sequence number, 1 to MaxSeq.
    qint64 seq(QLatin1StringView key)
    {
        return integerValue(key, 1, MaxSeq, u"must be a positive integer of at most 2^53 - 1"_s);
    }

    bool boolean(QLatin1StringView key, Presence presence = Presence::Required, bool fallback = {})
    {
        const QJsonValue value = m_object.value(key);
        if (presence == Presence::Optional && value.isUndefined())
            return fallback;
        if (!check(value, key, presence, value.isBool(), u"must be true or false"_s))
            return {};
        return value.toBool();
    }

    /// An ISO 8601 time with milliseconds.
    QDateTime time(QLatin1StringView key)
    {
        const QString text = string(key);
        if (failed())
            return {};
        const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!time.isValid())
            fail(key, u"must be an ISO 8601 time"_s);
        return time;
    }

private:
    /// False when `value` is absent or not `ok`, with a failure recorded unless it is optional
    /// and absent.
    bool check(const QJsonValue &value, const QString &key, Presence presence, bool ok,
        const QString &reason)
    {
        if (failed())
            return false;
        if (value.isUndefined()) {
            if (presence == Presence::Required)
                fail(key, u"is missing"_s);
            return false;
        }
        if (!ok)
            fail(key, reason);
        return ok;
    }

    qint64 integerValue(QLatin1StringView key, qint64 min, qint64 max, const QString &reason,
        Presence presence = Presence::Required, qint64 fallback = 0)
    {
        const QJsonValue value = m_object.value(key);
        if (presence == Presence::Optional && value.isUndefined())
            return fallback;
        if (!check(value, key, presence, value.isDouble(), reason))
            return {};
        // A fraction or a number beyond qint64 gives the sentinel, which is below every `min`.
        const qint64 number = value.toInteger(std::numeric_limits<qint64>::min());
        if (number < min || number > max) {
            fail(key, reason);
            return {};
        }
        return number;
    }

    QJsonObject m_object;
    Failure &m_failure;
    QString m_prefix;
};

/// The JSON object in `bytes`, or why there is none.
std::variant<QJsonObject, DecodeError> parseObject(
    const QByteArray &bytes, qint64 maxBytes, const QString &context)
{
    if (bytes.size() > maxBytes)
        return DecodeError { context % u": over the limit of %1 bytes"_s.arg(maxBytes) };
    if (!bytes.isValidUtf8())
        return DecodeError { context % u": not valid UTF-8"_s };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return DecodeError { context
            % u": not valid JSON (%1 at offset %2)"_s.arg(parseError.errorString())
                  .arg(parseError.offset) };
    }
    if (!document.isObject())
        return DecodeError { context % u": not a JSON object"_s };
    return document.object();
}

ButtonStatus readStatus(Reader &reader)
{
    return static_cast<ButtonStatus>(reader.integer("status"_L1, 0, 2));
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
        const QString state = object.oneOf("state"_L1, { "waiting"_L1, "active"_L1, "ended"_L1 });
        conversation.state = state == "active"_L1 ? ConversationState::Active
            : state == "ended"_L1                 ? ConversationState::Ended
                                                  : ConversationState::Waiting;
        conversation.operatorName = object.string("operator"_L1, MaxNameLength);
        conversation.queuePosition
            = static_cast<int>(object.integer("queuePosition"_L1, 0, MaxPosition));
        welcome.conversation = conversation;
    }
    return welcome;
}

ServerMessage readCreated(Reader &reader)
{
    Created created;
    created.clientId = reader.nonEmptyString("clientId"_L1, MaxIdLength);
    created.conversation = reader.nonEmptyString("conversation"_L1);
    created.secret = reader.nonEmptyString("secret"_L1);
    created.queuePosition = static_cast<int>(reader.integer("queuePosition"_L1, 0, MaxPosition));
    return created;
}

ServerMessage readMessage(Reader &reader)
{
    MessageEvent message;
    message.seq = reader.seq("seq"_L1);
    message.time = reader.time("time"_L1);
    message.from = reader.oneOf("from"_L1, { "operator"_L1, "visitor"_L1 }) == "visitor"_L1
        ? ChatMessage::Sender::Visitor
        : ChatMessage::Sender::Operator;
    message.name = reader.string("name"_L1, MaxNameLength, Presence::Optional);
    message.clientId = reader.string("clientId"_L1, MaxIdLength, Presence::Optional);
    message.text = reader.string("text"_L1, MaxTextLength);
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

/// The message of `type`, read from `reader`; nullopt for a type this version does not know.
std::optional<ServerMessage> readServerMessage(const QString &type, Reader &reader)
{
    if (type == "welcome"_L1)
        return readWelcome(reader);
    if (type == "status"_L1)
        return StatusUpdate { readStatus(reader) };
    if (type == "created"_L1)
        return readCreated(reader);
    if (type == "queue"_L1) {
        return QueueUpdate { static_cast<int>(reader.integer("position"_L1, 0, MaxPosition)) };
    }
    if (type == "joined"_L1) {
        Joined joined;
        joined.seq = reader.seq("seq"_L1);
        joined.time = reader.time("time"_L1);
        joined.operatorName = reader.string("operator"_L1, MaxNameLength);
        return joined;
    }
    if (type == "message"_L1)
        return readMessage(reader);
    if (type == "ended"_L1) {
        Ended ended;
        ended.seq = reader.seq("seq"_L1);
        ended.time = reader.time("time"_L1);
        ended.by = reader.oneOf("by"_L1, { "operator"_L1, "visitor"_L1, "system"_L1 });
        return ended;
    }
    if (type == "ack"_L1) {
        Ack ack;
        ack.clientId = reader.nonEmptyString("clientId"_L1, MaxIdLength);
        ack.seq = reader.seq("seq"_L1);
        ack.time = reader.time("time"_L1);
        return ack;
    }
    if (type == "typing"_L1)
        return Typing { reader.boolean("active"_L1) };
    if (type == "received"_L1)
        return Received { reader.nonEmptyString("clientId"_L1, MaxIdLength) };
    if (type == "error"_L1)
        return readServerError(reader);
    return std::nullopt;
}

// ---- Configuration -------------------------------------------------------------------------

QStringList readLanguages(Reader &reader)
{
    static const QRegularExpression tagPattern(u"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"_s);
    const QJsonArray array = reader.array("languages"_L1);
    if (!reader.failed() && (array.isEmpty() || array.size() > MaxLanguages))
        reader.fail(u"languages"_s, u"must hold 1 to %1 languages"_s.arg(MaxLanguages));
    QStringList languages;
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
        const QString key = u"languages[%1]"_s.arg(i);
        const QString tag = reader.stringValue(array.at(i), key, MaxLanguageTagLength);
        if (!reader.failed() && !tagPattern.match(tag).hasMatch())
            reader.fail(key, u"must be a BCP 47 language tag"_s);
        languages.append(tag);
    }
    return languages;
}

QHash<QString, QHash<QString, QString>> readTexts(Reader &reader, const QStringList &languages)
{
    QHash<QString, QHash<QString, QString>> texts;
    Reader object = reader.child("texts"_L1, Presence::Optional);
    const QJsonObject json = object.object();
    for (auto it = json.constBegin(); it != json.constEnd() && !reader.failed(); ++it) {
        if (!languages.contains(it.key()))
            object.fail(it.key(), u"is not one of the 'languages'"_s);
        texts.insert(it.key(), object.nested(it.value(), it.key()).stringMap(MaxConfigTextLength));
    }
    return texts;
}

QList<FormField> readFields(Reader &reader)
{
    static const QRegularExpression namePattern(u"^[a-z0-9_]{1,%1}$"_s.arg(MaxFieldNameLength));
    const QJsonArray array = reader.array("fields"_L1, Presence::Optional);
    if (array.size() > MaxFields)
        reader.fail(u"fields"_s, u"must hold at most %1 fields"_s.arg(MaxFields));
    QList<FormField> fields;
    QSet<QString> names;
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
        Reader object = reader.nested(array.at(i), u"fields[%1]"_s.arg(i));
        FormField field;
        field.name = object.string("name"_L1);
        if (!object.failed() && !namePattern.match(field.name).hasMatch()) {
            object.fail(
                u"name"_s, u"must be 1 to %1 characters of [a-z0-9_]"_s.arg(MaxFieldNameLength));
        }
        if (!object.failed() && names.contains(field.name))
            object.fail(u"name"_s, u"repeats an earlier field's name"_s);
        names.insert(field.name);
        const QString type
            = object.oneOf("type"_L1, { "text"_L1, "email"_L1, "phone"_L1, "textarea"_L1 });
        field.type = type == "email"_L1 ? FormField::Type::Email
            : type == "phone"_L1        ? FormField::Type::Phone
            : type == "textarea"_L1     ? FormField::Type::TextArea
                                        : FormField::Type::Text;
        field.required = object.boolean("required"_L1, Presence::Optional, false);
        field.labels = object.child("label"_L1, Presence::Optional).stringMap(MaxLabelLength);
        fields.append(field);
    }
    return fields;
}

/// The colour in `key`, `#RRGGBB`; invalid when absent.
QColor readColor(Reader &colors, QLatin1StringView key)
{
    static const QRegularExpression pattern(u"^#[0-9A-Fa-f]{6}$"_s);
    if (!colors.has(key))
        return {};
    const QString text = colors.string(key);
    if (!colors.failed() && !pattern.match(text).hasMatch())
        colors.fail(key, u"must be a colour written #RRGGBB"_s);
    return colors.failed() ? QColor() : QColor::fromString(text);
}

/// An absolute ws:// or wss:// URL, or one relative to the configuration's.
QString readSocket(Reader &reader)
{
    const QString socket = reader.nonEmptyString("socket"_L1);
    if (reader.failed())
        return {};
    const QUrl url(socket, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || !(scheme.isEmpty() || scheme == "ws"_L1 || scheme == "wss"_L1))
        reader.fail(u"socket"_s, u"must be a ws:// or wss:// URL or a relative one"_s);
    return socket;
}

PresetConfig readConfig(Reader &reader)
{
    static const QRegularExpression regionPattern(u"^([A-Z]{2})?$"_s);
    PresetConfig config;
    reader.integer("protocol"_L1, Version, Version);
    config.company = reader.string("company"_L1);
    config.preset = reader.string("preset"_L1);
    config.languages = readLanguages(reader);
    config.defaultLanguage = reader.string("defaultLanguage"_L1);
    if (!reader.failed() && !config.languages.contains(config.defaultLanguage))
        reader.fail(u"defaultLanguage"_s, u"must be one of the 'languages'"_s);
    config.texts = readTexts(reader, config.languages);
    config.fields = readFields(reader);

    Reader features = reader.child("features"_L1, Presence::Optional);
    config.chatEnabled = features.boolean("chat"_L1, Presence::Optional, false);
    config.callbackEnabled = features.boolean("callback"_L1, Presence::Optional, false);
    config.offlineMessageEnabled = features.boolean("offlineMessage"_L1, Presence::Optional, false);

    config.offlineBehavior = reader.oneOf("offlineBehavior"_L1, { "form"_L1, "disabled"_L1 },
                                 Presence::Optional, u"form"_s)
            == "disabled"_L1
        ? PresetConfig::OfflineBehavior::Disabled
        : PresetConfig::OfflineBehavior::Form;
    config.phoneRegion = reader.string("phoneRegion"_L1, -1, Presence::Optional);
    if (!reader.failed() && !regionPattern.match(config.phoneRegion).hasMatch())
        reader.fail(u"phoneRegion"_s, u"must be an ISO 3166-1 alpha-2 code or empty"_s);

    Reader colors = reader.child("colors"_L1, Presence::Optional);
    config.onlineColor = readColor(colors, "online"_L1);
    config.busyColor = readColor(colors, "busy"_L1);
    config.offlineColor = readColor(colors, "offline"_L1);
    config.accentColor = readColor(colors, "accent"_L1);

    config.socket = readSocket(reader);
    config.heartbeatSeconds = static_cast<int>(
        reader.integer("heartbeatSeconds"_L1, 1, MaxHeartbeatSeconds, Presence::Optional, 15));
    return config;
}

// ---- Encoding ------------------------------------------------------------------------------

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// `map` as a JSON object of strings.
QJsonObject stringObject(const QVariantMap &map)
{
    QJsonObject object;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        object.insert(it.key(), it.value().toString());
    return object;
}

} // namespace

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
    if (!message) // The type comes from the network: keep the message short.
        return DecodeError { u"frame: unknown type '%1'"_s.arg(type.left(MaxIdLength)), true };
    if (failure.failed())
        return failure.error();
    return *message;
}

std::variant<PresetConfig, DecodeError> parseConfig(const QByteArray &document)
{
    const auto parsed = parseObject(document, MaxConfigBytes, u"config"_s);
    if (const auto *error = std::get_if<DecodeError>(&parsed))
        return *error;
    Failure failure(u"config"_s);
    Reader reader(std::get<QJsonObject>(parsed), failure);
    const PresetConfig config = readConfig(reader);
    if (failure.failed())
        return failure.error();
    return config;
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

QByteArray encodeHello(const QString &company, const QString &preset, const QString &language,
    const std::optional<ResumeRequest> &resume)
{
    QJsonObject hello { { "type"_L1, u"hello"_s }, { "protocol"_L1, Version },
        { "company"_L1, company }, { "preset"_L1, preset }, { "language"_L1, language } };
    if (resume) {
        hello.insert("resume"_L1,
            QJsonObject { { "conversation"_L1, resume->conversation },
                { "secret"_L1, resume->secret }, { "lastSeq"_L1, resume->lastSeq } });
    }
    return compact(hello);
}

QByteArray encodeStart(const QString &clientId, const QVariantMap &fields,
    const QVariantMap &customData, const QString &language)
{
    return compact({ { "type"_L1, u"start"_s }, { "clientId"_L1, clientId },
        { "fields"_L1, stringObject(fields) }, { "customData"_L1, stringObject(customData) },
        { "language"_L1, language } });
}

QByteArray encodeMessage(const QString &clientId, const QString &text)
{
    return compact(
        { { "type"_L1, u"message"_s }, { "clientId"_L1, clientId }, { "text"_L1, text } });
}

QByteArray encodeTyping(bool active)
{
    return compact({ { "type"_L1, u"typing"_s }, { "active"_L1, active } });
}

QByteArray encodeEnd()
{
    return compact({ { "type"_L1, u"end"_s } });
}

QByteArray encodeLeaveMessage(
    const QString &clientId, const QVariantMap &fields, const QString &text)
{
    return compact({ { "type"_L1, u"leaveMessage"_s }, { "clientId"_L1, clientId },
        { "fields"_L1, stringObject(fields) }, { "text"_L1, text } });
}

QByteArray encodeCallbackRequest(
    const QString &clientId, const QVariantMap &fields, const QString &phone)
{
    return compact({ { "type"_L1, u"callbackRequest"_s }, { "clientId"_L1, clientId },
        { "fields"_L1, stringObject(fields) }, { "phone"_L1, phone } });
}

Error::Code errorCodeFor(const QString &protocolCode)
{
    static const QHash<QString, Error::Code> codes {
        { u"unknown_company"_s, Error::Code::UnknownCompany },
        { u"unknown_preset"_s, Error::Code::UnknownPreset },
        { u"bad_request"_s, Error::Code::Rejected },
        { u"too_large"_s, Error::Code::TooLarge },
        { u"rate_limited"_s, Error::Code::RateLimited },
        { u"resume_rejected"_s, Error::Code::ResumeRejected },
        { u"protocol_version"_s, Error::Code::UnsupportedProtocol },
        { u"internal"_s, Error::Code::ServerError },
    };
    return codes.value(protocolCode, Error::Code::Rejected);
}

} // namespace OWidget::Protocol
