// Web links in untrusted plain text: found by the widget itself, only https:, http: and mailto:.
#pragma once

#include "widgetstestexport_p.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace OWidget::TextLinks {

struct Link
{
    int start = 0;
    int length = 0;
    QUrl url;
};

/// The links in `text`, in order; each one's scheme is https, http or mailto.
OWIDGET_WIDGETS_TEST_EXPORT QList<Link> find(const QString &text);
/// Whether `url` may be opened: https, http or mailto, and nothing else.
OWIDGET_WIDGETS_TEST_EXPORT bool isAllowed(const QUrl &url);

} // namespace OWidget::TextLinks
