#pragma once

#include "protocol/event.h"

#include <QString>

class QWebSocket;

namespace OWidget::Server {

class ConversationService;

// What a widget's socket has been sent of its conversation's events, and the replay of those it
// has not: read a page at a time while the socket drains (docs/protocol.md section 4, "Resume
// rules"), so that a client that does not read pins one page, not the whole conversation. Live
// events wait for the replay to reach them and are never sent twice.
class EventReplay
{
public:
    EventReplay(QWebSocket &socket, ConversationService &conversations);

    // A resumed conversation: everything after `seq` is replayed.
    void startAfter(const QString &conversation, qint64 seq);
    // A new conversation (or none): nothing to replay, every event of it is live.
    void startLive(const QString &conversation);

    bool isReplaying() const { return m_replaying; }

    // Writes pages while the socket has room. False while the replay goes on, or when it is
    // already writing (a write may report bytesWritten before it returns).
    bool writeFinished();

    // Whether a live event is to be sent now. An event after a gap (one missed) starts a replay
    // from the database instead: call writeFinished() then.
    enum class Live { Send, Skip, Gap };
    Live take(const Protocol::Event &event);

private:
    void writePages();

    QWebSocket &m_socket;
    ConversationService &m_conversations;
    QString m_conversation;
    qint64 m_sentSeq = 0; ///< the last event of the conversation written to the socket
    bool m_replaying = false;
    bool m_writing = false;
};

} // namespace OWidget::Server
