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
    m_expiry.setSingleShot(true);
    connect(&m_expiry, &QTimer::timeout, this, [this] {
        expireOverdue();
        if (m_turns.empty())
            scheduleExpiry();
    });
}

HandshakePacer::~HandshakePacer()
{
    for (const Client &client : std::as_const(m_byClient)) {
        for (const Waiting &waiting : client.queue) {
            if (waiting.readable)
                waiting.readable->setEnabled(false);
            m_expired(waiting.connection);
        }
    }
}

void HandshakePacer::enqueue(const Connection &connection)
{
    const QString key = clientKey(connection.peer);
    Client &client = m_byClient[key];
    Waiting waiting { connection, QDeadlineTimer(m_deadlineMs), nullptr };
    if (m_startWhenReadable) {
        waiting.readable
            = std::make_shared<QSocketNotifier>(connection.descriptor, QSocketNotifier::Read);
        const qintptr descriptor = connection.descriptor;
        connect(waiting.readable.get(), &QSocketNotifier::activated, this,
            [this, key, descriptor] { becameReadable(key, descriptor); });
    } else {
        if (client.ready++ == 0)
            m_turns.push_back(key);
    }
    client.queue.push_back(std::move(waiting));
    m_mostWaiting = qMax(m_mostWaiting, ++m_waiting);
    if (!m_pass.isActive())
        m_pass.start();
}

void HandshakePacer::becameReadable(const QString &key, qintptr descriptor)
{
    const auto found = m_byClient.find(key);
    if (found == m_byClient.end())
        return;
    for (Waiting &waiting : found->queue) {
        if (waiting.connection.descriptor != descriptor || !waiting.readable)
            continue;
        // Watched no more: the socket that adopts the descriptor reads it from now on.
        waiting.readable->setEnabled(false);
        waiting.readable.reset();
        if (found->ready++ == 0)
            m_turns.push_back(key);
        if (!m_pass.isActive())
            m_pass.start();
        return;
    }
}

void HandshakePacer::pass()
{
    // Those that waited too long go first, however far back in the turns they are, so that
    // their descriptors and places in the budget are given back on time.
    expireOverdue();
    for (int started = 0; started < m_perPass && !m_turns.empty(); ++started) {
        const QString key = m_turns.front();
        m_turns.pop_front();
        Client &client = m_byClient[key];
        // The first of its connections whose bytes came; those still silent keep their place.
        const auto next = std::find_if(client.queue.begin(), client.queue.end(),
            [](const Waiting &waiting) { return !waiting.readable; });
        Q_ASSERT(next != client.queue.end());
        const Connection connection = next->connection;
        const int remainingMs = int(qMax<qint64>(1, next->deadline.remainingTime()));
        client.queue.erase(next);
        if (--client.ready > 0)
            m_turns.push_back(key);
        if (client.queue.empty())
            m_byClient.remove(key);
        --m_waiting;
        ++m_startedSinceLog;
        m_start(connection, remainingMs);
    }
    // Connections still silent need no pass until their bytes come or their deadline passes.
    if (m_turns.empty()) {
        m_pass.stop();
        scheduleExpiry();
    }
    if ((m_startedSinceLog || m_expiredSinceLog) && !m_summary.isActive())
        m_summary.start();
}

void HandshakePacer::expireOverdue()
{
    for (auto it = m_byClient.begin(); it != m_byClient.end();) {
        Client &client = *it;
        const int readyBefore = client.ready;
        // Each address's connections wait in the order they came, so the overdue are in front.
        while (!client.queue.empty() && client.queue.front().deadline.hasExpired()) {
            const Connection connection = client.queue.front().connection;
            if (!client.queue.front().readable)
                --client.ready;
            client.queue.pop_front(); // its watcher goes before the descriptor is closed
            --m_waiting;
            ++m_expiredSinceLog;
            m_expired(connection);
        }
        // Out of the turns once none of its connections is ready: looked for only then, since
        // the turns are as long as the addresses with connections ready.
        if (readyBefore > 0 && client.ready == 0)
            m_turns.erase(std::remove(m_turns.begin(), m_turns.end(), it.key()), m_turns.end());
        if (client.queue.empty())
            it = m_byClient.erase(it);
        else
            ++it;
    }
}

void HandshakePacer::scheduleExpiry()
{
    // The earliest deadline of those waiting: each address's front one.
    std::optional<QDeadlineTimer> earliest;
    for (const Client &client : std::as_const(m_byClient)) {
        if (!client.queue.empty() && (!earliest || client.queue.front().deadline < *earliest))
            earliest = client.queue.front().deadline;
    }
    if (earliest)
        m_expiry.start(int(qMax<qint64>(0, earliest->remainingTime())) + 1);
    else
        m_expiry.stop();
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
