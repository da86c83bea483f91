#include "outbox_p.h"

#include <algorithm>

namespace OWidget {

void Outbox::setStart(const QString &clientId, const QByteArray &frame)
{
    m_startClientId = clientId;
    m_startFrame = frame;
}

void Outbox::clearStart()
{
    m_startClientId.clear();
    m_startFrame.clear();
}

void Outbox::addRequest(const QString &clientId, const QByteArray &frame)
{
    m_requests.append({ clientId, frame });
}

bool Outbox::removeRequest(const QString &clientId)
{
    for (auto it = m_requests.begin(); it != m_requests.end(); ++it) {
        if (it->first == clientId) {
            m_requests.erase(it);
            return true;
        }
    }
    return false;
}

namespace {

bool isSending(const ChatMessage &message)
{
    return message.sender == ChatMessage::Sender::Visitor
        && message.delivery == ChatMessage::Delivery::Sending;
}

// An attachment the server does not have yet: it has no id until its upload ends.
bool isUploading(const ChatMessage &message)
{
    return isSending(message) && !message.attachment.isNull() && message.attachment.id.isEmpty();
}

} // namespace

bool Outbox::messageGoesNow(
    const Conversation &conversation, int row, bool welcomed, bool resending)
{
    if (!welcomed || !conversation.session || resending)
        return false;
    const qsizetype end = qBound(qsizetype(0), qsizetype(row), conversation.messages.size());
    return std::none_of(
        conversation.messages.cbegin(), conversation.messages.cbegin() + end, isUploading);
}

QList<QByteArray> Outbox::messageFrames(const Conversation &conversation, int row)
{
    QList<QByteArray> list;
    for (qsizetype i = qMax(0, row); i < conversation.messages.size(); ++i) {
        const ChatMessage &message = conversation.messages.at(i);
        if (isUploading(message))
            break;
        if (isSending(message))
            list.append(Protocol::encode(Protocol::VisitorMessage {
                message.clientId, message.text, message.attachment.id }));
    }
    return list;
}

QList<QByteArray> Outbox::frames(const Conversation &conversation) const
{
    QList<QByteArray> list;
    if (!m_startFrame.isEmpty())
        list.append(m_startFrame);
    // Messages written while the conversation was being created wait for `created`: before it
    // the server has nowhere to put them.
    if (conversation.session)
        list.append(messageFrames(conversation, 0));
    for (const auto &request : m_requests)
        list.append(request.second);
    return list;
}

} // namespace OWidget
