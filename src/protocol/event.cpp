#include "event.h"

namespace OWidget::Protocol {

ServerMessage Event::toWidgetMessage() const
{
    switch (type) {
    case EventType::Joined:
        return Joined { seq, time, name, avatar };
    case EventType::Ended:
        return Ended { seq, time, by };
    case EventType::Message:
        break;
    }
    return MessageEvent { seq, time, from, from == Sender::Operator ? name : QString(),
        from == Sender::Visitor ? clientId : QString(), text,
        from == Sender::Operator ? avatar : QString(), attachment };
}

} // namespace OWidget::Protocol
