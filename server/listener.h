#pragma once

#include "handshakepacer.h"
#include "httpfront.h"

#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <memory>
#include <optional>

namespace OWidget::Server {

class ConnectionBudget;

// One listening socket, plain or TLS, and the one place where connections are admitted: every
// listener applies the same limits (docs/security.md, "Connections and HTTP framing"). It
// counts each connection against the ConnectionBudget (per address and in all) and closes it at
// once when over; from a trusted load balancer, reads the PROXY protocol header first and takes
// the client's address from it, for the budget and for everything after; sets TCP_NODELAY; with
// TLS, starts the handshakes a few at a time (HandshakePacer), cuts a handshake that has not
// finished Limits::TlsHandshakeMs after acceptance, and hands the socket on only once it is
// encrypted; puts an HttpFront before QtHttpServer on every socket; takes the version and CORS
// headers QtWebSockets writes out of the WebSocket handshake's response; and, when accept() fails
// for lack of descriptors, pauses instead of spinning.
class Listener : public QTcpServer
{
public:
    struct Policy
    {
        const HostPolicy *hosts = nullptr;
        int idleMs = 30000;
        /// The networks whose connections start with a PROXY protocol header.
        QList<QPair<QHostAddress, int>> proxies;
        /// Takes the connections whose request is an attachment upload (AttachmentRoutes).
        HttpFront::UploadTaker uploads;
    };

    Listener(std::shared_ptr<ConnectionBudget> budget, const Policy &policy,
        const std::optional<QSslConfiguration> &tls, QObject *parent = nullptr);

    /// The TLS configuration of docs/security.md: TLS 1.2 with ECDHE and AEAD suites only, and
    /// TLS 1.3 (Mozilla's "intermediate").
    static QSslConfiguration tlsConfiguration(
        const QSslCertificate &certificate, const QSslKey &key);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    /// `namedPort`: the client's port when a PROXY header named the client; none when the
    /// connection's own peer is the client.
    void admit(qintptr descriptor, const QHostAddress &client, std::optional<quint16> namedPort);
    /// Creates the connection's socket; with TLS, starts its handshake, cut after `handshakeMs`.
    void openSocket(const HandshakePacer::Connection &connection, int handshakeMs);
    bool isProxy(const QHostAddress &peer) const;
    void onAcceptError();
    void noteRefused(const QHostAddress &peer);

    std::shared_ptr<ConnectionBudget> m_budget;
    Policy m_policy;
    std::optional<QSslConfiguration> m_tls;
    QTimer m_resume;
    int m_refusedSinceLog = 0;
    QTimer m_refusalLog;
    // Last, so that it goes first: the connections still waiting in it give their places back
    // to the budget.
    std::unique_ptr<HandshakePacer> m_pacer;
};

} // namespace OWidget::Server
