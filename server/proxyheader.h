// The PROXY protocol header (versions 1 and 2, as HAProxy writes it with `send-proxy` and
// `send-proxy-v2`): the client's address, written by a load balancer before anything else on
// the connection. Pure: it reads bytes and says what they are.
#pragma once

#include <QByteArrayView>
#include <QHostAddress>

namespace OWidget::Server::ProxyHeader {

/// What the longest header this server takes may be: a version 1 line is at most 107 bytes; a
/// version 2 header is 16 bytes, the addresses, and the balancer's extensions (TLVs).
inline constexpr qsizetype MaxBytes = 1024;

struct Parsed
{
    enum class State {
        Incomplete, // more bytes are needed; the `length` bytes seen so far are all header
        Complete,   // the header is the first `length` bytes
        Invalid,    // not a PROXY header, or a broken one (`error` says how)
    };
    State state = State::Incomplete;
    qsizetype length = 0;
    /// The client's address and port; null for a connection of the balancer's own (a version
    /// 2 LOCAL header, as its health checks send, or a version 1 UNKNOWN): its peer is itself.
    QHostAddress address;
    quint16 port = 0;
    const char *error = "";
};

/// Reads the header at the start of `bytes` (which may hold what follows it too).
Parsed parse(QByteArrayView bytes);

} // namespace OWidget::Server::ProxyHeader
