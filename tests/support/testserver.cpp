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

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QHttpServerResponse errorResponse(
    const QString &code, const QString &message, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(
        QJsonObject {
            { u"error"_s, QJsonObject { { u"code"_s, code }, { u"message"_s, message } } } },
        status);
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
            return errorResponse(u"unknown_company"_s, u"No such company."_s,
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
        send(client.socket, { { u"type"_s, u"status"_s }, { u"status"_s, newStatus } });
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

void TestServer::operatorJoins(const QString &conversation, const QString &name)
{
    for (Conversation &c : m_conversations) {
        if (c.id != conversation)
            continue;
        c.state = u"active"_s;
        c.operatorName = name;
        sendToConversation(
            c.id, appendEvent(c, { { u"type"_s, u"joined"_s }, { u"operator"_s, name } }));
    }
}

void TestServer::operatorSays(const QString &conversation, const QString &text)
{
    for (Conversation &c : m_conversations) {
        if (c.id != conversation)
            continue;
        sendToConversation(c.id,
            appendEvent(c,
                { { u"type"_s, u"message"_s }, { u"from"_s, u"operator"_s },
                    { u"name"_s, c.operatorName }, { u"text"_s, text } }));
    }
}

void TestServer::operatorTypes(const QString &conversation, bool active)
{
    sendToConversation(conversation, { { u"type"_s, u"typing"_s }, { u"active"_s, active } });
}

void TestServer::operatorEnds(const QString &conversation)
{
    for (Conversation &c : m_conversations) {
        if (c.id != conversation)
            continue;
        c.state = u"ended"_s;
        sendToConversation(
            c.id, appendEvent(c, { { u"type"_s, u"ended"_s }, { u"by"_s, u"operator"_s } }));
    }
}

QList<QJsonObject> TestServer::events(const QString &conversation) const
{
    for (const Conversation &c : m_conversations) {
        if (c.id == conversation)
            return c.events;
    }
    return {};
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
    const QString type = message.value(u"type"_s).toString();
    if (type == "hello"_L1) {
        onHello(*client, message);
    } else if (type == "start"_L1) {
        onStart(*client, message);
    } else if (type == "message"_L1) {
        onMessage(*client, message);
    } else if (type == "end"_L1) {
        operatorEnds(client->conversation);
    } else if (type == "leaveMessage"_L1 || type == "callbackRequest"_L1) {
        send(socket,
            { { u"type"_s, u"received"_s }, { u"clientId"_s, message.value(u"clientId"_s) } });
    }
    Q_EMIT frameReceived(message);
}

void TestServer::onHello(Client &client, const QJsonObject &hello)
{
    QJsonObject welcome { { u"type"_s, u"welcome"_s }, { u"protocol"_s, 1 },
        { u"status"_s, status }, { u"heartbeatSeconds"_s, heartbeatSeconds } };
    const QJsonObject resume = hello.value(u"resume"_s).toObject();
    if (resume.isEmpty()) {
        send(client.socket, welcome);
        return;
    }
    for (const Conversation &c : std::as_const(m_conversations)) {
        if (c.id != resume.value(u"conversation"_s).toString()
            || c.secret != resume.value(u"secret"_s).toString())
            continue;
        client.conversation = c.id;
        welcome.insert(u"conversation"_s,
            QJsonObject { { u"id"_s, c.id }, { u"state"_s, c.state },
                { u"operator"_s, c.operatorName },
                { u"queuePosition"_s, c.state == "waiting"_L1 ? 1 : 0 } });
        send(client.socket, welcome);
        const qint64 lastSeq = resume.value(u"lastSeq"_s).toInteger();
        for (const QJsonObject &event : c.events) {
            if (event.value(u"seq"_s).toInteger() > lastSeq)
                send(client.socket, event);
        }
        return;
    }
    send(client.socket, welcome);
    send(client.socket,
        { { u"type"_s, u"error"_s }, { u"code"_s, u"resume_rejected"_s },
            { u"message"_s, u"No such conversation."_s } });
}

void TestServer::onStart(Client &client, const QJsonObject &start)
{
    const QString clientId = start.value(u"clientId"_s).toString();
    auto existing = std::find_if(m_conversations.begin(), m_conversations.end(),
        [&](const Conversation &c) { return c.startClientId == clientId; });
    if (existing == m_conversations.end()) {
        Conversation c;
        c.id = u"c-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.secret = QUuid::createUuid().toString(QUuid::WithoutBraces);
        c.startClientId = clientId;
        m_conversations.append(c);
        existing = m_conversations.end() - 1;
    }
    client.conversation = existing->id;
    send(client.socket,
        { { u"type"_s, u"created"_s }, { u"clientId"_s, clientId },
            { u"conversation"_s, existing->id }, { u"secret"_s, existing->secret },
            { u"queuePosition"_s, 1 } });
}

void TestServer::onMessage(Client &client, const QJsonObject &message)
{
    for (Conversation &c : m_conversations) {
        if (c.id != client.conversation)
            continue;
        const QString clientId = message.value(u"clientId"_s).toString();
        auto stored = std::find_if(c.events.cbegin(), c.events.cend(),
            [&](const QJsonObject &e) { return e.value(u"clientId"_s).toString() == clientId; });
        QJsonObject event = stored != c.events.cend()
            ? *stored
            : appendEvent(c,
                { { u"type"_s, u"message"_s }, { u"from"_s, u"visitor"_s },
                    { u"clientId"_s, clientId }, { u"text"_s, message.value(u"text"_s) } });
        if (stored == c.events.cend())
            sendToConversation(c.id, event, client.socket);
        if (!holdAcks) {
            send(client.socket,
                { { u"type"_s, u"ack"_s }, { u"clientId"_s, clientId },
                    { u"seq"_s, event.value(u"seq"_s) }, { u"time"_s, event.value(u"time"_s) } });
        }
    }
}

QJsonObject TestServer::appendEvent(Conversation &conversation, QJsonObject event)
{
    event.insert(u"seq"_s, conversation.events.size() + 1);
    event.insert(u"time"_s, now());
    conversation.events.append(event);
    return event;
}

void TestServer::sendToConversation(
    const QString &conversation, const QJsonObject &message, QWebSocket *except)
{
    for (const Client &client : std::as_const(m_clients)) {
        if (client.conversation == conversation && client.socket != except)
            send(client.socket, message);
    }
}

void TestServer::send(QWebSocket *socket, const QJsonObject &message)
{
    socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
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
    const QJsonObject welcome { { u"type"_s, u"welcome"_s }, { u"protocol"_s, 1 },
        { u"status"_s, status }, { u"heartbeatSeconds"_s, heartbeatSeconds } };
    socket->write(frame(Text, QJsonDocument(welcome).toJson(QJsonDocument::Compact)));
}
