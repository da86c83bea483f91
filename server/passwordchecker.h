#pragma once

#include "crypto.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace OWidget::Server {

// Checks passwords against their Argon2id hashes on worker threads, never on the event loop,
// within one budget for the whole server: Limits::MaxConcurrentPasswordChecks at once (fewer
// on a small machine) and Limits::MaxWaitingPasswordChecks waiting. Beyond it a check is
// refused at once, so that failed logins cannot take the event loop's time or grow a queue.
class PasswordChecker : public QObject
{
    Q_OBJECT
public:
    explicit PasswordChecker(Crypto::PasswordCost cost, QObject *parent = nullptr);
    // Drops the checks still waiting and waits for those running; their answers are not given.
    ~PasswordChecker() override;

    // Starts checking `password` against `hash`, or, with no hash (an unknown login), spends
    // the time a check would, so that logins cannot be probed. `done` is called later on this
    // object's thread. False when the budget is spent: nothing started, `done` never called.
    bool check(const QString &hash, const QString &password, std::function<void(bool)> done);

    // How many checks may run at once on this machine.
    int workers() const { return m_pool.maxThreadCount(); }
    // Checks running or waiting.
    int pending() const { return m_pending; }

private:
    const Crypto::PasswordCost m_cost;
    QThreadPool m_pool;
    int m_pending = 0;
};

} // namespace OWidget::Server
