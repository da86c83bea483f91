#include "listener.h"
#include "connectionbudget.h"
#include "framerelay.h"
#include "httpfront.h"
#include "logging.h"
#include "proxyheaderreader.h"
#include "serverlimits.h"

#include <QSslCipher>
#include <QSslSocket>
#include <QTcpSocket>

#include <algorithm>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

// The WebSocket handshake's response as QtWebSockets writes it carries `Server:` with the
// program's name and version and `Access-Control-Allow-*` headers (Origin `*` when the request
// had none): neither is this server's to say, and a WebSocket needs no CORS.
QByteArray withoutHandshakeExtras(QByteArrayView response)
{
    QByteArray filtered;
    filtered.reserve(response.size());
    qsizetype at = 0;
    while (at < response.size()) {
        qsizetype end = response.indexOf("\r\n", at);
        end = end < 0 ? response.size() : end + 2;
        const QByteArrayView line = response.sliced(at, end - at);
        if (!line.startsWith("Server:") && !line.startsWith("Access-Control-"))
            filtered.append(line);
        at = end;
    }
    return filtered;
}

// A socket whose writes pass through the listener's filter (the handshake's response above), and
// whose peer is the client a load balancer named, if one did.
template<class Socket> class FrontSocket : public Socket
{
public:
    using Socket::Socket;

    void setClient(const QHostAddress &address, quint16 port)
    {
        this->setPeerAddress(address);
        this->setPeerPort(port);
    }

protected:
    qint64 writeData(const char *data, qint64 size) override
    {
        const QByteArrayView bytes(data, size);
        if (m_upgraded || !bytes.startsWith("HTTP/1.1 101 "))
            return Socket::writeData(data, size);
        m_upgraded = true;
        // A WebSocket reads each frame (up to 1 MiB) whole from the buffer: no more limit.
        this->setReadBufferSize(0);
        const QByteArray filtered = withoutHandshakeExtras(bytes);
        const qint64 written = Socket::writeData(filtered.constData(), filtered.size());
        return written == filtered.size() ? size : written;
    }

private:
    bool m_upgraded = false;
};

// Gives a connection's place in the budget back when its socket goes, whoever deletes it.
class BudgetPlace : public QObject
{
public:
    BudgetPlace(QObject *socket, std::weak_ptr<ConnectionBudget> budget, const QHostAddress &peer)
        : QObject(socket)
        , m_budget(std::move(budget))
        , m_peer(peer)
    { }
    ~BudgetPlace() override
    {
        if (const auto budget = m_budget.lock())
            budget->release(m_peer);
    }

private:
    std::weak_ptr<ConnectionBudget> m_budget;
    QHostAddress m_peer;
};

QHostAddress peerOf(qintptr descriptor)
{
    sockaddr_storage address = {};
    socklen_t length = sizeof address;
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&address), &length) != 0)
        return {};
    return QHostAddress(reinterpret_cast<const sockaddr *>(&address));
}

} // namespace

Listener::Listener(std::shared_ptr<ConnectionBudget> budget, const Policy &policy,
    const std::optional<QSslConfiguration> &tls, QObject *parent)
    : QTcpServer(parent)
    , m_budget(std::move(budget))
    , m_policy(policy)
    , m_tls(tls)
{
    // A burst of connections (hundreds at once) must wait in the kernel's queue until the next
    // pass accepts them: with Qt's default of 50, the kernel drops the SYNs beyond it, and a
    // client caught in the burst waits for its retransmission, 1 s and then 3 s later.
    setListenBacklogSize(Limits::ListenBacklog);
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, this, &QTcpServer::resumeAccepting);
    connect(this, &QTcpServer::acceptError, this, &Listener::onAcceptError);
    m_refusalLog.setSingleShot(true);
    m_refusalLog.setInterval(1000);
    if (m_tls) {
        m_pacer = std::make_unique<HandshakePacer>(
            Limits::HandshakesPerPass, Limits::TlsHandshakeMs,
            [this](const HandshakePacer::Connection &connection, int remainingMs) {
                openSocket(connection, remainingMs);
            },
            [this](const HandshakePacer::Connection &connection) {
                // Never read: closing it costs nothing, and its place is free again.
                ::close(int(connection.descriptor));
                m_budget->release(connection.peer);
            });
        // A burst's hellos arriving together must not find hundreds of handshakes already started.
        m_pacer->setStartWhenReadable(true);
    }
    connect(&m_refusalLog, &QTimer::timeout, this, [this] {
        if (m_refusedSinceLog > 0)
            qCInfo(lcServer, "event=connections_refused count=%d open=%d", m_refusedSinceLog,
                m_budget->open());
        m_refusedSinceLog = 0;
    });
}

QSslConfiguration Listener::tlsConfiguration(const QSslCertificate &certificate, const QSslKey &key)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    // TLS 1.2: forward secrecy (ECDHE) and authenticated encryption (GCM, ChaCha20-Poly1305)
    // only; no static RSA key exchange, no CBC, no PSK. TLS 1.3's own suites are all AEAD and
    // stay as OpenSSL sets them.
    static const char *const names[]
        = { "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
              "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
              "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305" };
    QList<QSslCipher> ciphers;
    for (const char *name : names) {
        const QSslCipher cipher(QString::fromLatin1(name));
        if (!cipher.isNull())
            ciphers.append(cipher);
    }
    configuration.setCiphers(ciphers);
    return configuration;
}

bool Listener::isProxy(const QHostAddress &peer) const
{
    return std::any_of(m_policy.proxies.cbegin(), m_policy.proxies.cend(),
        [&](const auto &network) { return peer.isInSubnet(network); });
}

void Listener::incomingConnection(qintptr descriptor)
{
    const QHostAddress peer = peerOf(descriptor);
    if (!isProxy(peer))
        return admit(descriptor, peer, std::nullopt);
    // Not counted until the header names the client: only a trusted balancer gets here, and
    // only for Limits::ProxyHeaderMs.
    new ProxyHeaderReader(
        descriptor,
        [this, descriptor, peer](std::optional<ProxyHeader::Parsed> header, const char *error) {
            if (!header) {
                qCInfo(lcServer,
                    "event=connection_dropped peer=%s reason=proxy_header error=\"%s\"",
                    qUtf8Printable(peer.toString()), error);
                ::close(int(descriptor));
                return;
            }
            // A connection of the balancer's own (a health check) is its own client.
            if (header->address.isNull())
                return admit(descriptor, peer, std::nullopt);
            admit(descriptor, header->address, header->port);
        },
        this);
}

void Listener::admit(qintptr descriptor, const QHostAddress &peer, std::optional<quint16> namedPort)
{
    const auto admission = m_budget->admit(peer);
    if (admission == ConnectionBudget::Admission::Refused) {
        // Closed before anything is read or written: it costs the server nothing more.
        ::close(int(descriptor));
        return noteRefused(peer);
    }
    const int on = 1;
    // Small messages both ways: without TCP_NODELAY, a message sent right after another (an
    // `ack`, then the operator's answer) waits until the peer acknowledges the first, and the
    // peer delays that acknowledgement by up to 40 ms.
    ::setsockopt(int(descriptor), IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    const HandshakePacer::Connection connection { descriptor, peer, namedPort,
        admission == ConnectionBudget::Admission::OperatorsOnly };
    // A TLS connection waits, unread, for its turn to be handshaken (the pacer calls
    // openSocket()).
    if (m_pacer)
        return m_pacer->enqueue(connection);
    openSocket(connection, 0);
}

void Listener::openSocket(const HandshakePacer::Connection &connection, int handshakeMs)
{
    const qintptr descriptor = connection.descriptor;
    QTcpSocket *socket = nullptr;
    const auto adopt = [&](auto *front) {
        socket = front;
        if (!front->setSocketDescriptor(descriptor))
            return false;
        if (connection.namedPort)
            front->setClient(connection.peer, *connection.namedPort);
        return true;
    };
    const bool opened = m_tls ? adopt(new FrontSocket<QSslSocket>(this))
                              : adopt(new FrontSocket<QTcpSocket>(this));
    new BudgetPlace(socket, m_budget, connection.peer);
    if (!opened) {
        delete socket;
        ::close(int(descriptor));
        return;
    }
    socket->setReadBufferSize(Limits::HttpReadBufferBytes);
    auto *front = new HttpFront(
        socket, *m_policy.hosts, m_policy.idleMs, connection.operatorsOnly, m_policy.uploads);
    // QtHttpServer connects its handlers as the socket is handed to it (addPendingConnection
    // signals it at once), after the front layer's. It and the WebSocket it makes read through
    // a FrameRelay, which refuses unmasked client frames.
    if (!m_tls) {
        addPendingConnection(new FrameRelay(socket, this));
        return front->followServer();
    }

    auto *tls = static_cast<QSslSocket *>(socket);
    tls->setSslConfiguration(*m_tls);
    // QtHttpServer gets the socket once it is encrypted; until then it is the listener's.
    connect(tls, &QSslSocket::encrypted, this, [this, tls, front] {
        addPendingConnection(new FrameRelay(tls, this));
        front->followServer();
    });
    connect(tls, &QAbstractSocket::disconnected, tls, [tls] {
        if (!tls->isEncrypted())
            tls->deleteLater();
    });
    // The deadline counts from acceptance: what is left of it after the wait in the pacer.
    QTimer::singleShot(handshakeMs, tls, [tls] {
        if (tls->isEncrypted())
            return;
        qCInfo(lcServer, "event=connection_dropped peer=%s reason=tls_handshake_timeout",
            qUtf8Printable(tls->peerAddress().toString()));
        tls->abort();
        tls->deleteLater();
    });
    tls->startServerEncryption();
}

void Listener::onAcceptError()
{
    // Qt has paused accepting (out of descriptors or memory); try again a little later rather
    // than never, or at once and again and again.
    qCWarning(lcServer, "event=accept_failed error=\"%s\" open=%d", qUtf8Printable(errorString()),
        m_budget->open());
    pauseAccepting();
    m_resume.start(Limits::AcceptRetryMs);
}

void Listener::noteRefused(const QHostAddress &peer)
{
    // One line a second at most, however many are refused.
    if (!m_refusalLog.isActive()) {
        qCInfo(lcServer, "event=connection_refused peer=%s open=%d",
            qUtf8Printable(peer.toString()), m_budget->open());
        m_refusalLog.start();
        return;
    }
    ++m_refusedSinceLog;
}

} // namespace OWidget::Server
