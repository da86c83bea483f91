#pragma once

#include <QtGlobal>

// The server's own policy numbers: not part of the protocol (whose limits are in
// protocol/limits.h), so a client never needs to know them.
namespace OWidget::Server::Limits {

// Written to a socket and not yet taken by the peer: a client that lets more than this pile up
// unread is dropped, rather than have the server keep everything it cannot send.
inline constexpr qint64 MaxUnsentBytes = 4 * 1024 * 1024;

// --- Connections and HTTP framing (docs/security.md, "Connections and HTTP framing") ---

// A request's line and headers together: a longer head is answered 431 and closed before more
// is read, so that a header line of any length costs at most this much memory and time.
inline constexpr qsizetype MaxRequestHeadBytes = 16 * 1024;
// Header lines in one request head: more is answered 431.
inline constexpr int MaxRequestHeaderFields = 64;
// What a socket reads from the kernel before anyone takes it, until it is a WebSocket: a head
// and the largest body (Protocol::MaxHttpBodyBytes) with room to spare. QtHttpServer keeps a
// request's bytes in the socket until it has all of them, so this also bounds its memory.
inline constexpr qint64 HttpReadBufferBytes = 64 * 1024;
// A request head (or its body) must arrive whole within this long from its first byte, and a
// new connection's first request within this long of the connection: a client trickling bytes
// (slowloris) is cut instead of holding a descriptor.
inline constexpr int RequestDeadlineMs = 10 * 1000;
// An attachment's upload (AttachmentUpload): a body that sends nothing for this long is cut,
// and one that arrives slower than the minimum rate on the whole (after the request deadline's
// grace) is cut too, so that a trickled upload of the largest size holds a connection for
// minutes, not hours. 32 KiB/s is a slow mobile uplink's rate.
inline constexpr int UploadStallMs = 10 * 1000;
inline constexpr qint64 MinUploadBytesPerSecond = 32 * 1024;
// What one conversation may hold in attachments, both sides together: a visitor (or a stolen
// resume secret) cannot fill the disk through one conversation, 10 MiB at a time.
inline constexpr int MaxAttachmentsPerConversation = 100;
inline constexpr qint64 MaxAttachmentBytesPerConversation = 200LL * 1024 * 1024;
// A TLS handshake that has not finished in this long is cut (a client that opens connections
// and never speaks TLS).
inline constexpr int TlsHandshakeMs = 5 * 1000;
// TLS handshakes started in one pass of the event loop (HandshakePacer). The server's part of
// a handshake, all of it on the event loop, measured on the two-core test machine: 3.0 ms of
// CPU with an RSA-2048 certificate (0.8 ms of it the signature, by `openssl speed`; Qt builds
// an OpenSSL context for each socket), 1.5 ms with ECDSA P-256. Four keep a pass near 12 ms,
// so a burst of a thousand lets every other client be served between two batches, and the
// handshakes themselves still go through at a few hundred a second.
inline constexpr int HandshakesPerPass = 4;
// Requests that write (a widget's start, message, end, offline item, rating, read mark; an
// operator's message, acceptance, end, read mark, availability) handled in one pass of the
// event loop, from all widgets and operators together (RequestPacer); the rest wait for the
// next pass, each widget in turn, and each operator in turn with a share the size of the
// conversations it writes in. One end costs about 0.2 ms of CPU with its commit and its
// announcements: sixteen keep a pass near 3 ms, so 900 visitors ending together (issue 12's
// queue probe) let a normal client's connection, handshake and hello be served between two
// shares, and writes still go through at thousands a second.
inline constexpr int WritesPerPass = 16;
// Connections the kernel holds for the listener until the event loop accepts them (listen()'s
// backlog; Linux caps it at net.core.somaxconn, 4096 by default). Beyond it the kernel drops
// new connections' SYNs, and their clients retry only 1 s later.
inline constexpr int ListenBacklog = 4096;
// A trusted load balancer's PROXY protocol header must arrive within this long of the
// connection (HAProxy writes it at once): a connection from its address without one is cut.
inline constexpr int ProxyHeaderMs = 5 * 1000;
// After a refusal is written, how long the peer has to take it before the connection is
// aborted.
inline constexpr int RefusalLingerMs = 2 * 1000;
// After accept() failed for lack of descriptors (or memory), how long the listener pauses
// before it tries again: without a pause, a pending connection nobody can accept makes the
// listener spin.
inline constexpr int AcceptRetryMs = 200;

// Connections open at once from one address, WebSockets included (a NAT hides many visitors
// behind one address, so this is well above what one browser opens). Tunable:
// --max-connections-per-address.
inline constexpr int DefaultConnectionsPerAddress = 256;
// Descriptors kept free under the process's limit (RLIMIT_NOFILE) for the database, logs and the
// listeners themselves: the global connection cap is at most the limit less this.
inline constexpr int ReservedDescriptors = 64;
// The share of the global connection cap kept for operators: beyond the rest, a connection is
// served only on the operator's paths (/v1/operator/..., /console/), so that visitors (or one
// abuser with many addresses) cannot lock the operators out. At least this many connections.
inline constexpr int OperatorReservePercent = 10;
inline constexpr int MinOperatorReserve = 16;

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

// Offline items: how many a company's console is sent in its snapshot, of each kind (the
// newest; it is told how many older ones there are), so that a login costs the same however
// many are stored.
inline constexpr int SnapshotOfflineItems = 100;
// Pruning deletes at most this many items at a time, then lets the event loop serve the
// clients before the next batch, so that a large backlog never stalls the server.
inline constexpr int OfflinePruneBatch = 200;
// How often pruning runs, after the run at start.
inline constexpr int OfflinePruneIntervalMs = 60 * 1000;

// A replay (a resume's events, a console's conversation) is written a page at a time, and
// the next page only when less than this is still unsent: a reader that does not read pins
// at most this much and one event, not the whole conversation.
inline constexpr qint64 ReplayLowWaterBytes = 256 * 1024;
// Events read from the database for one page of a replay.
inline constexpr int ReplayPageEvents = 50;
// Messages written in one transaction at most (group commit): a fuller batch is committed at
// once rather than at the end of the event loop's pass.
inline constexpr int GroupCommitMaxWrites = 512;
// Requests a widget sends while its replay is still being written wait for the replay's end, so
// that an ack never comes before the events it follows; beyond this many, they are refused
// (rate_limited) rather than kept.
inline constexpr int MaxRequestsDuringReplay = 64;
// Requests of one widget waiting for their turns in the pacer (WritesPerPass): a burst within
// the widget's rate limit (40 by default) always fits; beyond this many they are refused
// (rate_limited) rather than kept, so that one widget's waiting requests stay bounded whatever
// its rate limit (at most this many of 64 KiB). An operator's are bounded by its rate limit
// alone (OperatorSession::admit).
inline constexpr int MaxRequestsWaitingTurn = 256;
// The most bytes of events in one message to a console (a conversation's newest, a page of its
// earlier ones): well under the 512 KiB above which Qt's WebSocket splits a message into
// frames, which a Qt client refuses when the split falls inside a character.
inline constexpr qint64 OperatorPageBytes = 192 * 1024;

} // namespace OWidget::Server::Limits
