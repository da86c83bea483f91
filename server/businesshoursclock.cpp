#include "businesshoursclock.h"
#include "logging.h"

namespace OWidget::Server {

BusinessHoursClock::BusinessHoursClock(QObject *parent)
    : QObject(parent)
{
    // A coarse timer may be late by 5 % of its interval: minutes, for a boundary hours away.
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        schedule();
        Q_EMIT boundaryPassed();
    });
}

QDateTime BusinessHoursClock::now() const
{
    return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs);
}

void BusinessHoursClock::watch(const QList<Protocol::BusinessHours> &hours)
{
    m_hours = hours;
    schedule();
}

void BusinessHoursClock::schedule()
{
    const QDateTime current = now();
    QDateTime next;
    for (const Protocol::BusinessHours &hours : std::as_const(m_hours)) {
        const QDateTime change = Protocol::nextChange(hours, current);
        if (change.isValid() && (!next.isValid() || change < next))
            next = change;
    }
    if (!next.isValid()) {
        m_timer.stop();
        return;
    }
    // At most eight days ahead, well within a timer's range. A timer that fires a moment
    // early finds no change and comes back here for the rest.
    const qint64 wait = qMax<qint64>(0, current.msecsTo(next));
    qCDebug(lcServer, "event=business_hours_timer in_ms=%lld", wait);
    m_timer.start(int(wait));
}

} // namespace OWidget::Server
