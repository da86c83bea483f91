#include "inputcheck_p.h"

#include "protocol_p.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace OWidget {

std::optional<Error> InputCheck::initArguments(const QString &companyId,
    const QString &widgetPreset, const QString &language, const QString &scope)
{
    const QString company = companyId.trimmed();
    if (!Protocol::isGuid(company)) {
        return Error { Error::Code::InvalidCompanyId,
            tr("The company id '%1' is not a GUID "
               "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
                .arg(companyId.left(64)) };
    }
    if (Protocol::characterCount(widgetPreset) > Protocol::MaxIdLength) {
        return Error { Error::Code::InvalidArgument,
            tr("The widget preset name is longer than %1 characters.").arg(Protocol::MaxIdLength) };
    }
    // A locale name such as "cs_CZ" is taken for the tag "cs-CZ".
    if (!language.isEmpty() && !Protocol::isLanguageTag(QString(language).replace(u'_', u'-'))) {
        return Error { Error::Code::InvalidArgument,
            tr("The language '%1' is not a language tag such as 'cs' or 'en-GB'.")
                .arg(language.left(32)) };
    }
    if (scope.size() > 256)
        return Error { Error::Code::InvalidArgument,
            tr("The scope is longer than 256 characters.") };
    return std::nullopt;
}

std::optional<Error> InputCheck::customData(
    const QVariantMap &existing, const QString &name, const QString &value)
{
    if (name.isEmpty() || Protocol::characterCount(name) > Protocol::MaxCustomNameLength
        || Protocol::characterCount(value) > Protocol::MaxCustomValueLength) {
        return Error { Error::Code::InvalidArgument,
            tr("Custom data '%1' was refused: names are 1 to %2 characters, values at "
               "most %3.")
                .arg(name.left(Protocol::MaxCustomNameLength))
                .arg(Protocol::MaxCustomNameLength)
                .arg(Protocol::MaxCustomValueLength) };
    }
    if (!existing.contains(name) && existing.size() >= Protocol::MaxCustomData) {
        return Error { Error::Code::InvalidArgument,
            tr("Custom data '%1' was refused: at most %2 entries.")
                .arg(name)
                .arg(Protocol::MaxCustomData) };
    }
    return std::nullopt;
}

std::optional<Error> InputCheck::messageText(const QString &trimmed)
{
    if (trimmed.isEmpty() || Protocol::characterCount(trimmed) > Protocol::MaxTextLength) {
        return Error { Error::Code::InvalidArgument,
            tr("A message must have 1 to %1 characters.").arg(Protocol::MaxTextLength) };
    }
    return std::nullopt;
}

std::optional<Error> InputCheck::backoff(
    std::chrono::milliseconds base, std::chrono::milliseconds cap)
{
    if (base.count() < 1 || cap < base || cap.count() > std::numeric_limits<int>::max()) {
        return Error { Error::Code::InvalidArgument,
            tr("The reconnection delays %1 ms and %2 ms were refused: the base must be at "
               "least 1 ms and the cap at least the base.")
                .arg(base.count())
                .arg(cap.count()) };
    }
    return std::nullopt;
}

std::optional<Error> InputCheck::fields(const QList<FormField> &form, const QVariantMap &values,
    const QString &language, const PhoneNormalizer &normalizePhone, QVariantMap *normalized)
{
    const auto invalid = [](const QString &message) {
        return Error { Error::Code::InvalidArgument, message };
    };
    *normalized = values;
    for (const FormField &field : form) {
        const QString value = values.value(field.name).toString().trimmed();
        if (value.isEmpty()) {
            if (field.required)
                return invalid(tr("The field '%1' is required.").arg(field.label(language)));
            continue;
        }
        if (Protocol::characterCount(value) > Protocol::MaxFieldValueLength)
            return invalid(tr("The field '%1' is too long.").arg(field.label(language)));
        if (field.type == FormField::Type::Phone) {
            const auto phone = normalizePhone(value);
            if (!phone)
                return invalid(tr("'%1' is not a valid phone number.").arg(value));
            normalized->insert(field.name, *phone);
        } else {
            normalized->insert(field.name, value);
        }
    }
    return std::nullopt;
}

} // namespace OWidget
