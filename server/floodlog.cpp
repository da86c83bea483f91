#include "floodlog.h"
#include "logging.h"
#include "serverlimits.h"

namespace OWidget::Server {

FloodLog::FloodLog(const QByteArray &subject)
    : m_subject(subject)
{ }

bool FloodLog::admit()
{
    if (!m_interval.isValid() || m_interval.elapsed() >= Limits::LogSummaryIntervalMs) {
        summarize();
        m_interval.start();
        m_written = 0;
    }
    if (m_written < Limits::LogLinesPerInterval) {
        ++m_written;
        return true;
    }
    ++m_heldBack;
    return false;
}

void FloodLog::summarize()
{
    if (m_heldBack == 0)
        return;
    qCInfo(lcServer, "event=log_summary %s lines_held_back=%lld over_ms=%lld",
        m_subject.constData(), m_heldBack, m_interval.isValid() ? m_interval.elapsed() : 0LL);
    m_heldBack = 0;
}

} // namespace OWidget::Server
