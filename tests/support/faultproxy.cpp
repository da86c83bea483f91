#include "faultproxy.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

FaultProxy::FaultProxy(quint16 serverPort, QObject *parent)
    : QObject(parent)
    , m_serverPort(serverPort)
{
    m_clock.start();
    m_flushTimer.setInterval(2);
    connect(&m_flushTimer, &QTimer::timeout, this, &FaultProxy::flush);
    connect(&m_listener, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
}

FaultProxy::~FaultProxy()
{
    cutAll();
}

bool FaultProxy::listen()
{
    // A backlog larger than the default, for the reconnection storm of many clients.
    m_listener.setMaxPendingConnections(1000);
    return m_listener.listen(QHostAddress::LocalHost, 0);
}

QUrl FaultProxy::url() const
{
    return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_listener.serverPort()));
}

void FaultProxy::cutAll()
{
    const QList<Link *> links = m_links;
    for (Link *link : links)
        close(link); // with whatever was in flight
}

void FaultProxy::stall(int msecs)
{
    m_stalledUntil = qMax(m_stalledUntil, m_clock.elapsed() + msecs);
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_listener.nextPendingConnection()) {
        ++m_accepted;
        m_acceptTimes.append(m_clock.elapsed());
        auto *link = new Link;
        link->client = client;
        link->server = new QTcpSocket(this);
        m_links.append(link);
        connect(
            client, &QTcpSocket::readyRead, this, [this, link] { onReadable(link, link->client); });
        connect(link->server, &QTcpSocket::readyRead, this,
            [this, link] { onReadable(link, link->server); });
        // Bytes waiting for the server socket to connect are queued and go with the next flush.
        connect(link->server, &QTcpSocket::connected, this, &FaultProxy::flush);
        connect(
            client, &QTcpSocket::disconnected, this, [this, link] { onEnded(link, link->client); });
        connect(link->server, &QTcpSocket::disconnected, this,
            [this, link] { onEnded(link, link->server); });
        // A server that closes is an end like the client's; any other error drops the link.
        connect(link->server, &QTcpSocket::errorOccurred, this,
            [this, link](QAbstractSocket::SocketError error) {
                if (error != QAbstractSocket::RemoteHostClosedError)
                    close(link);
            });
        link->server->connectToHost(QHostAddress::LocalHost, m_serverPort);
    }
}

void FaultProxy::onReadable(Link *link, QTcpSocket *from)
{
    Chunk chunk { m_clock.elapsed() + m_delayMsecs, from->readAll() };
    (from == link->client ? link->toServer : link->toClient).append(chunk);
    flush();
}

// One side closed: what it sent before goes on to the other side, in order and with the same
// delays and stalls, and then the other side is closed too, as a TCP relay passes on the end of a
// stream (an HTTP server's answer before it closes the connection, say).
void FaultProxy::onEnded(Link *link, QTcpSocket *from)
{
    if (from->bytesAvailable() > 0)
        onReadable(link, from);
    (from == link->client ? link->clientEnded : link->serverEnded) = true;
    flush();
}

// Writes every chunk that is due, in order, unless the links are stalled.
void FaultProxy::flush()
{
    const qint64 now = m_clock.elapsed();
    bool waiting = false;
    if (now >= m_stalledUntil) {
        const auto drain = [now](QList<Chunk> &queue, QTcpSocket *to) {
            if (to->state() != QAbstractSocket::ConnectedState)
                return;
            while (!queue.isEmpty() && queue.constFirst().due <= now)
                to->write(queue.takeFirst().data);
        };
        for (Link *link : std::as_const(m_links)) {
            drain(link->toServer, link->server);
            drain(link->toClient, link->client);
        }
    }
    endDrained();
    for (const Link *link : std::as_const(m_links))
        waiting = waiting || !link->toServer.isEmpty() || !link->toClient.isEmpty();
    if (waiting && !m_flushTimer.isActive())
        m_flushTimer.start();
    else if (!waiting)
        m_flushTimer.stop();
}

// Closes the links one side of which ended, once everything that side sent was written on.
void FaultProxy::endDrained()
{
    const QList<Link *> links = m_links;
    for (Link *link : links) {
        if ((link->clientEnded && link->toServer.isEmpty())
            || (link->serverEnded && link->toClient.isEmpty()))
            closeAfterWrites(link);
    }
}

// The other side of an ended link closes once the bytes written to it are gone.
void FaultProxy::closeAfterWrites(Link *link)
{
    m_links.removeOne(link);
    link->closing = true;
    for (QTcpSocket *socket : { link->client, link->server }) {
        socket->disconnect(this);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
    }
    delete link;
}

// Drops both sides of a link at once, with whatever was in flight.
void FaultProxy::close(Link *link)
{
    if (link->closing)
        return;
    link->closing = true;
    m_links.removeOne(link);
    link->client->disconnect(this);
    link->server->disconnect(this);
    link->client->abort();
    link->server->abort();
    link->client->deleteLater();
    link->server->deleteLater();
    delete link;
}
