#include "framerelay.h"
#include "logging.h"

#include <QMetaMethod>
#include <QSslSocket>

#include <cstring>

namespace OWidget::Server {

qsizetype ClientFrameCheck::feed(QByteArrayView bytes)
{
    if (m_failed)
        return 0;
    qsizetype at = 0;
    qsizetype header = 0; // where the header being read began, if in these bytes
    while (at < bytes.size()) {
        const auto byte = quint8(bytes.at(at));
        switch (m_stage) {
        case Stage::First:
            header = at;
            m_stage = Stage::Second;
            ++at;
            break;
        case Stage::Second:
            if ((byte & 0x80) == 0) {
                m_failed = true;
                return header;
            }
            m_length = byte & 0x7f;
            m_left = m_length == 126 ? 2 : m_length == 127 ? 8 : 0;
            if (m_left > 0)
                m_length = 0;
            m_stage = m_left > 0 ? Stage::Length : Stage::Mask;
            if (m_stage == Stage::Mask)
                m_left = 4;
            ++at;
            break;
        case Stage::Length:
            m_length = (m_length << 8) | byte;
            if (--m_left == 0) {
                m_stage = Stage::Mask;
                m_left = 4;
            }
            ++at;
            break;
        case Stage::Mask:
            if (--m_left == 0)
                m_stage = m_length > 0 ? Stage::Payload : Stage::First;
            ++at;
            break;
        case Stage::Payload: {
            const auto skipped = qsizetype(qMin(m_length, quint64(bytes.size() - at)));
            at += skipped;
            m_length -= quint64(skipped);
            if (m_length == 0)
                m_stage = Stage::First;
            break;
        }
        }
    }
    return at;
}

FrameRelay::FrameRelay(QTcpSocket *socket, QObject *parent)
    : QTcpSocket(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    setPeerAddress(socket->peerAddress());
    setPeerPort(socket->peerPort());
    setPeerName(socket->peerName());
    setLocalAddress(socket->localAddress());
    setLocalPort(socket->localPort());
    setSocketState(socket->state());
    // Unbuffered: the bytes are in the real socket's buffer already, and each read reaches
    // readData.
    setOpenMode(QIODevice::ReadWrite | QIODevice::Unbuffered);

    follow();
}

void FrameRelay::follow()
{
    QTcpSocket *socket = m_socket;
    connect(socket, &QIODevice::readyRead, this, &QIODevice::readyRead);
    // What QtWebSockets listens to on a socket of each kind, for its own bytesWritten.
    if (auto *tls = qobject_cast<QSslSocket *>(socket))
        connect(tls, &QSslSocket::encryptedBytesWritten, this, &QIODevice::bytesWritten);
    else
        connect(socket, &QIODevice::bytesWritten, this, &QIODevice::bytesWritten);
    connect(socket, &QIODevice::readChannelFinished, this, &QIODevice::readChannelFinished);
    connect(socket, &QAbstractSocket::stateChanged, this, [this](SocketState state) {
        setSocketState(state);
        Q_EMIT stateChanged(state);
    });
    connect(socket, &QAbstractSocket::disconnected, this, &QAbstractSocket::disconnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](SocketError error) {
        setSocketError(error);
        setErrorString(m_socket->errorString());
        Q_EMIT errorOccurred(error);
    });
    // Whoever deletes the real socket ends the relay too.
    connect(socket, &QObject::destroyed, this, &QObject::deleteLater);
}

void FrameRelay::disconnectNotify(const QMetaMethod &signal)
{
    // QtHttpServer cuts every connection of the socket (a null signal here) as it hands it to
    // the WebSocket; the front layer's, made on the real socket, go at the same moment.
    if (!signal.isValid())
        cutFront();
}

void FrameRelay::cutFront()
{
    if (m_frontCut || !m_socket)
        return;
    m_frontCut = true;
    m_socket->disconnect();
    follow();
}

FrameRelay::~FrameRelay()
{
    // QAbstractSocket's destructor would otherwise abort a connection that is not its own.
    setSocketState(UnconnectedState);
}

qint64 FrameRelay::bytesAvailable() const
{
    if (!m_framing)
        return QIODevice::bytesAvailable() + (m_socket ? m_socket->bytesAvailable() : 0);
    // QtWebSockets reads a header once bytesAvailable() says it is there, and takes a shorter
    // read for a broken connection (close 1001): only bytes that passed the check may count.
    // It reads for as long as something is available: nothing is, once the relay is closed.
    if (!isOpen())
        return 0;
    const_cast<FrameRelay *>(this)->pull();
    return QIODevice::bytesAvailable() + m_pending.size() - m_pendingAt;
}

void FrameRelay::pull()
{
    if (m_moving || m_check.failed() || !m_socket || m_socket->bytesAvailable() <= 0)
        return;
    const QByteArray bytes = m_socket->read(m_socket->bytesAvailable());
    const qsizetype passed = m_check.feed(bytes);
    if (m_pendingAt == m_pending.size()) {
        m_pending.clear();
        m_pendingAt = 0;
    }
    if (m_pending.isEmpty() && passed == bytes.size())
        m_pending = bytes;
    else
        m_pending.append(bytes.constData(), passed);
    if (m_check.failed())
        QMetaObject::invokeMethod(this, &FrameRelay::refuse, Qt::QueuedConnection);
}

qint64 FrameRelay::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

void FrameRelay::close()
{
    // QAbstractSocket::abort() takes the write channel away before it calls close(): the real
    // socket is aborted too, not left to write what it holds (a slow reader's backlog).
    // QAbstractSocket::flush() is not virtual: the WebSocket's flush before its close reaches
    // this relay only, so the real socket is flushed here, and a close with nothing left to
    // write ends the connection at once, as it did without the relay.
    if (m_socket) {
        if (writeChannelCount() == 0) {
            m_socket->abort();
        } else {
            m_socket->flush();
            m_socket->close();
        }
    }
    m_pending.clear();
    m_pendingAt = 0;
    QIODevice::close();
}

void FrameRelay::disconnectFromHost()
{
    if (m_socket)
        m_socket->disconnectFromHost();
}

bool FrameRelay::waitForReadyRead(int msecs)
{
    return m_socket && m_socket->waitForReadyRead(msecs);
}

bool FrameRelay::waitForBytesWritten(int msecs)
{
    return m_socket && m_socket->waitForBytesWritten(msecs);
}

qint64 FrameRelay::readData(char *data, qint64 maxSize)
{
    if (!m_framing)
        return m_socket ? m_socket->read(data, maxSize) : -1;
    pull();
    const qint64 count = qMin(maxSize, qint64(m_pending.size() - m_pendingAt));
    if (count > 0) {
        std::memcpy(data, m_pending.constData() + m_pendingAt, size_t(count));
        m_pendingAt += count;
    }
    return count;
}

qint64 FrameRelay::writeData(const char *data, qint64 size)
{
    if (!m_socket)
        return -1;
    const qint64 written = m_socket->write(data, size);
    if (!m_framing && QByteArrayView(data, size).startsWith("HTTP/1.1 101 "))
        startFrames();
    return written;
}

void FrameRelay::startFrames()
{
    // What the client sent right behind its handshake is in this device's own buffer (QtHttpServer
    // read it in a transaction and gave it back): it is the start of the frames.
    cutFront();
    const qint64 buffered = QIODevice::bytesAvailable();
    m_framing = true;
    m_moving = true; // only the buffer: nothing from the real socket may come first
    if (buffered > 0)
        m_pending = read(buffered);
    m_moving = false;
    m_pending.truncate(m_check.feed(m_pending));
    if (m_check.failed())
        QMetaObject::invokeMethod(this, &FrameRelay::refuse, Qt::QueuedConnection);
}

void FrameRelay::refuse()
{
    if (!m_socket || m_socket->state() != ConnectedState)
        return;
    qCInfo(lcServer, "event=connection_dropped peer=%s reason=unmasked_frame",
        qUtf8Printable(peerAddress().toString()));
    // A close frame (1002, protocol error) straight to the client, then the connection ends:
    // what the WebSocket has not read of it is never passed on.
    static const char closeFrame[] = "\x88\x02\x03\xea";
    m_socket->write(closeFrame, 4);
    m_socket->disconnectFromHost();
}

} // namespace OWidget::Server
