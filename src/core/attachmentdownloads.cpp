#include "attachmentdownloads_p.h"

#include "configclient_p.h"
#include "logging_p.h"
#include "protocol_p.h"
#include "thumbnaildecoder_p.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSaveFile>
#include <QtMath>

using namespace Qt::StringLiterals;

namespace OWidget {

AttachmentDownloads::AttachmentDownloads(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_thumbnails(CacheBytes)
{ }

AttachmentDownloads::~AttachmentDownloads()
{
    QList<QPointer<QNetworkReply>> replies = m_saving;
    replies.append(m_fetching.values());
    for (const QPointer<QNetworkReply> &reply : std::as_const(replies)) {
        if (!reply)
            continue;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QUrl AttachmentDownloads::downloadUrl(const QUrl &serverUrl, const QString &id)
{
    return ConfigClient::serverResource(serverUrl, u"v1/attachments/%1"_s.arg(id));
}

QNetworkReply *AttachmentDownloads::get(const QString &id, const AttachmentTarget &target)
{
    QNetworkRequest request(downloadUrl(target.serverUrl, id));
    request.setTransferTimeout(TimeoutMsecs);
    // The server's own address only: a redirect elsewhere is a failure.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("X-OWidget-Conversation", target.conversation.toLatin1());
    request.setRawHeader("X-OWidget-Secret", target.secret.toLatin1());
    qCDebug(lcNet) << "fetching attachment" << id;
    return m_network->get(request);
}

void AttachmentDownloads::save(
    const QString &id, const QString &filePath, const AttachmentTarget &target)
{
    auto *file = new QSaveFile(filePath, this);
    if (!Protocol::isAttachmentId(id) || !file->open(QIODevice::WriteOnly)) {
        const QString why
            = Protocol::isAttachmentId(id) ? file->errorString() : u"no such attachment"_s;
        delete file;
        Q_EMIT saveFailed(id, filePath,
            Error { Error::Code::InvalidArgument,
                tr("Cannot save the attachment to %1: %2").arg(filePath, why) });
        return;
    }
    QNetworkReply *reply = get(id, target);
    m_saving.append(reply);
    // Written as it arrives: the file is never held in memory whole.
    connect(reply, &QNetworkReply::readyRead, this, [reply, file] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return;
        const QByteArray piece = reply->readAll();
        if (file->pos() + piece.size() > Protocol::MaxAttachmentBytes
            || file->write(piece) != piece.size())
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, file, id] { onSaveFinished(reply, file, id); });
}

void AttachmentDownloads::onSaveFinished(QNetworkReply *reply, QSaveFile *file, const QString &id)
{
    m_saving.removeAll(reply);
    reply->deleteLater();
    file->deleteLater();
    const QString path = file->fileName();
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && httpStatus == 200) {
        file->write(reply->readAll());
        if (file->commit()) {
            Q_EMIT saved(id, path);
            return;
        }
    }
    QString why
        = file->error() != QFileDevice::NoError ? file->errorString() : reply->errorString();
    if (httpStatus >= 400) {
        const auto serverError = Protocol::parseErrorBody(reply->read(16 * 1024));
        why = serverError ? serverError->message : u"HTTP %1"_s.arg(httpStatus);
    }
    file->cancelWriting();
    const bool transient = httpStatus == 0 || httpStatus >= 500;
    Q_EMIT saveFailed(id, path,
        Error { transient ? Error::Code::NetworkError : Error::Code::Rejected,
            tr("Cannot save the attachment to %1: %2").arg(path, why) });
}

QImage AttachmentDownloads::thumbnail(
    const QString &id, qreal devicePixelRatio, const AttachmentTarget &target)
{
    if (const QImage *kept = m_thumbnails.object(id);
        kept && qFuzzyCompare(kept->devicePixelRatio(), devicePixelRatio))
        return *kept;
    if (!Protocol::isAttachmentId(id) || m_failed.contains(id) || m_fetching.contains(id))
        return {};
    QNetworkReply *reply = get(id, target);
    m_fetching.insert(id, reply);
    connect(reply, &QNetworkReply::readyRead, this, [reply] {
        // Refused as soon as it is known to be over the cap, not once it is all in memory.
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if ((length.isValid() && length.toLongLong() > Protocol::MaxAttachmentBytes)
            || reply->bytesAvailable() > Protocol::MaxAttachmentBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this,
        [this, reply, id, devicePixelRatio] { onThumbnailFinished(reply, id, devicePixelRatio); });
    return {};
}

void AttachmentDownloads::onThumbnailFinished(
    QNetworkReply *reply, const QString &id, qreal devicePixelRatio)
{
    m_fetching.remove(id);
    reply->deleteLater();
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    QImage image;
    QString problem = reply->errorString();
    if (reply->error() == QNetworkReply::NoError && httpStatus == 200) {
        const QByteArray bytes = reply->read(Protocol::MaxAttachmentBytes + 1);
        const int side = qCeil(ThumbnailDecoder::DefaultSide * devicePixelRatio);
        image = ThumbnailDecoder::decode(bytes, QSize(side, side), &problem);
    }
    if (image.isNull()) {
        qCInfo(lcNet) << "no thumbnail for attachment" << id << ":" << problem;
        // The network's failures may pass; a file that does not decode never will.
        if (httpStatus == 200 || (httpStatus >= 400 && httpStatus < 500))
            m_failed.insert(id);
        Q_EMIT thumbnailReady(id, image);
        return;
    }
    image.setDevicePixelRatio(devicePixelRatio);
    m_thumbnails.insert(id, new QImage(image), qMax<qsizetype>(1, image.sizeInBytes()));
    Q_EMIT thumbnailReady(id, image);
}

void AttachmentDownloads::clear()
{
    m_thumbnails.clear();
    m_failed.clear();
}

} // namespace OWidget
