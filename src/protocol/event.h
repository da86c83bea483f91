// One sequenced event of a conversation (docs/protocol.md section 3): the server stores it,
// the widget gets it as `joined`, `message` or `ended`, the console as an event object.
#pragma once

#include "attachments.h"
#include "servermessages.h"
#include "types.h"

#include <QDateTime>
#include <QString>

namespace OWidget::Protocol {

struct Event
{
    qint64 seq = 0;
    EventType type = EventType::Message;
    QDateTime time;
    Sender from = Sender::Visitor; ///< message
    QString name;                  ///< joined and operator messages: the operator's display name
    QString clientId;              ///< message: the client id its sender gave it
    QString text;                  ///< message
    EndedBy by = EndedBy::System;  ///< ended
    /// joined and operator messages: the operator's picture id (empty: none). Not stored with
    /// the event: the server reads it from the operator's current picture when it sends it.
    QString avatar = {};
    AttachmentInfo attachment {}; ///< message: its file; none when the id is empty

    /// The event as the widget gets it: Joined, MessageEvent or Ended.
    ServerMessage toWidgetMessage() const;
};

} // namespace OWidget::Protocol
