#include "handshakepacer.h"
#include "clientaddress.h"
#include "logging.h"

#include <algorithm>

namespace OWidget::Server {

HandshakePacer::HandshakePacer(
    int perPass, int deadlineMs, Start start, Expired expired, QObject *parent)
    : QObject(parent)
    , m_perPass(qMax(1, perPass))
    , m_deadlineMs(deadlineMs)
    , m_start(std::move(start))
    , m_expired(std::move(expired))
{
    // A zero timer fires once per pass of the event loop, after the events already pending: the
    // sockets already open are served between two batches of handshakes.
    m_pass.setInterval(0);
    connect(&m_pass, &QTimer::timeout, this, &HandshakePacer::pass);
    m_summary.setSingleShot(true);
    m_summary.setInterval(1000);
    connect(&m_summary, &QTimer::timeout, this, &HandshakePacer::logSummary);
}

HandshakePacer::~HandshakePacer()
{
    for (const auto &queue : std::as_const(m_byClient)) {
        for (const Waiting &waiting : queue)
            m_expired(waiting.connection);
    }
}

void HandshakePacer::enqueue(const Connection &connection)
{
    const QString key = clientKey(connection.peer);
    auto &queue = m_byClient[key];
    if (queue.empty())
        m_turns.push_back(key);
    queue.push_back({ connection, QDeadlineTimer(m_deadlineMs) });
    m_mostWaiting = qMax(m_mostWaiting, ++m_waiting);
    if (!m_pass.isActive())
        m_pass.start();
}

void HandshakePacer::pass()
{
    // Those that waited too long go first, however far back in the turns they are, so that
    // their descriptors and places in the budget are given back on time.
    expireOverdue();
    for (int started = 0; started < m_perPass && !m_turns.empty(); ++started) {
        const QString key = m_turns.front();
        m_turns.pop_front();
        auto &queue = m_byClient[key];
        const Waiting next = queue.front();
        queue.pop_front();
        if (queue.empty())
            m_byClient.remove(key);
        else
            m_turns.push_back(key);
        --m_waiting;
        ++m_startedSinceLog;
        m_start(next.connection, int(qMax<qint64>(1, next.deadline.remainingTime())));
    }
    if (m_turns.empty())
        m_pass.stop();
    if ((m_startedSinceLog || m_expiredSinceLog) && !m_summary.isActive())
        m_summary.start();
}

void HandshakePacer::expireOverdue()
{
    for (auto it = m_byClient.begin(); it != m_byClient.end();) {
        auto &queue = *it;
        // Each address's connections wait in the order they came, so the overdue are in front.
        while (!queue.empty() && queue.front().deadline.hasExpired()) {
            const Connection connection = queue.front().connection;
            queue.pop_front();
            --m_waiting;
            ++m_expiredSinceLog;
            m_expired(connection);
        }
        if (queue.empty()) {
            m_turns.erase(std::remove(m_turns.begin(), m_turns.end(), it.key()), m_turns.end());
            it = m_byClient.erase(it);
        } else {
            ++it;
        }
    }
}

void HandshakePacer::logSummary()
{
    // One line a second at most during a burst, not one per connection.
    if (m_startedSinceLog == 0 && m_expiredSinceLog == 0)
        return;
    if (m_mostWaiting > 1 || m_expiredSinceLog > 0)
        qCInfo(lcServer,
            "event=tls_handshakes_paced started=%d expired=%d most_waiting=%d waiting=%d",
            m_startedSinceLog, m_expiredSinceLog, m_mostWaiting, m_waiting);
    m_startedSinceLog = 0;
    m_expiredSinceLog = 0;
    m_mostWaiting = m_waiting;
    if (m_waiting > 0)
        m_summary.start();
}

} // namespace OWidget::Server
