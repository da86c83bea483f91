// What changes elsewhere sends this widget: its preset's status, its conversation's events,
// its place in the queue, the operator typing and the operator's read mark.
#include "conversationservice.h"
#include "widgetsession.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

// Sent to every widget of a preset at once: encoded once per status.
const QString &encodedStatus(Protocol::Status status)
{
    static const QString encoded[] = {
        QString::fromUtf8(Protocol::encode(Protocol::StatusUpdate { Protocol::Status::Offline })),
        QString::fromUtf8(Protocol::encode(Protocol::StatusUpdate { Protocol::Status::Online })),
        QString::fromUtf8(Protocol::encode(Protocol::StatusUpdate { Protocol::Status::Busy })),
    };
    return encoded[int(status)];
}

} // namespace

void WidgetSession::onStatusChanged(
    const QString &company, const QString &preset, Protocol::Status status)
{
    if (!m_welcomed || company != m_company || preset != m_preset || status == m_status)
        return;
    m_status = status;
    sendText(encodedStatus(status));
    // Written now, in this loop over the widgets, rather than by one write notifier per socket
    // in later passes of the event loop, each of which polls every socket.
    m_socket->flush();
}

void WidgetSession::eventAppended(const Conversation &, const Protocol::Event &event)
{
    ++m_handed;
    if (event.type == Protocol::EventType::Joined)
        m_queuePosition = 0;
    switch (m_replay.take(event)) {
    case EventReplay::Live::Skip:
        return;
    case EventReplay::Live::Gap:
        return continueReplay();
    case EventReplay::Live::Send:
        break;
    }
    // The visitor's own message is answered by its ack, not echoed.
    if (event.type == Protocol::EventType::Message && event.from == Protocol::Sender::Visitor
        && m_storing.contains(event.clientId))
        return;
    send(event.toWidgetMessage());
}

void WidgetSession::queueMoved(int from)
{
    ++m_handed;
    // Only those behind the front-most one that left moved; many leaving in one pass make one
    // call, not one each.
    if (m_queuePosition <= from)
        return;
    const int now = m_conversations.queuePosition(m_conversation);
    if (now == 0 || now == m_queuePosition)
        return;
    m_queuePosition = now;
    send(Protocol::QueueUpdate { now });
}

void WidgetSession::typingChanged(bool fromOperator, bool active)
{
    ++m_handed;
    if (fromOperator)
        send(Protocol::Typing { active });
}

void WidgetSession::readMarkMoved(Protocol::Sender side, qint64 seq)
{
    ++m_handed;
    if (m_welcomed && side == Protocol::Sender::Operator)
        send(Protocol::ReadMark { seq });
}

} // namespace OWidget::Server
