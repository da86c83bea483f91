#include "event.h"

namespace OWidget::Protocol {

ServerMessage Event::toWidgetMessage() const
{
    switch (type) {
    case EventType::Joined:
        return Joined { seq, time, name };
    case EventType::Ended:
        return Ended { seq, time, by };
    case EventType::Message:
        break;
    }
    return MessageEvent { seq, time, from, from == Sender::Operator ? name : QString(),
        from == Sender::Visitor ? clientId : QString(), text, attachment };
}

} // namespace OWidget::Protocol
