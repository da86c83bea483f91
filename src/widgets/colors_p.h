// Small colour helpers shared by the widgets' painting.
#pragma once

#include <QColor>

#include <cmath>

namespace OWidget::Colors {

/// `a` moved towards `b` by `amount` (0…1).
inline QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amount),
        float(a.greenF() + (b.greenF() - a.greenF()) * amount),
        float(a.blueF() + (b.blueF() - a.blueF()) * amount));
}

/// Near-black or white, whichever reads better on `background` (WCAG relative luminance).
inline QColor textOn(const QColor &background)
{
    const auto channel
        = [](qreal c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const qreal luminance = 0.2126 * channel(background.redF())
        + 0.7152 * channel(background.greenF()) + 0.0722 * channel(background.blueF());
    return luminance > 0.36 ? QColor(0x1B, 0x1B, 0x1F) : QColor(Qt::white);
}

} // namespace OWidget::Colors
