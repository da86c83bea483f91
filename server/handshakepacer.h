#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace OWidget::Server {

// TLS connections wait here as bare descriptors between their acceptance and their handshake,
// and are started a few at a time per pass of the event loop (Limits::HandshakesPerPass),
// taking one client address (its clientKey()) after another, so that a burst of handshakes
// (each a signature computed on the event loop) never holds it for long, and one address's
// burst cannot put its handshakes ahead of everyone else's. The handshake deadline counts from
// acceptance: a connection that waited past it is handed to `expired` instead, unread.
// With startWhenReadable, a connection takes its turn only once its first bytes (the
// ClientHello) have come: a handshake started before them costs nothing until they arrive, and
// then hundreds started in earlier passes would all compute their signatures in the one pass
// their hellos came in together.
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

    /// Whether a connection waits for its first bytes before its turn (the descriptors are then
    /// real sockets, watched for reading until started); applies to those enqueued after.
    void setStartWhenReadable(bool on) { m_startWhenReadable = on; }
    void enqueue(const Connection &connection);
    int waiting() const { return m_waiting; }

private:
    struct Waiting
    {
        Connection connection;
        QDeadlineTimer deadline;
        std::shared_ptr<QSocketNotifier> readable; // until its first bytes came
    };
    struct Client
    {
        std::deque<Waiting> queue; // in the order they came, so the overdue are in front
        int ready = 0;
    };

    void becameReadable(const QString &key, qintptr descriptor);
    void pass();
    void expireOverdue();
    void scheduleExpiry();
    void logSummary();

    int m_perPass;
    int m_deadlineMs;
    Start m_start;
    Expired m_expired;
    QHash<QString, Client> m_byClient;
    std::deque<QString> m_turns; // the clients with a connection ready to start, next one first
    int m_waiting = 0;
    bool m_startWhenReadable = false;
    QTimer m_pass;
    QTimer m_expiry; // while every connection waiting is silent, their next deadline
    QTimer m_summary;
    int m_startedSinceLog = 0;
    int m_expiredSinceLog = 0;
    int m_mostWaiting = 0;
};

} // namespace OWidget::Server
