#include "framemaskcheck.h"
#include "logging.h"

#include <QTcpSocket>
#include <QtEndian>

namespace OWidget::Server {

namespace {

// A header's length once its second byte is known: 2, the extended length, the mask.
qsizetype headerLength(quint8 second)
{
    const quint8 length = second & 0x7f;
    const qsizetype extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    return 2 + extended + ((second & 0x80) ? 4 : 0);
}

} // namespace

FrameMaskCheck::FrameMaskCheck(QTcpSocket *socket)
    : QObject(socket)
    , m_socket(socket)
{
    connect(socket, &QIODevice::readyRead, this, &FrameMaskCheck::onReadyRead);
    // What came with the handshake is in the buffer already, and no readyRead announces it.
    const qint64 available = socket->bytesAvailable();
    if (inspect(0, available))
        m_leftUnread = available;
}

void FrameMaskCheck::onReadyRead()
{
    // The bytes beyond what the WebSocket left unread last time have just arrived.
    const qint64 available = m_socket->bytesAvailable();
    if (!inspect(qMin(m_leftUnread, available), available))
        return;
    QMetaObject::invokeMethod(
        this, [this] { m_leftUnread = m_socket->bytesAvailable(); }, Qt::QueuedConnection);
}

bool FrameMaskCheck::inspect(qint64 from, qint64 to)
{
    qint64 at = from;
    while (at < to) {
        if (m_payloadLeft > 0) {
            const qint64 skipped = qMin(m_payloadLeft, to - at);
            m_payloadLeft -= skipped;
            at += skipped;
            continue;
        }
        // A header is at most 14 bytes: peek only as far as it can reach.
        const QByteArray buffer = m_socket->peek(qMin(to, at + 14));
        if (buffer.size() <= at)
            break;
        while (at < buffer.size() && m_payloadLeft == 0) {
            if (!headerByte(buffer.at(at++))) {
                qCInfo(lcServer, "event=connection_dropped peer=%s reason=unmasked_frame",
                    qUtf8Printable(m_socket->peerAddress().toString()));
                m_socket->abort();
                return false;
            }
        }
    }
    return true;
}

bool FrameMaskCheck::headerByte(char byte)
{
    m_header.append(byte);
    if (m_header.size() < 2)
        return true;
    const quint8 second = quint8(m_header.at(1));
    if (!(second & 0x80))
        return false;
    if (m_header.size() < headerLength(second))
        return true;
    const quint8 length = second & 0x7f;
    const auto *bytes = reinterpret_cast<const uchar *>(m_header.constData());
    if (length == 126)
        m_payloadLeft = qFromBigEndian<quint16>(bytes + 2);
    else if (length == 127)
        m_payloadLeft = qint64(qFromBigEndian<quint64>(bytes + 2) & 0x7fffffffffffffffULL);
    else
        m_payloadLeft = length;
    m_header.clear();
    return true;
}

} // namespace OWidget::Server
