#include "attachmentupload.h"
#include "httpframing.h"
#include "logging.h"
#include "serverlimits.h"

#include "protocol/limits.h"
#include "protocol/servermessages.h"

#include <QBuffer>
#include <QImageReader>
#include <QJsonDocument>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryFile>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

// An image's size in pixels from its header alone, within the file's first bytes: 0 × 0 when
// the header says nothing readable there. Nothing is decoded past the header.
QSize imageSize(const QByteArray &head, const QString &type)
{
    QBuffer buffer;
    buffer.setData(head);
    if (!buffer.open(QIODevice::ReadOnly))
        return {};
    QImageReader reader(&buffer, type.mid(6).toLatin1());
    reader.setDecideFormatFromContent(false);
    const QSize size = reader.size();
    if (!size.isValid() || size.width() < 1 || size.height() < 1
        || size.width() > Protocol::MaxImageSide || size.height() > Protocol::MaxImageSide)
        return {};
    return size;
}

} // namespace

AttachmentUpload::AttachmentUpload(QTcpSocket *socket, AttachmentStore &store, Accepted accepted,
    std::unique_ptr<QTemporaryFile> file, int stallMs)
    : QObject(socket)
    , m_socket(socket)
    , m_store(store)
    , m_accepted(std::move(accepted))
    , m_file(std::move(file))
    , m_left(m_accepted.length)
    , m_stallMs(stallMs)
{
    connect(socket, &QIODevice::readyRead, this, &AttachmentUpload::onReadyRead);
    m_stall.setSingleShot(true);
    connect(&m_stall, &QTimer::timeout, this, [this] { cut("slow_upload"); });
    m_stall.start(m_stallMs);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] { cut("upload_deadline"); });
    m_deadline.start(int(
        Limits::RequestDeadlineMs + m_accepted.length * 1000 / Limits::MinUploadBytesPerSecond));
    onReadyRead();
}

AttachmentUpload::~AttachmentUpload() = default;

QByteArray AttachmentUpload::errorJson(Protocol::ErrorCode code, const QString &message)
{
    return Protocol::encodeErrorBody(code, message);
}

void AttachmentUpload::answer(
    QTcpSocket *socket, int status, const QByteArray &json, bool unreadBody)
{
    QObject::disconnect(socket, &QIODevice::readyRead, nullptr, nullptr);
    if (unreadBody) {
        // As the front layer refuses: what the peer still sends is dropped unread, a read
        // buffer's worth at most, so that the answer reaches it before the connection closes.
        auto left = std::make_shared<qint64>(Limits::HttpReadBufferBytes);
        auto drain = [socket, left] {
            *left -= qMax(qint64(0), socket->skip(qMin(*left, socket->bytesAvailable())));
        };
        QObject::connect(socket, &QIODevice::readyRead, socket, drain);
        drain();
    }
    const QByteArray phrase = status == 200 ? "OK"_ba
        : status == 201                     ? "Created"_ba
        : status == 401                     ? "Unauthorized"_ba
        : status == 403                     ? "Forbidden"_ba
        : status == 404                     ? "Not Found"_ba
        : status == 415                     ? "Unsupported Media Type"_ba
        : status == 500                     ? "Internal Server Error"_ba
                                            : reasonPhrase(status);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + phrase
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(json.size())
        + "\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: "
          "close\r\n\r\n"
        + json);
    if (qobject_cast<QSslSocket *>(socket)) {
        // TLS has no half close: the connection closes once the peer had time to read.
        QTimer::singleShot(Limits::RefusalLingerMs, socket, &QAbstractSocket::disconnectFromHost);
    } else {
        auto closeWhenWritten = [socket] {
            if (socket->bytesToWrite() == 0)
                ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
        };
        QObject::connect(socket, &QIODevice::bytesWritten, socket, closeWhenWritten);
    }
    QTimer::singleShot(2 * Limits::RefusalLingerMs, socket, &QAbstractSocket::abort);
}

void AttachmentUpload::onReadyRead()
{
    while (!m_done && m_left > 0 && m_socket->bytesAvailable() > 0) {
        const QByteArray bytes = m_socket->read(qMin(m_left, qint64(64 * 1024)));
        if (bytes.isEmpty())
            break;
        m_left -= bytes.size();
        m_stall.start(m_stallMs);
        take(bytes);
    }
    if (!m_done && m_left == 0)
        finish();
}

void AttachmentUpload::take(QByteArrayView bytes)
{
    if (m_accepted.earlier)
        return; // stored already: read to the end, keep nothing
    if (m_head.size() < Protocol::AttachmentSniffBytes)
        m_head.append(
            bytes.first(qMin(bytes.size(), Protocol::AttachmentSniffBytes - m_head.size())));
    if (m_accepted.type == "text/plain"_L1) {
        m_text.feed(bytes);
        if (m_text.failed())
            return fail(415, Protocol::ErrorCode::BadRequest,
                u"the file is not text/plain (UTF-8 without control characters) as its "
                u"Content-Type says"_s);
    }
    // Refused as soon as the first bytes tell: the rest of a lie is never read.
    if (!m_typeChecked && m_head.size() >= 16) {
        m_typeChecked = true;
        const QString sniffed = Protocol::sniffAttachmentType(m_head);
        const bool text = m_accepted.type == "text/plain"_L1;
        if (text ? !sniffed.isEmpty() : sniffed != m_accepted.type)
            return fail(415, Protocol::ErrorCode::BadRequest,
                u"the file is not %1 as its Content-Type says"_s.arg(m_accepted.type));
    }
    if (m_file->write(bytes.data(), bytes.size()) != bytes.size())
        fail(500, Protocol::ErrorCode::Internal, u"the file could not be written"_s);
}

void AttachmentUpload::finish()
{
    m_done = true;
    m_stall.stop();
    m_deadline.stop();
    if (m_accepted.earlier) {
        qCInfo(lcServer, "event=attachment_retried conversation=%s",
            qUtf8Printable(m_accepted.conversation));
        const QJsonObject body { { "attachment"_L1, m_accepted.earlier->info.toJson() } };
        return answer(m_socket, 200, QJsonDocument(body).toJson(QJsonDocument::Compact), false);
    }
    const QString sniffed = Protocol::sniffAttachmentType(m_head);
    const bool text = m_accepted.type == "text/plain"_L1;
    if (text ? (!sniffed.isEmpty() || !m_text.isText()) : sniffed != m_accepted.type)
        return fail(415, Protocol::ErrorCode::BadRequest,
            u"the file is not %1 as its Content-Type says"_s.arg(m_accepted.type));
    if (!m_file->flush())
        return fail(500, Protocol::ErrorCode::Internal, u"the file could not be written"_s);
    Protocol::AttachmentInfo info;
    info.name = m_accepted.name;
    info.type = m_accepted.type;
    info.size = m_accepted.length;
    if (info.isImage()) {
        const QSize size = imageSize(m_head, info.type);
        info.width = size.width() > 0 ? size.width() : 0;
        info.height = size.height() > 0 ? size.height() : 0;
    }
    const auto stored = m_store.store(
        *m_file, m_accepted.conversation, m_accepted.from, m_accepted.uploadKey, info);
    m_file.reset();
    if (!stored)
        return fail(500, Protocol::ErrorCode::Internal, u"the file could not be stored"_s);
    qCInfo(lcServer, "event=attachment_stored conversation=%s type=%s bytes=%lld",
        qUtf8Printable(m_accepted.conversation), qUtf8Printable(info.type), info.size);
    const QJsonObject body { { "attachment"_L1, stored->info.toJson() } };
    answer(m_socket, 201, QJsonDocument(body).toJson(QJsonDocument::Compact), false);
}

void AttachmentUpload::fail(int status, Protocol::ErrorCode code, const QString &message)
{
    m_done = true;
    m_stall.stop();
    m_deadline.stop();
    m_file.reset();
    qCInfo(lcServer, "event=attachment_refused conversation=%s status=%d reason=\"%s\"",
        qUtf8Printable(m_accepted.conversation), status, qUtf8Printable(message));
    answer(m_socket, status, errorJson(code, message), m_left > 0);
}

void AttachmentUpload::cut(const char *reason)
{
    if (m_done)
        return;
    m_done = true;
    m_file.reset();
    qCInfo(lcServer, "event=connection_dropped peer=%s reason=%s",
        qUtf8Printable(m_socket->peerAddress().toString()), reason);
    m_socket->abort();
}

} // namespace OWidget::Server
