#include "conversationsubscribers.h"
#include "conversationservice.h"

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

QString queueKey(const Conversation &conversation)
{
    return conversation.company % u'/' % conversation.group;
}

} // namespace

ConversationSubscribers::ConversationSubscribers(QObject *parent)
    : QObject(parent)
{ }

ConversationSubscribers::~ConversationSubscribers() = default;

void ConversationSubscribers::subscribe(
    const Conversation &conversation, ConversationSubscriber *subscriber)
{
    m_subscribers[conversation.id].append(subscriber);
    if (conversation.state == Protocol::ConversationState::Waiting) {
        const QString queue = queueKey(conversation);
        m_waiting[queue].insert(conversation.id);
        m_queueOf.insert(conversation.id, queue);
    }
}

void ConversationSubscribers::unsubscribe(
    const QString &conversation, ConversationSubscriber *subscriber)
{
    const auto it = m_subscribers.find(conversation);
    if (it == m_subscribers.end())
        return;
    it->removeOne(subscriber);
    if (it->isEmpty()) {
        m_subscribers.erase(it);
        leftQueue(conversation);
    }
}

qsizetype ConversationSubscribers::subscriberCount(const QString &conversation) const
{
    return m_subscribers.value(conversation).size();
}

template<typename Call>
void ConversationSubscribers::forEach(const QString &conversation, Call call)
{
    const auto it = m_subscribers.constFind(conversation);
    if (it == m_subscribers.cend())
        return;
    // A copy: a subscriber may let go of the conversation (or another may take it) while it is
    // handed this, and one that let go is handed nothing more.
    const QList<ConversationSubscriber *> subscribers = *it;
    for (qsizetype i = 0; i < subscribers.size(); ++i) {
        ConversationSubscriber *s = subscribers.at(i);
        if (i == 0 || m_subscribers.value(conversation).contains(s))
            call(s);
    }
}

void ConversationSubscribers::deliverEvent(
    const Conversation &conversation, const Protocol::Event &event)
{
    // Joined or ended: out of the queue, whether its `dequeued` is heard here or not (another
    // server's, not counted in this one's queue).
    if (event.type == Protocol::EventType::Joined || event.type == Protocol::EventType::Ended)
        leftQueue(conversation.id);
    forEach(
        conversation.id, [&](ConversationSubscriber *s) { s->eventAppended(conversation, event); });
}

void ConversationSubscribers::deliverDequeued(const Conversation &conversation, int position)
{
    leftQueue(conversation.id);
    const QString queue = queueKey(conversation);
    if (!m_waiting.contains(queue))
        return;
    const auto it = m_movedFrom.find(queue);
    if (it == m_movedFrom.end())
        m_movedFrom.insert(queue, position);
    else
        *it = qMin(*it, position);
    if (m_flushDue)
        return;
    m_flushDue = true;
    QMetaObject::invokeMethod(
        this, &ConversationSubscribers::flushQueueMoves, Qt::QueuedConnection);
}

void ConversationSubscribers::flushQueueMoves()
{
    m_flushDue = false;
    const QHash<QString, int> moved = std::exchange(m_movedFrom, {});
    for (auto queue = moved.cbegin(); queue != moved.cend(); ++queue) {
        const QSet<QString> waiting = m_waiting.value(queue.key());
        for (const QString &id : waiting)
            forEach(id, [&](ConversationSubscriber *s) { s->queueMoved(queue.value()); });
    }
}

void ConversationSubscribers::deliverTyping(
    const QString &conversation, bool fromOperator, bool active)
{
    forEach(
        conversation, [&](ConversationSubscriber *s) { s->typingChanged(fromOperator, active); });
}

void ConversationSubscribers::deliverReadMark(
    const QString &conversation, Protocol::Sender side, qint64 seq)
{
    forEach(conversation, [&](ConversationSubscriber *s) { s->readMarkMoved(side, seq); });
}

void ConversationSubscribers::leftQueue(const QString &conversation)
{
    const QString queue = m_queueOf.take(conversation);
    if (queue.isEmpty())
        return;
    const auto it = m_waiting.find(queue);
    if (it == m_waiting.end())
        return;
    it->remove(conversation);
    if (it->isEmpty())
        m_waiting.erase(it);
}

} // namespace OWidget::Server
