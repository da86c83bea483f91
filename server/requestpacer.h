#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

namespace OWidget::Server {

// Requests that write (a start, a message, an end...) are handled at most `perPass` a pass of
// the event loop, from all the widgets and operators together (Limits::WritesPerPass). One that
// finds the pass's share taken waits, and its owner's later requests wait behind it; the waiting
// owners take their turns in the passes after: a widget one request, an operator one for each
// conversation it writes in, so that under load a visitor waits as long as an operator. 900
// visitors ending together then cost the loop a few milliseconds a pass instead of one pass of
// hundreds of milliseconds, and everyone else's connection, handshake, hello and HTTP request
// is served between two shares.
class RequestPacer : public QObject
{
public:
    /// How an owner's turn ended.
    enum class After {
        Done,     ///< nothing of its waits any more
        NextTurn, ///< more waits, for its next turn, behind the others waiting
        GoesOn,   ///< the pass's share ran out within its turn: it goes on first in the next pass
    };
    /// Handles the waiting requests of its owner that its turn allows.
    using Next = std::function<After()>;

    explicit RequestPacer(int perPass, QObject *parent = nullptr);
    ~RequestPacer() override;

    /// Takes one of this pass's share; false when it is taken already (the request waits).
    bool tryTake();
    /// `owner` has requests waiting: `next` is called in later passes, one at a time in turn
    /// with the others waiting, until it returns Done or the owner is gone.
    void wait(QObject *owner, Next next);
    /// The most requests that one pass handled.
    int busiestPass() const { return m_busiest; }

private:
    struct Turn
    {
        QPointer<QObject> owner;
        Next next;
    };

    void pass();

    int m_perPass;
    int m_taken = 0;
    int m_busiest = 0;
    qint64 m_waited = 0;
    QTimer m_nextPass;
    std::deque<Turn> m_turns;
};

} // namespace OWidget::Server
