#include "colors_p.h"

#include <cmath>

namespace OWidget::Colors {

namespace {

const QColor NearBlack(0x1B, 0x1B, 0x1F);

/// `color` blended onto `background` by its alpha.
QColor over(const QColor &color, const QColor &background)
{
    if (color.alpha() == 255)
        return color;
    return mix(background, QColor(color.red(), color.green(), color.blue()), color.alphaF());
}

/// `text` moved towards `background` by up to `amount`, as far as it still reads on it: the
/// quieter texts (times, hints) keep AA contrast on any background.
QColor subdued(const QColor &text, const QColor &background, qreal amount)
{
    for (qreal t = amount; t > 0.001; t -= 0.05) {
        const QColor candidate = mix(text, background, t);
        if (contrast(candidate, background) >= MinimumContrast)
            return candidate;
    }
    return text;
}

} // namespace

qreal luminance(const QColor &color)
{
    const auto channel
        = [](qreal c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

qreal contrast(const QColor &text, const QColor &background)
{
    const qreal a = luminance(over(text, background)) + 0.05;
    const qreal b = luminance(background) + 0.05;
    return a > b ? a / b : b / a;
}

QColor textOn(const QColor &background)
{
    return contrast(NearBlack, background) > contrast(Qt::white, background) ? NearBlack
                                                                             : QColor(Qt::white);
}

QColor readable(const QColor &color, const QColor &against, qreal ratio)
{
    if (contrast(color, against) >= ratio)
        return color;
    // Away from the background: darker on a light one, lighter on a dark one.
    const QColor end = contrast(Qt::black, against) > contrast(Qt::white, against)
        ? QColor(Qt::black)
        : QColor(Qt::white);
    for (int step = 1; step < 50; ++step) {
        const QColor candidate = mix(color, end, step / 50.0);
        if (contrast(candidate, against) >= ratio)
            return candidate;
    }
    return end;
}

QColor underText(const QColor &color)
{
    return readable(color, textOn(color));
}

bool isHighContrast(const QPalette &palette)
{
    const std::pair<QPalette::ColorRole, QPalette::ColorRole> pairs[] = {
        { QPalette::Text, QPalette::Base },
        { QPalette::WindowText, QPalette::Window },
        { QPalette::ButtonText, QPalette::Button },
        { QPalette::HighlightedText, QPalette::Highlight },
    };
    for (const auto &[text, background] : pairs) {
        if (contrast(palette.color(text), palette.color(background)) < 7)
            return false;
    }
    return true;
}

Scheme scheme(const QPalette &palette, const QColor &accent)
{
    Scheme s;
    s.base = palette.color(QPalette::Base);
    s.window = palette.color(QPalette::Window);
    s.text = palette.color(QPalette::Text);
    const bool dark = s.window.lightnessF() < 0.5;
    s.error = readable(
        readable(dark ? QColor(0xFF, 0x8A, 0x80) : QColor(0xC6, 0x28, 0x28), s.window), s.base);
    s.highContrast = isHighContrast(palette);
    if (s.highContrast) {
        // The person chose these colours to read at all: no accent, no shades, no fading.
        s.accent = palette.color(QPalette::Highlight);
        s.onAccent = s.onAccentSubdued = palette.color(QPalette::HighlightedText);
        s.operatorBubble = s.base;
        s.subdued = s.operatorName = s.text;
        s.link = palette.color(QPalette::Link);
        return s;
    }
    const QColor wanted = accent.isValid() ? accent : palette.color(QPalette::Highlight);
    s.accent = underText(wanted);
    s.onAccent = textOn(s.accent);
    s.onAccentSubdued = subdued(s.onAccent, s.accent, 0.2);
    s.operatorBubble = mix(s.base, s.text, 0.08);
    s.subdued = subdued(s.text, s.operatorBubble, 0.45);
    s.operatorName
        = readable(dark ? mix(wanted, Qt::white, 0.45) : wanted.darker(110), s.operatorBubble);
    s.link = readable(readable(palette.color(QPalette::Link), s.operatorBubble), s.base);
    return s;
}

} // namespace OWidget::Colors
