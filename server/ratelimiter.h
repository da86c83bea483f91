#pragma once

#include <QElapsedTimer>

namespace OWidget::Server {

// A token bucket: `rate` tokens a second, at most `burst` saved up.
class RateLimiter
{
public:
    RateLimiter(double rate, double burst)
        : m_rate(rate)
        , m_burst(burst)
        , m_tokens(burst)
    {
        m_clock.start();
    }

    bool tryTake()
    {
        if (!hasToken())
            return false;
        m_tokens -= 1.0;
        return true;
    }

    /// Returns a token taken for something that turned out not to count (a login that
    /// succeeded after all).
    void giveBack() { m_tokens = qMin(m_burst, m_tokens + 1.0); }

    /// Whether tryTake() would succeed now, without taking anything.
    bool hasToken()
    {
        const double elapsed = double(m_clock.restart()) / 1000.0;
        m_tokens = qMin(m_burst, m_tokens + elapsed * m_rate);
        return m_tokens >= 1.0;
    }

private:
    double m_rate;
    double m_burst;
    double m_tokens;
    QElapsedTimer m_clock;
};

} // namespace OWidget::Server
