// Controller's attachments: the visitor's files checked against the preset's limits before a
// byte goes, uploaded (AttachmentUploads), then sent as a message through the outbox like any
// other, acknowledged, resumed and retried; and the conversation's files saved or shown as
// thumbnails (AttachmentDownloads), fetched from the server's own address only.
#include "controller_p.h"

#include "logging_p.h"
#include "protocol_p.h"

#include <QBuffer>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace OWidget {

void Controller::Private::connectAttachments()
{
    uploads.setTargetSource([this] { return attachmentTarget(); });
    persistence.setUploadsSource([this] {
        QHash<QString, StoredUpload> stored;
        for (const AttachmentUploads::Upload &upload : uploads.uploads())
            stored.insert(upload.clientId, { upload.path, upload.key, upload.temporary });
        return stored;
    });
    QObject::connect(
        &uploads, &AttachmentUploads::progressed, q, &Controller::attachmentProgressed);
    QObject::connect(&uploads, &AttachmentUploads::uploaded, q,
        [this](const QString &clientId, const Protocol::AttachmentInfo &info) {
            onAttachmentUploaded(clientId, info);
        });
    QObject::connect(&uploads, &AttachmentUploads::failed, q,
        [this](
            const QString &clientId, const Error &error) { onAttachmentFailed(clientId, error); });
    // A link greeted again, or the conversation just created: what waited goes now, with the
    // same upload key, so that one whose answer was lost is not stored twice.
    QObject::connect(&supervisor, &ConnectionSupervisor::welcomed, q, [this] { uploads.resume(); });
    QObject::connect(&supervisor, &ConnectionSupervisor::messageReceived, q,
        [this](const Protocol::ServerMessage &message) {
            if (std::holds_alternative<Protocol::Created>(message))
                uploads.resume();
        });
    QObject::connect(&downloads, &AttachmentDownloads::saved, q, &Controller::attachmentSaved);
    QObject::connect(&downloads, &AttachmentDownloads::saveFailed, q,
        [this](const QString &id, const QString &filePath, const Error &error) {
            reportError(error.code, error.message);
            Q_EMIT q->attachmentSaveFailed(id, filePath, error);
        });
    QObject::connect(
        &downloads, &AttachmentDownloads::thumbnailReady, q, &Controller::attachmentThumbnailReady);
}

void Controller::Private::restoreUploads()
{
    uploads.clear();
    downloads.clear();
    if (!conversation.session)
        return;
    // The same file and key as before the restart: one the server has already is not stored
    // twice.
    for (const ChatMessage &message : std::as_const(conversation.messages)) {
        const auto stored = conversation.session->uploads.constFind(message.clientId);
        if (message.attachment.isNull() || !message.attachment.id.isEmpty()
            || stored == conversation.session->uploads.cend())
            continue;
        uploads.add({ message.clientId, stored->path, message.attachment.name,
            message.attachment.type, message.attachment.size, stored->key, stored->temporary });
    }
}

std::optional<AttachmentTarget> Controller::Private::attachmentTarget() const
{
    if (conversation.session && !conversation.session->secret.isEmpty())
        return AttachmentTarget { supervisor.serverUrl(), conversation.session->conversation,
            conversation.session->secret };
    if (endedSession)
        return AttachmentTarget { supervisor.serverUrl(), endedSession->conversation,
            endedSession->secret };
    return std::nullopt;
}

// Checks the file against the preset's limits, then shows its message as sending and starts
// the upload. The client id, or empty with errorOccurred() saying which limit.
QString Controller::Private::addAttachment(
    const QString &path, const QString &name, const QString &claimedType, bool temporary)
{
    const auto refuse = [&](Error::Code code, const QString &message) {
        if (temporary)
            QFile::remove(path);
        reportError(code, message);
        return QString();
    };
    if (chatState != ChatState::Waiting && chatState != ChatState::Active
        && chatState != ChatState::Starting)
        return refuse(Error::Code::NotConnected, tr("There is no conversation to send to."));
    if (!config || config->attachmentMaxBytes <= 0 || config->attachmentTypes.isEmpty())
        return refuse(Error::Code::InvalidArgument, tr("This chat does not accept files."));
    if (!Protocol::isFileName(name))
        return refuse(Error::Code::InvalidArgument,
            tr("The file name '%1' cannot be sent: it must be 1 to %2 characters, with no "
               "slash and no control character.")
                .arg(name.left(64))
                .arg(Protocol::MaxFileNameLength));
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return refuse(Error::Code::InvalidArgument, tr("Cannot read the file %1.").arg(name));
    const qint64 size = info.size();
    if (size <= 0)
        return refuse(Error::Code::InvalidArgument, tr("The file %1 is empty.").arg(name));
    const QLocale locale(language.isEmpty() ? QLocale().name() : language);
    if (size > config->attachmentMaxBytes)
        return refuse(Error::Code::InvalidArgument,
            tr("The file %1 is %2; files may be at most %3.")
                .arg(name, locale.formattedDataSize(size),
                    locale.formattedDataSize(config->attachmentMaxBytes)));
    const QString type = AttachmentUploads::sniffFile(path);
    if (type.isEmpty() || !config->attachmentTypes.contains(type))
        return refuse(Error::Code::InvalidArgument,
            tr("The file %1 is not of a type this chat accepts (%2).")
                .arg(name, config->attachmentTypes.join(", "_L1)));
    if (!claimedType.isEmpty() && claimedType != type)
        return refuse(Error::Code::InvalidArgument,
            tr("The file %1 is not %2: its contents are %3.").arg(name, claimedType, type));

    ChatMessage message;
    message.sender = ChatMessage::Sender::Visitor;
    message.time = QDateTime::currentDateTimeUtc();
    message.clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    message.attachment.name = name;
    message.attachment.type = type;
    message.attachment.size = size;
    conversation.append(message);
    Q_EMIT q->messageAdded(message);
    uploads.add(
        { message.clientId, path, name, type, size, AttachmentUploads::newKey(), temporary });
    persistence.saveSoon();
    return message.clientId;
}

void Controller::Private::onAttachmentUploaded(
    const QString &clientId, const Protocol::AttachmentInfo &info)
{
    const int index = conversation.indexOf(clientId);
    if (index < 0)
        return;
    const Attachment attachment = Protocol::attachment(info);
    conversation.messages[index].attachment = attachment;
    Q_EMIT q->attachmentUploaded(clientId, attachment);
    // Now it is a message like any other: it goes at once with what was written after it, or
    // with the pending ones.
    sendWaiting(index);
    persistence.saveSoon();
}

void Controller::Private::onAttachmentFailed(const QString &clientId, const Error &error)
{
    const int index = conversation.indexOf(clientId);
    if (index >= 0) {
        conversation.messages[index].delivery = ChatMessage::Delivery::Failed;
        sendWaiting(index); // what was written after it no longer waits for it
    }
    persistence.saveSoon();
    reportError(error.code, error.message);
    Q_EMIT q->attachmentFailed(clientId);
}

/*!
    Sends the file at \a filePath as a message and returns its client id, or an empty string
    with errorOccurred() when it cannot go: no conversation, attachments off in the preset, a
    file over the preset's size limit or of a type it does not allow (told by the file's own
    first bytes), or a name the protocol does not accept. Nothing is sent then.

    The message shows at once, sending; attachmentProgressed() follows the upload, which is
    streamed from the file (it must stay in place until attachmentUploaded()). A lost link or a
    failing server makes it go again, with the same upload key, so that the server stores it
    once; then the message goes like a text message and messageDelivered() follows.
*/
QString Controller::sendAttachment(const QString &filePath)
{
    return d->addAttachment(filePath, QFileInfo(filePath).fileName(), {}, false);
}

/*!
    Sends \a data, e.g. pasted from the clipboard, as a file named \a fileName; \a type, when
    given, must be what the data's first bytes say. The data is copied to a file under the
    application's data location first, removed once the server has it.
*/
QString Controller::sendAttachment(
    const QByteArray &data, const QString &fileName, const QString &type)
{
    if (d->config && d->config->attachmentMaxBytes > 0
        && data.size() > d->config->attachmentMaxBytes) {
        const QLocale locale(d->language.isEmpty() ? QLocale().name() : d->language);
        d->reportError(Error::Code::InvalidArgument,
            tr("The file %1 is %2; files may be at most %3.")
                .arg(fileName, locale.formattedDataSize(data.size()),
                    locale.formattedDataSize(d->config->attachmentMaxBytes)));
        return {};
    }
    const QString dir
        = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/owidget-uploads"_L1;
    const QString path
        = dir + u'/' + QUuid::createUuid().toString(QUuid::WithoutBraces) + ".upload"_L1;
    QSaveFile file(path);
    if (!QDir().mkpath(dir) || !file.open(QIODevice::WriteOnly) || file.write(data) != data.size()
        || !file.commit()) {
        d->reportError(Error::Code::InvalidArgument,
            tr("Cannot keep the data to send in %1: %2").arg(dir, file.errorString()));
        return {};
    }
    return d->addAttachment(path, fileName, type, true);
}

/// Sends \a image as a PNG file named \a fileName (by default "image.png").
QString Controller::sendAttachment(const QImage &image, const QString &fileName)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (image.isNull() || !image.save(&buffer, "PNG")) {
        d->reportError(Error::Code::InvalidArgument, tr("The image cannot be sent."));
        return {};
    }
    return sendAttachment(bytes, fileName.isEmpty() ? u"image.png"_s : fileName, u"image/png"_s);
}

/// Stops the upload of the attachment \a clientId and removes its message, or removes the
/// message of one that failed; false when it is on the server already (its message is sent),
/// or there is no such attachment.
bool Controller::cancelAttachment(const QString &clientId)
{
    const int index = d->conversation.indexOf(clientId);
    if (index < 0)
        return false;
    const ChatMessage &message = d->conversation.messages.at(index);
    if (message.attachment.isNull()
        || (!d->uploads.contains(clientId) && message.delivery != ChatMessage::Delivery::Failed))
        return false;
    const bool uploading = d->uploads.contains(clientId);
    d->uploads.cancel(clientId);
    d->conversation.messages.removeAt(index);
    if (uploading)
        d->sendWaiting(index); // what was written after it no longer waits for it
    d->persistence.saveSoon();
    Q_EMIT attachmentCancelled(clientId);
    return true;
}

/// Saves the attachment \a id of the conversation to \a filePath as it arrives, replacing the
/// file only when all of it came; attachmentSaved() follows, or attachmentSaveFailed() and
/// errorOccurred() naming why.
void Controller::saveAttachment(const QString &id, const QString &filePath)
{
    const auto target = d->attachmentTarget();
    if (!target) {
        const Error error { Error::Code::NotConnected,
            tr("Cannot save the attachment: there is no conversation.") };
        d->reportError(error.code, error.message);
        Q_EMIT attachmentSaveFailed(id, filePath, error);
        return;
    }
    d->downloads.save(id, filePath, *target);
}

/*!
    The thumbnail of the image attachment \a id, fitting 240×240 device-independent pixels at
    \a devicePixelRatio, when it is in memory; else a null image, and attachmentThumbnailReady()
    follows once it is fetched from the server and decoded with limits. Only thumbnails are
    kept, and only so many of them; one that cannot be decoded is not asked for again.
*/
QImage Controller::attachmentThumbnail(const QString &id, qreal devicePixelRatio)
{
    const auto target = d->attachmentTarget();
    if (!target)
        return {};
    return d->downloads.thumbnail(id, qBound(1.0, devicePixelRatio, 4.0), *target);
}

} // namespace OWidget
