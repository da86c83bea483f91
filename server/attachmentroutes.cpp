#include "attachmentroutes.h"
#include "attachmentupload.h"
#include "authenticator.h"
#include "conversationservice.h"
#include "crypto.h"
#include "directory.h"
#include "httpapi.h"
#include "httpframing.h"
#include "logging.h"
#include "serverlimits.h"

#include "protocol/limits.h"
#include "protocol/reader.h"
#include "protocol/servermessages.h"

#include <QHttpServerRequest>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

using Protocol::ErrorCode;
using Status = QHttpServerResponder::StatusCode;

// The headers an upload and a download name their caller and their file with. The resume
// secret travels in a header, never in the URL, which logs and proxies keep.
constexpr auto ConversationHeader = "X-OWidget-Conversation";
constexpr auto SecretHeader = "X-OWidget-Secret";
constexpr auto FileNameHeader = "X-OWidget-File-Name";
constexpr auto UploadKeyHeader = "X-OWidget-Upload-Key";

QHttpServerResponse notFound()
{
    return QHttpServerResponse("application/json"_ba,
        Protocol::encodeErrorBody(ErrorCode::NotFound, u"no such attachment"_s), Status::NotFound);
}

} // namespace

AttachmentRoutes::AttachmentRoutes(AttachmentStore &store, ConversationService &conversations,
    Directory &directory, Authenticator &authenticator, HttpApi &http, int stallMs,
    int maxAttachments)
    : m_store(store)
    , m_conversations(conversations)
    , m_directory(directory)
    , m_authenticator(authenticator)
    , m_http(http)
    , m_stallMs(stallMs)
    , m_maxAttachments(maxAttachments)
{ }

QByteArray AttachmentRoutes::headerValue(QByteArrayView head, QByteArrayView name)
{
    // The front layer has checked the head: CRLF line ends, one name and value a line.
    qsizetype at = head.indexOf("\r\n") + 2;
    while (at > 1 && at < head.size()) {
        const qsizetype end = head.indexOf("\r\n", at);
        if (end <= at)
            break;
        const QByteArrayView line = head.sliced(at, end - at);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
        at = end + 2;
    }
    return {};
}

std::optional<Conversation> AttachmentRoutes::visitorConversation(
    const QByteArray &conversation, const QByteArray &secret) const
{
    if (conversation.isEmpty() || conversation.size() > Protocol::MaxIdLength || secret.isEmpty()
        || secret.size() > Protocol::MaxSecretLength)
        return std::nullopt;
    return m_conversations.resume(QString::fromLatin1(conversation), QString::fromLatin1(secret));
}

void AttachmentRoutes::takeUpload(
    QTcpSocket *socket, const QByteArray &head, const RequestHead &parsed, qint64 bodyOffset)
{
    socket->skip(bodyOffset);
    const auto refuse = [socket](int status, ErrorCode code, const QString &message) {
        qCInfo(lcServer, "event=attachment_refused peer=%s status=%d reason=\"%s\"",
            qUtf8Printable(socket->peerAddress().toString()), status, qUtf8Printable(message));
        AttachmentUpload::answer(socket, status, AttachmentUpload::errorJson(code, message), true);
    };
    // The same per-address limit as every other request: an upload is a request too, and the
    // most expensive one.
    if (!m_http.takeRequestToken(socket->peerAddress()))
        return refuse(429, ErrorCode::RateLimited, u"too many requests; wait and retry"_s);
    if (parsed.method != "POST")
        return refuse(405, ErrorCode::BadRequest, u"method not allowed"_s);

    // Who uploads, into which conversation: nobody else gets a byte of the body read.
    const bool byOperator = parsed.path == "/v1/operator/attachments";
    const QByteArray conversationId = headerValue(head, ConversationHeader);
    std::optional<Conversation> conversation;
    if (byOperator) {
        if (!m_http.originAllowed(headerValue(head, "Origin"), headerValue(head, "Host")))
            return refuse(403, ErrorCode::Forbidden, u"the Origin is not this server's"_s);
        const QString login = m_authenticator.loginForCookie(headerValue(head, "Cookie"));
        if (login.isEmpty())
            return refuse(401, ErrorCode::Unauthorized, u"not logged in"_s);
        if (conversationId.size() <= Protocol::MaxIdLength)
            conversation = m_conversations.find(QString::fromLatin1(conversationId));
        if (!conversation || conversation->operatorLogin != login
            || conversation->state != Protocol::ConversationState::Active)
            return refuse(404, ErrorCode::NotFound,
                u"header '%1' must name a conversation you are in"_s.arg(
                    QLatin1StringView(ConversationHeader)));
    } else {
        conversation = visitorConversation(conversationId, headerValue(head, SecretHeader));
        if (!conversation)
            return refuse(401, ErrorCode::Unauthorized,
                u"headers '%1' and '%2' must name a conversation and its resume secret"_s.arg(
                    QLatin1StringView(ConversationHeader), QLatin1StringView(SecretHeader)));
        if (conversation->state == Protocol::ConversationState::Ended)
            return refuse(403, ErrorCode::Forbidden, u"the conversation has ended"_s);
    }

    // What the preset allows, told before the body is read.
    const auto preset = m_directory.preset(conversation->company, conversation->preset);
    const Protocol::AttachmentPolicy policy
        = preset ? preset->config.attachments : Protocol::AttachmentPolicy();
    if (!policy.enabled())
        return refuse(403, ErrorCode::Forbidden, u"the preset allows no attachments"_s);
    if (parsed.contentLength <= 0)
        return refuse(400, ErrorCode::BadRequest,
            u"header 'Content-Length' must give the file's size, 1 byte or more"_s);
    if (parsed.contentLength > policy.maxBytes)
        return refuse(413, ErrorCode::TooLarge,
            u"the file is over the preset's limit of %1 bytes"_s.arg(policy.maxBytes));
    const QString type = QString::fromLatin1(
        headerValue(head, "Content-Type").split(';').first().trimmed().toLower());
    if (!policy.allows(type))
        return refuse(415, ErrorCode::BadRequest,
            u"header 'Content-Type': '%1' is not one of the types the preset allows (%2)"_s.arg(
                type.left(64), policy.types.join(u", "_s)));
    const auto name = Protocol::decodeFileName(headerValue(head, FileNameHeader));
    if (!name)
        return refuse(400, ErrorCode::BadRequest,
            u"header '%1' must be a file name in percent-encoded UTF-8, at most %2 characters, "
            u"with no path or control character"_s.arg(QLatin1StringView(FileNameHeader))
                .arg(Protocol::MaxFileNameLength));
    const QString key = QString::fromLatin1(headerValue(head, UploadKeyHeader));
    if (!key.isEmpty() && !Protocol::isSecret(key))
        return refuse(400, ErrorCode::BadRequest,
            u"header '%1' must be %2 to %3 characters of base64url"_s
                .arg(QLatin1StringView(UploadKeyHeader))
                .arg(Protocol::MinSecretLength)
                .arg(Protocol::MaxSecretLength));

    AttachmentUpload::Accepted accepted;
    accepted.conversation = conversation->id;
    accepted.from = byOperator ? Protocol::Sender::Operator : Protocol::Sender::Visitor;
    accepted.name = *name;
    accepted.type = type;
    accepted.uploadKey = key;
    accepted.length = parsed.contentLength;
    accepted.earlier = m_store.findByKey(accepted.conversation, accepted.from, key);
    std::unique_ptr<QTemporaryFile> file;
    const auto [count, bytes] = m_store.usage(accepted.conversation);
    if (!accepted.earlier
        && (count >= m_maxAttachments
            || bytes + accepted.length > Limits::MaxAttachmentBytesPerConversation)) {
        return refuse(413, ErrorCode::TooLarge,
            u"the conversation holds as many attachments as it may (%1, or %2 MiB together)"_s
                .arg(m_maxAttachments)
                .arg(Limits::MaxAttachmentBytesPerConversation / (1024 * 1024)));
    }
    if (!accepted.earlier) {
        file = m_store.newUploadFile();
        if (!file)
            return refuse(500, ErrorCode::Internal, u"no room for the file"_s);
    }
    new AttachmentUpload(socket, m_store, std::move(accepted), std::move(file), m_stallMs);
}

QHttpServerResponse AttachmentRoutes::download(const QHttpServerRequest &request, const QString &id)
{
    const auto stored = m_store.find(id);
    if (!stored)
        return notFound();
    const auto conversation = m_conversations.find(stored->conversation);
    if (!conversation)
        return notFound();
    // Its visitor, by the conversation's credentials; or an operator of its company.
    const QByteArray secret = HttpApi::header(request, SecretHeader);
    bool allowed = false;
    if (!secret.isEmpty()) {
        allowed = HttpApi::header(request, ConversationHeader) == conversation->id.toLatin1()
            && secret.size() <= Protocol::MaxSecretLength
            && conversation->secretHash == Crypto::hashSecret(QString::fromLatin1(secret));
    } else {
        const QString login = m_authenticator.loginForCookie(HttpApi::header(request, "Cookie"_ba));
        const auto op = login.isEmpty() ? std::nullopt : m_directory.operatorInfo(login);
        allowed = op && op->company == conversation->company;
    }
    if (!allowed)
        return notFound();
    const auto content = m_store.content(id);
    if (!content)
        return notFound();
    QHttpServerResponse response(stored->info.type.toLatin1(), *content);
    if (!stored->info.isImage()) {
        // Saved, never shown by a browser in the server's origin.
        response.addHeader("Content-Disposition"_ba,
            "attachment; filename*=UTF-8''"_ba + QUrl::toPercentEncoding(stored->info.name));
    }
    response.addHeader("Content-Security-Policy"_ba, "default-src 'none'; sandbox"_ba);
    response.addHeader("Cache-Control"_ba, "private, no-store"_ba);
    return response;
}

} // namespace OWidget::Server
