#include "testserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace OWidget;

namespace {

QJsonObject defaultConfig()
{
    return QJsonDocument::fromJson(R"({
        "protocol": 1,
        "company": "6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20",
        "preset": "support",
        "languages": ["cs", "en"],
        "defaultLanguage": "en",
        "texts": { "cs": { "title": "Podpora" }, "en": { "title": "Support" } },
        "fields": [
            { "name": "name", "type": "text", "required": true, "label": { "en": "Name" } },
            { "name": "phone", "type": "phone", "required": false, "label": { "en": "Phone" } }
        ],
        "features": { "chat": true, "callback": true, "offlineMessage": true },
        "offlineBehavior": "form",
        "phoneRegion": "CZ",
        "colors": { "online": "#2E7D32" },
        "socket": "/v1/socket",
        "heartbeatSeconds": 15
    })")
        .object();
}

/// The answer that upgrades an HTTP request to a WebSocket; empty when `request` is incomplete
/// or not an upgrade.
QByteArray upgradeResponse(const QByteArray &request)
{
    static const QRegularExpression key(
        uR"(Sec-WebSocket-Key:\s*(\S+))"_s, QRegularExpression::CaseInsensitiveOption);
    const auto match = key.match(QString::fromLatin1(request));
    if (!match.hasMatch() || !request.contains("\r\n\r\n"))
        return {};
    const QByteArray keyAndGuid
        = match.captured(1).toLatin1() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    const QByteArray accept
        = QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
           "Connection: Upgrade\r\nSec-WebSocket-Accept: "
        + accept + "\r\n\r\n";
}

QHttpServerResponse errorResponse(
    Protocol::ErrorCode code, const QString &message, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(
        "application/json", Protocol::encodeErrorBody(code, message), status);
}

} // namespace

QString TestServer::companyId()
{
    return u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;
}

TestServer::TestServer(QObject *parent)
    : QObject(parent)
    , config(defaultConfig())
{
    m_http.route(u"/v1/config"_s, [this](const QHttpServerRequest &request) {
        ++configRequests;
        const QUrlQuery query = request.query();
        if (query.queryItemValue(u"company"_s) != companyId()) {
            return errorResponse(Protocol::ErrorCode::UnknownCompany, u"No such company."_s,
                QHttpServerResponse::StatusCode::NotFound);
        }
        if (!configBody.isEmpty()) {
            return QHttpServerResponse(
                "application/json", configBody, QHttpServerResponse::StatusCode(configStatus));
        }
        const QByteArray body = QJsonDocument(config).toJson(QJsonDocument::Compact);
        const QByteArray etag
            = '"' + QCryptographicHash::hash(body, QCryptographicHash::Sha1).toHex() + '"';
        if (request.value("If-None-Match") == etag) {
            ++notModifiedResponses;
            QHttpServerResponse response(QHttpServerResponse::StatusCode::NotModified);
            response.setHeader("ETag", etag);
            return response;
        }
        QHttpServerResponse response("application/json", body);
        response.setHeader("ETag", etag);
        return response;
    });
    m_http.route(u"/v1/avatars/<arg>"_s, [this](const QString &file) {
        ++avatarRequests;
        if (avatarRedirect.isValid()) {
            QHttpServerResponse response(QHttpServerResponse::StatusCode::Found);
            response.setHeader("Location", avatarRedirect.toEncoded());
            return response;
        }
        const auto avatar = avatars.constFind(file.chopped(file.endsWith(".png"_L1) ? 4 : 0));
        if (!file.endsWith(".png"_L1) || avatar == avatars.cend()) {
            return errorResponse(Protocol::ErrorCode::NotFound, u"no such avatar"_s,
                QHttpServerResponse::StatusCode::NotFound);
        }
        return QHttpServerResponse(avatarContentType, *avatar);
    });
    // Qt 6.4 upgrades a request to a WebSocket only when a route handles its path without
    // answering it: a responder-style handler that writes nothing.
    m_http.route(u"/v1/socket"_s, [](const QHttpServerRequest &, QHttpServerResponder &&) {});
    connect(
        &m_http, &QAbstractHttpServer::newWebSocketConnection, this, &TestServer::onNewConnection);
}

TestServer::~TestServer()
{
    dropConnections();
}

bool TestServer::listen()
{
    m_port = m_http.listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

QUrl TestServer::url() const
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_port));
}

int TestServer::hellos() const
{
    return int(std::count_if(received.cbegin(), received.cend(),
        [](const QJsonObject &frame) { return frame.value(u"type"_s).toString() == "hello"_L1; }));
}

QJsonObject TestServer::lastHello() const
{
    for (auto it = received.crbegin(); it != received.crend(); ++it) {
        if (it->value(u"type"_s).toString() == "hello"_L1)
            return *it;
    }
    return {};
}

int TestServer::openConnections() const
{
    return int(m_clients.size());
}

void TestServer::setStatus(int newStatus)
{
    status = newStatus;
    for (const Client &client : std::as_const(m_clients))
        send(client.socket, Protocol::StatusUpdate { Protocol::Status(newStatus) });
}

void TestServer::dropConnections()
{
    const QList<Client> clients = m_clients;
    m_clients.clear();
    for (const Client &client : clients) {
        client.socket->disconnect(this);
        client.socket->abort();
        client.socket->deleteLater();
    }
}

void TestServer::sendRaw(const QByteArray &frame)
{
    for (const Client &client : std::as_const(m_clients))
        client.socket->sendTextMessage(QString::fromUtf8(frame));
}

void TestServer::sendFragmented(const QByteArray &message, quint64 frameBytes)
{
    for (const Client &client : std::as_const(m_clients)) {
        const quint64 previous = client.socket->outgoingFrameSize();
        client.socket->setOutgoingFrameSize(frameBytes);
        client.socket->sendTextMessage(QString::fromUtf8(message));
        client.socket->setOutgoingFrameSize(previous);
    }
}

QString TestServer::lastConversation() const
{
    return m_conversations.isEmpty() ? QString() : m_conversations.constLast().id;
}

void TestServer::operatorJoins(
    const QString &conversation, const QString &name, const QString &avatar)
{
    for (Conversation &c : m_conversations) {
        if (c.id != conversation)
            continue;
        c.state = Protocol::ConversationState::Active;
        c.operatorName = name;
        c.operatorAvatar = avatar;
        Protocol::Event joined;
        joined.type = Protocol::EventType::Joined;
        joined.name = name;
        joined.avatar = avatar;
        sendToConversation(c.id, appendEvent(c, joined).toWidgetMessage());
    }
}

void TestServer::operatorSays(const QString &conversation, const QString &text)
{
    for (Conversation &c : m_conversations) {
        if (c.id != conversation)
            continue;
        Protocol::Event message;
        message.from = Protocol::Sender::Operator;
        message.name = c.operatorName;
        message.avatar = c.operatorAvatar;
        message.text = text;
        sendToConversation(c.id, appendEvent(c, message).toWidgetMessage());
    }
}

void TestServer::operatorTypes(const QString &conversation, bool active)
{
    sendToConversation(conversation, Protocol::Typing { active });
}

void TestServer::operatorReads(const QString &conversation, qint64 seq)
{
    for (Conversation &c : m_conversations) {
        if (c.id == conversation && seq > c.operatorRead) {
            c.operatorRead = seq;
            sendToConversation(c.id, Protocol::ReadMark { seq });
        }
    }
}

qint64 TestServer::visitorRead(const QString &conversation) const
{
    for (const Conversation &c : m_conversations) {
        if (c.id == conversation)
            return c.visitorRead;
    }
    return 0;
}

// As owidget-server: forward only, and never beyond the last event.
void TestServer::onRead(Client &client, const Protocol::VisitorRead &read)
{
    for (Conversation &c : m_conversations) {
        if (c.id != client.conversation)
            continue;
        if (c.events.isEmpty() || read.seq > c.events.constLast().seq) {
            send(client.socket,
                Protocol::ServerError::from(Protocol::ErrorCode::BadRequest,
                    u"field 'seq' is beyond the conversation's last event"_s));
        } else {
            c.visitorRead = qMax(c.visitorRead, read.seq);
        }
    }
}

void TestServer::operatorEnds(const QString &conversation)
{
    for (Conversation &c : m_conversations) {
        if (c.id != conversation)
            continue;
        c.state = Protocol::ConversationState::Ended;
        Protocol::Event ended;
        ended.type = Protocol::EventType::Ended;
        ended.by = Protocol::EndedBy::Operator;
        sendToConversation(c.id, appendEvent(c, ended).toWidgetMessage());
    }
}

QList<QJsonObject> TestServer::events(const QString &conversation) const
{
    QList<QJsonObject> events;
    for (const Conversation &c : m_conversations) {
        if (c.id != conversation)
            continue;
        for (const Protocol::Event &event : c.events)
            events.append(
                QJsonDocument::fromJson(Protocol::encode(event.toWidgetMessage())).object());
    }
    return events;
}

void TestServer::onNewConnection()
{
    while (m_http.hasPendingWebSocketConnections()) {
        QWebSocket *socket = m_http.nextPendingWebSocketConnection().release();
        socket->setParent(this);
        m_clients.append(Client { socket, {} });
        connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &text) { onFrame(socket, text.toUtf8()); });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.removeIf([socket](const Client &c) { return c.socket == socket; });
            socket->deleteLater();
        });
    }
}

void TestServer::onFrame(QWebSocket *socket, const QByteArray &frame)
{
    const QJsonObject message = QJsonDocument::fromJson(frame).object();
    received.append(message);
    Client *client = clientFor(socket);
    if (!client)
        return;
    const auto decoded = Protocol::decodeWidgetRequest(frame);
    if (const auto *error = std::get_if<Protocol::DecodeError>(&decoded)) {
        send(socket,
            Protocol::ServerError {
                Protocol::errorCodeName(error->code), error->message, error->clientId });
    } else {
        onRequest(*client, std::get<Protocol::WidgetRequest>(decoded));
    }
    Q_EMIT frameReceived(message);
}

void TestServer::onRequest(Client &client, const Protocol::WidgetRequest &request)
{
    if (const auto *hello = std::get_if<Protocol::Hello>(&request)) {
        onHello(client, *hello);
    } else if (const auto *start = std::get_if<Protocol::Start>(&request)) {
        onStart(client, *start);
    } else if (const auto *message = std::get_if<Protocol::VisitorMessage>(&request)) {
        onMessage(client, *message);
    } else if (std::holds_alternative<Protocol::EndConversation>(request)) {
        operatorEnds(client.conversation);
    } else if (const auto *leave = std::get_if<Protocol::LeaveMessage>(&request)) {
        send(client.socket, Protocol::Received { leave->clientId });
    } else if (const auto *callback = std::get_if<Protocol::CallbackRequest>(&request)) {
        send(client.socket, Protocol::Received { callback->clientId });
    } else if (const auto *rate = std::get_if<Protocol::Rate>(&request)) {
        if (client.conversation.isEmpty()) {
            send(client.socket,
                Protocol::ServerError::from(Protocol::ErrorCode::NotInConversation,
                    u"no conversation on this connection"_s, rate->clientId));
        } else if (!holdRatings) {
            send(client.socket, Protocol::Rated { rate->clientId, rate->score });
        }
    } else if (const auto *read = std::get_if<Protocol::VisitorRead>(&request)) {
        onRead(client, *read);
    }
}

void TestServer::onHello(Client &client, const Protocol::Hello &hello)
{
    Protocol::Welcome welcome { Protocol::Status(status), heartbeatSeconds, std::nullopt };
    if (!hello.resume) {
        send(client.socket, welcome);
        return;
    }
    for (const Conversation &c : std::as_const(m_conversations)) {
        if (c.id != hello.resume->conversation || c.secret != hello.resume->secret)
            continue;
        client.conversation = c.id;
        const bool waiting = c.state == Protocol::ConversationState::Waiting;
        welcome.conversation = Protocol::ConversationInfo { c.id, c.state, c.operatorName,
            waiting ? 1 : 0, c.operatorRead, c.operatorAvatar };
        send(client.socket, welcome);
        for (const Protocol::Event &event : c.events) {
            if (event.seq > hello.resume->lastSeq)
                send(client.socket, event.toWidgetMessage());
        }
        return;
    }
    send(client.socket, welcome);
    send(client.socket,
        Protocol::ServerError::from(
            Protocol::ErrorCode::ResumeRejected, u"No such conversation."_s));
}

void TestServer::onStart(Client &client, const Protocol::Start &start)
{
    if (!refuseStarts.isEmpty()) {
        send(client.socket,
            Protocol::ServerError { refuseStarts, u"the start was refused"_s, start.clientId });
        return;
    }
    auto existing = std::find_if(m_conversations.begin(), m_conversations.end(),
        [&](const Conversation &c) { return c.startClientId == start.clientId; });
    if (existing == m_conversations.end()) {
        Conversation c;
        c.id = u"c-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.secret = QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.startClientId = start.clientId;
        m_conversations.append(c);
        existing = m_conversations.end() - 1;
    }
    if (holdCreated)
        return;
    client.conversation = existing->id;
    send(client.socket, Protocol::Created { start.clientId, existing->id, existing->secret, 1 });
}

void TestServer::onMessage(Client &client, const Protocol::VisitorMessage &message)
{
    for (Conversation &c : m_conversations) {
        if (c.id != client.conversation)
            continue;
        auto stored = std::find_if(c.events.cbegin(), c.events.cend(),
            [&](const Protocol::Event &e) { return e.clientId == message.clientId; });
        const bool isNew = stored == c.events.cend();
        Protocol::Event event;
        if (isNew) {
            event.from = Protocol::Sender::Visitor;
            event.clientId = message.clientId;
            event.text = message.text;
            event = appendEvent(c, event);
            sendToConversation(c.id, event.toWidgetMessage(), client.socket);
        } else {
            event = *stored;
        }
        if (!holdAcks)
            send(client.socket, Protocol::Ack { message.clientId, event.seq, event.time });
    }
}

const Protocol::Event &TestServer::appendEvent(Conversation &conversation, Protocol::Event event)
{
    event.seq = conversation.events.size() + 1;
    event.time = QDateTime::currentDateTimeUtc();
    conversation.events.append(event);
    return conversation.events.constLast();
}

void TestServer::sendToConversation(
    const QString &conversation, const Protocol::ServerMessage &message, QWebSocket *except)
{
    for (const Client &client : std::as_const(m_clients)) {
        if (client.conversation == conversation && client.socket != except)
            send(client.socket, message);
    }
}

void TestServer::send(QWebSocket *socket, const Protocol::ServerMessage &message)
{
    socket->sendTextMessage(QString::fromUtf8(Protocol::encode(message)));
}

TestServer::Client *TestServer::clientFor(QWebSocket *socket)
{
    for (Client &client : m_clients) {
        if (client.socket == socket)
            return &client;
    }
    return nullptr;
}

SilentServer::SilentServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        QTcpSocket *socket = m_server->nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            const QByteArray response = upgradeResponse(socket->readAll());
            if (response.isEmpty())
                return; // frames after the handshake go unanswered
            socket->write(response);
            ++handshakes;
        });
    });
}

bool SilentServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl SilentServer::url() const
{
    return QUrl(u"ws://127.0.0.1:%1/v1/socket"_s.arg(m_server->serverPort()));
}

QByteArray RawWebSocketServer::frame(quint8 opCode, const QByteArray &payload, bool final,
    quint8 rsv, std::optional<quint64> claimedLength)
{
    const quint64 length = claimedLength.value_or(quint64(payload.size()));
    QByteArray bytes;
    bytes.append(char((final ? 0x80 : 0) | ((rsv & 0x7) << 4) | (opCode & 0xF)));
    if (length < 126) {
        bytes.append(char(length));
    } else if (length <= 0xFFFF) {
        bytes.append(char(126));
        bytes.append(char(length >> 8));
        bytes.append(char(length & 0xFF));
    } else {
        bytes.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            bytes.append(char((length >> shift) & 0xFF));
    }
    return bytes + payload;
}

QByteArray RawWebSocketServer::fragments(const QByteArray &message, qsizetype frameBytes)
{
    QByteArray bytes;
    for (qsizetype offset = 0; offset < message.size(); offset += frameBytes) {
        const bool last = offset + frameBytes >= message.size();
        bytes += frame(offset == 0 ? Text : Continuation, message.mid(offset, frameBytes), last);
    }
    return bytes;
}

RawWebSocketServer::RawWebSocketServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            m_connections.insert(socket, {});
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                m_connections.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

bool RawWebSocketServer::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl RawWebSocketServer::url() const
{
    return QUrl(u"ws://127.0.0.1:%1/v1/socket"_s.arg(m_server->serverPort()));
}

int RawWebSocketServer::openConnections() const
{
    return int(std::count_if(m_connections.cbegin(), m_connections.cend(),
        [](const Connection &connection) { return connection.upgraded; }));
}

void RawWebSocketServer::sendBytes(const QByteArray &bytes)
{
    for (auto it = m_connections.cbegin(); it != m_connections.cend(); ++it) {
        if (it->upgraded)
            it.key()->write(bytes);
    }
}

// Reads the handshake, then the client's frames: masked, never fragmented, never over 64 KiB.
void RawWebSocketServer::onReadyRead(QTcpSocket *socket)
{
    Connection &connection = m_connections[socket];
    connection.unread += socket->readAll();
    if (!connection.upgraded) {
        const QByteArray response = upgradeResponse(connection.unread);
        if (response.isEmpty()) {
            if (!httpResponse.isEmpty() && connection.unread.contains("\r\n\r\n")) {
                ++httpRequests;
                connection.unread.clear();
                socket->write(httpResponse);
                socket->disconnectFromHost();
            }
            return;
        }
        connection.unread.remove(0, connection.unread.indexOf("\r\n\r\n") + 4);
        connection.upgraded = true;
        socket->write(response);
    }
    for (;;) {
        const QByteArray &bytes = connection.unread;
        if (bytes.size() < 2)
            return;
        const quint8 opCode = quint8(bytes.at(0)) & 0xF;
        quint64 length = quint8(bytes.at(1)) & 0x7F;
        qsizetype header = 2;
        if (length == 126) {
            if (bytes.size() < 4)
                return;
            length = (quint64(quint8(bytes.at(2))) << 8) | quint8(bytes.at(3));
            header = 4;
        } else if (length == 127) {
            return; // the client never sends that much
        }
        if (quint64(bytes.size()) < header + 4 + length)
            return;
        const QByteArray mask = bytes.mid(header, 4);
        QByteArray payload = bytes.mid(header + 4, qsizetype(length));
        for (qsizetype i = 0; i < payload.size(); ++i)
            payload[i] = char(payload.at(i) ^ mask.at(i % 4));
        connection.unread.remove(0, header + 4 + qsizetype(length));
        onClientFrame(socket, opCode, payload);
    }
}

void RawWebSocketServer::onClientFrame(QTcpSocket *socket, quint8 opCode, const QByteArray &payload)
{
    if (opCode == Ping) {
        socket->write(frame(Pong, payload));
        return;
    }
    if (opCode != Text || QJsonDocument::fromJson(payload)[u"type"_s].toString() != "hello"_L1)
        return;
    ++hellos;
    if (!answersHello)
        return;
    if (!answerToHello.isEmpty()) {
        socket->write(answerToHello);
        return;
    }
    socket->write(frame(Text,
        Protocol::encode(
            Protocol::Welcome { Protocol::Status(status), heartbeatSeconds, std::nullopt })));
}
