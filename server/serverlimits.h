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

// Argon2id password checks (about 0.1 s and 64 MiB each) run on worker threads, never on the
// event loop: at most this many at once, and never more than the machine's cores less one, so
// that the event loop always keeps a core for everyone else.
inline constexpr int MaxConcurrentPasswordChecks = 4;
// Logins waiting for a worker, from all addresses together: beyond it a login is refused at
// once with 503 and Retry-After, without hashing, so that failed logins from many addresses
// (each within its own limit) cannot queue up unbounded work or memory.
inline constexpr int MaxWaitingPasswordChecks = 16;
// The nice value of the threads that check passwords: when a check and the event loop want the
// same core, the event loop gets most of it.
inline constexpr int PasswordCheckNice = 10;
// What a login refused for want of a worker is told to wait (Retry-After, in seconds).
inline constexpr int PasswordCheckRetryAfterSeconds = 1;
// Failed logins an address may make at once (a burst), then one a second.
inline constexpr double LoginFailureBurst = 10;
inline constexpr double LoginFailureRate = 1;
// One address alone, within its own limit, is never refused for want of room.
static_assert(MaxWaitingPasswordChecks >= LoginFailureBurst);

// Log lines about one client's refused or malformed input: the first few of each interval are
// written, the rest only counted, then summarised in one line (at the next line after the
// interval, or when the client goes). A flood of garbage cannot fill the disk with the log.
inline constexpr int LogLinesPerInterval = 5;
inline constexpr qint64 LogSummaryIntervalMs = 10 * 1000;

} // namespace OWidget::Server::Limits
