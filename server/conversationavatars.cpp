// ConversationService's side of operators' pictures: the events that name the operator carry
// the id of their picture (docs/protocol.md section 8). It is not stored with the events: it is
// read from the operator's current picture when an event is sent, so that a new picture
// replaces the old one in every conversation, resumed ones too, and no id goes stale.
#include "conversationservice.h"
#include "directory.h"

#include <algorithm>

namespace OWidget::Server {

using namespace Protocol;

namespace {

bool namesOperator(const Event &event)
{
    return event.type == EventType::Joined
        || (event.type == EventType::Message && event.from == Sender::Operator);
}

} // namespace

QString ConversationService::operatorAvatar(const QString &login) const
{
    if (login.isEmpty())
        return {};
    const auto op = m_directory.operatorInfo(login);
    return op ? op->avatar : QString();
}

Event ConversationService::withAvatar(const Conversation &conversation, Event event) const
{
    if (namesOperator(event))
        event.avatar = operatorAvatar(conversation.operatorLogin);
    return event;
}

void ConversationService::addAvatars(const QString &id, QList<Event> &events) const
{
    // One look-up of the conversation's operator per page, and none for a page without them.
    if (std::none_of(events.cbegin(), events.cend(), namesOperator))
        return;
    const auto conversation = find(id);
    if (!conversation)
        return;
    const QString avatar = operatorAvatar(conversation->operatorLogin);
    for (Event &event : events) {
        if (namesOperator(event))
            event.avatar = avatar;
    }
}

} // namespace OWidget::Server
