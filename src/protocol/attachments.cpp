#include "attachments.h"
#include "limits.h"
#include "reader.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

AttachmentPolicy AttachmentPolicy::defaults()
{
    return { DefaultAttachmentBytes, attachmentTypes() };
}

const QStringList &attachmentTypes()
{
    static const QStringList types { u"image/png"_s, u"image/jpeg"_s, u"image/webp"_s,
        u"image/gif"_s, u"application/pdf"_s, u"text/plain"_s };
    return types;
}

AttachmentPolicy readAttachmentPolicy(Reader &reader)
{
    AttachmentPolicy policy;
    if (!reader.has("attachments"_L1))
        return policy;
    Reader object = reader.child("attachments"_L1);
    policy.maxBytes = object.integer("maxBytes"_L1, 0, MaxAttachmentBytes);
    const QJsonArray types = object.array("types"_L1);
    QSet<QString> seen;
    for (qsizetype i = 0; i < types.size() && !object.failed(); ++i) {
        const QString key = u"types[%1]"_s.arg(i);
        const QString type = object.stringValue(types.at(i), key, 64);
        if (object.failed())
            break;
        if (!attachmentTypes().contains(type))
            object.fail(key, u"must be one of "_s % attachmentTypes().join(u", "_s));
        else if (seen.contains(type))
            object.fail(key, u"repeats an earlier type"_s);
        seen.insert(type);
        policy.types.append(type);
    }
    // Either limit at nothing turns attachments off: one without the other is off too.
    if (policy.maxBytes == 0 || policy.types.isEmpty())
        policy = {};
    return policy;
}

QJsonObject encodeAttachmentPolicy(const AttachmentPolicy &policy)
{
    return { { "maxBytes"_L1, policy.maxBytes },
        { "types"_L1, QJsonArray::fromStringList(policy.types) } };
}

QString sniffAttachmentType(QByteArrayView head)
{
    if (head.startsWith("\x89PNG\r\n\x1a\n"))
        return u"image/png"_s;
    if (head.startsWith("\xff\xd8\xff"))
        return u"image/jpeg"_s;
    if (head.startsWith("GIF87a") || head.startsWith("GIF89a"))
        return u"image/gif"_s;
    if (head.size() >= 12 && head.startsWith("RIFF") && head.sliced(8, 4) == "WEBP")
        return u"image/webp"_s;
    if (head.startsWith("%PDF-"))
        return u"application/pdf"_s;
    return {};
}

void TextChecker::feed(QByteArrayView bytes)
{
    for (const char c : bytes) {
        if (m_bad)
            return;
        const auto b = uchar(c);
        if (m_pending > 0) {
            if ((b & 0xc0) != 0x80) {
                m_bad = true;
                return;
            }
            m_code = (m_code << 6) | (b & 0x3f);
            if (--m_pending == 0) {
                // Overlong forms, surrogates and code points past Unicode's last.
                m_bad
                    = m_code < m_min || (m_code >= 0xd800 && m_code <= 0xdfff) || m_code > 0x10ffff;
            }
            continue;
        }
        if (b < 0x80) {
            m_bad = (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7f;
        } else if ((b & 0xe0) == 0xc0) {
            m_pending = 1, m_code = b & 0x1f, m_min = 0x80;
        } else if ((b & 0xf0) == 0xe0) {
            m_pending = 2, m_code = b & 0x0f, m_min = 0x800;
        } else if ((b & 0xf8) == 0xf0) {
            m_pending = 3, m_code = b & 0x07, m_min = 0x10000;
        } else {
            m_bad = true;
        }
    }
}

bool isFileName(const QString &name)
{
    if (name.isEmpty() || name == "."_L1 || name == ".."_L1 || !QStringView(name).isValidUtf16()
        || characterCount(name) > MaxFileNameLength || name.trimmed() != name)
        return false;
    for (const QChar c : name) {
        // Separators would name a path on whoever saves it; control characters (bidi
        // overrides included) would disguise its extension.
        if (c == u'/' || c == u'\\' || c.category() == QChar::Other_Control
            || c.category() == QChar::Other_Format)
            return false;
    }
    return true;
}

std::optional<QString> decodeFileName(QByteArrayView encoded)
{
    if (encoded.isEmpty() || encoded.size() > 3 * 4 * MaxFileNameLength)
        return std::nullopt;
    QByteArray bytes;
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c != '%') {
            // Only what a percent-encoder leaves as it is: everything else must be encoded.
            if (uchar(c) <= 0x20 || uchar(c) >= 0x7f || c == '"')
                return std::nullopt;
            bytes.append(c);
            continue;
        }
        bool ok = false;
        const uint value
            = i + 2 < encoded.size() ? QByteArrayView(encoded.sliced(i + 1, 2)).toUInt(&ok, 16) : 0;
        if (!ok)
            return std::nullopt;
        bytes.append(char(value));
        i += 2;
    }
    TextChecker check;
    check.feed(bytes);
    if (!check.isText())
        return std::nullopt;
    QString name = QString::fromUtf8(bytes);
    if (!isFileName(name))
        return std::nullopt;
    return name;
}

bool isAttachmentId(QStringView id)
{
    if (id.size() != AttachmentIdLength)
        return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        if (!((u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
                || u == u'-' || u == u'_'))
            return false;
    }
    return true;
}

QJsonObject AttachmentInfo::toJson() const
{
    QJsonObject object { { "id"_L1, id }, { "name"_L1, name }, { "type"_L1, type },
        { "size"_L1, size } };
    if (width > 0 && height > 0) {
        object.insert("width"_L1, width);
        object.insert("height"_L1, height);
    }
    return object;
}

AttachmentInfo readAttachmentInfo(Reader &reader, QLatin1StringView key)
{
    AttachmentInfo info;
    Reader object = reader.child(key);
    info.id = object.string("id"_L1, AttachmentIdLength);
    if (!object.failed() && !isAttachmentId(info.id))
        object.fail(u"id"_s, u"must be an attachment id"_s);
    info.name = object.string("name"_L1, MaxFileNameLength);
    if (!object.failed() && !isFileName(info.name))
        object.fail(u"name"_s, u"must be a file name (no path, no control character)"_s);
    info.type = object.string("type"_L1, 64);
    if (!object.failed() && !attachmentTypes().contains(info.type))
        object.fail(u"type"_s, u"must be one of "_s % attachmentTypes().join(u", "_s));
    info.size = object.integer("size"_L1, 1, MaxAttachmentBytes);
    if (object.has("width"_L1) || object.has("height"_L1)) {
        info.width = int(object.integer("width"_L1, 1, MaxImageSide));
        info.height = int(object.integer("height"_L1, 1, MaxImageSide));
        if (!object.failed() && !info.isImage())
            object.fail(u"width"_s, u"is given for a file that is not an image"_s);
    }
    return info;
}

MessageBody readMessageBody(Reader &reader)
{
    MessageBody body;
    if (!reader.has("attachment"_L1)) {
        body.text = reader.trimmedText("text"_L1, MaxTextLength);
        return body;
    }
    body.attachment = reader.string("attachment"_L1, AttachmentIdLength);
    if (!reader.failed() && !isAttachmentId(body.attachment))
        reader.fail(u"attachment"_s, u"must be an attachment id"_s);
    body.text = reader.string("text"_L1, -1, Presence::Optional).trimmed();
    if (!reader.failed() && characterCount(body.text) > MaxTextLength)
        reader.fail(u"text"_s, u"must be at most %1 characters"_s.arg(MaxTextLength));
    return body;
}

} // namespace OWidget::Protocol
