#include "avatarfetcher_p.h"

#include "configclient_p.h"
#include "logging_p.h"
#include "protocol_p.h"

#include <QBuffer>
#include <QImageReader>
#include <QNetworkAccessManager>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

const char *const IdProperty = "owidgetAvatarId";
// Room for the largest picture allowed, 1024 × 1024 pixels of four bytes, and no more.
constexpr int MaxDecodedMegabytes
    = 4 * Protocol::MaxAvatarSide * Protocol::MaxAvatarSide / (1024 * 1024) + 1;

} // namespace

AvatarFetcher::AvatarFetcher(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{ }

AvatarFetcher::~AvatarFetcher()
{
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_pending)) {
        if (!reply)
            continue;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

QUrl AvatarFetcher::avatarUrl(const QUrl &serverUrl, const QString &id)
{
    return ConfigClient::serverResource(serverUrl, u"v1/avatars/%1.png"_s.arg(id));
}

QImage AvatarFetcher::decode(const QByteArray &bytes)
{
    // PNG only, whatever the server says it is: the signature, then the PNG reader alone.
    static const QByteArray signature("\x89PNG\r\n\x1a\n", 8);
    if (bytes.size() > Protocol::MaxAvatarBytes || !bytes.startsWith(signature))
        return {};
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "png");
    reader.setDecideFormatFromContent(false);
    reader.setAllocationLimit(MaxDecodedMegabytes);
    // The size the header claims decides, before a pixel is decoded: a small file may claim a
    // huge image, and decoding it would take the memory it claims.
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty() || size.width() > Protocol::MaxAvatarSide
        || size.height() > Protocol::MaxAvatarSide)
        return {};
    QImage image;
    if (!reader.read(&image) || image.size() != size)
        return {};
    return image;
}

void AvatarFetcher::fetch(const QUrl &serverUrl, const QString &id)
{
    if (!Protocol::isAvatarId(id) || m_images.contains(id) || m_pending.contains(id))
        return;
    QNetworkRequest request(avatarUrl(serverUrl, id));
    request.setTransferTimeout(TimeoutMsecs);
    // The server's own address only: a redirect elsewhere is a failure.
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "image/png");
    qCDebug(lcNet) << "fetching an operator's picture" << request.url();
    QNetworkReply *reply = m_network->get(request);
    reply->setProperty(IdProperty, id);
    m_pending.insert(id, reply);
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

// Refuses a picture over the cap as soon as it is known to be one, without reading it all.
void AvatarFetcher::onReadyRead(QNetworkReply *reply)
{
    const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
    if ((length.isValid() && length.toLongLong() > Protocol::MaxAvatarBytes)
        || reply->bytesAvailable() > Protocol::MaxAvatarBytes)
        finish(reply, {}, "larger than the limit");
}

void AvatarFetcher::onFinished(QNetworkReply *reply)
{
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || httpStatus != 200)
        return finish(reply, {}, "not served");
    const QByteArray body = reply->read(Protocol::MaxAvatarBytes + 1);
    const QImage image = decode(body);
    finish(reply, image, image.isNull() ? "not a PNG within the limits" : nullptr);
}

// Keeps the answer for the reply's id, so that the picture is not asked for again.
void AvatarFetcher::finish(QNetworkReply *reply, const QImage &image, const char *why)
{
    const QString id = reply->property(IdProperty).toString();
    reply->disconnect(this);
    if (!reply->isFinished())
        reply->abort();
    reply->deleteLater();
    m_pending.remove(id);
    if (why)
        qCInfo(lcNet) << "the operator's picture" << id << "is not shown:" << why;
    m_images.insert(id, image);
    Q_EMIT fetched(id, image);
}

} // namespace OWidget
