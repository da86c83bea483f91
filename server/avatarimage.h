#pragma once

#include <QByteArray>
#include <QString>

#include <variant>

namespace OWidget::Server::AvatarImage {

// An operator's picture as the import file names it and the server serves it: a PNG or JPEG of
// at most 512 KiB and 1024 × 1024 pixels, decoded with limits, cropped to a square, scaled to
// 96 px and stored as PNG under an opaque id.
inline constexpr qint64 MaxFileBytes = 512 * 1024;
inline constexpr int MaxSide = 1024;
inline constexpr int StoredSide = 96;

/// The PNG to store, or why the file gives none ("must be a PNG or JPEG image").
std::variant<QByteArray, QString> fromFile(const QString &path);
/// The id it is served under (32 hexadecimal digits): the same for the same picture of the
/// same operator, so that a cached copy stays right; it says nothing of who it is.
QString idFor(const QString &login, const QByteArray &png);
/// Whether `text` has the form of an id.
bool isId(QStringView text);

} // namespace OWidget::Server::AvatarImage
