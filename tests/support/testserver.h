// A small server that speaks the v1 protocol on 127.0.0.1 inside the test process, with hooks
// to inject what a test needs: status pushes, operator actions, dropped links, held acks and
// raw frames. It is the double for controller tests; integration tests use owidget-server.
#pragma once

#include "protocol/event.h"
#include "protocol/servermessages.h"
#include "protocol/widgetrequests.h"

#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QUrl>

#include <optional>

class QTcpServer;
class QTcpSocket;
class QWebSocket;

class TestServer : public QObject
{
    Q_OBJECT
public:
    static QString companyId();

    explicit TestServer(QObject *parent = nullptr);
    ~TestServer() override;

    /// Listens on 127.0.0.1 and an ephemeral port; false when it cannot.
    bool listen();
    QUrl url() const;

    // Configuration (GET /v1/config)
    QJsonObject config;     ///< the document served for companyId()
    QByteArray configBody;  ///< when not empty, served as it is instead of `config`
    int configStatus = 200; ///< the HTTP status that `configBody` is served with
    int configRequests = 0;
    int notModifiedResponses = 0;

    // Operators' pictures (GET /v1/avatars/<id>.png)
    QHash<QString, QByteArray> avatars; ///< the body served for each id, as it is
    QByteArray avatarContentType = "image/png";
    QUrl avatarRedirect; ///< when valid, every picture is answered with a redirect to it
    int avatarRequests = 0;

    // The widget socket
    int status = 1;
    int heartbeatSeconds = 15;
    bool holdAcks = false;    ///< store visitor messages but do not acknowledge them
    bool holdRatings = false; ///< answer no `rate` with `rated`
    bool holdCreated = false; ///< store a started conversation but answer no `start`
    QString refuseStarts;     ///< when not empty, the error code every `start` is answered with
    QList<QJsonObject> received;
    int hellos() const;
    QJsonObject lastHello() const;
    int openConnections() const;
    void setStatus(int newStatus);
    void dropConnections();
    void sendRaw(const QByteArray &frame);
    /// Sends `message` as one text message split into frames of at most `frameBytes` bytes.
    void sendFragmented(const QByteArray &message, quint64 frameBytes);

    // Operator actions on a conversation
    QString lastConversation() const;
    void operatorJoins(
        const QString &conversation, const QString &name, const QString &avatar = {});
    void operatorSays(const QString &conversation, const QString &text);
    void operatorTypes(const QString &conversation, bool active);
    void operatorEnds(const QString &conversation);
    QList<QJsonObject> events(const QString &conversation) const;
    /// The operator's read mark: stored for the welcome of a resume, and sent on.
    void operatorReads(const QString &conversation, qint64 seq);
    /// The visitor's read mark as the `read` frames raised it; 0 for none.
    qint64 visitorRead(const QString &conversation) const;

Q_SIGNALS:
    void frameReceived(const QJsonObject &frame);

private:
    struct Conversation
    {
        QString id;
        QString secret;
        QString startClientId;
        OWidget::Protocol::ConversationState state = OWidget::Protocol::ConversationState::Waiting;
        QString operatorName;
        QString operatorAvatar;
        QList<OWidget::Protocol::Event> events;
        qint64 operatorRead = 0;
        qint64 visitorRead = 0;
    };
    struct Client
    {
        QWebSocket *socket = nullptr;
        QString conversation;
    };

    void onNewConnection();
    void onFrame(QWebSocket *socket, const QByteArray &frame);
    void onRequest(Client &client, const OWidget::Protocol::WidgetRequest &request);
    void onHello(Client &client, const OWidget::Protocol::Hello &hello);
    void onStart(Client &client, const OWidget::Protocol::Start &start);
    void onMessage(Client &client, const OWidget::Protocol::VisitorMessage &message);
    void onRead(Client &client, const OWidget::Protocol::VisitorRead &read);
    const OWidget::Protocol::Event &appendEvent(
        Conversation &conversation, OWidget::Protocol::Event event);
    void sendToConversation(const QString &conversation,
        const OWidget::Protocol::ServerMessage &message, QWebSocket *except = nullptr);
    void send(QWebSocket *socket, const OWidget::Protocol::ServerMessage &message);
    Client *clientFor(QWebSocket *socket);

    QHttpServer m_http;
    quint16 m_port = 0;
    QList<Client> m_clients;
    QList<Conversation> m_conversations;
};

/// A WebSocket server that completes the handshake and then never says anything again, not even
/// a pong: a link that died without closing.
class SilentServer : public QObject
{
    Q_OBJECT
public:
    explicit SilentServer(QObject *parent = nullptr);
    bool listen();
    QUrl url() const;
    int handshakes = 0;

private:
    QTcpServer *m_server;
};

/// A WebSocket server written on a bare TCP socket, for what QWebSocket will not send: invalid
/// UTF-8 in text frames, frames over any size, floods of fragments, broken framing, and broken
/// HTTP. It answers each `hello` with a `welcome`; everything else it sends is written byte for
/// byte by the test.
class RawWebSocketServer : public QObject
{
    Q_OBJECT
public:
    enum OpCode : quint8 {
        Continuation = 0x0,
        Text = 0x1,
        Binary = 0x2,
        Close = 0x8,
        Ping = 0x9,
        Pong = 0xA
    };

    /// One frame as a server writes it (unmasked): FIN when `final`, `rsv` in bits 4-6, and the
    /// payload's length in the shortest form unless `claimedLength` says otherwise.
    static QByteArray frame(quint8 opCode, const QByteArray &payload, bool final = true,
        quint8 rsv = 0, std::optional<quint64> claimedLength = std::nullopt);
    /// `message` as a text message split into frames of `frameBytes` bytes.
    static QByteArray fragments(const QByteArray &message, qsizetype frameBytes);

    explicit RawWebSocketServer(QObject *parent = nullptr);
    bool listen();
    QUrl url() const;
    int status = 1;
    int heartbeatSeconds = 15;
    bool answersHello = true;
    QByteArray answerToHello; ///< when not empty, written instead of the `welcome`
    int hellos = 0;
    /// When not empty, the whole answer to any HTTP request that is not an upgrade, written as
    /// it is before the connection is closed.
    QByteArray httpResponse;
    int httpRequests = 0;
    int openConnections() const;
    /// Writes `bytes` as they are to every open connection.
    void sendBytes(const QByteArray &bytes);

private:
    void onReadyRead(QTcpSocket *socket);
    void onClientFrame(QTcpSocket *socket, quint8 opCode, const QByteArray &payload);

    QTcpServer *m_server;
    struct Connection
    {
        bool upgraded = false;
        QByteArray unread;
    };
    QHash<QTcpSocket *, Connection> m_connections;
};
