#include "reader.h"
#include "limits.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <limits>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

qsizetype characterCount(QStringView text)
{
    qsizetype count = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

std::variant<QJsonObject, DecodeError> parseObject(
    const QByteArray &bytes, qint64 maxBytes, const QString &context)
{
    if (bytes.size() > maxBytes) {
        return DecodeError { ErrorCode::TooLarge,
            context % u": over the limit of %1 bytes"_s.arg(maxBytes) };
    }
    if (!bytes.isValidUtf8())
        return DecodeError { ErrorCode::BadRequest, context % u": not valid UTF-8"_s };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return DecodeError { ErrorCode::BadRequest,
            context
                % u": not valid JSON (%1 at offset %2)"_s.arg(parseError.errorString())
                      .arg(parseError.offset) };
    }
    if (!document.isObject())
        return DecodeError { ErrorCode::BadRequest, context % u": not a JSON object"_s };
    return document.object();
}

bool isGuid(const QString &text)
{
    static const QRegularExpression pattern(
        u"^\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?$"_s);
    return pattern.match(text).hasMatch() && text.startsWith(u'{') == text.endsWith(u'}');
}

QString normalizedGuid(const QString &guid)
{
    QString text = guid.toLower();
    if (text.startsWith(u'{'))
        text = text.mid(1, text.size() - 2);
    return text;
}

bool isLanguageTag(const QString &text)
{
    static const QRegularExpression pattern(u"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"_s);
    return text.size() <= MaxLanguageTagLength && pattern.match(text).hasMatch();
}

bool isPhoneNumber(const QString &text)
{
    static const QRegularExpression pattern(u"^\\+?[0-9][0-9 ()./-]*$"_s);
    return text.size() <= MaxPhoneLength && pattern.match(text).hasMatch();
}

bool isSecret(const QString &text)
{
    static const QRegularExpression pattern(
        u"^[A-Za-z0-9_-]{%1,%2}$"_s.arg(MinSecretLength).arg(MaxSecretLength));
    return pattern.match(text).hasMatch();
}

bool isAvatarId(QStringView text)
{
    if (text.size() != AvatarIdLength)
        return false;
    for (const QChar c : text) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

bool isFieldName(const QString &text)
{
    static const QRegularExpression pattern(u"^[a-z0-9_]{1,%1}$"_s.arg(MaxFieldNameLength));
    return pattern.match(text).hasMatch();
}

bool isColor(const QString &text)
{
    static const QRegularExpression pattern(u"^#[0-9A-Fa-f]{6}$"_s);
    return pattern.match(text).hasMatch();
}

bool isRegion(const QString &text)
{
    static const QRegularExpression pattern(u"^([A-Z]{2})?$"_s);
    return pattern.match(text).hasMatch();
}

QString validClientId(const QJsonObject &object)
{
    Failure failure(u"message"_s);
    const QString clientId = Reader(object, failure).clientId();
    return failure.failed() ? QString() : clientId;
}

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject stringObject(const StringMap &map)
{
    QJsonObject object;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QString isoTime(const QDateTime &time)
{
    // As it is: the server's times are UTC already, and a time read with an offset is written
    // back with it (turned to UTC it could leave the range of years ISO 8601 writes).
    return time.toString(Qt::ISODateWithMs);
}

QString isoTime(qint64 msecsSinceEpoch)
{
    return isoTime(QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC));
}

void Failure::fail(const QString &path, const QString &reason, ErrorCode code)
{
    if (!m_message.isEmpty())
        return;
    m_message = m_context % u": field '"_s % path % u"' "_s % reason;
    m_code = code;
}

Reader Reader::child(QLatin1StringView key, Presence presence)
{
    return nested(m_object.value(key), key, presence);
}

Reader Reader::nested(const QJsonValue &value, const QString &key, Presence presence)
{
    const QString prefix = m_prefix % key % u'.';
    if (!check(value, key, presence, value.isObject(), u"must be an object"_s))
        return Reader({}, m_failure, prefix);
    return Reader(value.toObject(), m_failure, prefix);
}

QJsonArray Reader::array(QLatin1StringView key, Presence presence)
{
    const QJsonValue value = m_object.value(key);
    if (!check(value, key, presence, value.isArray(), u"must be an array"_s))
        return {};
    return value.toArray();
}

QString Reader::string(QLatin1StringView key, int maxLength, Presence presence)
{
    return stringValue(m_object.value(key), key, maxLength, presence);
}

QString Reader::nonEmptyString(QLatin1StringView key, int maxLength)
{
    const QString value = string(key, maxLength);
    if (!failed() && value.isEmpty())
        fail(key, u"must not be empty"_s);
    return value;
}

QString Reader::trimmedText(QLatin1StringView key, int maxLength)
{
    const QString text = string(key).trimmed();
    if (failed())
        return {};
    if (text.isEmpty() || characterCount(text) > maxLength) {
        fail(key, u"must be 1 to %1 characters after trimming"_s.arg(maxLength));
        return {};
    }
    return text;
}

QString Reader::clientId(QLatin1StringView key)
{
    return nonEmptyString(key, MaxIdLength);
}

QString Reader::avatarId(QLatin1StringView key)
{
    const QString id = string(key, AvatarIdLength, Presence::Optional);
    if (has(key) && !failed() && !isAvatarId(id)) {
        fail(key, u"must be %1 lower-case hexadecimal digits"_s.arg(AvatarIdLength));
        return {};
    }
    return id;
}

void insertAvatar(QJsonObject &object, const QString &avatar)
{
    if (!avatar.isEmpty())
        object.insert("avatar"_L1, avatar);
}

QString Reader::stringValue(
    const QJsonValue &value, const QString &key, int maxLength, Presence presence)
{
    if (!check(value, key, presence, value.isString(), u"must be a string"_s))
        return {};
    const QString text = value.toString();
    // JSON escapes can write half of a surrogate pair, which is no character at all: such a
    // string cannot be shown, stored or sent on as UTF-8.
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

QHash<QString, QString> Reader::stringMap(int maxLength)
{
    QHash<QString, QString> map;
    for (auto it = m_object.constBegin(); it != m_object.constEnd() && !failed(); ++it)
        map.insert(it.key(), stringValue(it.value(), it.key(), maxLength));
    return map;
}

QString Reader::oneOf(QLatin1StringView key, std::initializer_list<QLatin1StringView> allowed,
    Presence presence, const QString &fallback)
{
    if (presence == Presence::Optional && !has(key))
        return fallback;
    const QString value = string(key);
    if (failed())
        return {};
    QStringList names;
    for (const QLatin1StringView candidate : allowed) {
        if (value == candidate)
            return value;
        names.append(candidate);
    }
    failOneOf(key, names);
    return {};
}

void Reader::failOneOf(const QString &key, const QStringList &allowed)
{
    QStringList quoted;
    for (const QString &name : allowed)
        quoted.append(u'\'' % name % u'\'');
    fail(key, u"must be one of "_s % quoted.join(u", "_s));
}

qint64 Reader::integer(
    QLatin1StringView key, qint64 min, qint64 max, Presence presence, qint64 fallback)
{
    const QString reason = u"must be an integer from %1 to %2"_s.arg(min).arg(max);
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

qint64 Reader::seq(QLatin1StringView key, bool allowZero)
{
    const QJsonValue value = m_object.value(key);
    const qint64 number = value.toInteger(-1);
    if (!value.isDouble() || number < (allowZero ? 0 : 1) || number > MaxSeq) {
        if (!failed()) {
            fail(key,
                value.isUndefined() ? u"is missing"_s
                                    : (allowZero ? u"must be an integer from 0 to 2^53 - 1"_s
                                                 : u"must be a positive integer of at most "
                                                   u"2^53 - 1"_s));
        }
        return 0;
    }
    return number;
}

bool Reader::boolean(QLatin1StringView key, Presence presence, bool fallback)
{
    const QJsonValue value = m_object.value(key);
    if (presence == Presence::Optional && value.isUndefined())
        return fallback;
    if (!check(value, key, presence, value.isBool(), u"must be true or false"_s))
        return {};
    return value.toBool();
}

QDateTime Reader::time(QLatin1StringView key)
{
    const QString text = string(key);
    if (failed())
        return {};
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        fail(key, u"must be an ISO 8601 time"_s);
    return time;
}

bool Reader::check(
    const QJsonValue &value, const QString &key, Presence presence, bool ok, const QString &reason)
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

} // namespace OWidget::Protocol
