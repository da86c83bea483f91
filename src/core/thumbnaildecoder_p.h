// Decodes an attached image into a thumbnail, with limits: the file's size, its type told by
// its first bytes (PNG, JPEG, GIF's first frame, WebP where Qt has the plugin), the pixel count
// its header claims, read before a pixel is decoded, and the memory the decoder may take. A
// small file that claims a huge picture, a truncated one, or one whose pixels are not what its
// header says gives a null image and the reason. Pure: bytes in, image out.
#pragma once

#include "testexport_p.h"

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace OWidget {

class OWIDGET_TEST_EXPORT ThumbnailDecoder
{
public:
    /// The most pixels an image may claim: a 40-megapixel photo decodes, a bomb does not.
    static constexpr qint64 MaxPixels = 40'000'000;
    /// The box a thumbnail fits in, in device-independent pixels.
    static constexpr int DefaultSide = 240;

    /// `bytes` decoded and scaled to fit `box` (never enlarged), or a null image with
    /// `*problem` saying why.
    static QImage decode(const QByteArray &bytes, const QSize &box, QString *problem = nullptr);
    /// The Qt image format for a sniffed media type, or empty when it is not one shown.
    static QByteArray formatFor(const QString &type);
};

} // namespace OWidget
