#pragma once

#include "protocol/businesshours.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

namespace OWidget::Server {

// The server's time for business hours, and one single-shot timer to the next opening or
// closing of any preset it watches: a preset's status changes at its boundaries by itself,
// without polling. Tests may run this clock ahead of the system's (see main.cpp).
class BusinessHoursClock : public QObject
{
    Q_OBJECT
public:
    explicit BusinessHoursClock(QObject *parent = nullptr);

    void setOffset(qint64 msecs) { m_offsetMs = msecs; }
    QDateTime now() const;
    /// Watches `hours`, replacing what was watched before.
    void watch(const QList<Protocol::BusinessHours> &hours);

Q_SIGNALS:
    /// One of the watched hours opened or closed.
    void boundaryPassed();

private:
    void schedule();

    qint64 m_offsetMs = 0;
    QList<Protocol::BusinessHours> m_hours;
    QTimer m_timer;
};

/// Whether a preset with these hours may say anything but offline at `now`.
inline bool withinBusinessHours(const Protocol::BusinessHours &hours, const QDateTime &now)
{
    return Protocol::isOpen(hours, now);
}

} // namespace OWidget::Server
