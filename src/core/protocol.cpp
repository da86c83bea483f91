#include "protocol_p.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

QColor colorOf(const Config &config, const QString &name)
{
    const QString text = config.colors.value(name);
    return text.isEmpty() ? QColor() : QColor::fromString(text);
}

FormField::Type fieldType(FieldType type)
{
    switch (type) {
    case FieldType::Email:
        return FormField::Type::Email;
    case FieldType::Phone:
        return FormField::Type::Phone;
    case FieldType::TextArea:
        return FormField::Type::TextArea;
    case FieldType::Text:
        break;
    }
    return FormField::Type::Text;
}

} // namespace

QString randomToken(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), bytes / 4);
    return QString::fromLatin1(
        random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Attachment attachment(const AttachmentInfo &info)
{
    if (info.id.isEmpty())
        return {};
    Attachment attachment;
    attachment.id = info.id;
    attachment.name = info.name;
    attachment.type = info.type;
    attachment.size = info.size;
    if (info.width > 0 && info.height > 0)
        attachment.pixelSize = QSize(info.width, info.height);
    return attachment;
}

std::variant<PresetConfig, DecodeError> parsePresetConfig(const QByteArray &document)
{
    auto parsed = parseConfig(document);
    if (const auto *error = std::get_if<DecodeError>(&parsed))
        return *error;
    const Config &config = std::get<Config>(parsed);
    PresetConfig preset;
    preset.company = config.company;
    preset.preset = config.preset;
    preset.languages = config.languages;
    preset.defaultLanguage = config.defaultLanguage;
    preset.texts = config.texts;
    for (const ConfigField &field : config.fields)
        preset.fields.append({ field.name, fieldType(field.type), field.required, field.labels });
    preset.chatEnabled = config.chat;
    preset.callbackEnabled = config.callback;
    preset.offlineMessageEnabled = config.offlineMessage;
    preset.offlineBehavior = config.offlineBehavior == Config::OfflineBehavior::Disabled
        ? PresetConfig::OfflineBehavior::Disabled
        : PresetConfig::OfflineBehavior::Form;
    preset.phoneRegion = config.phoneRegion;
    preset.onlineColor = colorOf(config, u"online"_s);
    preset.busyColor = colorOf(config, u"busy"_s);
    preset.offlineColor = colorOf(config, u"offline"_s);
    preset.accentColor = colorOf(config, u"accent"_s);
    preset.socket = config.socket;
    if (config.attachments.enabled()) {
        preset.attachmentMaxBytes = config.attachments.maxBytes;
        preset.attachmentTypes = config.attachments.types;
    }
    preset.heartbeatSeconds = config.heartbeatSeconds;
    preset.rating = config.rating == RatingKind::Stars ? PresetConfig::Rating::Stars
        : config.rating == RatingKind::Thumbs          ? PresetConfig::Rating::Thumbs
                                                       : PresetConfig::Rating::None;
    preset.timeZone = config.businessHours.timeZone;
    for (const OpeningInterval &interval : config.businessHours.intervals) {
        preset.openingHours.append(
            { static_cast<Qt::DayOfWeek>(interval.day), interval.fromMinute, interval.toMinute });
    }
    preset.expectedReplyMinutes = config.expectedReplyMinutes;
    return preset;
}

Error::Code errorCodeFor(const QString &protocolCode)
{
    const auto code = errorCodeFromName(protocolCode);
    switch (code.value_or(ErrorCode::BadRequest)) {
    case ErrorCode::UnknownCompany:
        return Error::Code::UnknownCompany;
    case ErrorCode::UnknownPreset:
        return Error::Code::UnknownPreset;
    case ErrorCode::TooLarge:
        return Error::Code::TooLarge;
    case ErrorCode::RateLimited:
        return Error::Code::RateLimited;
    case ErrorCode::ResumeRejected:
        return Error::Code::ResumeRejected;
    case ErrorCode::ProtocolVersion:
        return Error::Code::UnsupportedProtocol;
    case ErrorCode::Internal:
        return Error::Code::ServerError;
    default:
        return Error::Code::Rejected;
    }
}

StringMap stringMap(const QVariantMap &map)
{
    StringMap strings;
    for (auto it = map.constBegin(); it != map.constEnd(); ++it)
        strings.insert(it.key(), it.value().toString());
    return strings;
}

} // namespace OWidget::Protocol
