// An operator's face where the window names them: their picture when there is one, else their
// initials on a colour of their own, the same for the same name everywhere.
#pragma once

#include "widgetstestexport_p.h"

#include <QColor>
#include <QImage>
#include <QPixmap>
#include <QString>

namespace OWidget::Avatar {

/// The first letters of the first and the last word of `name` ("Jana Nováková" → "JN"), in
/// upper case, whole characters beyond the BMP included; empty for a name without letters.
OWIDGET_WIDGETS_TEST_EXPORT QString initials(const QString &name);
/// A colour chosen by `name`, dark or light enough that Colors::textOn() reads on it (WCAG AA),
/// whatever the window's palette.
OWIDGET_WIDGETS_TEST_EXPORT QColor color(const QString &name);
/// A round picture `size` logical pixels across: `image` when it is not null, else the
/// initials on color().
OWIDGET_WIDGETS_TEST_EXPORT QPixmap pixmap(
    const QString &name, const QImage &image, int size, qreal devicePixelRatio);

} // namespace OWidget::Avatar
