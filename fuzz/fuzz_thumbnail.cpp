// Fuzzes the decoder of attached images: OWidget::ThumbnailDecoder::decode must, on any bytes
// (decompression bombs, truncated files, headers that lie about the size), either refuse with a
// reason or give an image that fits the box, without taking more memory than its limit.
#include "thumbnaildecoder_p.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QSize box(240, 240);
    QString problem;
    const QImage image = OWidget::ThumbnailDecoder::decode(bytes, box, &problem);
    if (image.isNull() ? problem.isEmpty()
                       : (image.width() > box.width() || image.height() > box.height()))
        __builtin_trap();
    return 0;
}
