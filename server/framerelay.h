#pragma once

#include <QByteArray>
#include <QPointer>
#include <QTcpSocket>

namespace OWidget::Server {

// Follows a client's WebSocket frames through the byte stream, header by header, and finds the
// first one that is not masked (RFC 6455 5.1: the server must fail the connection). It looks at
// nothing else: QtWebSockets checks the rest.
class ClientFrameCheck
{
public:
    /// Takes the next bytes of the stream; returns how many of them come before the header of the
    /// first unmasked frame (all of them while there is none). Once one is found, returns 0.
    qsizetype feed(QByteArrayView bytes);
    bool failed() const { return m_failed; }

private:
    enum class Stage { First, Second, Length, Mask, Payload };

    Stage m_stage = Stage::First;
    bool m_failed = false;
    int m_left = 0;       // bytes of the extended length or of the mask still to come
    quint64 m_length = 0; // the payload's length, then what is left of it
};

// The socket QtHttpServer and then QtWebSockets read and write: a relay to the connection's real
// (plain or TLS) socket, of which it is the only reader. Once the handshake is answered, the real
// socket's bytes are taken (with the public read(), whatever buffering the real socket does) in
// stream order through the check above into the relay's own queue, and the WebSocket sees only
// that queue, in bytesAvailable() as in readData(); an unmasked frame is not passed on, the
// client gets a close frame with 1002 and the connection closes.
class FrameRelay : public QTcpSocket
{
public:
    /// Takes `socket` (connected, its peer named) as its child.
    explicit FrameRelay(QTcpSocket *socket, QObject *parent = nullptr);
    ~FrameRelay() override;

    qint64 bytesAvailable() const override;
    qint64 bytesToWrite() const override;
    void close() override;
    void disconnectFromHost() override;
    bool waitForReadyRead(int msecs = 30000) override;
    bool waitForBytesWritten(int msecs = 30000) override;

protected:
    void disconnectNotify(const QMetaMethod &signal) override;
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void follow();
    void cutFront();
    void pull();
    void startFrames();
    void refuse();

    QPointer<QTcpSocket> m_socket;
    ClientFrameCheck m_check;
    bool m_framing = false;  // the handshake's response has gone: the bytes read are frames
    bool m_moving = false;   // startFrames() is taking the relay's own buffer
    bool m_frontCut = false; // the real socket's other connections are gone
    QByteArray m_pending;    // read from the real socket and checked, from m_pendingAt on
    qsizetype m_pendingAt = 0;
};

} // namespace OWidget::Server
