// What the visitor sent and the server has not answered yet: the `start` of a conversation
// until `created`, the conversation's messages until their `ack`, and offline messages and
// callback requests until `received`. After every `welcome`, after `created` and a second after
// `rate_limited`, frames() is everything to send again, in order, with the same client ids, so
// the server stores each once. Pure: it makes frames, the controller sends them.
#pragma once

#include "conversation_p.h"
#include "testexport_p.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace OWidget {

class OWIDGET_TEST_EXPORT Outbox
{
public:
    /// The `start` frame of a conversation, waiting for `created`.
    void setStart(const QString &clientId, const QByteArray &frame);
    void clearStart();
    QString startClientId() const { return m_startClientId; }
    bool isStart(const QString &clientId) const
    {
        return !clientId.isEmpty() && clientId == m_startClientId;
    }

    /// An offline message or a callback request, waiting for `received`.
    void addRequest(const QString &clientId, const QByteArray &frame);
    /// Whether it was waiting; it no longer is.
    bool removeRequest(const QString &clientId);
    qsizetype requestCount() const { return m_requests.size(); }

    /// Whether a message the visitor writes now may go at once: only in a conversation the
    /// server created, on a link it has greeted, and not while a refused message waits to go
    /// again (it would overtake it); otherwise frames() sends it later.
    static bool messageGoesNow(const Conversation &conversation, bool welcomed, bool resending)
    {
        return welcomed && conversation.session.has_value() && !resending;
    }

    /// Everything not answered, in the order it goes: the `start`, then the conversation's
    /// messages still sending in the order written (once the conversation exists), then the
    /// requests in the order made.
    QList<QByteArray> frames(const Conversation &conversation) const;

private:
    QString m_startClientId;
    QByteArray m_startFrame;
    QList<std::pair<QString, QByteArray>> m_requests;
};

} // namespace OWidget
