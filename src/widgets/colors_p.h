// The colours the chat window paints text with, and what it paints that text on: every pair
// reads at WCAG 2.1 level AA (4.5:1), computed here and nowhere else.
#pragma once

#include "widgetstestexport_p.h"

#include <QColor>
#include <QPalette>

namespace OWidget::Colors {

/// WCAG 2.1 level AA for normal text: what every text colour has against its background.
constexpr qreal MinimumContrast = 4.5;

/// `a` moved towards `b` by `amount` (0…1).
inline QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * amount),
        float(a.greenF() + (b.greenF() - a.greenF()) * amount),
        float(a.blueF() + (b.blueF() - a.blueF()) * amount));
}

/// WCAG 2.1 relative luminance (0 for black, 1 for white).
OWIDGET_WIDGETS_TEST_EXPORT qreal luminance(const QColor &color);
/// WCAG 2.1 contrast ratio (1…21) of `text` on `background`; a translucent text colour is
/// blended onto the background first.
OWIDGET_WIDGETS_TEST_EXPORT qreal contrast(const QColor &text, const QColor &background);
/// Near-black or white, whichever has the higher contrast on `background`.
OWIDGET_WIDGETS_TEST_EXPORT QColor textOn(const QColor &background);
/// `color` darkened or lightened (away from `against`) until the two differ by `ratio`; as it
/// is when they do already.
OWIDGET_WIDGETS_TEST_EXPORT QColor readable(
    const QColor &color, const QColor &against, qreal ratio = MinimumContrast);
/// A colour to fill under text (a preset's accent, a status colour), adjusted so that
/// textOn() reads on it.
OWIDGET_WIDGETS_TEST_EXPORT QColor underText(const QColor &color);
/// A palette whose own text and background pairs reach WCAG's level AAA (7:1): a system
/// high-contrast theme, used as it is.
OWIDGET_WIDGETS_TEST_EXPORT bool isHighContrast(const QPalette &palette);

/// Every colour of the chat window, from the window's palette and the preset's accent.
struct Scheme
{
    bool highContrast = false;
    QColor accent;          ///< the header, the visitor's bubbles, the main buttons
    QColor onAccent;        ///< the text on them
    QColor onAccentSubdued; ///< the header's subtitle, the times in the visitor's bubbles
    QColor base;            ///< the conversation's and the forms' background
    QColor window;          ///< the queue banner's and the composer's background
    QColor text;            ///< on base
    QColor operatorBubble;  ///< the operator's bubbles, on base
    QColor subdued;         ///< times, events, hints: on base and on the operator's bubbles
    QColor operatorName;    ///< on the operator's bubbles
    QColor link;            ///< on base and on the operator's bubbles
    QColor error;           ///< on base and on window
};

/// The scheme for `palette` with the preset's `accent` (invalid: the palette's highlight).
OWIDGET_WIDGETS_TEST_EXPORT Scheme scheme(const QPalette &palette, const QColor &accent);

} // namespace OWidget::Colors
