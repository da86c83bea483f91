#include "phonenormalizer_p.h"

#include "protocol/limits.h"

#include <QLocale>

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace OWidget::PhoneNormalizer {

namespace {

// Digits (of any script libphonenumber reads) and the punctuation people write numbers with;
// letters (vanity numbers, "ext.") are refused rather than left to libphonenumber's lenient
// reading.
bool hasOnlyPhoneCharacters(const QString &number)
{
    return std::all_of(number.cbegin(), number.cend(),
        [](QChar c) { return c.isDigit() || c.isSpace() || QStringView(u"+-()./").contains(c); });
}

// `code` upper-cased when libphonenumber knows it as a region, else an empty string.
QString supportedRegion(const QString &code)
{
    const QString upper = code.trimmed().toUpper();
    if (upper.isEmpty())
        return {};
    return PhoneNumberUtil::GetInstance()->GetCountryCodeForRegion(upper.toStdString()) != 0
        ? upper
        : QString();
}

QString territoryOf(const QLocale &locale)
{
    if (locale.territory() == QLocale::AnyTerritory)
        return {};
    return supportedRegion(QLocale::territoryToCode(locale.territory()));
}

} // namespace

std::optional<QString> normalize(const QString &number, const QString &region)
{
    const QString trimmed = number.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > Protocol::MaxPhoneLength
        || !hasOnlyPhoneCharacters(trimmed))
        return std::nullopt;

    const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
    PhoneNumber parsed;
    // An unknown region still parses a number that starts with "+".
    const std::string regionCode = region.trimmed().toUpper().toStdString();
    if (util->Parse(trimmed.toStdString(), regionCode, &parsed) != PhoneNumberUtil::NO_PARSING_ERROR
        || !util->IsValidNumber(parsed))
        return std::nullopt;

    std::string formatted;
    util->Format(parsed, PhoneNumberUtil::INTERNATIONAL, &formatted);
    const QString result = QString::fromStdString(formatted);
    if (result.size() > Protocol::MaxPhoneLength)
        return std::nullopt;
    return result;
}

QString regionFor(const QString &presetRegion, const QString &language)
{
    if (QString preset = supportedRegion(presetRegion); !preset.isEmpty())
        return preset;
    if (!language.trimmed().isEmpty()) {
        const QLocale locale(language.trimmed());
        if (locale.language() != QLocale::C) {
            if (QString territory = territoryOf(locale); !territory.isEmpty())
                return territory;
        }
    }
    return territoryOf(QLocale::system());
}

} // namespace OWidget::PhoneNormalizer
