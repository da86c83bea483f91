#include "avatarimage.h"

#include "protocol/reader.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QImageReader>

using namespace Qt::StringLiterals;

namespace OWidget::Server::AvatarImage {

std::variant<QByteArray, QString> fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"cannot be read: "_s + file.errorString();
    if (file.size() > MaxFileBytes)
        return u"must be at most %1 KiB"_s.arg(MaxFileBytes / 1024);
    QByteArray bytes = file.read(MaxFileBytes + 1);
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    // The format from the bytes, never from the file's name; the size from the header, before
    // a pixel is decoded; and a cap on what decoding may allocate, whatever the header says.
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    reader.setAllocationLimit(16);
    const QByteArray format = reader.format();
    if (format != "png" && format != "jpeg")
        return u"must be a PNG or JPEG image"_s;
    const QSize size = reader.size();
    if (!size.isValid() || size.width() > MaxSide || size.height() > MaxSide)
        return u"must be at most %1 × %1 pixels"_s.arg(MaxSide);
    QImage image = reader.read();
    if (image.isNull())
        return u"is not a readable image: "_s + reader.errorString();
    const int side = qMin(image.width(), image.height());
    image = image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side)
                .scaled(StoredSide, StoredSide, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(QImage::Format_ARGB32);
    QByteArray png;
    QBuffer out(&png);
    out.open(QIODevice::WriteOnly);
    if (!image.save(&out, "PNG"))
        return u"could not be converted to PNG"_s;
    return png;
}

QString idFor(const QString &login, const QByteArray &png)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(login.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(png);
    return QString::fromLatin1(hash.result().toHex().left(32));
}

bool isId(QStringView text)
{
    return Protocol::isAvatarId(text);
}

} // namespace OWidget::Server::AvatarImage
