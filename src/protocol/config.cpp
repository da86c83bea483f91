#include "config.h"
#include "limits.h"
#include "reader.h"

#include <QJsonArray>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

QStringList readLanguages(Reader &reader)
{
    const QJsonArray array = reader.array("languages"_L1);
    if (!reader.failed() && (array.isEmpty() || array.size() > MaxLanguages))
        reader.fail(u"languages"_s, u"must hold 1 to %1 languages"_s.arg(MaxLanguages));
    QStringList languages;
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
        const QString key = u"languages[%1]"_s.arg(i);
        const QString tag = reader.stringValue(array.at(i), key, MaxLanguageTagLength);
        if (!reader.failed() && !isLanguageTag(tag))
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

QList<ConfigField> readFields(Reader &reader)
{
    const QJsonArray array = reader.array("fields"_L1, Presence::Optional);
    if (array.size() > MaxFields)
        reader.fail(u"fields"_s, u"must hold at most %1 fields"_s.arg(MaxFields));
    QList<ConfigField> fields;
    QSet<QString> names;
    for (qsizetype i = 0; i < array.size() && !reader.failed(); ++i) {
        Reader object = reader.nested(array.at(i), u"fields[%1]"_s.arg(i));
        ConfigField field;
        field.name = object.string("name"_L1);
        if (!object.failed() && !isFieldName(field.name)) {
            object.fail(
                u"name"_s, u"must be 1 to %1 characters of [a-z0-9_]"_s.arg(MaxFieldNameLength));
        }
        if (!object.failed() && names.contains(field.name))
            object.fail(u"name"_s, u"repeats an earlier field's name"_s);
        names.insert(field.name);
        field.type = object.enumeration<FieldType>("type"_L1);
        field.required = object.boolean("required"_L1, Presence::Optional, false);
        field.labels = object.child("label"_L1, Presence::Optional).stringMap(MaxLabelLength);
        fields.append(field);
    }
    return fields;
}

QHash<QString, QString> readColors(Reader &reader)
{
    Reader colors = reader.child("colors"_L1, Presence::Optional);
    QHash<QString, QString> result;
    for (const QLatin1StringView key : { "online"_L1, "busy"_L1, "offline"_L1, "accent"_L1 }) {
        if (!colors.has(key))
            continue;
        const QString text = colors.string(key);
        if (!colors.failed() && !isColor(text))
            colors.fail(key, u"must be a colour written #RRGGBB"_s);
        result.insert(key, text);
    }
    return result;
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

Config readConfig(Reader &reader)
{
    Config config;
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
    config.chat = features.boolean("chat"_L1, Presence::Optional, false);
    config.callback = features.boolean("callback"_L1, Presence::Optional, false);
    config.offlineMessage = features.boolean("offlineMessage"_L1, Presence::Optional, false);

    config.offlineBehavior = reader.oneOf("offlineBehavior"_L1, { "form"_L1, "disabled"_L1 },
                                 Presence::Optional, u"form"_s)
            == "disabled"_L1
        ? Config::OfflineBehavior::Disabled
        : Config::OfflineBehavior::Form;
    config.phoneRegion = reader.string("phoneRegion"_L1, -1, Presence::Optional);
    if (!reader.failed() && !isRegion(config.phoneRegion))
        reader.fail(u"phoneRegion"_s, u"must be an ISO 3166-1 alpha-2 code or empty"_s);
    config.colors = readColors(reader);
    config.socket = readSocket(reader);
    config.heartbeatSeconds = static_cast<int>(reader.integer("heartbeatSeconds"_L1, 1,
        MaxHeartbeatSeconds, Presence::Optional, DefaultHeartbeatSeconds));
    config.rating
        = reader.enumeration<RatingKind>("rating"_L1, Presence::Optional, RatingKind::None);
    if (reader.has("businessHours"_L1)) {
        Reader hours = reader.child("businessHours"_L1);
        config.businessHours = readBusinessHours(hours);
    }
    config.expectedReplyMinutes = static_cast<int>(reader.integer(
        "expectedReplyMinutes"_L1, 1, MaxExpectedReplyMinutes, Presence::Optional, 0));
    config.attachments = readAttachmentPolicy(reader);
    return config;
}

template<typename Value> QJsonObject objectOf(const QHash<QString, Value> &hash)
{
    QJsonObject object;
    for (auto it = hash.constBegin(); it != hash.constEnd(); ++it) {
        if constexpr (std::is_same_v<Value, QString>)
            object.insert(it.key(), it.value());
        else
            object.insert(it.key(), objectOf(it.value()));
    }
    return object;
}

} // namespace

std::variant<Config, DecodeError> parseConfig(const QByteArray &document)
{
    const auto parsed = parseObject(document, MaxConfigBytes, u"config"_s);
    if (const auto *error = std::get_if<DecodeError>(&parsed))
        return *error;
    Failure failure(u"config"_s);
    Reader reader(std::get<QJsonObject>(parsed), failure);
    const Config config = readConfig(reader);
    if (failure.failed())
        return failure.error();
    return config;
}

QJsonObject encodeConfig(const Config &config)
{
    QJsonArray fields;
    for (const ConfigField &field : config.fields) {
        QJsonObject object { { "name"_L1, field.name }, { "type"_L1, name(field.type) },
            { "required"_L1, field.required } };
        if (!field.labels.isEmpty())
            object.insert("label"_L1, objectOf(field.labels));
        fields.append(object);
    }
    QJsonObject document { { "protocol"_L1, Version }, { "company"_L1, config.company },
        { "preset"_L1, config.preset },
        { "languages"_L1, QJsonArray::fromStringList(config.languages) },
        { "defaultLanguage"_L1, config.defaultLanguage }, { "texts"_L1, objectOf(config.texts) },
        { "fields"_L1, fields },
        { "features"_L1,
            QJsonObject { { "chat"_L1, config.chat }, { "callback"_L1, config.callback },
                { "offlineMessage"_L1, config.offlineMessage } } },
        { "offlineBehavior"_L1,
            config.offlineBehavior == Config::OfflineBehavior::Disabled ? u"disabled"_s
                                                                        : u"form"_s },
        { "phoneRegion"_L1, config.phoneRegion }, { "colors"_L1, objectOf(config.colors) },
        { "socket"_L1, config.socket }, { "heartbeatSeconds"_L1, config.heartbeatSeconds },
        { "rating"_L1, name(config.rating) } };
    // Optional additions: a preset without them reads as before.
    if (config.businessHours.isSet())
        document.insert("businessHours"_L1, encodeBusinessHours(config.businessHours));
    if (config.expectedReplyMinutes > 0)
        document.insert("expectedReplyMinutes"_L1, config.expectedReplyMinutes);
    if (config.attachments.enabled())
        document.insert("attachments"_L1, encodeAttachmentPolicy(config.attachments));
    return document;
}

} // namespace OWidget::Protocol
