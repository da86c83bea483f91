#pragma once

#include <QHash>
#include <QHostAddress>

namespace OWidget::Server {

// How many connections are open, from each address (its clientKey()) and in all, shared by every
// listener: one address cannot take every descriptor, and a share of the global cap is kept for
// operators.
class ConnectionBudget
{
public:
    enum class Admission {
        Refused,       // over the address's or the global cap: closed at once
        Open,          // any path
        OperatorsOnly, // within the operators' reserve: only the operator's paths are served
    };

    /// `total` 0: the process's descriptor limit less Limits::ReservedDescriptors.
    ConnectionBudget(int perAddress, int total);

    Admission admit(const QHostAddress &peer);
    void release(const QHostAddress &peer);

    int total() const { return m_total; }
    int open() const { return m_open; }
    /// The connections beyond which only operators are served.
    int visitorShare() const { return m_visitorShare; }
    int perAddress() const { return m_perAddress; }

private:
    int m_perAddress;
    int m_total;
    int m_visitorShare;
    int m_open = 0;
    QHash<QString, int> m_byAddress;
};

} // namespace OWidget::Server
