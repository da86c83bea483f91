// Attachments (docs/protocol.md sections 2, 3 and 9): the preset's limits, the types a server
// recognises by their first bytes, and the metadata an event carries. Pure functions, shared by
// the server that enforces the limits and the client that checks a file before uploading it.
#pragma once

#include "errors.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace OWidget::Protocol {

class Reader;

/// The preset's attachment limits; off when maxBytes is 0.
struct AttachmentPolicy
{
    qint64 maxBytes = 0;
    QStringList types; ///< media types, each one of attachmentTypes()

    bool enabled() const { return maxBytes > 0 && !types.isEmpty(); }
    bool allows(const QString &type) const { return enabled() && types.contains(type); }
    /// What a preset allows when its import data says nothing of attachments.
    static AttachmentPolicy defaults();
};

/// Every media type a server can recognise from a file's first bytes, hence may allow.
const QStringList &attachmentTypes();
/// Reads `attachments` ({ "maxBytes": n, "types": [...] }) at `reader`; absent is off.
AttachmentPolicy readAttachmentPolicy(Reader &reader);
QJsonObject encodeAttachmentPolicy(const AttachmentPolicy &policy);

/// The type `head` (a file's first bytes, AttachmentSniffBytes of them or the whole file)
/// starts like, among the binary ones of attachmentTypes(); empty when none. text/plain is not
/// told by its start: it is UTF-8 without control characters throughout (TextChecker).
QString sniffAttachmentType(QByteArrayView head);

/// Checks a file's bytes, given piece by piece, for text/plain: UTF-8 with no control
/// character but tab, line feed, carriage return and form feed.
class TextChecker
{
public:
    void feed(QByteArrayView bytes);
    /// Whether everything fed so far is text and ends on a whole character.
    bool isText() const { return !m_bad && m_pending == 0; }
    /// Whether a byte fed so far is not text, whatever follows.
    bool failed() const { return m_bad; }

private:
    bool m_bad = false;
    int m_pending = 0; // continuation bytes still expected
    uint m_code = 0;
    uint m_min = 0;
};

/// A file name as given in an upload's header, percent-encoded UTF-8: the decoded name, or
/// nothing when it is not valid (empty, over MaxFileNameLength, broken UTF-8, a control
/// character, a path separator, or "." and "..").
std::optional<QString> decodeFileName(QByteArrayView encoded);
bool isFileName(const QString &name);
/// An attachment id as the server makes them: 32 characters of base64url.
bool isAttachmentId(QStringView id);

/// What a message event says of its attachment.
struct AttachmentInfo
{
    QString id;
    QString name;
    QString type;
    qint64 size = 0;
    int width = 0; ///< images: pixels; 0 otherwise
    int height = 0;

    bool isImage() const { return type.startsWith(QLatin1StringView("image/")); }
    QJsonObject toJson() const;
};

/// Reads an event's `attachment` object at `key`, every rule checked.
AttachmentInfo readAttachmentInfo(Reader &reader, QLatin1StringView key);

/// What a message request says: its `text`, trimmed, and its `attachment` id, empty when it
/// has none. The text is 1 to MaxTextLength characters after trimming, or, beside an
/// attachment, may be empty.
struct MessageBody
{
    QString text;
    QString attachment;
};
MessageBody readMessageBody(Reader &reader);

} // namespace OWidget::Protocol
