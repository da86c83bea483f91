#pragma once

#include "attachmentstore.h"
#include "conversationservice.h"
#include "storedvalues.h"

#include "protocol/reader.h"

#include <QSqlQuery>

// The rows of conversations and events as the service's files read them.
namespace OWidget::Server::Rows {

using namespace Qt::StringLiterals;
using namespace Protocol;
using namespace Stored;

inline const QString conversationColumns
    = u"id, company, preset, group_name, secret_hash, state, "
      u"language, fields, custom_data, start_client_id, "
      u"operator_login, operator_name, created, ended, last_seq"_s;

// The enumerations are stored by their names on the wire; what the server wrote itself is
// always one of them.
template<typename Enum> Enum readEnum(const QVariant &v, Enum fallback)
{
    return fromName<Enum>(v.toString()).value_or(fallback);
}

inline Conversation readConversation(const QSqlQuery &q)
{
    Conversation c;
    c.id = q.value(0).toString();
    c.company = q.value(1).toString();
    c.preset = q.value(2).toString();
    c.group = q.value(3).toString();
    c.secretHash = q.value(4).toString();
    c.state = readEnum(q.value(5), ConversationState::Ended);
    c.language = q.value(6).toString();
    c.fields = readStringMap(q.value(7));
    c.customData = readStringMap(q.value(8));
    c.startClientId = q.value(9).toString();
    c.operatorLogin = q.value(10).toString();
    c.operatorName = q.value(11).toString();
    c.created = q.value(12).toLongLong();
    c.ended = q.value(13).toLongLong();
    c.lastSeq = q.value(14).toLongLong();
    return c;
}

inline Event readEvent(const QSqlQuery &q)
{
    Event e;
    e.seq = q.value(0).toLongLong();
    e.type = readEnum(q.value(1), EventType::Message);
    e.time = timeOf(q.value(2).toLongLong());
    e.from = readEnum(q.value(3), Sender::Visitor);
    e.name = q.value(4).toString();
    e.text = q.value(5).toString();
    e.by = readEnum(q.value(6), EndedBy::System);
    e.clientId = q.value(7).toString();
    e.attachment = AttachmentStore::fromEventColumn(q.value(8).toString());
    return e;
}

inline const QString eventColumns
    = u"seq, type, at_ms, sender, name, body, ended_by, client_id, attachment"_s;

} // namespace OWidget::Server::Rows
