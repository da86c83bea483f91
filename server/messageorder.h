#pragma once

#include "protocol/widgetrequests.h"

#include <QString>

#include <functional>

namespace OWidget::Server {

// Keeps a visitor's messages in the order written across a refusal as too fast. The client sends
// a refused message again a moment later, with every message after it; those it sent meanwhile
// are refused too, so that none overtakes it.
class MessageOrder
{
public:
    // A request was refused as too fast: the first visitor message refused is waited for.
    void refused(const Protocol::WidgetRequest &request);
    // Whether a request may be taken: anything but a visitor message, the one waited for coming
    // again, or one already stored (isStored asks the conversation by client id).
    bool admits(const Protocol::WidgetRequest &request,
        const std::function<bool(const QString &clientId)> &isStored);
    // Another conversation: a message refused in the last one is not waited for.
    void clear() { m_waitingFor.clear(); }

private:
    QString m_waitingFor;
};

} // namespace OWidget::Server
