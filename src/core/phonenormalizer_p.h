// The default phone number normalizer: libphonenumber, international format.
#pragma once

#include "testexport_p.h"

#include <QString>

#include <optional>

namespace OWidget::PhoneNormalizer {

/// `number` in the international format ("+420 777 666 555"), reading a number written without
/// a country code as one of `region` (ISO 3166-1 alpha-2, e.g. "CZ"). nullopt when the number
/// is not a valid phone number, or is longer than the protocol allows.
OWIDGET_TEST_EXPORT std::optional<QString> normalize(const QString &number, const QString &region);

/// The region to read numbers in: the preset's `phoneRegion` when set, else the territory of
/// `language` ("cs" → "CZ", "en-GB" → "GB"), else the territory of the system locale.
OWIDGET_TEST_EXPORT QString regionFor(const QString &presetRegion, const QString &language);

} // namespace OWidget::PhoneNormalizer
