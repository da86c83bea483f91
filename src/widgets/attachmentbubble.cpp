#include "attachmentbubble_p.h"

#include "messagetext_p.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr qreal ImageSide = 240; ///< the thumbnails' box, as Controller::attachmentThumbnail
constexpr qreal MinImageSide = 48;
constexpr qreal CardWidth = 260;
constexpr qreal CardPadding = 8;
constexpr qreal IconWidth = 26;
constexpr qreal IconHeight = 32;
constexpr qreal ProgressHeight = 4;
constexpr qreal Radius = 8;

/// The image's size fitted into the thumbnails' box and the bubble.
QSizeF imageSize(const AttachmentView &view, qreal maxWidth)
{
    QSizeF size = view.attachment.pixelSize;
    const qreal side = qMin(ImageSide, maxWidth);
    size.scale(QSizeF(side, side), Qt::KeepAspectRatio);
    if (size.width() > view.attachment.pixelSize.width())
        size = view.attachment.pixelSize; // a small image stays its own size
    return { std::ceil(qMax(MinImageSide, size.width())),
        std::ceil(qMax(MinImageSide, size.height())) };
}

/// The second line of a card: the size and what a click does, or the upload's state.
QString cardDetail(const AttachmentView &view, const QLocale &locale)
{
    const QString size = AttachmentBubble::sizeText(view.attachment.size, locale);
    if (view.failed)
        return QCoreApplication::translate("OWidget::AttachmentBubble", "%1 · not sent").arg(size);
    if (view.isUploading()) {
        return QCoreApplication::translate("OWidget::AttachmentBubble", "Uploading %1% · Cancel")
            .arg(locale.toString(qRound(view.progress * 100)));
    }
    return size + u" · "_s + AttachmentBubble::action(view);
}

void paintDocumentIcon(QPainter *painter, const QRectF &icon, const QColor &color)
{
    const qreal fold = icon.width() * 0.35;
    QPainterPath page;
    page.moveTo(icon.topLeft());
    page.lineTo(icon.right() - fold, icon.top());
    page.lineTo(icon.right(), icon.top() + fold);
    page.lineTo(icon.bottomRight());
    page.lineTo(icon.bottomLeft());
    page.closeSubpath();
    painter->setPen(QPen(color, 1.5));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(page);
    painter->drawLine(
        QPointF(icon.right() - fold, icon.top()), QPointF(icon.right() - fold, icon.top() + fold));
    painter->drawLine(
        QPointF(icon.right() - fold, icon.top() + fold), QPointF(icon.right(), icon.top() + fold));
}

} // namespace

bool AttachmentView::showsImage() const
{
    return attachment.isImage() && !attachment.id.isEmpty() && attachment.pixelSize.isValid()
        && !thumbnailFailed && !isUploading() && !failed;
}

namespace AttachmentBubble {

QSizeF size(const AttachmentView &view, qreal maxWidth, const QFont &font)
{
    if (view.showsImage())
        return imageSize(view, maxWidth);
    const QFontMetricsF metrics(font);
    const QFontMetricsF small(MessageText::smallFont(font));
    const qreal height = qMax(IconHeight, metrics.height() + small.height() + 2) + 2 * CardPadding
        + (view.isUploading() ? ProgressHeight + 4 : 0);
    return { std::ceil(qMin(CardWidth, maxWidth)), std::ceil(height) };
}

void paint(QPainter *painter, const QRectF &box, const AttachmentView &view,
    const Colors::Scheme &colors, bool visitor, const QFont &font)
{
    painter->save();
    const QColor &onBubble = visitor ? colors.onAccent : colors.text;
    const QColor &subdued = visitor ? colors.onAccentSubdued : colors.subdued;
    QPainterPath frame;
    frame.addRoundedRect(box, Radius, Radius);
    if (view.showsImage()) {
        if (view.thumbnail.isNull()) {
            // Until it comes: the image's shape, so that nothing moves when it does.
            painter->fillPath(frame, Colors::mix(colors.base, colors.text, 0.12));
        } else {
            painter->setClipPath(frame);
            painter->drawImage(box, view.thumbnail);
        }
        painter->restore();
        return;
    }

    painter->fillPath(frame,
        Colors::mix(visitor ? colors.accent : colors.operatorBubble,
            visitor ? colors.onAccent : colors.text, 0.12));
    const bool rightToLeft = painter->layoutDirection() == Qt::RightToLeft;
    const QRectF inner = box.adjusted(CardPadding, CardPadding, -CardPadding, -CardPadding);
    const QRectF icon(
        rightToLeft ? inner.right() - IconWidth : inner.left(), inner.top(), IconWidth, IconHeight);
    paintDocumentIcon(painter, icon.adjusted(3, 1, -3, -1), onBubble);

    const qreal textLeft = rightToLeft ? inner.left() : icon.right() + CardPadding;
    const qreal textWidth = inner.width() - IconWidth - CardPadding;
    const QFontMetricsF metrics(font);
    const QFont small = MessageText::smallFont(font);
    const Qt::Alignment start = Qt::AlignAbsolute | (rightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    painter->setFont(font);
    painter->setPen(onBubble);
    const QRectF nameRect(textLeft, inner.top(), textWidth, metrics.height());
    // The name keeps its extension: the middle goes, not the end.
    painter->drawText(nameRect, start | Qt::AlignVCenter,
        metrics.elidedText(view.attachment.name, Qt::ElideMiddle, textWidth));
    painter->setFont(small);
    painter->setPen(subdued);
    const QRectF detailRect(
        textLeft, nameRect.bottom() + 2, textWidth, QFontMetricsF(small).height());
    painter->drawText(detailRect, start | Qt::AlignVCenter,
        QFontMetricsF(small).elidedText(cardDetail(view, QLocale()), Qt::ElideRight, textWidth));

    if (view.isUploading()) {
        const QRectF track(
            inner.left(), inner.bottom() - ProgressHeight, inner.width(), ProgressHeight);
        painter->setPen(Qt::NoPen);
        painter->setBrush(
            Colors::mix(visitor ? colors.accent : colors.operatorBubble, onBubble, 0.3));
        painter->drawRoundedRect(track, 2, 2);
        QRectF done = track;
        done.setWidth(track.width() * qBound<qreal>(0, view.progress, 1));
        if (rightToLeft)
            done.moveRight(track.right());
        painter->setBrush(onBubble);
        painter->drawRoundedRect(done, 2, 2);
    }
    painter->restore();
}

QString sizeText(qint64 bytes, const QLocale &locale)
{
    // Qt's own catalog says "46 bajty" in Czech: the word for bytes takes the catalog's plurals.
    if (bytes < 1024) {
        return QCoreApplication::translate(
            "OWidget::AttachmentBubble", "%n byte(s)", nullptr, int(qMax<qint64>(0, bytes)));
    }
    QString text = locale.formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
    // "10.0 MB" reads as "10 MB".
    const QString zero = locale.decimalPoint() + locale.zeroDigit() + u' ';
    if (text.contains(zero))
        text.replace(zero, u" "_s);
    return text;
}

QString action(const AttachmentView &view)
{
    if (view.isUploading() || view.failed)
        return QCoreApplication::translate("OWidget::AttachmentBubble", "Cancel");
    return QCoreApplication::translate("OWidget::AttachmentBubble", "Save as…");
}

QString description(const AttachmentView &view, const QLocale &locale)
{
    const QString size = AttachmentBubble::sizeText(view.attachment.size, locale);
    QString text = view.attachment.isImage()
        ? QCoreApplication::translate("OWidget::AttachmentBubble", "Image %1, %2")
              .arg(view.attachment.name, size)
        : QCoreApplication::translate("OWidget::AttachmentBubble", "File %1, %2")
              .arg(view.attachment.name, size);
    if (view.isUploading()) {
        text = QCoreApplication::translate("OWidget::AttachmentBubble", "%1, uploading %2%")
                   .arg(text, locale.toString(qRound(view.progress * 100)));
    } else if (view.failed) {
        text = QCoreApplication::translate("OWidget::AttachmentBubble", "%1, not sent").arg(text);
    }
    return text;
}

} // namespace AttachmentBubble
} // namespace OWidget
