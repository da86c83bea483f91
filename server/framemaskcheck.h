#pragma once

#include <QByteArray>
#include <QObject>

class QTcpSocket;

namespace OWidget::Server {

// RFC 6455 section 5.1: a client masks every frame it sends, and a server closes the connection
// on one that is not masked. QtWebSockets 6.4 reads an unmasked frame as if its mask were zero,
// so this check watches the frame headers of a socket that has become a WebSocket and cuts the
// connection at the first unmasked one. It sees the bytes before the WebSocket does: it is made
// while the handshake's response is written, before QtWebSockets connects its own handler.
// Payloads are skipped by their length, never copied, except to find the next header.
class FrameMaskCheck : public QObject
{
public:
    explicit FrameMaskCheck(QTcpSocket *socket);

private:
    void onReadyRead();
    /// Reads the bytes of the buffer from `from` to `to` as the frame stream's next bytes.
    bool inspect(qint64 from, qint64 to);
    bool headerByte(char byte);

    QTcpSocket *m_socket;
    qint64 m_leftUnread = 0; ///< bytes the WebSocket left in the buffer after its last read
    qint64 m_payloadLeft = 0;
    QByteArray m_header; ///< the header read so far of the frame that starts next
};

} // namespace OWidget::Server
