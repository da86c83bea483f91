#pragma once

#include "protocol/event.h"
#include "protocol/types.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

namespace OWidget::Server {

struct Conversation;

// What the holder of a conversation is handed of it: its events, its place in the queue, the
// other side's typing and read mark.
class ConversationSubscriber
{
public:
    virtual void eventAppended(const Conversation &conversation, const Protocol::Event &event) = 0;
    // Conversations of its queue left it since the last call, the nearest to the front from
    // `from` (1-based): those behind that place moved up.
    virtual void queueMoved(int from) = 0;
    virtual void typingChanged(bool fromOperator, bool active) = 0;
    virtual void readMarkMoved(Protocol::Sender side, qint64 seq) = 0;

protected:
    virtual ~ConversationSubscriber() = default;
};

// Each conversation's subscribers, so that what happens in a conversation costs its own
// sessions, not every session of the server (900 widgets and 900 ends used to be 810,000
// calls). A subscriber unsubscribes before it is destroyed; one that unsubscribes while it is
// handed something (a slow reader dropped) is handed nothing more.
class ConversationSubscribers : public QObject
{
    Q_OBJECT
public:
    explicit ConversationSubscribers(QObject *parent = nullptr);
    ~ConversationSubscribers() override;

    // A waiting conversation is also told of the moves of its queue.
    void subscribe(const Conversation &conversation, ConversationSubscriber *subscriber);
    void unsubscribe(const QString &conversation, ConversationSubscriber *subscriber);
    qsizetype subscriberCount(const QString &conversation) const;

    // What ConversationService announces, each to the subscribers it concerns.
    void deliverEvent(const Conversation &conversation, const Protocol::Event &event);
    // Moves are told once a pass of the event loop: n leaving together make one call to each
    // of those behind, not n.
    void deliverDequeued(const Conversation &conversation, int position);
    void deliverTyping(const QString &conversation, bool fromOperator, bool active);
    void deliverReadMark(const QString &conversation, Protocol::Sender side, qint64 seq);

private:
    template<typename Call> void forEach(const QString &conversation, Call call);
    void leftQueue(const QString &conversation);
    void flushQueueMoves();

    QHash<QString, QList<ConversationSubscriber *>> m_subscribers; // by conversation
    QHash<QString, QSet<QString>> m_waiting; // subscribed waiting conversations, by queue
    QHash<QString, QString> m_queueOf;       // the queue of each of them
    QHash<QString, int> m_movedFrom;         // by queue: the front-most place left this pass
    bool m_flushDue = false;
};

} // namespace OWidget::Server
