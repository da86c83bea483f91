// Images for the tests of attachments and thumbnails: real encodings made by Qt, and PNGs
// crafted byte by byte to lie about their size.
#pragma once

#include <QBuffer>
#include <QByteArray>
#include <QColor>
#include <QImage>

namespace TestImages {

/// A `width`×`height` picture of one colour, encoded as `format` ("PNG", "JPEG", "GIF"…).
inline QByteArray encoded(
    int width, int height, const char *format = "PNG", const QColor &color = Qt::darkCyan)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

inline quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (const char c : data) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline void appendBig(QByteArray &out, quint32 value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.append(char((value >> shift) & 0xff));
}

/// One PNG chunk: its length, type, data and CRC.
inline QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray out;
    appendBig(out, quint32(data.size()));
    out += type + data;
    appendBig(out, crc32(type + data));
    return out;
}

/// An RGB PNG whose header says `width`×`height` and whose pixel data is `rows` zero rows of
/// that width: a bomb when the header claims much and the zeros compress to little, a liar
/// when there are fewer rows than claimed.
inline QByteArray claimingPng(quint32 width, quint32 height, quint32 rows)
{
    QByteArray ihdr;
    appendBig(ihdr, width);
    appendBig(ihdr, height);
    ihdr += QByteArray::fromHex("0802000000"); // 8 bits, RGB, no interlace
    const QByteArray raw(qsizetype(rows) * (1 + 3 * qsizetype(width)), '\0');
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr)
        + pngChunk("IDAT", qCompress(raw).mid(4)) + pngChunk("IEND", {});
}

} // namespace TestImages
