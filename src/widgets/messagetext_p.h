// A message's text as the bubbles lay it out: one QTextLayout per paragraph, each in the
// direction of its own text (Unicode's paragraph rule: an Arabic paragraph runs from the right
// and an English one from the left, whatever the window's direction), links underlined, emoji in
// the colour emoji font; and the smaller font of names, times and events.
#pragma once

#include "textlinks_p.h"

#include <QColor>
#include <QFont>
#include <QList>
#include <QSizeF>
#include <QTextLayout>

#include <memory>

namespace OWidget::MessageText {

struct Style
{
    QList<TextLinks::Link> links; ///< found in the whole text
    QColor linkColor;             ///< invalid: the bubble's text colour
    bool italic = false;          ///< the typing indicator
};

/// Appends a layout per paragraph of `text` to `paragraphs`, and where each starts in `text`
/// to `starts`; the lines are broken later (breakLines()).
void layOut(const QString &text, const QFont &font, const Style &style,
    QList<std::shared_ptr<QTextLayout>> *paragraphs, QList<int> *starts);
/// Breaks `layout` into lines at most `width` wide, stacked from `top`; returns the height and
/// the widest line.
QSizeF breakLines(QTextLayout &layout, qreal width, qreal top);
/// The font of names, times and events: 82% of `base`.
QFont smallFont(const QFont &base);

} // namespace OWidget::MessageText
