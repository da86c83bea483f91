#pragma once

#include "protocol/attachments.h"
#include "protocol/types.h"

#include <QPair>
#include <QString>

#include <memory>
#include <optional>

class QTemporaryFile;

namespace OWidget::Server {

class Database;

// One attachment as it is stored: what the events say of it, and where it belongs.
struct StoredAttachment
{
    Protocol::AttachmentInfo info;
    QString conversation;
    Protocol::Sender from = Protocol::Sender::Visitor;
};

// The attachments' bytes and metadata (docs/protocol.md section 9). The metadata is a table in
// either engine. With SQLite the bytes are files (0600) in a directory named after the
// database's file, beside it; with PostgreSQL they are rows of the database, in parts of
// PartBytes, so that every server of a service reads what any of them stored, and neither
// writing nor reading holds more than a part in memory.
class AttachmentStore
{
public:
    static constexpr qint64 PartBytes = 256 * 1024;

    explicit AttachmentStore(Database &database);

    /// A new file for an upload's bytes as they arrive, on the disk the attachment will be
    /// kept on when that is a disk; null when it cannot be made.
    std::unique_ptr<QTemporaryFile> newUploadFile() const;
    std::optional<StoredAttachment> find(const QString &id) const;
    /// The attachment an upload with this key stored for that sender of the conversation.
    std::optional<StoredAttachment> findByKey(
        const QString &conversation, Protocol::Sender from, const QString &uploadKey) const;
    /// Keeps `file` (from newUploadFile(), written whole) as an attachment with `info`'s name,
    /// type, size and pixels, under a new id. When another server stored one with the same
    /// upload key first, that one. Nothing when it could not be stored.
    std::optional<StoredAttachment> store(QTemporaryFile &file, const QString &conversation,
        Protocol::Sender from, const QString &uploadKey, Protocol::AttachmentInfo info);
    /// The attachment `id` as a message of `from` in `conversation` may name it: uploaded there,
    /// by that side. None otherwise.
    std::optional<Protocol::AttachmentInfo> forMessage(
        const QString &id, const QString &conversation, Protocol::Sender from) const;
    /// A message event's attachment as its row keeps it (JSON), and back; empty for none.
    static QString eventColumn(const Protocol::AttachmentInfo &info);
    static Protocol::AttachmentInfo fromEventColumn(const QString &column);
    /// How many attachments `conversation` holds, and their bytes together.
    QPair<int, qint64> usage(const QString &conversation) const;
    /// The attachment's bytes, whole: none when it is not stored.
    std::optional<QByteArray> content(const QString &id) const;

private:
    bool onDisk() const;
    QString directory() const;
    std::optional<StoredAttachment> findWhere(
        const QString &where, const QVariantList &values) const;

    Database &m_database;
};

/// The attachment `id` as a message of `from` in `conversation` may name it (see
/// AttachmentStore::forMessage); none without a store.
std::optional<Protocol::AttachmentInfo> attachedBy(const AttachmentStore *store, const QString &id,
    const QString &conversation, Protocol::Sender from);
/// Why a message naming an attachment it may not name is refused, naming the id.
QString noSuchAttachment(const QString &id);

} // namespace OWidget::Server
