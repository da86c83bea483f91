#include "httpfront.h"
#include "logging.h"
#include "serverlimits.h"

#include "protocol/errors.h"
#include "protocol/servermessages.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <utility>

#include <sys/socket.h>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

HttpFront::HttpFront(QTcpSocket *socket, const HostPolicy &hosts, int idleMs, bool operatorsOnly,
    UploadTaker uploads)
    : QObject(socket)
    , m_socket(socket)
    , m_hosts(hosts)
    , m_idleMs(idleMs)
    , m_operatorsOnly(operatorsOnly)
    , m_uploads(std::move(uploads))
{
    // Connected before QtHttpServer's handlers (it connects when the socket is handed to it),
    // so it sees the bytes before they do.
    m_reading = connect(socket, &QIODevice::readyRead, this, &HttpFront::onReadyRead);
    connect(socket, &QIODevice::bytesWritten, this, [this] {
        m_sinceWritten.start();
        m_answered = true;
        if (m_state == State::Answering)
            m_state = State::Head;
    });
    // Re-armed only when it fires: a timer restarted on every write would cost a search
    // through all the timers each time, with thousands of widgets.
    m_sinceWritten.start();
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &HttpFront::onIdleCheck);
    m_idle.start(m_idleMs);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &HttpFront::onDeadline);
    m_deadline.start(Limits::RequestDeadlineMs);
}

bool HttpFront::isOperatorPath(QByteArrayView path)
{
    return path.startsWith("/v1/operator/") || path == "/console" || path.startsWith("/console/")
        || path == "/";
}

void HttpFront::onReadyRead()
{
    if (m_state == State::Refused || m_state == State::Handed)
        return;
    const qint64 available = m_socket->bytesAvailable();
    if (available > m_seen) {
        const QByteArray buffered = m_socket->peek(available);
        m_inspectedFrom = qMin(m_seen, qint64(buffered.size()));
        inspect(QByteArrayView(buffered).sliced(m_inspectedFrom));
    }
    if (m_state != State::Refused && m_state != State::Handed)
        m_seen = available;
}

void HttpFront::followServer()
{
    // Connected after QtHttpServer's handler: what it left unread has been seen, and anything
    // beyond it next time is new.
    connect(m_socket, &QIODevice::readyRead, this, [this] {
        if (m_state != State::Refused && m_state != State::Handed)
            m_seen = m_socket->bytesAvailable();
    });
}

void HttpFront::inspect(QByteArrayView bytes)
{
    qsizetype at = 0;
    while (at < bytes.size()) {
        switch (m_state) {
        case State::Head: {
            if (m_head.isEmpty() && m_answered)
                m_deadline.start(Limits::RequestDeadlineMs); // the first byte of a new request
            const qsizetype before = m_head.size();
            // Never more than one byte over the limit is kept, however long the line.
            const qsizetype room = Limits::MaxRequestHeadBytes + 1 - before;
            m_head.append(bytes.sliced(at, qMin(room, bytes.size() - at)));
            const qsizetype end = m_head.indexOf("\r\n\r\n", qMax(qsizetype(0), before - 3));
            // QtHttpServer ends a head at a bare LF too: refused before it sees one.
            const qsizetype headEnd = end < 0 ? m_head.size() : end + 4;
            if (before == 0 && m_head.startsWith('\n'))
                return refuse(400, "a line does not end with CRLF"_ba);
            for (qsizetype i = qMax(qsizetype(1), before); i < headEnd; ++i) {
                if ((m_head.at(i) == '\n') != (m_head.at(i - 1) == '\r'))
                    return refuse(400, "a line does not end with CRLF"_ba);
            }
            if (end < 0 || end + 4 > Limits::MaxRequestHeadBytes) {
                if (m_head.size() > Limits::MaxRequestHeadBytes)
                    return refuse(431, "the request head is over 16 KiB"_ba);
                at = bytes.size();
                break;
            }
            at += end + 4 - before;
            const QByteArray head = std::exchange(m_head, {}).left(end + 4);
            onHeadComplete(head, m_inspectedFrom + at);
            if (m_state == State::Handed)
                return;
            break;
        }
        case State::Body: {
            const qint64 taken = qMin(m_bodyLeft, qint64(bytes.size() - at));
            m_bodyLeft -= taken;
            at += qsizetype(taken);
            if (m_bodyLeft == 0) {
                m_state = State::Answering;
                m_deadline.stop();
            }
            break;
        }
        case State::Answering:
            // A second request before the first was answered: where the first one ends is
            // exactly what a smuggler and a proxy disagree about.
            return refuse(400, "a request pipelined behind one not yet answered"_ba);
        case State::Refused:
        case State::Handed:
            return;
        }
    }
}

void HttpFront::onHeadComplete(QByteArrayView head, qint64 bodyOffset)
{
    RequestHead parsed;
    HeadRefusal refusal;
    if (!parseRequestHead(head, m_hosts, &parsed, &refusal))
        return refuse(refusal.status, refusal.reason);
    if (m_operatorsOnly && !isOperatorPath(parsed.path))
        return refuse(503, "the server is at capacity; only operators are served"_ba);
    if (m_uploads && isAttachmentUploadPath(parsed.path)) {
        // Its body is streamed to storage by the upload's route, which answers and closes.
        m_state = State::Handed;
        m_deadline.stop();
        m_idle.stop();
        QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        return m_uploads(m_socket, head.toByteArray(), parsed, bodyOffset);
    }
    if (parsed.contentLength > 0) {
        m_state = State::Body;
        m_bodyLeft = parsed.contentLength;
        m_deadline.start(Limits::RequestDeadlineMs);
    } else {
        m_state = State::Answering;
        m_deadline.stop();
    }
}

void HttpFront::refuse(int status, const QByteArray &reason)
{
    m_state = State::Refused;
    m_deadline.stop();
    qCInfo(lcServer, "event=http_refused peer=%s status=%d reason=\"%s\"",
        qUtf8Printable(m_socket->peerAddress().toString()), status, reason.constData());
    // QtHttpServer must not parse what was refused; what the peer still sends is dropped
    // unread until it is gone, so that the refusal reaches it before the connection closes (a
    // socket closed with unread bytes answers with a reset, and the peer may lose the answer).
    QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
    // At most a read buffer's worth more: a peer that goes on sending is then held back by TCP
    // until the connection closes.
    auto drain = [this, left = Limits::HttpReadBufferBytes]() mutable {
        const qint64 skipped = m_socket->skip(qMin(left, m_socket->bytesAvailable()));
        left -= qMax(qint64(0), skipped);
    };
    connect(m_socket, &QIODevice::readyRead, this, drain);
    drain();
    using Protocol::ErrorCode;
    const ErrorCode code = status == 413 || status == 431 ? ErrorCode::TooLarge
        : status == 503                                   ? ErrorCode::AtCapacity
                                                          : ErrorCode::BadRequest;
    const QByteArray body = Protocol::encodeErrorBody(code, QString::fromLatin1(reason));
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body);
    if (qobject_cast<QSslSocket *>(m_socket)) {
        // TLS has no half close: the connection closes once the peer had time to read.
        QTimer::singleShot(Limits::RefusalLingerMs, m_socket, &QAbstractSocket::disconnectFromHost);
    } else {
        // Written, then no more from this side: the peer reads the answer and its end.
        connect(m_socket, &QIODevice::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0)
                ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        });
    }
    QTimer::singleShot(2 * Limits::RefusalLingerMs, m_socket, &QAbstractSocket::abort);
}

void HttpFront::cut(const char *reason)
{
    m_state = State::Refused;
    qCInfo(lcServer, "event=connection_dropped peer=%s reason=%s",
        qUtf8Printable(m_socket->peerAddress().toString()), reason);
    m_socket->abort();
}

void HttpFront::onIdleCheck()
{
    // QAbstractHttpServer cuts the socket's readyRead connections when it hands the socket
    // to a WebSocket.
    if (!m_reading || m_state == State::Refused || m_state == State::Handed)
        return;
    const qint64 left = m_idleMs - m_sinceWritten.elapsed();
    if (left > 0)
        return m_idle.start(int(left));
    cut("idle");
}

void HttpFront::onDeadline()
{
    if (!m_reading || m_state == State::Refused || m_state == State::Answering
        || m_state == State::Handed)
        return;
    // Between two requests, the connection may wait for the next (until idle).
    if (m_state == State::Head && m_head.isEmpty() && m_answered)
        return;
    cut("slow_request");
}

} // namespace OWidget::Server
