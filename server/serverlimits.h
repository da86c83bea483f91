#pragma once

#include <QtGlobal>

// The server's own policy numbers: not part of the protocol (whose limits are in
// protocol/limits.h), so a client never needs to know them.
namespace OWidget::Server::Limits {

// Written to a socket and not yet taken by the peer: a client that lets more than this pile up
// unread is dropped, rather than have the server keep everything it cannot send.
inline constexpr qint64 MaxUnsentBytes = 4 * 1024 * 1024;
// Received on an HTTP connection since the server last wrote to it: far more than a request
// may hold (a body is at most Protocol::MaxHttpBodyBytes).
inline constexpr qint64 MaxUnansweredBytes = 2 * 1024 * 1024;

} // namespace OWidget::Server::Limits
