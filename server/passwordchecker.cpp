#include "passwordchecker.h"
#include "serverlimits.h"

#include <QThread>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace OWidget::Server {

namespace {

// Where the event loop and a check want the same core, the event loop wins: each worker
// thread lowers its own scheduling weight once (Linux keeps a nice value per thread).
void lowerThisThread()
{
    static thread_local const bool lowered
        = ::setpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)), Limits::PasswordCheckNice) == 0;
    Q_UNUSED(lowered)
}

} // namespace

PasswordChecker::PasswordChecker(Crypto::PasswordCost cost, QObject *parent)
    : QObject(parent)
    , m_cost(cost)
{
    const int cores = qMax(1, QThread::idealThreadCount());
    m_pool.setMaxThreadCount(qBound(1, cores - 1, Limits::MaxConcurrentPasswordChecks));
    // A worker idle for a while gives its thread (and Argon2id's memory) back.
    m_pool.setExpiryTimeout(30 * 1000);
}

PasswordChecker::~PasswordChecker()
{
    m_pool.clear();
    m_pool.waitForDone();
}

bool PasswordChecker::check(
    const QString &hash, const QString &password, std::function<void(bool)> done)
{
    if (m_pending >= workers() + Limits::MaxWaitingPasswordChecks)
        return false;
    ++m_pending;
    m_pool.start([this, hash, password, cost = m_cost, done = std::move(done)]() mutable {
        lowerThisThread();
        bool ok = false;
        if (hash.isEmpty())
            static_cast<void>(Crypto::hashPassword(password, cost)); // the same time, no match
        else
            ok = Crypto::verifyPassword(hash, password);
        // Answered on this object's thread; dropped with the object if the server is going.
        QMetaObject::invokeMethod(
            this,
            [this, ok, done = std::move(done)] {
                --m_pending;
                done(ok);
            },
            Qt::QueuedConnection);
    });
    return true;
}

} // namespace OWidget::Server
