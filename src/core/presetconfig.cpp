#include <owidget/presetconfig.h>

#include "protocol/businesshours.h"

#include <algorithm>

namespace OWidget {

/// The label in `language`; else the label of the first language (in sorted order) that has
/// one, so the choice does not depend on hash order; else the field's name. Empty labels count
/// as missing.
QString FormField::label(const QString &language) const
{
    const QString exact = labels.value(language);
    if (!exact.isEmpty())
        return exact;
    QStringList languages = labels.keys();
    std::sort(languages.begin(), languages.end());
    for (const QString &other : std::as_const(languages)) {
        const QString text = labels.value(other);
        if (!text.isEmpty())
            return text;
    }
    return name;
}

/// The preset's text for `key` in `language`, or an empty string when the preset has none (the
/// caller then falls back to its own catalog).
QString PresetConfig::text(const QString &language, const QString &key) const
{
    return texts.value(language).value(key);
}

namespace {

Protocol::BusinessHours businessHours(const PresetConfig &config)
{
    Protocol::BusinessHours hours { config.timeZone, {} };
    for (const OpeningInterval &interval : config.openingHours)
        hours.intervals.append({ int(interval.day), interval.fromMinute, interval.toMinute });
    return hours;
}

} // namespace

/// The server computes the status from the same hours; this lets the window say why it is
/// offline. A time zone this system does not know counts as always open.
bool PresetConfig::isOpenAt(const QDateTime &when) const
{
    return Protocol::isOpen(businessHours(*this), when);
}

QDateTime PresetConfig::nextOpening(const QDateTime &when) const
{
    return Protocol::nextOpening(businessHours(*this), when);
}

} // namespace OWidget
