#include "requestpacer.h"
#include "logging.h"

namespace OWidget::Server {

RequestPacer::RequestPacer(int perPass, QObject *parent)
    : QObject(parent)
    , m_perPass(qMax(1, perPass))
{
    // A zero timer fires once in each pass of the event loop, after the sockets of the pass
    // that started it: the share is counted from one firing to the next.
    m_nextPass.setSingleShot(true);
    m_nextPass.setInterval(0);
    connect(&m_nextPass, &QTimer::timeout, this, &RequestPacer::pass);
}

RequestPacer::~RequestPacer() = default;

bool RequestPacer::tryTake()
{
    if (!m_nextPass.isActive())
        m_nextPass.start();
    if (m_taken >= m_perPass)
        return false;
    ++m_taken;
    m_busiest = qMax(m_busiest, m_taken);
    return true;
}

void RequestPacer::wait(QObject *owner, Next next)
{
    ++m_waited;
    m_turns.push_back({ owner, std::move(next) });
    if (!m_nextPass.isActive())
        m_nextPass.start();
}

void RequestPacer::pass()
{
    m_taken = 0;
    // The owners waiting now take their turns, round after round while the share lasts (when
    // few wait, each takes several turns a pass); one that still has requests waiting goes to
    // the back, behind those that came after it, unless its turn is not over. When every owner
    // still waiting has had a turn in a row that took nothing, the pass ends; an owner whose
    // turn ends with nothing left waiting is not one of them.
    for (std::size_t idle = 0; m_taken < m_perPass && idle < m_turns.size();) {
        Turn turn = std::move(m_turns.front());
        m_turns.pop_front();
        if (!turn.owner)
            continue;
        const int before = m_taken;
        const After after = turn.next();
        if (m_taken > before)
            idle = 0;
        else if (after != After::Done)
            ++idle;
        switch (after) {
        case After::Done:
            break;
        case After::NextTurn:
            m_turns.push_back(std::move(turn));
            break;
        case After::GoesOn:
            m_turns.push_front(std::move(turn));
            break;
        }
    }
    if (!m_turns.empty() || m_taken > 0)
        m_nextPass.start();
    if (m_turns.empty() && m_waited > 0) {
        qCDebug(lcServer, "event=requests_paced waited=%lld busiest_pass=%d", m_waited, m_busiest);
        m_waited = 0;
    }
}

} // namespace OWidget::Server
