#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <functional>

namespace OWidget::Server {

// Widget requests that write (a start, a message, an end...) are handled at most `perPass` a
// pass of the event loop, from all the widgets together (Limits::WritesPerPass). One that finds
// the pass's share taken waits, and its widget's later requests wait behind it; the waiting
// widgets take one request each in turn in the passes after. 900 visitors ending together then
// cost the loop a few milliseconds a pass instead of one pass of hundreds of milliseconds, and
// everyone else's connection, handshake, hello and HTTP request is served between two shares.
class RequestPacer : public QObject
{
public:
    /// Handles one of the waiting requests of its widget; true while more of them wait.
    using Next = std::function<bool()>;

    explicit RequestPacer(int perPass, QObject *parent = nullptr);
    ~RequestPacer() override;

    /// Takes one of this pass's share; false when it is taken already (the request waits).
    bool tryTake();
    /// `owner` has requests waiting: `next` is called in later passes, one at a time in turn
    /// with the others waiting, until it returns false or the owner is gone.
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
