#include "messageorder.h"

namespace OWidget::Server {

void MessageOrder::refused(const Protocol::WidgetRequest &request)
{
    const auto *message = std::get_if<Protocol::VisitorMessage>(&request);
    if (message && m_waitingFor.isEmpty())
        m_waitingFor = message->clientId;
}

bool MessageOrder::admits(const Protocol::WidgetRequest &request,
    const std::function<bool(const QString &clientId)> &isStored)
{
    const auto *message = std::get_if<Protocol::VisitorMessage>(&request);
    if (!message || m_waitingFor.isEmpty())
        return true;
    if (message->clientId == m_waitingFor) {
        m_waitingFor.clear();
        return true;
    }
    return isStored(message->clientId);
}

} // namespace OWidget::Server
