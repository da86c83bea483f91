// Reading untrusted JSON: the first failure wins and names the field's path and the reason
// ("message: field 'fields.name' must be at most 200 characters"). Every decoder of the
// protocol, in both directions, and the server's importer read through this.
#pragma once

#include "errors.h"
#include "types.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringBuilder>

#include <initializer_list>
#include <variant>

namespace OWidget::Protocol {

enum class Presence { Required, Optional };

/// Characters as the protocol counts them: Unicode code points, not UTF-16 units.
qsizetype characterCount(QStringView text);

/// The JSON object in `bytes` (at most `maxBytes`, UTF-8), or why there is none; the error's
/// message starts with `context`.
std::variant<QJsonObject, DecodeError> parseObject(
    const QByteArray &bytes, qint64 maxBytes, const QString &context);

// The protocol's formats, each checked in one place.
bool isGuid(const QString &text);            ///< a GUID, with or without braces, any case
QString normalizedGuid(const QString &guid); ///< lower case, no braces
bool isLanguageTag(const QString &text);     ///< a BCP 47 tag of at most 16 characters
bool isPhoneNumber(const QString &text);     ///< digits and separators, at most 32 characters
bool isFieldName(const QString &text);       ///< 1 to 32 characters of [a-z0-9_]
bool isColor(const QString &text);           ///< #RRGGBB
bool isRegion(const QString &text);          ///< ISO 3166-1 alpha-2, or empty
bool isSecret(const QString &text);          ///< MinSecretLength to MaxSecretLength of base64url
bool isAvatarId(QStringView text);           ///< AvatarIdLength lower-case hexadecimal digits

/// The first failure while reading one document, as "<context>: field '<path>' <reason>".
class Failure
{
public:
    explicit Failure(const QString &context, ErrorCode code = ErrorCode::BadRequest)
        : m_context(context)
        , m_code(code)
    { }

    bool failed() const { return !m_message.isEmpty(); }
    DecodeError error() const { return { m_code, m_message }; }
    void fail(const QString &path, const QString &reason, ErrorCode code);
    void fail(const QString &path, const QString &reason) { fail(path, reason, m_code); }

private:
    QString m_context;
    ErrorCode m_code;
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
    void fail(const QString &key, const QString &reason, ErrorCode code)
    {
        m_failure.fail(m_prefix % key, reason, code);
    }

    /// A reader for the object in `key`; an empty one when it is optional and absent.
    Reader child(QLatin1StringView key, Presence presence = Presence::Required);
    /// A reader for `value`, which must be an object, named `key` (a key or "[2]").
    Reader nested(
        const QJsonValue &value, const QString &key, Presence presence = Presence::Required);
    QJsonArray array(QLatin1StringView key, Presence presence = Presence::Required);

    /// A string of at most `maxLength` characters (any length when negative).
    QString string(
        QLatin1StringView key, int maxLength = -1, Presence presence = Presence::Required);
    /// A string that is not empty, of at most `maxLength` characters.
    QString nonEmptyString(QLatin1StringView key, int maxLength = -1);
    /// A string that is not empty after trimming, of at most `maxLength` characters then;
    /// returned trimmed.
    QString trimmedText(QLatin1StringView key, int maxLength);
    /// A client id: 1 to MaxIdLength characters.
    QString clientId(QLatin1StringView key = QLatin1StringView("clientId"));
    /// An operator's picture id (isAvatarId); empty when absent, as it is optional everywhere.
    QString avatarId(QLatin1StringView key = QLatin1StringView("avatar"));
    /// Checks `value`, named `key`, like string() does.
    QString stringValue(const QJsonValue &value, const QString &key, int maxLength,
        Presence presence = Presence::Required);
    /// Every field of this object, each a string of at most `maxLength` characters.
    QHash<QString, QString> stringMap(int maxLength);

    /// One of `allowed`; `fallback` when optional and absent.
    QString oneOf(QLatin1StringView key, std::initializer_list<QLatin1StringView> allowed,
        Presence presence = Presence::Required, const QString &fallback = {});
    /// A value of one of the protocol's enumerations, by its spelling.
    template<typename Enum>
    Enum enumeration(
        QLatin1StringView key, Presence presence = Presence::Required, Enum fallback = {})
    {
        if (presence == Presence::Optional && !has(key))
            return fallback;
        const QString text = string(key);
        if (failed())
            return fallback;
        if (const auto value = fromName<Enum>(text))
            return *value;
        failOneOf(key, spellings<Enum>());
        return fallback;
    }

    /// An integer from `min` to `max`; `fallback` when optional and absent.
    qint64 integer(QLatin1StringView key, qint64 min, qint64 max,
        Presence presence = Presence::Required, qint64 fallback = 0);
    /// A sequence number, 1 to MaxSeq (0 to MaxSeq when `allowZero`).
    qint64 seq(QLatin1StringView key, bool allowZero = false);
    bool boolean(QLatin1StringView key, Presence presence = Presence::Required, bool fallback = {});
    /// `object` as one line of JSON, as every message is sent.
    QByteArray compactJson(const QJsonObject &object);
    /// `map` as a JSON object of strings.
    QJsonObject stringObject(const StringMap &map);

    /// An ISO 8601 time with milliseconds.
    QDateTime time(QLatin1StringView key);

private:
    bool check(const QJsonValue &value, const QString &key, Presence presence, bool ok,
        const QString &reason);
    void failOneOf(const QString &key, const QStringList &allowed);

    QJsonObject m_object;
    Failure &m_failure;
    QString m_prefix;
};

/// The object's `clientId` when it is a valid one, else empty: an error echoes it, so that the
/// client knows which of its messages was refused.
QString validClientId(const QJsonObject &object);

/// `object` as one line of JSON, as every message is sent.
QByteArray compactJson(const QJsonObject &object);
/// `map` as a JSON object of strings.
QJsonObject stringObject(const StringMap &map);

/// `object` as one line of JSON, as every message is sent.
QByteArray compactJson(const QJsonObject &object);
/// `map` as a JSON object of strings.
QJsonObject stringObject(const StringMap &map);

/// Sets `avatar` (an operator's picture id) on `object` unless it is empty: an optional
/// addition, absent when there is no picture.
void insertAvatar(QJsonObject &object, const QString &avatar);

/// An ISO 8601 time with milliseconds, as the protocol writes times (UTC times end in Z).
QString isoTime(const QDateTime &time);
QString isoTime(qint64 msecsSinceEpoch);

} // namespace OWidget::Protocol
