#pragma once

#include "attachmentstore.h"

#include <QByteArray>
#include <QHttpServerResponse>

#include <optional>

class QHttpServerRequest;
class QTcpSocket;

namespace OWidget::Server {

class Authenticator;
class ConversationService;
class Directory;
class HttpApi;
struct Conversation;
struct RequestHead;

// The attachments' HTTP routes (docs/protocol.md section 9). `POST /v1/attachments` (the
// visitor, with the conversation's id and resume secret, as a resume names them) and
// `POST /v1/operator/attachments` (the operator holding the conversation, by the session's
// cookie) are taken from the front layer as soon as their head is read: the caller is checked,
// and the declared size and type against the preset, before a byte of the body is read; the
// body is then an AttachmentUpload's. `GET /v1/attachments/<id>` serves a file to that
// conversation's visitor and to its company's operators, and to nobody else (404).
class AttachmentRoutes
{
public:
    AttachmentRoutes(AttachmentStore &store, ConversationService &conversations,
        Directory &directory, Authenticator &authenticator, HttpApi &http, int stallMs,
        int maxAttachments);

    /// Takes over `socket`, whose request head `head` (parsed as `parsed`) is an upload's; the
    /// body starts `bodyOffset` bytes into what the socket holds unread.
    void takeUpload(
        QTcpSocket *socket, const QByteArray &head, const RequestHead &parsed, qint64 bodyOffset);
    QHttpServerResponse download(const QHttpServerRequest &request, const QString &id);

    /// A header's value in a request head the front layer accepted; empty when it has none.
    static QByteArray headerValue(QByteArrayView head, QByteArrayView name);

private:
    // The visitor's conversation named by the head's credentials, if they are its.
    std::optional<Conversation> visitorConversation(
        const QByteArray &conversation, const QByteArray &secret) const;

    AttachmentStore &m_store;
    ConversationService &m_conversations;
    Directory &m_directory;
    Authenticator &m_authenticator;
    HttpApi &m_http;
    int m_stallMs;
    int m_maxAttachments; ///< in one conversation, both sides together
};

} // namespace OWidget::Server
