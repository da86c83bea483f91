#include "eventreplay.h"
#include "conversationservice.h"
#include "serverlimits.h"

#include "protocol/servermessages.h"

#include <QScopedValueRollback>
#include <QWebSocket>

namespace OWidget::Server {

EventReplay::EventReplay(QWebSocket &socket, ConversationService &conversations)
    : m_socket(socket)
    , m_conversations(conversations)
{ }

void EventReplay::startAfter(const QString &conversation, qint64 seq)
{
    m_conversation = conversation;
    m_sentSeq = seq;
    m_replaying = true;
}

void EventReplay::startLive(const QString &conversation)
{
    m_conversation = conversation;
    m_sentSeq = 0;
    m_replaying = false;
}

bool EventReplay::writeFinished()
{
    if (m_writing)
        return false;
    writePages();
    return !m_replaying;
}

// Writes the events after m_sentSeq while less than Limits::ReplayLowWaterBytes is unsent; the
// session calls again when the socket has drained.
void EventReplay::writePages()
{
    const QScopedValueRollback<bool> writing(m_writing, true);
    while (m_replaying && m_socket.bytesToWrite() < Limits::ReplayLowWaterBytes
        && m_socket.state() == QAbstractSocket::ConnectedState) {
        const auto page
            = m_conversations.events(m_conversation, m_sentSeq, Limits::ReplayPageEvents);
        for (const Protocol::Event &e : page) {
            if (m_socket.bytesToWrite() >= Limits::ReplayLowWaterBytes)
                return;
            m_socket.sendTextMessage(QString::fromUtf8(Protocol::encode(e.toWidgetMessage())));
            m_sentSeq = e.seq;
        }
        if (page.size() < Limits::ReplayPageEvents)
            m_replaying = false;
    }
}

EventReplay::Live EventReplay::take(const Protocol::Event &event)
{
    // During a replay the event is stored already: the replay reaches it in its turn. After
    // it, an event the replay sent is not sent twice.
    if (m_replaying || event.seq <= m_sentSeq)
        return Live::Skip;
    if (event.seq > m_sentSeq + 1) {
        m_replaying = true;
        return Live::Gap;
    }
    m_sentSeq = event.seq;
    return Live::Send;
}

} // namespace OWidget::Server
