#include "liveconnection_p.h"

#include "logging_p.h"

using namespace Qt::StringLiterals;

namespace OWidget {

LiveConnection::LiveConnection(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket)
            m_socket->ping();
    });
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        drop(Error::Code::Timeout,
            tr("The server did not answer for %1 seconds.").arg(2 * m_heartbeatSeconds));
    });
}

LiveConnection::~LiveConnection()
{
    close();
}

void LiveConnection::open(const QUrl &url, const QByteArray &hello)
{
    close();
    m_hello = hello;
    m_welcomed = false;
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(Protocol::MaxMessageBytes);
    m_socket->setMaxAllowedIncomingFrameSize(Protocol::MaxMessageBytes);
    connect(m_socket, &QWebSocket::connected, this, &LiveConnection::onConnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &LiveConnection::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] {
        noteAlive();
        Q_EMIT malformedMessage(tr("The server sent a binary frame; the protocol has none."));
    });
    connect(m_socket, &QWebSocket::pong, this, &LiveConnection::noteAlive);
    connect(m_socket, &QWebSocket::disconnected, this, &LiveConnection::onDisconnected);
    qCDebug(lcNet) << "opening" << url.adjusted(QUrl::RemoveQuery);
    m_deadline.start(2 * m_heartbeatSeconds * 1000);
    m_socket->open(url);
}

void LiveConnection::close()
{
    m_pingTimer.stop();
    m_deadline.stop();
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

bool LiveConnection::isOpen() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

bool LiveConnection::send(const QByteArray &frame)
{
    if (!isOpen())
        return false;
    m_socket->sendTextMessage(QString::fromUtf8(frame));
    return true;
}

void LiveConnection::setHeartbeatInterval(int seconds)
{
    m_heartbeatSeconds = qBound(1, seconds, 300);
    if (m_pingTimer.isActive())
        m_pingTimer.start(m_heartbeatSeconds * 1000);
    if (m_deadline.isActive())
        m_deadline.start(2 * m_heartbeatSeconds * 1000);
}

int LiveConnection::heartbeatInterval() const
{
    return m_heartbeatSeconds;
}

void LiveConnection::onConnected()
{
    m_deadline.start(2 * m_heartbeatSeconds * 1000); // the time the server has to say welcome
    m_pingTimer.start(m_heartbeatSeconds * 1000);
    send(m_hello);
}

void LiveConnection::onTextMessage(const QString &text)
{
    noteAlive();
    auto decoded = Protocol::decodeServerMessage(text.toUtf8());
    if (const auto *error = std::get_if<Protocol::DecodeError>(&decoded)) {
        qCDebug(lcNet) << "ignoring a message from the server:" << error->message;
        // A newer server may send types this client does not know: the protocol says ignore.
        if (!error->unknownType)
            Q_EMIT malformedMessage(error->message);
        return;
    }
    const auto &message = std::get<Protocol::ServerMessage>(decoded);
    if (!m_welcomed && std::holds_alternative<Protocol::Welcome>(message)) {
        m_welcomed = true;
        noteAlive();
    }
    Q_EMIT messageReceived(message);
}

void LiveConnection::onDisconnected()
{
    const QWebSocketProtocol::CloseCode closeCode = m_socket->closeCode();
    QString reason = m_socket->closeReason();
    if (reason.isEmpty())
        reason = m_socket->errorString();
    // Broken framing or invalid UTF-8 is the server's fault, not the network's: it is reported,
    // where a plain lost link only leads to a quiet reconnection.
    if (closeCode == QWebSocketProtocol::CloseCodeProtocolError
        || closeCode == QWebSocketProtocol::CloseCodeWrongDatatype) {
        drop(Error::Code::MalformedData,
            tr("The server broke the WebSocket protocol: %1").arg(reason));
        return;
    }
    const bool tooLarge = closeCode == QWebSocketProtocol::CloseCodeTooMuchData;
    drop(tooLarge ? Error::Code::TooLarge : Error::Code::NetworkError,
        tr("The connection to the server was lost: %1").arg(reason));
}

// A server that answers pings, or sends anything but `welcome`, while it never greets would
// hold the link open for ever with nothing on it: until `welcome`, only the welcome counts.
void LiveConnection::noteAlive()
{
    if (m_welcomed)
        m_deadline.start(2 * m_heartbeatSeconds * 1000);
}

void LiveConnection::drop(Error::Code code, const QString &message)
{
    close();
    qCDebug(lcNet) << "link closed:" << message;
    Q_EMIT closed(Error { code, message });
}

} // namespace OWidget
