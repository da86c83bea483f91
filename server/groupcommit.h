#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>

namespace OWidget::Server {

class Database;

// Writes that arrive in one pass of the event loop share one transaction, committed when the
// loop comes back to it (group commit): one sync to disk for many messages instead of one each.
// Nothing written in it is answered or announced before the commit: what waits for it runs
// after, in the order it was written, told whether the commit succeeded. Anyone else who uses
// the database first commits the open batch (Database::handle()), so that no other write joins
// it and no reader sees what is not yet committed.
class GroupCommit : public QObject
{
    Q_OBJECT
public:
    // Several servers on PostgreSQL: how long a write in a batch waits for a row another
    // server's open batch holds, and how many batches it is tried in before it fails.
    static constexpr int LockTimeoutMs = 100;
    static constexpr int WriteAttempts = 3;

    explicit GroupCommit(Database &database, QObject *parent = nullptr);
    ~GroupCommit() override;

    // Opens the batch's transaction unless one is open; false when it cannot be opened.
    bool begin();
    // PostgreSQL: how long the open batch's statements wait for a row another server holds
    // (0: until it is free); begin() sets LockTimeoutMs.
    void setLockTimeout(int ms);
    bool isOpen() const { return m_open; }
    // Runs `then` after the open batch is committed (true) or rolled back (false); at once,
    // with true, when no batch is open.
    void afterCommit(std::function<void(bool committed)> then);
    // Commits the open batch now, then runs what waited for it.
    void commit();

private:
    Database &m_database;
    QTimer m_timer;
    bool m_open = false;
    QList<std::function<void(bool)>> m_waiting;
};

} // namespace OWidget::Server
