// A TCP relay on 127.0.0.1 between the clients and a server, which injects the faults of a real
// network: it cuts every link at once, stalls them (holds the bytes, then lets them through in
// order) and delays them. Clients connect to url() instead of the server's.
#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

class FaultProxy : public QObject
{
    Q_OBJECT
public:
    explicit FaultProxy(quint16 serverPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    bool listen();
    QUrl url() const;

    /// Aborts every link in both directions, with whatever was in flight.
    void cutAll();
    /// Holds every byte for `msecs`, then lets it through in order.
    void stall(int msecs);
    /// New connections go to this port from now on, as a balancer's to another instance.
    void setServerPort(quint16 port) { m_serverPort = port; }
    /// Forwards each chunk `msecs` after it arrived.
    void setDelay(int msecs) { m_delayMsecs = msecs; }

    int accepted() const { return m_accepted; }
    /// When each connection was accepted, in milliseconds since the proxy was created.
    QList<qint64> acceptTimes() const { return m_acceptTimes; }

private:
    struct Chunk
    {
        qint64 due;
        QByteArray data;
    };
    struct Link
    {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        QList<Chunk> toServer;
        QList<Chunk> toClient;
        bool clientEnded = false; ///< the client closed: what it sent goes on, then the link ends
        bool serverEnded = false; ///< the same for the server
        bool closing = false;
    };

    void onNewConnection();
    void onReadable(Link *link, QTcpSocket *from);
    void onEnded(Link *link, QTcpSocket *from);
    void flush();
    void endDrained();
    void close(Link *link);
    void closeAfterWrites(Link *link);

    quint16 m_serverPort;
    QTcpServer m_listener;
    QList<Link *> m_links;
    QTimer m_flushTimer;
    QElapsedTimer m_clock;
    qint64 m_stalledUntil = 0;
    int m_delayMsecs = 0;
    int m_accepted = 0;
    QList<qint64> m_acceptTimes;
};
