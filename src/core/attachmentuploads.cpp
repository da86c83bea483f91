#include "attachmentuploads_p.h"

#include "configclient_p.h"
#include "connectionsupervisor_p.h"
#include "logging_p.h"
#include "protocol_p.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

// The answer to an upload: its attachment object, a few hundred bytes.
constexpr qint64 MaxAnswerBytes = 16 * 1024;

// Whether trying again may help: the network, a server that failed or asks to wait.
bool isTransient(int httpStatus)
{
    if (httpStatus == 0)
        return true;
    return httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
}

} // namespace

AttachmentUploads::AttachmentUploads(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{ }

AttachmentUploads::~AttachmentUploads()
{
    for (auto &[clientId, entry] : m_entries)
        stop(*entry);
}

QString AttachmentUploads::newKey()
{
    return Protocol::randomToken(24);
}

QUrl AttachmentUploads::uploadUrl(const QUrl &serverUrl)
{
    return ConfigClient::serverResource(serverUrl, u"v1/attachments"_s);
}

QString AttachmentUploads::sniffFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(Protocol::AttachmentSniffBytes);
    if (head.isEmpty())
        return {};
    const QString type = Protocol::sniffAttachmentType(head);
    if (!type.isEmpty())
        return type;
    // Text is told by every byte, read in pieces: a file is never held whole.
    Protocol::TextChecker text;
    text.feed(head);
    while (!text.failed() && !file.atEnd()) {
        const QByteArray piece = file.read(Protocol::AttachmentSniffBytes);
        if (piece.isEmpty())
            return {};
        text.feed(piece);
    }
    return text.isText() ? u"text/plain"_s : QString();
}

void AttachmentUploads::setRetryDelays(int baseMsecs, int capMsecs)
{
    m_retryBase = qMax(1, baseMsecs);
    m_retryCap = qMax(m_retryBase, capMsecs);
}

void AttachmentUploads::add(const Upload &upload)
{
    auto entry = std::make_unique<Entry>();
    entry->upload = upload;
    entry->retry.setSingleShot(true);
    const QString clientId = upload.clientId;
    connect(&entry->retry, &QTimer::timeout, this, [this, clientId] {
        if (const auto it = m_entries.find(clientId); it != m_entries.end())
            start(*it->second);
    });
    Entry &added = *entry;
    m_entries[clientId] = std::move(entry);
    start(added);
}

QList<AttachmentUploads::Upload> AttachmentUploads::uploads() const
{
    QList<Upload> list;
    for (const auto &[clientId, entry] : m_entries)
        list.append(entry->upload);
    return list;
}

bool AttachmentUploads::cancel(const QString &clientId)
{
    if (!contains(clientId))
        return false;
    remove(clientId);
    return true;
}

void AttachmentUploads::resume()
{
    m_linkUp = true;
    for (auto &[clientId, entry] : m_entries) {
        entry->failuresInARow = 0;
        if (!entry->reply) {
            entry->retry.stop();
            start(*entry);
        }
    }
}

void AttachmentUploads::clear()
{
    while (!m_entries.empty())
        remove(m_entries.begin()->first);
}

void AttachmentUploads::start(Entry &entry)
{
    if (entry.reply)
        return;
    const std::optional<AttachmentTarget> target = m_target ? m_target() : std::nullopt;
    if (!target)
        return; // resume() starts it once the conversation exists
    const Upload &upload = entry.upload;
    // The reply owns the file: the network access manager reads it until the reply is gone,
    // also after an abort.
    auto file = std::make_unique<QFile>(upload.path);
    if (!file->open(QIODevice::ReadOnly) || file->size() != upload.size) {
        const QString clientId = upload.clientId;
        const Error error { Error::Code::InvalidArgument,
            tr("Cannot send the file %1: it cannot be read, or it changed since it was attached.")
                .arg(upload.name) };
        remove(clientId);
        Q_EMIT failed(clientId, error);
        return;
    }
    QNetworkRequest request(uploadUrl(target->serverUrl));
    request.setTransferTimeout(TimeoutMsecs);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    // The server reads the whole head before the body: HTTP/1.1, one request per connection.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, upload.type);
    request.setHeader(QNetworkRequest::ContentLengthHeader, upload.size);
    request.setRawHeader("X-OWidget-Conversation", target->conversation.toLatin1());
    request.setRawHeader("X-OWidget-Secret", target->secret.toLatin1());
    request.setRawHeader("X-OWidget-File-Name", upload.name.toUtf8().toPercentEncoding());
    request.setRawHeader("X-OWidget-Upload-Key", upload.key.toLatin1());
    ++entry.attempts;
    qCDebug(lcNet) << "uploading" << upload.clientId << upload.size << "bytes, attempt"
                   << entry.attempts;
    QNetworkReply *reply = m_network->post(request, file.get());
    file.release()->setParent(reply);
    entry.reply = reply;
    const QString clientId = upload.clientId;
    connect(
        reply, &QNetworkReply::uploadProgress, this, [this, clientId](qint64 sent, qint64 total) {
            // Qt reports (0, 0) once the body is gone: that is no progress.
            const auto it = m_entries.find(clientId);
            if (total <= 0 || it == m_entries.end())
                return;
            const QScopedValueRollback inSignal(m_inReplySignal, true);
            Q_EMIT progressed(clientId, sent, it->second->upload.size);
        });
    connect(reply, &QNetworkReply::finished, this, [this, clientId] { onFinished(clientId); });
}

void AttachmentUploads::onFinished(const QString &clientId)
{
    const auto it = m_entries.find(clientId);
    if (it == m_entries.end())
        return;
    Entry &entry = *it->second;
    QNetworkReply *reply = entry.reply;
    if (!reply)
        return;
    entry.reply = nullptr;
    reply->deleteLater();
    reply->disconnect(this);
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(MaxAnswerBytes + 1);
    const QString name = entry.upload.name;
    if (isTransient(httpStatus)) {
        const QString why = httpStatus ? u"HTTP %1"_s.arg(httpStatus) : reply->errorString();
        if (!m_linkUp) {
            qCInfo(lcNet) << "upload" << clientId << "failed:" << why << "- again with the link";
            return;
        }
        if (++entry.failuresInARow < MaxFailuresInARow)
            return retryLater(entry, why);
        remove(clientId);
        Q_EMIT failed(clientId,
            Error { Error::Code::NetworkError,
                tr("The file %1 could not be sent: %2 attempts in a row failed (%3). The server "
                   "may be refusing it, e.g. because the conversation holds as many files as "
                   "it may.")
                    .arg(name)
                    .arg(MaxFailuresInARow)
                    .arg(why) });
        return;
    }

    if (httpStatus == 200 || httpStatus == 201) {
        Protocol::Failure failure(u"The server's answer to an upload"_s);
        auto parsed = Protocol::parseObject(body, MaxAnswerBytes, u"The upload's answer"_s);
        Protocol::AttachmentInfo info;
        if (const auto *object = std::get_if<QJsonObject>(&parsed)) {
            Protocol::Reader reader(*object, failure);
            info = Protocol::readAttachmentInfo(reader, "attachment"_L1);
        } else {
            failure.fail(u"attachment"_s, std::get<Protocol::DecodeError>(parsed).message);
        }
        if (!failure.failed() && info.size == entry.upload.size && info.type == entry.upload.type) {
            remove(clientId);
            Q_EMIT uploaded(clientId, info);
            return;
        }
        const QString why = failure.failed()
            ? failure.error().message
            : u"it names another file (%1 bytes of %2)"_s.arg(info.size).arg(info.type);
        remove(clientId);
        Q_EMIT failed(clientId,
            Error { Error::Code::MalformedData,
                tr("The server's answer to the upload of %1 is malformed: %2").arg(name, why) });
        return;
    }
    const auto serverError = Protocol::parseErrorBody(body);
    const QString detail = serverError ? serverError->message : reply->errorString();
    remove(clientId);
    Q_EMIT failed(clientId,
        Error { Error::Code::AttachmentRefused,
            tr("The server refused the file %1 (HTTP %2): %3")
                .arg(name)
                .arg(httpStatus)
                .arg(detail) });
}

void AttachmentUploads::retryLater(Entry &entry, const QString &why)
{
    // The reconnection's delays: many clients cut at once do not come back at once.
    const int delay
        = ConnectionSupervisor::retryDelay(entry.attempts, std::chrono::milliseconds(m_retryBase),
            std::chrono::milliseconds(m_retryCap), *QRandomGenerator::global());
    qCInfo(lcNet) << "upload" << entry.upload.clientId << "failed:" << why << "- again in" << delay
                  << "ms";
    entry.retry.start(delay);
}

void AttachmentUploads::stop(Entry &entry)
{
    entry.retry.stop();
    if (QNetworkReply *reply = entry.reply) {
        reply->disconnect(this);
        reply->abort();
        // A reply not started yet would still send its request once the event loop runs:
        // deleted now, it never does. Within its own signal it can only go later.
        if (m_inReplySignal)
            reply->deleteLater();
        else
            delete reply;
    }
    entry.reply = nullptr;
}

void AttachmentUploads::remove(const QString &clientId)
{
    const auto it = m_entries.find(clientId);
    if (it == m_entries.end())
        return;
    std::unique_ptr<Entry> entry = std::move(it->second);
    m_entries.erase(it);
    stop(*entry);
    if (entry->upload.temporary)
        QFile::remove(entry->upload.path);
}

} // namespace OWidget
