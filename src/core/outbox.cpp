#include "outbox_p.h"

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

QList<QByteArray> Outbox::frames(const Conversation &conversation) const
{
    QList<QByteArray> list;
    if (!m_startFrame.isEmpty())
        list.append(m_startFrame);
    // Messages written while the conversation was being created wait for `created`: before it
    // the server has nowhere to put them.
    if (conversation.session) {
        for (const ChatMessage &message : conversation.pending()) {
            // An attachment still uploading goes once the server has it (its id).
            if (!message.attachment.isNull() && message.attachment.id.isEmpty())
                continue;
            list.append(Protocol::encode(Protocol::VisitorMessage {
                message.clientId, message.text, message.attachment.id }));
        }
    }
    for (const auto &request : m_requests)
        list.append(request.second);
    return list;
}

} // namespace OWidget
