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
// The most bytes of events in one message to a console (a conversation's newest, a page of its
// earlier ones): well under the 512 KiB above which Qt's WebSocket splits a message into
// frames, which a Qt client refuses when the split falls inside a character.
inline constexpr qint64 OperatorPageBytes = 192 * 1024;

} // namespace OWidget::Server::Limits
