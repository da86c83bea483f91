#pragma once

#include "httpframing.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace OWidget::Server {

// The strict front layer of one connection, until it becomes a WebSocket: it sees every byte
// before QtHttpServer parses it (its readyRead connection is made first) and refuses, with a
// status and a closed connection, anything QtHttpServer 6.4 would read leniently or without
// bound: ambiguous framing (see parseRequestHead), a head over Limits::MaxRequestHeadBytes
// (431, before more is read), a body over the protocol's limit (413), a request pipelined
// behind one not yet answered (400), a request trickled for longer than
// Limits::RequestDeadlineMs, and, on a connection admitted within the operators' reserve, any
// path that is not the operator's (503). It also closes a connection the server has written
// nothing to for `idleMs`. QtHttpServer cuts its connections when it hands the socket to a
// WebSocket; from then on the WebSocket's own limits and the heartbeat apply.
class HttpFront : public QObject
{
public:
    /// Given the socket of a request whose head is an attachment upload's, the head, and where
    /// its body starts in what the socket holds unread: from then on the socket is its.
    using UploadTaker = std::function<void(
        QTcpSocket *socket, const QByteArray &head, const RequestHead &parsed, qint64 offset)>;

    HttpFront(QTcpSocket *socket, const HostPolicy &hosts, int idleMs, bool operatorsOnly,
        UploadTaker uploads = {});

    /// To be called once QtHttpServer has connected its handlers to the socket.
    void followServer();
    /// Whether `path` is one of the operator's (served within the operators' reserve).
    static bool isOperatorPath(QByteArrayView path);

private:
    // Handed: an upload's, read by its taker (neither this layer nor QtHttpServer sees more).
    enum class State { Head, Body, Answering, Refused, Handed };

    void onReadyRead();
    void inspect(QByteArrayView bytes);
    void onHeadComplete(QByteArrayView head, qint64 bodyOffset);
    void refuse(int status, const QByteArray &reason);
    void cut(const char *reason);
    void onIdleCheck();
    void onDeadline();

    QTcpSocket *m_socket;
    const HostPolicy &m_hosts;
    QMetaObject::Connection m_reading;
    const int m_idleMs;
    const bool m_operatorsOnly;
    UploadTaker m_uploads;
    State m_state = State::Head;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
    qint64 m_seen = 0;          // bytes in the socket's buffer this layer has looked at already
    qint64 m_inspectedFrom = 0; // where in the socket's buffer inspect()'s bytes start
    bool m_answered = false;    // a response was written since the connection opened
    QElapsedTimer m_sinceWritten;
    QTimer m_idle;
    QTimer m_deadline;
};

} // namespace OWidget::Server
