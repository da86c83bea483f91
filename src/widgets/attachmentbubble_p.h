// A message's file inside its bubble: an image as its thumbnail (a placeholder of the image's
// shape until the thumbnail comes), any other file as a card with its name, its size and what
// a click does ("Save as…"); the visitor's file on its way as a card with the upload's progress
// and "Cancel". The message delegate asks it for the size and has it paint.
#pragma once

#include "colors_p.h"
#include "widgetstestexport_p.h"

#include <owidget/types.h>

#include <QImage>
#include <QMetaType>

class QFont;
class QLocale;
class QPainter;
class QRectF;
class QSizeF;

namespace OWidget {

/// What the bubble shows of a message's attachment (MessageModel::AttachmentRole).
struct OWIDGET_WIDGETS_TEST_EXPORT AttachmentView
{
    Attachment attachment;
    QImage thumbnail;             ///< null until fetched, or when it cannot be shown
    bool thumbnailFailed = false; ///< the server's image could not be decoded: a card instead
    qreal progress = -1;          ///< 0 to 1 while the visitor's file uploads; -1 otherwise
    bool failed = false;          ///< the upload or its message was refused

    bool isNull() const { return attachment.isNull(); }
    bool isUploading() const { return progress >= 0; }
    /// Shown as a picture rather than a card.
    bool showsImage() const;
};

namespace AttachmentBubble {

/// The size the attachment takes in a bubble whose content may be `maxWidth` wide.
OWIDGET_WIDGETS_TEST_EXPORT QSizeF size(
    const AttachmentView &view, qreal maxWidth, const QFont &font);
/// Paints the attachment in `box` (its size()), on a bubble of the visitor's accent or the
/// operator's colour.
void paint(QPainter *painter, const QRectF &box, const AttachmentView &view,
    const Colors::Scheme &colors, bool visitor, const QFont &font);
/// A file's size as people read it: "240 KB", "1.5 MB", "10 MB" (one decimal at most).
OWIDGET_WIDGETS_TEST_EXPORT QString sizeText(qint64 bytes, const QLocale &locale);
/// What a click on it or Enter does, as a link would say it: "Save as…", "Cancel".
OWIDGET_WIDGETS_TEST_EXPORT QString action(const AttachmentView &view);
/// What a screen reader says of it: "Image screenshot.png, 120 KB", "File report.pdf, 2 MB,
/// uploading 45%".
OWIDGET_WIDGETS_TEST_EXPORT QString description(const AttachmentView &view, const QLocale &locale);

} // namespace AttachmentBubble
} // namespace OWidget

Q_DECLARE_METATYPE(OWidget::AttachmentView)
