// The limits of the v1 protocol (docs/protocol.md), defined here once: the client, the server,
// the test server and the fuzz targets read them from this file, and the operator console gets
// the ones it needs from the server (the `limits` of the operator's snapshot, consoleLimits()).
#pragma once

#include <QtGlobal>

namespace OWidget::Protocol {

inline constexpr int Version = 1;

// Sizes in bytes
inline constexpr qint64 MaxMessageBytes = 64 * 1024;  ///< one WebSocket message, both ways
inline constexpr qint64 MaxConfigBytes = 256 * 1024;  ///< the configuration document
inline constexpr qint64 MaxHttpBodyBytes = 16 * 1024; ///< an HTTP request's body
/// An attachment, whatever the preset says (a 20 MB screenshot or PDF fits); a preset that
/// says nothing allows DefaultAttachmentBytes.
inline constexpr qint64 MaxAttachmentBytes = 25 * 1024 * 1024;
inline constexpr qint64 DefaultAttachmentBytes = 10 * 1024 * 1024;
/// How much of a file's start tells its type and, for an image, its size in pixels.
inline constexpr qsizetype AttachmentSniffBytes = 64 * 1024;

// Lengths in characters (Unicode code points, see characterCount())
inline constexpr int MaxTextLength = 4000; ///< a chat message or an offline message
inline constexpr int MaxNameLength = 200;  ///< a person's display name
inline constexpr int MaxFieldValueLength = 200;
inline constexpr int MaxCustomNameLength = 64;
inline constexpr int MaxCustomValueLength = 1000;
inline constexpr int MaxPhoneLength = 32;
inline constexpr int MaxIdLength = 64; ///< a client id, and how much of an id an error echoes
inline constexpr int MaxLanguageTagLength = 16;
inline constexpr int MaxConfigTextLength = 1000;
inline constexpr int MaxLabelLength = 200;
inline constexpr int MaxFieldNameLength = 32;
inline constexpr int MaxRatingCommentLength = 1000; ///< the comment of a conversation's rating
inline constexpr int MaxFileNameLength = 255;       ///< an attachment's file name
inline constexpr int AttachmentIdLength = 32;       ///< base64url, 192 bits
/// A conversation's resume secret: 128 bits in base64url at the least, when the widget chooses it.
inline constexpr int MinSecretLength = 22;
inline constexpr int MaxSecretLength = 128;

// Counts
inline constexpr int MaxFields = 16;
inline constexpr int MaxCustomData = 32;
inline constexpr int MaxLanguages = 32;
inline constexpr int MaxOpeningIntervalsPerDay = 8;

// Numbers
inline constexpr qint64 MaxSeq = (qint64(1) << 53) - 1; ///< read exactly by every JSON reader
inline constexpr int MaxHeartbeatSeconds = 300;
inline constexpr int DefaultHeartbeatSeconds = 15;
inline constexpr qint64 MaxQueuePosition = 2147483647;
inline constexpr int MaxStars = 5;                          ///< the best score of a `stars` rating
inline constexpr int MaxExpectedReplyMinutes = 7 * 24 * 60; ///< a week
inline constexpr int MaxTimeZoneLength = 64;
/// An attached image's width or height as an event may say it.
inline constexpr int MaxImageSide = 65535;

// Operators' pictures (section 8): named by an opaque id, fetched from the server's own base URL
inline constexpr int AvatarIdLength = 32;            ///< lower-case hexadecimal digits
inline constexpr qint64 MaxAvatarBytes = 256 * 1024; ///< what a client reads of one picture
inline constexpr int MaxAvatarSide = 1024;           ///< pixels a client decodes, each side

} // namespace OWidget::Protocol
