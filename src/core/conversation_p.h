// The visitor's conversation as one value: what the server created (as stored), which of its
// events were seen, and its messages in the order shown. Starting over is one assignment,
// `conversation = {}`, so no field can be forgotten. Pure: no socket, no timer, no signal.
#pragma once

#include "protocol_p.h"
#include "sequencetracker_p.h"
#include "sessionstore_p.h"
#include "testexport_p.h"

#include <owidget/types.h>

#include <QList>

#include <optional>

namespace OWidget {

class OWIDGET_TEST_EXPORT Conversation
{
public:
    /// The conversation of the session file: its messages not yet acknowledged show at once,
    /// still sending, and its events up to the stored last sequence are history.
    static Conversation restored(const std::optional<StoredSession> &stored);
    /// A conversation the server has just created, with the messages written meanwhile.
    static Conversation created(
        const QString &id, const QString &secret, const QList<ChatMessage> &written);

    /// Whether `seq` is an event not seen yet; false for every event before the server created
    /// the conversation. Raises the stored last sequence.
    bool accept(qint64 seq);
    /// Whether an event was read before the program restarted: it raises no app event.
    bool isHistory(qint64 seq) const { return seq <= knownSeq; }

    /// What a message event from the server did to the list.
    struct Change
    {
        enum Kind { Dropped, Delivered, Added } kind = Dropped;
        int row = -1;
    };
    /// A message event: the visitor's own replayed message acknowledges it; any other new one
    /// goes before the messages still sending.
    Change receive(const Protocol::MessageEvent &event);
    /// Marks the visitor's message delivered under `seq`; false when there is no such message
    /// still sending.
    bool deliver(const QString &clientId, qint64 seq, const QDateTime &time);
    /// A message the visitor wrote, at the end of the list.
    void append(const ChatMessage &message) { messages.append(message); }

    int indexOf(const QString &clientId) const;
    /// Where a message the server numbered goes: before the visitor's messages still waiting
    /// for their acknowledgement, which stay last, as they will be numbered after it.
    int pendingTailStart() const;
    /// The visitor's messages not yet acknowledged, in the order written.
    QList<ChatMessage> pending() const;

    std::optional<StoredSession> session; ///< none until the server created the conversation
    qint64 knownSeq = 0;                  ///< events up to this one were seen before a restart
    SequenceTracker sequence;
    QList<ChatMessage> messages;
};

} // namespace OWidget
