#include "operatorsession.h"
#include "conversationservice.h"
#include "directory.h"
#include "json_p.h"
#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

OperatorSession::OperatorSession(std::unique_ptr<QWebSocket> socket, const QString &login,
    Directory &directory, ConversationService &conversations, const ServerOptions &options,
    QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_login(login)
    , m_directory(directory)
    , m_conversations(conversations)
    , m_limiter(options.messageRate, options.messageBurst)
{
    const auto op = directory.operatorInfo(login);
    m_company = op ? op->company : QString();
    m_groups = op ? op->groups : QStringList();
    m_socket->setMaxAllowedIncomingFrameSize(1024 * 1024);
    m_socket->setMaxAllowedIncomingMessageSize(1024 * 1024);
    connect(
        m_socket.get(), &QWebSocket::textMessageReceived, this, &OperatorSession::onTextMessage);
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        qCInfo(lcServer, "event=operator_disconnected operator=%s", qUtf8Printable(m_login));
        if (m_connected) {
            m_connected = false;
            m_directory.operatorDisconnected(m_login);
        }
        Q_EMIT finished();
    });
    connect(&conversations, &ConversationService::eventAppended, this,
        &OperatorSession::onEventAppended);
    connect(&conversations, &ConversationService::conversationAccepted, this,
        &OperatorSession::onConversationAccepted);
    connect(
        &conversations, &ConversationService::queueChanged, this, &OperatorSession::onQueueChanged);
    connect(&conversations, &ConversationService::typingChanged, this, &OperatorSession::onTyping);
    connect(&conversations, &ConversationService::offlineItemAdded, this,
        &OperatorSession::onOfflineItem);

    // The same heartbeat as the widget's: a console that answers no ping for three intervals
    // is gone, and its operator no longer counts as present.
    m_lastReceived.start();
    m_heartbeat.setInterval(options.heartbeatSeconds * 1000);
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_lastReceived.restart(); });
    connect(&m_heartbeat, &QTimer::timeout, this, [this, options] {
        if (m_lastReceived.elapsed() > 3LL * options.heartbeatSeconds * 1000) {
            qCInfo(
                lcServer, "event=operator_heartbeat_timeout operator=%s", qUtf8Printable(m_login));
            m_heartbeat.stop();
            m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"heartbeat timeout"_s);
            return;
        }
        m_socket->ping();
    });
    m_heartbeat.start();

    qCInfo(lcServer, "event=operator_connected operator=%s", qUtf8Printable(m_login));
    m_directory.operatorConnected(m_login);
    sendSnapshot();
}

OperatorSession::~OperatorSession()
{
    m_socket->disconnect(this);
    if (m_connected)
        m_directory.operatorDisconnected(m_login);
}

void OperatorSession::shutdown()
{
    m_heartbeat.stop();
    m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
    m_socket->flush();
}

void OperatorSession::send(const QJsonObject &message)
{
    // The snapshot is written whole, whatever its size; after it, a console that lets more
    // than maxUnsentBytes pile up unread is dropped (a close frame would wait behind the rest).
    if (m_snapshotSent && m_socket->bytesToWrite() > Limits::maxUnsentBytes) {
        qCInfo(lcServer, "event=operator_dropped operator=%s reason=slow_reader unsent=%lld",
            qUtf8Printable(m_login), m_socket->bytesToWrite());
        m_heartbeat.stop();
        m_socket->abort();
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(compactJson(message)));
}

void OperatorSession::sendError(
    const QString &code, const QString &message, const QJsonObject &context)
{
    QJsonObject o { { "type"_L1, u"error"_s }, { "code"_L1, code }, { "message"_L1, message } };
    for (const auto key : { "clientId"_L1, "conversation"_L1 }) {
        if (context.value(key).isString())
            o.insert(key, context.value(key).toString().left(64));
    }
    qCInfo(lcServer, "event=operator_error operator=%s code=%s", qUtf8Printable(m_login),
        qUtf8Printable(code));
    send(o);
}

QJsonObject OperatorSession::operatorJson() const
{
    const auto op = m_directory.operatorInfo(m_login);
    return QJsonObject { { "login"_L1, m_login }, { "name"_L1, op ? op->name : QString() },
        { "groups"_L1, QJsonArray::fromStringList(m_groups) },
        { "maxChats"_L1, op ? op->maxChats : 0 },
        { "availability"_L1, availabilityName(m_directory.availability(m_login)) } };
}

QJsonArray OperatorSession::queueJson() const
{
    QJsonArray queue;
    const auto waiting = m_conversations.waiting(m_company, m_groups);
    for (const Conversation &c : waiting) {
        queue.append(QJsonObject { { "id"_L1, c.id }, { "group"_L1, c.group },
            { "preset"_L1, c.preset }, { "position"_L1, m_conversations.queuePosition(c) },
            { "created"_L1, isoTime(c.created) }, { "language"_L1, c.language },
            { "fields"_L1, c.fields }, { "customData"_L1, c.customData } });
    }
    return queue;
}

QJsonObject OperatorSession::conversationJson(const Conversation &conversation) const
{
    QJsonArray events;
    const auto list = m_conversations.events(conversation.id, 0);
    for (const Event &e : list)
        events.append(e.toOperatorJson());
    return QJsonObject { { "id"_L1, conversation.id }, { "state"_L1, conversation.state },
        { "group"_L1, conversation.group }, { "preset"_L1, conversation.preset },
        { "language"_L1, conversation.language }, { "created"_L1, isoTime(conversation.created) },
        { "fields"_L1, conversation.fields }, { "customData"_L1, conversation.customData },
        { "events"_L1, events } };
}

void OperatorSession::sendSnapshot()
{
    QJsonArray conversations;
    const auto active = m_conversations.activeFor(m_login);
    for (const Conversation &c : active)
        conversations.append(conversationJson(c));
    QJsonArray messages;
    const auto offline = m_conversations.offlineItems(m_company, u"message"_s);
    for (const OfflineItem &item : offline)
        messages.append(item.toJson());
    QJsonArray callbacks;
    const auto requests = m_conversations.offlineItems(m_company, u"callback"_s);
    for (const OfflineItem &item : requests)
        callbacks.append(item.toJson());
    send(QJsonObject { { "type"_L1, u"snapshot"_s }, { "operator"_L1, operatorJson() },
        { "availability"_L1, availabilityName(m_directory.availability(m_login)) },
        { "queue"_L1, queueJson() }, { "conversations"_L1, conversations },
        { "offlineMessages"_L1, messages }, { "callbackRequests"_L1, callbacks } });
    m_snapshotSent = true;
}

void OperatorSession::onTextMessage(const QString &text)
{
    m_lastReceived.restart();
    auto decoded = decodeOperatorFrame(text);
    if (const auto *error = std::get_if<FrameError>(&decoded)) {
        sendError(error->code, error->message);
        if (error->kind == FrameError::Kind::TooLarge)
            m_socket->close(QWebSocketProtocol::CloseCodeTooMuchData, error->code);
        return;
    }
    const OperatorMessage &message = std::get<OperatorMessage>(decoded);
    if (!m_limiter.tryTake())
        return sendError(u"rate_limited"_s, u"too many messages; slow down"_s, message.object);
    handle(message);
}

std::optional<Conversation> OperatorSession::ownConversation(const QJsonObject &message)
{
    const QJsonValue id = message.value("conversation"_L1);
    if (!id.isString()) {
        sendError(u"bad_request"_s, u"field 'conversation' must be a string"_s, message);
        return std::nullopt;
    }
    auto conversation = m_conversations.find(id.toString());
    if (!conversation || conversation->operatorLogin != m_login) {
        sendError(u"not_found"_s, u"no conversation of yours with that id"_s, message);
        return std::nullopt;
    }
    return conversation;
}

void OperatorSession::handle(const OperatorMessage &decoded)
{
    const QJsonObject &message = decoded.object;
    const OperatorMessageType type = decoded.type;
    if (type == OperatorMessageType::Availability) {
        const auto state = availabilityFromName(message.value("state"_L1).toString());
        if (!state)
            return sendError(
                u"bad_request"_s, u"field 'state' must be online, busy, away or offline"_s);
        m_directory.setAvailability(m_login, *state);
        send(QJsonObject {
            { "type"_L1, u"availability"_s }, { "state"_L1, availabilityName(*state) } });
    } else if (type == OperatorMessageType::Accept) {
        const QJsonValue id = message.value("conversation"_L1);
        if (!id.isUndefined() && !id.isString())
            return sendError(u"bad_request"_s, u"field 'conversation' must be a string"_s);
        QString code;
        if (!m_conversations.accept(m_login, id.toString(), &code)) {
            const QString text = code == "at_capacity"_L1 ? u"you are at your maximum of chats"_s
                : code == "conflict"_L1                   ? u"the conversation is not waiting"_s
                                                          : u"no such waiting conversation"_s;
            return sendError(code, text, message);
        }
    } else if (type == OperatorMessageType::Message) {
        handleMessage(message);
    } else if (type == OperatorMessageType::Typing) {
        if (!message.value("active"_L1).isBool())
            return sendError(u"bad_request"_s, u"field 'active' must be a boolean"_s, message);
        if (const auto c = ownConversation(message))
            m_conversations.notifyTyping(c->id, true, message.value("active"_L1).toBool());
    } else if (type == OperatorMessageType::End) {
        if (const auto c = ownConversation(message)) {
            if (c->state == "ended"_L1)
                return sendError(u"conflict"_s, u"the conversation has ended"_s, message);
            m_conversations.end(c->id, u"operator"_s);
        }
    } else {
        sendError(u"bad_request"_s, u"unknown message type '%1'"_s.arg(decoded.typeName.left(64)),
            message);
    }
}

void OperatorSession::handleMessage(const QJsonObject &message)
{
    const QJsonValue clientId = message.value("clientId"_L1);
    if (!clientId.isString() || clientId.toString().isEmpty()
        || clientId.toString().size() > Limits::maxClientIdLength)
        return sendError(
            u"bad_request"_s, u"field 'clientId' must be a string of 1-64 characters"_s, message);
    const QString text = message.value("text"_L1).toString().trimmed();
    if (!message.value("text"_L1).isString() || text.isEmpty()
        || text.size() > Limits::maxTextLength)
        return sendError(u"bad_request"_s, u"field 'text' must be 1-4000 characters"_s, message);
    const auto conversation = ownConversation(message);
    if (!conversation)
        return;
    if (conversation->state != "active"_L1)
        return sendError(u"conflict"_s, u"the conversation has ended"_s, message);
    const auto op = m_directory.operatorInfo(m_login);
    bool duplicate = false;
    m_appending = true;
    const auto stored = m_conversations.appendMessage(conversation->id, u"operator"_s,
        op ? op->name : m_login, clientId.toString(), text, &duplicate);
    m_appending = false;
    if (!stored)
        return sendError(u"internal"_s, u"the message could not be stored"_s, message);
    send(QJsonObject { { "type"_L1, u"ack"_s }, { "clientId"_L1, clientId.toString() },
        { "conversation"_L1, conversation->id }, { "seq"_L1, stored->seq },
        { "time"_L1, isoTime(stored->time) } });
}

void OperatorSession::onEventAppended(const Conversation &conversation, const Event &event)
{
    if (conversation.operatorLogin != m_login || event.type == "joined"_L1)
        return;
    if (m_appending && event.from == "operator"_L1)
        return;
    send(QJsonObject { { "type"_L1, u"event"_s }, { "conversation"_L1, conversation.id },
        { "event"_L1, event.toOperatorJson() } });
}

void OperatorSession::onConversationAccepted(const Conversation &conversation)
{
    if (conversation.operatorLogin == m_login)
        send(QJsonObject { { "type"_L1, u"conversation"_s },
            { "conversation"_L1, conversationJson(conversation) } });
}

void OperatorSession::onQueueChanged(const QString &company, const QString &group)
{
    if (company == m_company && m_groups.contains(group))
        send(QJsonObject { { "type"_L1, u"queue"_s }, { "queue"_L1, queueJson() } });
}

void OperatorSession::onTyping(const QString &conversation, bool fromOperator, bool active)
{
    if (fromOperator)
        return;
    const auto c = m_conversations.find(conversation);
    if (c && c->operatorLogin == m_login)
        send(QJsonObject { { "type"_L1, u"typing"_s }, { "conversation"_L1, conversation },
            { "active"_L1, active } });
}

void OperatorSession::onOfflineItem(const OfflineItem &item)
{
    if (item.company != m_company)
        return;
    send(QJsonObject {
        { "type"_L1, item.kind == "message"_L1 ? u"offlineMessage"_s : u"callbackRequest"_s },
        { "item"_L1, item.toJson() } });
}

} // namespace OWidget::Server
