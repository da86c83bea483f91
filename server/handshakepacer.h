#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <optional>

namespace OWidget::Server {

// TLS connections wait here as bare descriptors between their acceptance and their handshake,
// and are started a few at a time per pass of the event loop (Limits::HandshakesPerPass),
// taking one client address (its clientKey()) after another, so that a burst of handshakes
// (each a signature computed on the event loop) never holds it for long, and one address's
// burst cannot put its handshakes ahead of everyone else's. The handshake deadline counts from
// acceptance: a connection that waited past it is handed to `expired` instead, unread.
class HandshakePacer : public QObject
{
public:
    struct Connection
    {
        qintptr descriptor = -1;
        QHostAddress peer;
        /// The client's port when a PROXY header named the client.
        std::optional<quint16> namedPort;
        bool operatorsOnly = false;
    };
    /// Creates the socket and starts the handshake, to finish within `remainingMs`.
    using Start = std::function<void(const Connection &, int remainingMs)>;
    /// Closes the descriptor and gives the connection's place back; also called for every
    /// connection still waiting when the pacer goes.
    using Expired = std::function<void(const Connection &)>;

    HandshakePacer(
        int perPass, int deadlineMs, Start start, Expired expired, QObject *parent = nullptr);
    ~HandshakePacer() override;

    void enqueue(const Connection &connection);
    int waiting() const { return m_waiting; }

private:
    struct Waiting
    {
        Connection connection;
        QDeadlineTimer deadline;
    };

    void pass();
    void expireOverdue();
    void logSummary();

    int m_perPass;
    int m_deadlineMs;
    Start m_start;
    Expired m_expired;
    QHash<QString, std::deque<Waiting>> m_byClient;
    std::deque<QString> m_turns; // the clients with connections waiting, next one first
    int m_waiting = 0;
    QTimer m_pass;
    QTimer m_summary;
    int m_startedSinceLog = 0;
    int m_expiredSinceLog = 0;
    int m_mostWaiting = 0;
};

} // namespace OWidget::Server
