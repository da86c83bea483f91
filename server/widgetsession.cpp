#include "widgetsession.h"
#include "clientframe.h"
#include "conversationservice.h"
#include "directory.h"
#include "json_p.h"
#include "logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

QString clientIdOf(const QJsonObject &message)
{
    const QJsonValue v = message.value("clientId"_L1);
    return v.isString() ? v.toString().left(Limits::maxClientIdLength) : QString();
}

// Whether a message that needs a client id has a usable one (a string of 1-64 characters).
bool validClientId(const QJsonObject &message)
{
    const QJsonValue v = message.value("clientId"_L1);
    return v.isString() && !v.toString().isEmpty()
        && v.toString().size() <= Limits::maxClientIdLength;
}

} // namespace

WidgetSession::WidgetSession(std::unique_ptr<QWebSocket> socket, Directory &directory,
    ConversationService &conversations, const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_directory(directory)
    , m_conversations(conversations)
    , m_options(options)
    , m_limiter(options.messageRate, options.messageBurst)
{
    m_peer = m_socket->peerAddress().toString() % u':' % QString::number(m_socket->peerPort());
    // Qt refuses anything above 1 MiB by itself; the protocol's 64 KiB limit is checked in
    // onTextMessage so that the client gets a too_large error before the close.
    m_socket->setMaxAllowedIncomingFrameSize(1024 * 1024);
    m_socket->setMaxAllowedIncomingMessageSize(1024 * 1024);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &WidgetSession::onTextMessage);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, [this] {
        m_lastReceived.restart();
        sendError(u"bad_request"_s, u"binary messages are not part of the protocol"_s);
    });
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_lastReceived.restart(); });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        qCInfo(lcServer, "event=widget_disconnected peer=%s conversation=%s",
            qUtf8Printable(m_peer), qUtf8Printable(m_conversation));
        m_heartbeat.stop();
        setConversation({}, {});
        Q_EMIT finished();
    });
    connect(&directory, &Directory::statusChanged, this, &WidgetSession::onStatusChanged);
    connect(
        &conversations, &ConversationService::eventAppended, this, &WidgetSession::onEventAppended);
    connect(
        &conversations, &ConversationService::queueChanged, this, &WidgetSession::onQueueChanged);
    connect(&conversations, &ConversationService::typingChanged, this, &WidgetSession::onTyping);

    m_lastReceived.start();
    m_heartbeat.setInterval(options.heartbeatSeconds * 1000);
    connect(&m_heartbeat, &QTimer::timeout, this, &WidgetSession::onHeartbeat);
    m_heartbeat.start();
    qCInfo(lcServer, "event=widget_connected peer=%s", qUtf8Printable(m_peer));
}

WidgetSession::~WidgetSession()
{
    m_socket->disconnect(this);
    setConversation({}, {});
}

void WidgetSession::setConversation(const QString &id, const QString &secret)
{
    if (!m_conversation.isEmpty())
        m_conversations.detach(m_conversation);
    m_conversation = id;
    m_secret = secret;
    if (!m_conversation.isEmpty())
        m_conversations.attach(m_conversation);
}

void WidgetSession::shutdown()
{
    closeWith(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
}

void WidgetSession::closeWith(int closeCode, const QString &reason)
{
    m_heartbeat.stop();
    m_socket->close(QWebSocketProtocol::CloseCode(closeCode), reason);
    m_socket->flush();
}

void WidgetSession::onHeartbeat()
{
    // The client pings us; we ping too, so that its pongs prove it alive whatever it does.
    if (m_lastReceived.elapsed() > 3LL * m_options.heartbeatSeconds * 1000) {
        qCInfo(lcServer, "event=widget_heartbeat_timeout peer=%s", qUtf8Printable(m_peer));
        closeWith(QWebSocketProtocol::CloseCodeGoingAway, u"heartbeat timeout"_s);
        return;
    }
    m_socket->ping();
}

void WidgetSession::send(const QJsonObject &message)
{
    sendText(QString::fromUtf8(compactJson(message)));
}

void WidgetSession::sendText(const QString &text)
{
    if (m_socket->bytesToWrite() > Limits::maxUnsentBytes) {
        // It reads nothing of what it is sent; a close frame would wait behind the rest.
        qCInfo(lcServer, "event=widget_dropped peer=%s reason=slow_reader unsent=%lld",
            qUtf8Printable(m_peer), m_socket->bytesToWrite());
        m_heartbeat.stop();
        m_socket->abort();
        return;
    }
    m_socket->sendTextMessage(text);
}

void WidgetSession::sendError(const QString &code, const QString &message, const QString &clientId)
{
    QJsonObject o { { "type"_L1, u"error"_s }, { "code"_L1, code }, { "message"_L1, message } };
    if (!clientId.isEmpty())
        o.insert("clientId"_L1, clientId);
    qCInfo(lcServer, "event=widget_error peer=%s code=%s", qUtf8Printable(m_peer),
        qUtf8Printable(code));
    send(o);
}

void WidgetSession::onTextMessage(const QString &text)
{
    m_lastReceived.restart();
    auto decoded = decodeWidgetFrame(text);
    if (const auto *error = std::get_if<FrameError>(&decoded)) {
        sendError(error->code, error->message);
        if (error->kind == FrameError::Kind::TooLarge)
            closeWith(QWebSocketProtocol::CloseCodeTooMuchData, error->code);
        else if (!m_welcomed)
            closeWith(QWebSocketProtocol::CloseCodePolicyViolated, error->code);
        return;
    }
    const WidgetMessage &message = std::get<WidgetMessage>(decoded);
    if (!m_limiter.tryTake()) {
        sendError(u"rate_limited"_s, u"too many messages; slow down"_s, clientIdOf(message.object));
        return;
    }
    handle(message);
}

void WidgetSession::handle(const WidgetMessage &message)
{
    const QJsonObject &object = message.object;
    if (!m_welcomed) {
        if (message.type == WidgetMessageType::Hello)
            return handleHello(object);
        sendError(u"bad_request"_s, u"the first message must be hello"_s);
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated, u"bad_request"_s);
        return;
    }
    if (!message.typeIsString)
        return sendError(u"bad_request"_s, u"field 'type' must be a string"_s, clientIdOf(object));
    switch (message.type) {
    case WidgetMessageType::Start:
        return handleStart(object);
    case WidgetMessageType::Message:
        return handleMessage(object);
    case WidgetMessageType::Typing:
        return handleTyping(object);
    case WidgetMessageType::End:
        return handleEnd(object);
    case WidgetMessageType::LeaveMessage:
    case WidgetMessageType::CallbackRequest:
        return handleOffline(object);
    case WidgetMessageType::Hello:
        return sendError(u"bad_request"_s, u"hello was already sent"_s);
    case WidgetMessageType::Unknown:
        break;
    }
    sendError(u"bad_request"_s, u"unknown message type '%1'"_s.arg(message.typeName.left(64)),
        clientIdOf(object));
}

void WidgetSession::handleHello(const QJsonObject &message)
{
    auto refuse = [this](const QString &code, const QString &text) {
        sendError(code, text);
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated, code);
    };
    const QJsonValue protocol = message.value("protocol"_L1);
    if (!protocol.isDouble())
        return refuse(u"bad_request"_s, u"field 'protocol' must be an integer"_s);
    if (protocol.toDouble() != Limits::protocolVersion)
        return refuse(u"protocol_version"_s, u"this server speaks protocol 1"_s);
    const QJsonValue company = message.value("company"_L1);
    if (!company.isString() || !isGuid(company.toString()))
        return refuse(u"bad_request"_s, u"field 'company' must be a GUID"_s);
    m_company = normalizedGuid(company.toString());
    if (!m_directory.hasCompany(m_company))
        return refuse(u"unknown_company"_s, u"no company with id %1"_s.arg(m_company));
    const QJsonValue preset = message.value("preset"_L1);
    if (!preset.isUndefined() && !preset.isString() && !preset.isNull())
        return refuse(u"bad_request"_s, u"field 'preset' must be a string"_s);
    const auto p = m_directory.preset(m_company, preset.toString());
    if (!p)
        return refuse(u"unknown_preset"_s,
            u"the company has no preset '%1'"_s.arg(preset.toString().left(64)));
    m_preset = p->name;
    const QJsonValue language = message.value("language"_L1);
    if (!language.isUndefined() && (!language.isString() || language.toString().size() > 16))
        return refuse(u"bad_request"_s, u"field 'language' must be a language tag"_s);
    m_language = language.toString();
    if (!p->config.value("languages"_L1).toArray().contains(m_language))
        m_language = p->config.value("defaultLanguage"_L1).toString();

    std::optional<Conversation> resumed;
    int lastSeq = 0;
    const QJsonValue resume = message.value("resume"_L1);
    bool resumeRejected = false;
    if (resume.isObject()) {
        const QJsonObject r = resume.toObject();
        lastSeq = qMax(0, r.value("lastSeq"_L1).toInt());
        const QString secret = r.value("secret"_L1).toString();
        resumed = m_conversations.resume(r.value("conversation"_L1).toString(), secret);
        if (resumed && (resumed->company != m_company || resumed->preset != m_preset))
            resumed.reset();
        if (resumed) {
            setConversation(resumed->id, secret);
            m_queuePosition = m_conversations.queuePosition(*resumed);
        }
        resumeRejected = !resumed;
    } else if (!resume.isUndefined() && !resume.isNull()) {
        resumeRejected = true;
    }

    m_welcomed = true;
    m_status = m_directory.status(m_company, m_preset);
    QJsonObject welcome { { "type"_L1, u"welcome"_s }, { "protocol"_L1, Limits::protocolVersion },
        { "status"_L1, m_status }, { "heartbeatSeconds"_L1, m_options.heartbeatSeconds } };
    if (resumed)
        welcome.insert("conversation"_L1,
            QJsonObject { { "id"_L1, resumed->id }, { "state"_L1, resumed->state },
                { "operator"_L1, resumed->operatorName },
                { "queuePosition"_L1, m_queuePosition } });
    send(welcome);
    qCInfo(lcServer, "event=widget_hello peer=%s company=%s preset=%s resumed=%s",
        qUtf8Printable(m_peer), qUtf8Printable(m_company), qUtf8Printable(m_preset),
        resumed ? qUtf8Printable(resumed->id) : "no");
    if (resumed) {
        // The replay is written at once, however long the conversation: not checked against
        // maxUnsentBytes, which is for live traffic the client does not read.
        const auto events = m_conversations.events(resumed->id, lastSeq);
        for (const Event &e : events)
            m_socket->sendTextMessage(QString::fromUtf8(compactJson(e.toWidgetJson())));
    } else if (resumeRejected) {
        sendError(u"resume_rejected"_s, u"the conversation cannot be resumed"_s);
    }
}

bool WidgetSession::checkFields(
    const QJsonObject &message, bool requireRequired, QJsonObject *fields)
{
    const QString clientId = clientIdOf(message);
    const QJsonValue value = message.value("fields"_L1);
    if (!value.isUndefined() && !value.isObject()) {
        sendError(u"bad_request"_s, u"field 'fields' must be an object"_s, clientId);
        return false;
    }
    *fields = value.toObject();
    if (fields->size() > Limits::maxFields) {
        sendError(u"bad_request"_s, u"at most 16 fields"_s, clientId);
        return false;
    }
    const auto preset = m_directory.preset(m_company, m_preset);
    const QJsonArray known = preset ? preset->config.value("fields"_L1).toArray() : QJsonArray();
    QStringList knownNames;
    for (const QJsonValue &f : known) {
        const QString name = f.toObject().value("name"_L1).toString();
        knownNames.append(name);
        if (requireRequired && f.toObject().value("required"_L1).toBool()
            && fields->value(name).toString().trimmed().isEmpty()) {
            sendError(u"bad_request"_s, u"field '%1' is required"_s.arg(name), clientId);
            return false;
        }
    }
    for (auto it = fields->begin(); it != fields->end(); ++it) {
        if (!knownNames.contains(it.key())) {
            sendError(u"bad_request"_s,
                u"field '%1' is not a field of the preset"_s.arg(it.key().left(32)), clientId);
            return false;
        }
        if (!it.value().isString() || it.value().toString().size() > Limits::maxFieldValueLength) {
            sendError(u"bad_request"_s,
                u"field '%1' must be a string of at most 200 characters"_s.arg(it.key()), clientId);
            return false;
        }
    }
    return true;
}

void WidgetSession::sendCreated(const Conversation &conversation)
{
    m_queuePosition = m_conversations.queuePosition(conversation);
    send(QJsonObject { { "type"_L1, u"created"_s }, { "clientId"_L1, conversation.startClientId },
        { "conversation"_L1, conversation.id }, { "secret"_L1, m_secret },
        { "queuePosition"_L1, m_queuePosition } });
}

void WidgetSession::handleStart(const QJsonObject &message)
{
    if (!validClientId(message))
        return sendError(
            u"bad_request"_s, u"field 'clientId' must be a string of 1-64 characters"_s);
    const QString clientId = clientIdOf(message);
    const auto preset = m_directory.preset(m_company, m_preset);
    if (!preset || !preset->config.value("features"_L1).toObject().value("chat"_L1).toBool())
        return sendError(u"bad_request"_s, u"the preset does not offer chat"_s, clientId);

    if (!m_conversation.isEmpty()) {
        // A repeated start is answered with the same created, never a second conversation.
        const auto current = m_conversations.find(m_conversation);
        if (current && current->startClientId == clientId)
            return sendCreated(*current);
        if (current && current->state != "ended"_L1)
            return sendError(u"bad_request"_s, u"a conversation is already open"_s, clientId);
    }
    QJsonObject fields;
    if (!checkFields(message, true, &fields))
        return;
    const QJsonValue customValue = message.value("customData"_L1);
    if (!customValue.isUndefined() && !customValue.isObject())
        return sendError(u"bad_request"_s, u"field 'customData' must be an object"_s, clientId);
    const QJsonObject customData = customValue.toObject();
    if (customData.size() > Limits::maxCustomData)
        return sendError(u"bad_request"_s, u"customData has at most 32 entries"_s, clientId);
    for (auto it = customData.begin(); it != customData.end(); ++it) {
        if (it.key().isEmpty() || it.key().size() > Limits::maxCustomNameLength
            || !it.value().isString()
            || it.value().toString().size() > Limits::maxCustomValueLength)
            return sendError(u"bad_request"_s,
                u"customData '%1': names 1-64 characters, values strings of at "
                u"most 1000"_s.arg(it.key().left(64)),
                clientId);
    }
    const QJsonValue language = message.value("language"_L1);
    if (!language.isUndefined() && (!language.isString() || language.toString().size() > 16))
        return sendError(u"bad_request"_s, u"field 'language' must be a language tag"_s, clientId);
    const QString lang = language.toString().isEmpty() ? m_language : language.toString();

    QString secret;
    const auto conversation
        = m_conversations.start(m_company, m_preset, lang, fields, customData, clientId, &secret);
    if (!conversation)
        return sendError(u"internal"_s, u"the conversation could not be stored"_s, clientId);
    setConversation(conversation->id, secret);
    sendCreated(*conversation);
}

void WidgetSession::handleMessage(const QJsonObject &message)
{
    if (!validClientId(message))
        return sendError(
            u"bad_request"_s, u"field 'clientId' must be a string of 1-64 characters"_s);
    const QString clientId = clientIdOf(message);
    const QJsonValue text = message.value("text"_L1);
    if (!text.isString())
        return sendError(u"bad_request"_s, u"field 'text' must be a string"_s, clientId);
    const QString trimmed = text.toString().trimmed();
    if (trimmed.isEmpty() || trimmed.size() > Limits::maxTextLength)
        return sendError(u"bad_request"_s, u"field 'text' must be 1-4000 characters"_s, clientId);
    const auto conversation
        = m_conversation.isEmpty() ? std::nullopt : m_conversations.find(m_conversation);
    if (!conversation)
        return sendError(
            u"not_in_conversation"_s, u"no conversation on this connection"_s, clientId);
    bool duplicate = false;
    std::optional<Event> stored;
    {
        // A duplicate is answered with its original ack even after the conversation ended.
        m_appending = true;
        if (conversation->state == "ended"_L1) {
            const auto events = m_conversations.events(conversation->id, 0);
            for (const Event &e : events) {
                if (e.from == "visitor"_L1 && e.clientId == clientId)
                    stored = e;
            }
            duplicate = bool(stored);
        } else {
            stored = m_conversations.appendMessage(
                conversation->id, u"visitor"_s, {}, clientId, trimmed, &duplicate);
        }
        m_appending = false;
    }
    if (!stored) {
        if (conversation->state == "ended"_L1)
            return sendError(u"not_in_conversation"_s, u"the conversation has ended"_s, clientId);
        return sendError(u"internal"_s, u"the message could not be stored"_s, clientId);
    }
    send(QJsonObject { { "type"_L1, u"ack"_s }, { "clientId"_L1, clientId },
        { "seq"_L1, stored->seq }, { "time"_L1, isoTime(stored->time) } });
}

void WidgetSession::handleTyping(const QJsonObject &message)
{
    if (!message.value("active"_L1).isBool())
        return sendError(u"bad_request"_s, u"field 'active' must be a boolean"_s);
    if (m_conversation.isEmpty())
        return sendError(u"not_in_conversation"_s, u"no conversation on this connection"_s);
    m_conversations.notifyTyping(m_conversation, false, message.value("active"_L1).toBool());
}

void WidgetSession::handleEnd(const QJsonObject &)
{
    const auto conversation
        = m_conversation.isEmpty() ? std::nullopt : m_conversations.find(m_conversation);
    if (!conversation || conversation->state == "ended"_L1)
        return sendError(u"not_in_conversation"_s, u"no open conversation on this connection"_s);
    m_conversations.end(m_conversation, u"visitor"_s);
}

void WidgetSession::handleOffline(const QJsonObject &message)
{
    const bool isMessage = message.value("type"_L1).toString() == "leaveMessage"_L1;
    if (!validClientId(message))
        return sendError(
            u"bad_request"_s, u"field 'clientId' must be a string of 1-64 characters"_s);
    const QString clientId = clientIdOf(message);
    const auto preset = m_directory.preset(m_company, m_preset);
    const QString feature = isMessage ? u"offlineMessage"_s : u"callback"_s;
    if (!preset || !preset->config.value("features"_L1).toObject().value(feature).toBool())
        return sendError(
            u"bad_request"_s, u"the preset does not offer %1"_s.arg(feature), clientId);
    OfflineItem item;
    if (!checkFields(message, false, &item.fields))
        return;
    item.company = m_company;
    item.preset = m_preset;
    item.clientId = clientId;
    item.kind = isMessage ? u"message"_s : u"callback"_s;
    if (isMessage) {
        const QJsonValue text = message.value("text"_L1);
        const QString trimmed = text.toString().trimmed();
        if (!text.isString() || trimmed.isEmpty() || trimmed.size() > Limits::maxTextLength)
            return sendError(
                u"bad_request"_s, u"field 'text' must be 1-4000 characters"_s, clientId);
        item.text = trimmed;
    } else {
        static const QRegularExpression phoneRe(u"^\\+?[0-9][0-9 ()./-]*$"_s);
        const QJsonValue phone = message.value("phone"_L1);
        if (!phone.isString() || phone.toString().size() > Limits::maxPhoneLength
            || !phoneRe.match(phone.toString()).hasMatch())
            return sendError(u"bad_request"_s,
                u"field 'phone' must be a phone number of at most 32 characters"_s, clientId);
        item.phone = phone.toString();
    }
    bool duplicate = false;
    if (!m_conversations.addOfflineItem(item, &duplicate))
        return sendError(u"internal"_s, u"the request could not be stored"_s, clientId);
    send(QJsonObject { { "type"_L1, u"received"_s }, { "clientId"_L1, clientId } });
}

void WidgetSession::onStatusChanged(const QString &company, const QString &preset, int status)
{
    if (!m_welcomed || company != m_company || preset != m_preset || status == m_status)
        return;
    m_status = status;
    // The same few bytes go to every widget of the preset: encoded once per status.
    static const QString encoded[] = {
        QString::fromUtf8(
            compactJson(QJsonObject { { "type"_L1, u"status"_s }, { "status"_L1, 0 } })),
        QString::fromUtf8(
            compactJson(QJsonObject { { "type"_L1, u"status"_s }, { "status"_L1, 1 } })),
        QString::fromUtf8(
            compactJson(QJsonObject { { "type"_L1, u"status"_s }, { "status"_L1, 2 } })),
    };
    if (status >= 0 && status <= 2)
        sendText(encoded[status]);
    else
        send(QJsonObject { { "type"_L1, u"status"_s }, { "status"_L1, status } });
    // Written now, in this loop over the widgets, rather than by one write notifier per socket
    // in later passes of the event loop, each of which polls every socket.
    m_socket->flush();
}

void WidgetSession::onEventAppended(const Conversation &conversation, const Event &event)
{
    if (conversation.id != m_conversation)
        return;
    if (event.type == "joined"_L1)
        m_queuePosition = 0;
    // The visitor's own message is answered by its ack, not echoed.
    if (m_appending && event.from == "visitor"_L1)
        return;
    send(event.toWidgetJson());
}

void WidgetSession::onQueueChanged(const QString &company, const QString &group)
{
    if (m_conversation.isEmpty() || company != m_company)
        return;
    const auto conversation = m_conversations.find(m_conversation);
    if (!conversation || conversation->group != group || conversation->state != "waiting"_L1)
        return;
    const int position = m_conversations.queuePosition(*conversation);
    if (position == m_queuePosition)
        return;
    m_queuePosition = position;
    send(QJsonObject { { "type"_L1, u"queue"_s }, { "position"_L1, position } });
}

void WidgetSession::onTyping(const QString &conversation, bool fromOperator, bool active)
{
    if (fromOperator && conversation == m_conversation)
        send(QJsonObject { { "type"_L1, u"typing"_s }, { "active"_L1, active } });
}

} // namespace OWidget::Server
