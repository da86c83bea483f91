#include "thumbnaildecoder_p.h"

#include "protocol/attachments.h"
#include "protocol/limits.h"

#include <QBuffer>
#include <QImageReader>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

// Room for the largest picture allowed at four bytes a pixel, and no more: a decoder that
// would allocate beyond it stops instead.
constexpr int AllocationLimitMegabytes = int(4 * ThumbnailDecoder::MaxPixels / (1024 * 1024)) + 1;

QImage refuse(QString *problem, const QString &why)
{
    if (problem)
        *problem = why;
    return {};
}

} // namespace

QByteArray ThumbnailDecoder::formatFor(const QString &type)
{
    if (type == "image/png"_L1)
        return "png"_ba;
    if (type == "image/jpeg"_L1)
        return "jpeg"_ba;
    if (type == "image/gif"_L1)
        return "gif"_ba;
    if (type == "image/webp"_L1)
        return "webp"_ba;
    return {};
}

QImage ThumbnailDecoder::decode(const QByteArray &bytes, const QSize &box, QString *problem)
{
    if (bytes.isEmpty())
        return refuse(problem, u"the file is empty"_s);
    if (bytes.size() > Protocol::MaxAttachmentBytes)
        return refuse(problem, u"the file is larger than an attachment may be"_s);
    if (!box.isValid() || box.isEmpty())
        return refuse(problem, u"no room for a thumbnail"_s);
    // The type its bytes say, whatever a header or a name claimed: one decoder, chosen here.
    const QByteArray format = formatFor(Protocol::sniffAttachmentType(QByteArrayView(bytes).first(
        qMin<qsizetype>(bytes.size(), Protocol::AttachmentSniffBytes))));
    if (format.isEmpty())
        return refuse(problem, u"not a PNG, JPEG, GIF or WebP image"_s);
    if (!QImageReader::supportedImageFormats().contains(format))
        return refuse(problem, u"this system cannot decode %1"_s.arg(QLatin1StringView(format)));

    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    reader.setDecideFormatFromContent(false);
    reader.setAutoTransform(true);
    reader.setAllocationLimit(AllocationLimitMegabytes);
    // The header's size decides before a pixel is decoded: a small file may claim a picture
    // that would take gigabytes.
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return refuse(problem, u"its size cannot be read"_s);
    if (size.width() > Protocol::MaxImageSide || size.height() > Protocol::MaxImageSide
        || qint64(size.width()) * size.height() > MaxPixels)
        return refuse(problem,
            u"it claims %1×%2 pixels, more than allowed"_s.arg(size.width()).arg(size.height()));
    QSize scaled = size;
    if (size.width() > box.width() || size.height() > box.height())
        scaled = size.scaled(box, Qt::KeepAspectRatio).expandedTo(QSize(1, 1));
    reader.setScaledSize(scaled);
    QImage image;
    // One read: a GIF's first frame only.
    if (!reader.read(&image) || image.isNull())
        return refuse(problem, u"it cannot be decoded: %1"_s.arg(reader.errorString()));
    if (image.size() != scaled && image.size() != scaled.transposed())
        return refuse(problem, u"its pixels are not the size its header claims"_s);
    return image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

} // namespace OWidget
