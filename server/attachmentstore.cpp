#include "attachmentstore.h"
#include "crypto.h"
#include "database.h"
#include "logging.h"

#include "protocol/limits.h"
#include "protocol/reader.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryFile>

#include <limits>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

const QString columns = u"id, conversation, sender, name, type, size, width, height"_s;

// Random and 192 bits: knowing one attachment's id tells nothing of another's.
constexpr int IdBytes = 24;

} // namespace

AttachmentStore::AttachmentStore(Database &database)
    : m_database(database)
{ }

bool AttachmentStore::onDisk() const
{
    return m_database.engine().kind() == DatabaseEngine::Kind::Sqlite;
}

QString AttachmentStore::directory() const
{
    return m_database.engine().path() + u"-attachments"_s;
}

std::unique_ptr<QTemporaryFile> AttachmentStore::newUploadFile() const
{
    QString pattern = QDir::tempPath() + u"/owidget-upload-XXXXXX"_s;
    if (onDisk()) {
        // Beside the files it becomes one of, so that keeping it is a rename, not a copy.
        QDir().mkpath(directory());
        QFile::setPermissions(directory(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        pattern = directory() + u"/upload-XXXXXX"_s;
    }
    auto file = std::make_unique<QTemporaryFile>(pattern);
    if (!file->open())
        return nullptr;
    return file;
}

std::optional<StoredAttachment> AttachmentStore::findWhere(
    const QString &where, const QVariantList &values) const
{
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT "_s % columns % u" FROM attachments WHERE "_s % where);
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec() || !q.next())
        return std::nullopt;
    StoredAttachment stored;
    stored.info.id = q.value(0).toString();
    stored.conversation = q.value(1).toString();
    stored.from = Protocol::fromName<Protocol::Sender>(q.value(2).toString())
                      .value_or(Protocol::Sender::Visitor);
    stored.info.name = q.value(3).toString();
    stored.info.type = q.value(4).toString();
    stored.info.size = q.value(5).toLongLong();
    stored.info.width = q.value(6).toInt();
    stored.info.height = q.value(7).toInt();
    return stored;
}

std::optional<StoredAttachment> AttachmentStore::find(const QString &id) const
{
    if (!Protocol::isAttachmentId(id))
        return std::nullopt;
    return findWhere(u"id = ?"_s, { id });
}

std::optional<StoredAttachment> AttachmentStore::findByKey(
    const QString &conversation, Protocol::Sender from, const QString &uploadKey) const
{
    if (uploadKey.isEmpty())
        return std::nullopt;
    return findWhere(u"conversation = ? AND sender = ? AND upload_key_hash = ?"_s,
        { conversation, Protocol::name(from), Crypto::hashSecret(uploadKey) });
}

std::optional<StoredAttachment> AttachmentStore::store(QTemporaryFile &file,
    const QString &conversation, Protocol::Sender from, const QString &uploadKey,
    Protocol::AttachmentInfo info)
{
    info.id = Crypto::randomToken(IdBytes);
    const QSqlDatabase db = m_database.handle();
    Transaction transaction(db);
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO attachments (id, conversation, sender, upload_key_hash, name, type, "
              u"size, width, height, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
    for (const QVariant &value : QVariantList { info.id, conversation, Protocol::name(from),
             uploadKey.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                 : QVariant(Crypto::hashSecret(uploadKey)),
             info.name, info.type, info.size, info.width, info.height,
             QDateTime::currentMSecsSinceEpoch() })
        q.addBindValue(value);
    if (!q.exec()) {
        // Most likely the same upload key, stored first by another server or a retry.
        return findByKey(conversation, from, uploadKey);
    }
    if (onDisk()) {
        file.setAutoRemove(false);
        const QString target = directory() + u'/' + info.id;
        if (!file.rename(target)) {
            file.setAutoRemove(true);
            return std::nullopt;
        }
        // Committed after the file is in place: a row never names a missing file.
        if (!transaction.commit()) {
            QFile::remove(target);
            return std::nullopt;
        }
        return StoredAttachment { info, conversation, from };
    }
    if (!file.seek(0))
        return std::nullopt;
    q.prepare(u"INSERT INTO attachment_parts (attachment, part, data) VALUES (?, ?, ?)"_s);
    for (int part = 0; !file.atEnd(); ++part) {
        q.bindValue(0, info.id);
        q.bindValue(1, part);
        q.bindValue(2, file.read(PartBytes));
        if (!q.exec())
            return std::nullopt;
    }
    if (!transaction.commit())
        return std::nullopt;
    return StoredAttachment { info, conversation, from };
}

std::optional<Protocol::AttachmentInfo> AttachmentStore::forMessage(
    const QString &id, const QString &conversation, Protocol::Sender from) const
{
    const auto stored = find(id);
    if (!stored || stored->conversation != conversation || stored->from != from)
        return std::nullopt;
    return stored->info;
}

QString AttachmentStore::eventColumn(const Protocol::AttachmentInfo &info)
{
    if (info.id.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(info.toJson()).toJson(QJsonDocument::Compact));
}

Protocol::AttachmentInfo AttachmentStore::fromEventColumn(const QString &column)
{
    Protocol::AttachmentInfo info;
    if (column.isEmpty())
        return info;
    // Written by eventColumn(): read back with the protocol's own rules all the same.
    Protocol::Failure failure(u"attachment"_s);
    Protocol::Reader reader(
        QJsonObject { { "a"_L1, QJsonDocument::fromJson(column.toUtf8()).object() } }, failure);
    info = Protocol::readAttachmentInfo(reader, "a"_L1);
    return failure.failed() ? Protocol::AttachmentInfo() : info;
}

QPair<int, qint64> AttachmentStore::usage(const QString &conversation) const
{
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT COUNT(*), SUM(size) FROM attachments WHERE conversation = ?"_s);
    q.addBindValue(conversation);
    if (!q.exec() || !q.next())
        return { std::numeric_limits<int>::max(), 0 }; // refused rather than unbounded
    return { q.value(0).toInt(), q.value(1).toLongLong() };
}

std::optional<Protocol::AttachmentInfo> attachedBy(const AttachmentStore *store, const QString &id,
    const QString &conversation, Protocol::Sender from)
{
    return store ? store->forMessage(id, conversation, from) : std::nullopt;
}

QString noSuchAttachment(const QString &id)
{
    return u"field 'attachment': no attachment %1 was uploaded to this conversation by its sender"_s
        .arg(id.left(Protocol::AttachmentIdLength));
}

std::optional<QByteArray> AttachmentStore::content(const QString &id) const
{
    const auto stored = find(id);
    if (!stored)
        return std::nullopt;
    if (onDisk()) {
        QFile file(directory() + u'/' + id);
        if (!file.open(QIODevice::ReadOnly))
            return std::nullopt;
        return file.readAll();
    }
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT data FROM attachment_parts WHERE attachment = ? ORDER BY part"_s);
    q.addBindValue(id);
    if (!q.exec())
        return std::nullopt;
    QByteArray data;
    data.reserve(stored->info.size);
    while (q.next())
        data.append(q.value(0).toByteArray());
    if (data.size() != stored->info.size)
        return std::nullopt;
    return data;
}

} // namespace OWidget::Server
