#include "server.h"
#include "attachmentroutes.h"
#include "attachmentstore.h"
#include "authenticator.h"
#include "clusterbus.h"
#include "connectionbudget.h"
#include "conversationservice.h"
#include "database.h"
#include "directory.h"
#include "httpapi.h"
#include "importer.h"
#include "listener.h"
#include "logging.h"
#include "offlineinbox.h"
#include "operatorsession.h"
#include "ratings.h"
#include "requestpacer.h"
#include "serverlimits.h"
#include "widgetsession.h"

#include "protocol/operatormessages.h"

#include <QFile>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTimer>
#include <QWebSocket>

#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

class Server::Private
{
public:
    Private(Server *server, const ServerOptions &serverOptions)
        : q(server)
        , options(serverOptions)
        , bus(database, options.instanceTimeoutMs)
        , directory(database)
        , conversations(database, directory, options.resumeWindowMs, options.waitingPerAddress)
        , inbox(database,
              { options.offlinePerAddressPerHour, options.offlineKeptPerCompany,
                  options.offlineMaxAgeMs })
        , ratings(database, conversations, directory)
        , authenticator(database, directory, options)
        , http(database, directory, authenticator, options)
        , attachments(database)
        , attachmentRoutes(attachments, conversations, directory, authenticator, http,
              options.uploadStallMs, options.attachmentsPerConversation)
        , hosts(options.publicHosts)
        , budget(std::make_shared<ConnectionBudget>(
              options.maxConnectionsPerAddress, options.maxConnections))
    { }

    void acceptWebSocket(std::unique_ptr<QWebSocket> socket);
    bool originAllowed(const QWebSocket &socket) const;

    Server *q;
    ServerOptions options;
    Database database;
    ClusterBus bus;
    Directory directory;
    ConversationService conversations;
    OfflineInbox inbox;
    Ratings ratings;
    Authenticator authenticator;
    HttpApi http;
    AttachmentStore attachments;
    AttachmentRoutes attachmentRoutes;
    HostPolicy hosts;
    RequestPacer pacer { Limits::WritesPerPass };
    // Shared with the sockets, which may outlive the server by a moment.
    std::shared_ptr<ConnectionBudget> budget;
    quint16 port = 0;
    bool opened = false;
    QTimer abandonTimer;
    QList<QPointer<WidgetSession>> widgets;
    QList<QPointer<OperatorSession>> operators;
};

Server::Server(const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, options))
{
    connect(&d->http, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
        while (d->http.hasPendingWebSocketConnections())
            d->acceptWebSocket(d->http.nextPendingWebSocketConnection());
    });
    d->abandonTimer.setInterval(
        int(qBound(qint64(10), d->options.abandonWaitingMs / 4, qint64(30000))));
    connect(&d->abandonTimer, &QTimer::timeout, this,
        [this] { d->conversations.endAbandoned(d->options.abandonWaitingMs); });
    d->directory.businessHoursClock().setOffset(d->options.businessClockOffsetMs);
    d->http.setAttachments(&d->attachmentRoutes);
    d->conversations.setAttachments(&d->attachments);
}

Server::~Server()
{
    shutdown();
}

bool Server::open(QString *error)
{
    if (d->opened)
        return true;
    if (!Crypto::initialize()) {
        *error = u"libsodium could not be initialized"_s;
        return false;
    }
    if (!d->database.open(d->options.databasePath, error, d->options.databasePassword)
        || !d->directory.load(error))
        return false;
    if (!d->conversations.loadQueue()) {
        *error = u"cannot read the waiting conversations"_s;
        return false;
    }
    d->opened = true;
    return true;
}

bool Server::importFile(const QString &path, QString *error)
{
    if (!open(error))
        return false;
    Importer importer(d->database, d->options.passwordCost);
    return importer.importFile(path, error) && d->directory.load(error);
}

bool Server::listen(QString *error)
{
    if (!open(error))
        return false;
    std::optional<QSslConfiguration> tls;
    if (!d->options.tlsCertificatePath.isEmpty() || !d->options.tlsKeyPath.isEmpty()) {
#if QT_CONFIG(ssl)
        QFile certFile(d->options.tlsCertificatePath);
        QFile keyFile(d->options.tlsKeyPath);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the TLS certificate or key"_s;
            return false;
        }
        const QSslCertificate certificate(&certFile, QSsl::Pem);
        QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) {
            keyFile.seek(0);
            key = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
        }
        if (certificate.isNull() || key.isNull()) {
            *error = u"the TLS certificate or key is not valid PEM"_s;
            return false;
        }
        tls = Listener::tlsConfiguration(certificate, key);
#else
        *error = u"this build of Qt has no TLS support"_s;
        return false;
#endif
    }
    // Longer than two heartbeats, so that a WebSocket always hears from the server in time.
    const Listener::Policy policy { &d->hosts, qMax(30, 2 * d->options.heartbeatSeconds) * 1000,
        d->options.proxyProtocolFrom,
        [this](QTcpSocket *socket, const QByteArray &head, const RequestHead &parsed,
            qint64 offset) { d->attachmentRoutes.takeUpload(socket, head, parsed, offset); } };
    // Plain or TLS, the same listener and so the same limits.
    auto *listener = new Listener(d->budget, policy, tls, &d->http);
    if (listener->listen(d->options.address, d->options.port)) {
        d->http.bind(listener);
        d->port = listener->serverPort();
    } else {
        delete listener;
        d->port = 0;
    }
    if (d->port == 0) {
        *error
            = u"cannot listen on %1:%2"_s.arg(d->options.address.toString()).arg(d->options.port);
        return false;
    }
    // Only a server that serves joins the others: an import alone does not.
    if (!d->bus.open(d->options.databasePath, d->options.databasePassword, error))
        return false;
    if (d->bus.isShared()) {
        d->directory.setBus(&d->bus);
        d->conversations.setBus(&d->bus);
        d->ratings.setBus(&d->bus);
    }
    qCInfo(lcServer, "event=listening url=%s", qUtf8Printable(url().toString()));
    d->abandonTimer.start();
    d->inbox.startPruning();
    return true;
}

void Server::shutdown()
{
    // Close every WebSocket with "going away" and delete its session now, while the services
    // it refers to still exist. Everything acknowledged is already committed.
    const auto widgets = std::exchange(d->widgets, {});
    for (const auto &w : widgets) {
        if (!w)
            continue;
        disconnect(w, nullptr, this, nullptr);
        w->shutdown();
        delete w.data();
    }
    const auto operators = std::exchange(d->operators, {});
    for (const auto &o : operators) {
        if (!o)
            continue;
        disconnect(o, nullptr, this, nullptr);
        o->shutdown();
        delete o.data();
    }
    d->abandonTimer.stop();
    d->bus.close();
    const auto servers = d->http.servers();
    for (QTcpServer *server : servers)
        server->close();
    if (d->port)
        qCInfo(lcServer, "event=shutdown");
    d->port = 0;
}

quint16 Server::port() const
{
    return d->port;
}

QUrl Server::url() const
{
    QUrl url;
    url.setScheme(d->options.tlsCertificatePath.isEmpty() ? u"http"_s : u"https"_s);
    url.setHost(d->options.address.toString());
    url.setPort(d->port);
    return url;
}

Database &Server::database()
{
    return d->database;
}

bool Server::Private::originAllowed(const QWebSocket &socket) const
{
    return http.originAllowed(
        socket.request().rawHeader("Origin"_ba), socket.request().rawHeader("Host"_ba));
}

void Server::Private::acceptWebSocket(std::unique_ptr<QWebSocket> socket)
{
    const QString path = socket->requestUrl().path();
    if (path == "/v1/socket"_L1) {
        auto *session = new WidgetSession(
            std::move(socket), directory, conversations, inbox, ratings, pacer, options, q);
        widgets.append(session);
        connect(session, &WidgetSession::finished, q, [this, session] {
            widgets.removeAll(session);
            session->deleteLater();
        });
        return;
    }
    QWebSocket *raw = socket.get();
    auto refuse = [&](Protocol::ErrorCode code, const QString &reason) {
        const QString name = Protocol::errorCodeName(code);
        qCInfo(lcServer, "event=socket_refused path=%s code=%s", qUtf8Printable(path.left(200)),
            qUtf8Printable(name));
        raw->sendTextMessage(QString::fromUtf8(Protocol::encodeOperatorError(code, reason)));
        raw->close(QWebSocketProtocol::CloseCodePolicyViolated, name);
        // Owned by the server until the peer is gone: a refused socket whose peer is still
        // there when the server shuts down is deleted with it, not leaked.
        QWebSocket *released = socket.release();
        released->setParent(q);
        connect(released, &QWebSocket::disconnected, released, &QObject::deleteLater);
    };
    if (path != "/v1/operator/socket"_L1)
        return refuse(Protocol::ErrorCode::NotFound, u"no such socket"_s);
    if (!originAllowed(*raw))
        return refuse(Protocol::ErrorCode::Forbidden, u"the Origin is not this server's"_s);
    const QString login = authenticator.loginForCookie(raw->request().rawHeader("Cookie"_ba));
    if (login.isEmpty())
        return refuse(Protocol::ErrorCode::Unauthorized, u"log in first"_s);
    auto *session = new OperatorSession(
        std::move(socket), login, directory, conversations, inbox, ratings, pacer, options, q);
    operators.append(session);
    connect(session, &OperatorSession::finished, q, [this, session] {
        operators.removeAll(session);
        session->deleteLater();
    });
}

} // namespace OWidget::Server
