#include "conversation_p.h"

namespace OWidget {

Conversation Conversation::restored(const std::optional<StoredSession> &stored)
{
    Conversation conversation;
    conversation.session = stored;
    if (!stored)
        return conversation;
    conversation.knownSeq = stored->lastSeq;
    // What the visitor wrote before the program closed goes once the conversation resumes.
    for (ChatMessage message : std::as_const(stored->outbox)) {
        // An attachment neither on the server nor uploading can never go.
        if (!message.attachment.isNull() && message.attachment.id.isEmpty()
            && !stored->uploads.contains(message.clientId))
            continue;
        message.sender = ChatMessage::Sender::Visitor;
        message.delivery = ChatMessage::Delivery::Sending;
        conversation.messages.append(message);
    }
    return conversation;
}

Conversation Conversation::created(
    const QString &id, const QString &secret, const QList<ChatMessage> &written)
{
    Conversation conversation;
    conversation.messages = written;
    conversation.session = StoredSession();
    conversation.session->conversation = id;
    conversation.session->secret = secret;
    return conversation;
}

bool Conversation::accept(qint64 seq)
{
    if (!session || !sequence.accept(seq))
        return false;
    session->lastSeq = qMax(session->lastSeq, seq);
    return true;
}

Conversation::Change Conversation::receive(const Protocol::MessageEvent &event)
{
    if (event.from == Protocol::Sender::Visitor && indexOf(event.clientId) >= 0) {
        // Our own message, replayed on resume: it counts as its acknowledgement.
        const int index = indexOf(event.clientId);
        if (messages.at(index).attachment.id.isEmpty() && !event.attachment.id.isEmpty())
            messages[index].attachment = Protocol::attachment(event.attachment);
        if (accept(event.seq) && deliver(event.clientId, event.seq, event.time))
            return { Change::Delivered, indexOf(event.clientId) };
        return {};
    }
    if (!accept(event.seq))
        return {};
    ChatMessage message;
    message.sender = Protocol::chatSender(event.from);
    message.text = event.text;
    message.senderName = event.name;
    message.time = event.time;
    message.clientId = event.clientId;
    message.seq = event.seq;
    message.attachment = Protocol::attachment(event.attachment);
    message.delivery = ChatMessage::Delivery::Delivered;
    const int row = pendingTailStart();
    messages.insert(row, message);
    return { Change::Added, row };
}

bool Conversation::deliver(const QString &clientId, qint64 seq, const QDateTime &time)
{
    const int index = indexOf(clientId);
    if (index < 0 || messages.at(index).delivery == ChatMessage::Delivery::Delivered)
        return false;
    accept(seq);
    ChatMessage &message = messages[index];
    message.seq = seq;
    message.time = time;
    message.delivery = ChatMessage::Delivery::Delivered;
    return true;
}

int Conversation::indexOf(const QString &clientId) const
{
    if (clientId.isEmpty())
        return -1;
    for (int i = int(messages.size()) - 1; i >= 0; --i) {
        if (messages.at(i).clientId == clientId)
            return i;
    }
    return -1;
}

int Conversation::pendingTailStart() const
{
    int row = int(messages.size());
    while (row > 0 && messages.at(row - 1).sender == ChatMessage::Sender::Visitor
        && messages.at(row - 1).delivery == ChatMessage::Delivery::Sending)
        --row;
    return row;
}

QList<ChatMessage> Conversation::pending() const
{
    QList<ChatMessage> list;
    for (const ChatMessage &message : messages) {
        if (message.sender == ChatMessage::Sender::Visitor
            && message.delivery == ChatMessage::Delivery::Sending)
            list.append(message);
    }
    return list;
}

} // namespace OWidget
