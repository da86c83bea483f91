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

    /// Whether the visitor's message at \a row may go at once: only in a conversation the server
    /// created, on a link it has greeted, not while a refused message waits to go again (it
    /// would overtake it), and not behind a file still uploading (the server would store it
    /// before that file); otherwise frames() or messageFrames() send it later.
    static bool messageGoesNow(
        const Conversation &conversation, int row, bool welcomed, bool resending);

    /// The visitor's messages still sending from \a row on, in the order written, up to the
    /// first file still uploading: what follows a file waits for it.
    static QList<QByteArray> messageFrames(const Conversation &conversation, int row);

    /// Everything not answered, in the order it goes: the `start`, then the conversation's
    /// messages still sending in the order written up to a file still uploading (once the
    /// conversation exists), then the requests in the order made.
    QList<QByteArray> frames(const Conversation &conversation) const;

private:
    QString m_startClientId;
    QByteArray m_startFrame;
    QList<std::pair<QString, QByteArray>> m_requests;
};

} // namespace OWidget
