#include "connectionbudget.h"
#include "clientaddress.h"
#include "serverlimits.h"

#include <sys/resource.h>

namespace OWidget::Server {

namespace {

int descriptorBudget()
{
    rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return 1 << 20;
    return int(qMin<rlim_t>(limit.rlim_cur, 1 << 20));
}

} // namespace

ConnectionBudget::ConnectionBudget(int perAddress, int total)
    : m_perAddress(qMax(1, perAddress))
{
    const int fromDescriptors = qMax(1, descriptorBudget() - Limits::ReservedDescriptors);
    m_total = total > 0 ? qMin(total, fromDescriptors) : fromDescriptors;
    const int reserve = qMax(
        Limits::MinOperatorReserve, int(qint64(m_total) * Limits::OperatorReservePercent / 100));
    m_visitorShare = qMax(0, m_total - reserve);
}

ConnectionBudget::Admission ConnectionBudget::admit(const QHostAddress &peer)
{
    if (m_open >= m_total)
        return Admission::Refused;
    int &fromPeer = m_byAddress[clientKey(peer)];
    if (fromPeer >= m_perAddress)
        return Admission::Refused;
    ++fromPeer;
    ++m_open;
    return m_open > m_visitorShare ? Admission::OperatorsOnly : Admission::Open;
}

void ConnectionBudget::release(const QHostAddress &peer)
{
    const auto it = m_byAddress.find(clientKey(peer));
    if (it == m_byAddress.end())
        return;
    if (--*it <= 0)
        m_byAddress.erase(it);
    --m_open;
}

} // namespace OWidget::Server
