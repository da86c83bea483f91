#include "widgetsession.h"
#include "attachmentstore.h"
#include "clientaddress.h"
#include "conversationservice.h"
#include "directory.h"
#include "logging.h"
#include "offlineinbox.h"
#include "ratings.h"
#include "requestpacer.h"
#include "serverlimits.h"

#include "protocol/limits.h"
#include "protocol/reader.h"

#include <QPointer>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

using Protocol::ConversationState;
using Protocol::ErrorCode;

namespace {

// The client id a request carries, for an error about it.
struct ClientIdOf
{
    QString operator()(const Protocol::Start &r) const { return r.clientId; }
    QString operator()(const Protocol::VisitorMessage &r) const { return r.clientId; }
    QString operator()(const Protocol::LeaveMessage &r) const { return r.clientId; }
    QString operator()(const Protocol::CallbackRequest &r) const { return r.clientId; }
    QString operator()(const Protocol::Rate &r) const { return r.clientId; }
    template<typename Request> QString operator()(const Request &) const { return {}; }
};

// Whether a request writes to the database, and so waits for its share of a pass of the event
// loop (RequestPacer). A hello or a typing notice writes nothing and is answered at once,
// unless an earlier request of the same widget waits.
bool writes(const Protocol::WidgetRequest &request)
{
    return !std::holds_alternative<Protocol::Hello>(request)
        && !std::holds_alternative<Protocol::VisitorTyping>(request);
}

} // namespace

WidgetSession::WidgetSession(std::unique_ptr<QWebSocket> socket, Directory &directory,
    ConversationService &conversations, OfflineInbox &inbox, Ratings &ratings, RequestPacer &pacer,
    const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_directory(directory)
    , m_conversations(conversations)
    , m_inbox(inbox)
    , m_ratings(ratings)
    , m_pacer(pacer)
    , m_options(options)
    , m_limiter(options.messageRate, options.messageBurst)
    , m_replay(*m_socket, conversations)
{
    m_address = clientKey(m_socket->peerAddress());
    m_peer = m_socket->peerAddress().toString() % u':' % QString::number(m_socket->peerPort());
    m_errorLog = FloodLog("peer=" + m_peer.toUtf8());
    // Qt refuses anything above 1 MiB by itself; the protocol's 64 KiB limit is checked in
    // onTextMessage so that the client gets a too_large error before the close.
    m_socket->setMaxAllowedIncomingFrameSize(1024 * 1024);
    m_socket->setMaxAllowedIncomingMessageSize(1024 * 1024);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &WidgetSession::onTextMessage);
    connect(
        m_socket.get(), &QWebSocket::binaryMessageReceived, this, &WidgetSession::onBinaryMessage);
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_lastReceived.restart(); });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        qCInfo(lcServer, "event=widget_disconnected peer=%s conversation=%s",
            qUtf8Printable(m_peer), qUtf8Printable(m_conversation));
        // What it cost: one call for each thing of its own conversation, none for the others'.
        qCDebug(
            lcServer, "event=widget_handed peer=%s handed=%lld", qUtf8Printable(m_peer), m_handed);
        m_heartbeat.stop();
        // What it sent before it went (an end, a message) is still handled, in its turn: the
        // same as if it had been read a pass earlier.
        if (!m_waiting.isEmpty() && !m_replay.isReplaying() && !m_closing) {
            m_finishing = true;
            if (!m_waitingForTurn)
                handleWaitingRequests();
            return;
        }
        finish();
    });
    connect(&directory, &Directory::statusChanged, this, &WidgetSession::onStatusChanged);
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, [this] {
        if (m_replay.isReplaying())
            continueReplay();
    });

    m_lastReceived.start();
    m_heartbeat.setInterval(options.heartbeatSeconds * 1000);
    connect(&m_heartbeat, &QTimer::timeout, this, &WidgetSession::onHeartbeat);
    m_heartbeat.start();
    qCInfo(lcServer, "event=widget_connected peer=%s", qUtf8Printable(m_peer));
}

WidgetSession::~WidgetSession()
{
    m_socket->disconnect(this);
    m_errorLog.summarize();
    setConversation({}, {});
}

void WidgetSession::finish()
{
    m_finishing = false;
    m_waiting.clear();
    m_errorLog.summarize();
    setConversation({}, {});
    Q_EMIT finished();
}

void WidgetSession::setConversation(const Conversation &conversation, const QString &secret)
{
    if (!m_conversation.isEmpty()) {
        m_conversations.subscribers().unsubscribe(m_conversation, this);
        m_conversations.detach(m_conversation);
    }
    m_conversation = conversation.id;
    m_secret = secret;
    m_order.clear();
    if (!m_conversation.isEmpty()) {
        m_conversations.attach(m_conversation);
        m_conversations.subscribers().subscribe(conversation, this);
    }
}

void WidgetSession::shutdown()
{
    closeWith(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
}

void WidgetSession::closeWith(int closeCode, const QString &reason)
{
    // Frames already buffered behind the one that closed are not answered.
    m_closing = true;
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

void WidgetSession::send(const Protocol::ServerMessage &message)
{
    sendText(QString::fromUtf8(Protocol::encode(message)));
}

void WidgetSession::sendText(const QString &text)
{
    if (m_socket->bytesToWrite() > Limits::MaxUnsentBytes) {
        // It reads nothing of what it is sent; a close frame would wait behind the rest.
        qCInfo(lcServer, "event=widget_dropped peer=%s reason=slow_reader unsent=%lld",
            qUtf8Printable(m_peer), m_socket->bytesToWrite());
        m_heartbeat.stop();
        m_socket->abort();
        return;
    }
    m_socket->sendTextMessage(text);
}

void WidgetSession::sendError(ErrorCode code, const QString &message, const QString &clientId)
{
    if (m_errorLog.admit()) {
        qCInfo(lcServer, "event=widget_error peer=%s code=%s", qUtf8Printable(m_peer),
            qUtf8Printable(Protocol::errorCodeName(code)));
    }
    send(Protocol::ServerError::from(code, message, clientId));
}

void WidgetSession::onBinaryMessage()
{
    m_lastReceived.restart();
    if (m_closing)
        return;
    // Counted like any other frame, and before hello as final as any other wrong first frame.
    if (!m_limiter.tryTake())
        return sendError(ErrorCode::RateLimited, u"too many messages; slow down"_s);
    sendError(ErrorCode::BadRequest, u"binary messages are not part of the protocol"_s);
    if (!m_welcomed) {
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated,
            Protocol::errorCodeName(ErrorCode::BadRequest));
    }
}

void WidgetSession::onTextMessage(const QString &text)
{
    m_lastReceived.restart();
    if (m_closing)
        return;
    // Decoded first, so that a refusal can name the message's client id; then every frame,
    // malformed or not, is counted against the limiter, so that a flood of garbage is slowed
    // down like any other.
    const auto decoded = Protocol::decodeWidgetRequest(text.toUtf8());
    const bool allowed = m_limiter.tryTake();
    const auto *error = std::get_if<Protocol::DecodeError>(&decoded);
    if (error && error->code == ErrorCode::TooLarge) {
        sendError(error->code, error->message);
        closeWith(QWebSocketProtocol::CloseCodeTooMuchData, Protocol::errorCodeName(error->code));
        return;
    }
    if (!allowed && error)
        return sendError(
            ErrorCode::RateLimited, u"too many messages; slow down"_s, error->clientId);
    if (!allowed)
        return refuseAsTooFast(std::get<Protocol::WidgetRequest>(decoded));
    if (error) {
        sendError(error->code, error->message, error->clientId);
        // Until welcome, a client that says anything but a good hello is not one of ours.
        if (!m_welcomed)
            closeWith(
                QWebSocketProtocol::CloseCodePolicyViolated, Protocol::errorCodeName(error->code));
        return;
    }
    const auto &request = std::get<Protocol::WidgetRequest>(decoded);
    if (!keepsOrder(request))
        return refuseAsTooFast(request);
    // Handled after the replay (an ack must not overtake the events before it, or the client
    // takes them for ones it has seen), and after the requests before it that wait for their
    // turn; a write waits for its turn when this pass's share is taken.
    if (m_replay.isReplaying() || !m_waiting.isEmpty() || (writes(request) && !m_pacer.tryTake())) {
        if (m_waiting.size() >= (m_replay.isReplaying() ? Limits::MaxRequestsDuringReplay
                                                        : Limits::MaxRequestsWaitingTurn))
            return refuseAsTooFast(request);
        m_waiting.append(request);
        if (!m_replay.isReplaying() && !m_waitingForTurn)
            handleWaitingRequests();
        return;
    }
    handle(request);
}

void WidgetSession::refuseAsTooFast(const Protocol::WidgetRequest &request)
{
    m_order.refused(request);
    sendError(ErrorCode::RateLimited, u"too many messages; slow down"_s,
        std::visit(ClientIdOf(), request));
}

bool WidgetSession::keepsOrder(const Protocol::WidgetRequest &request)
{
    return m_order.admits(request, [this](const QString &clientId) {
        return !m_conversation.isEmpty()
            && m_conversations.findMessage(m_conversation, Protocol::Sender::Visitor, clientId);
    });
}

void WidgetSession::handle(const Protocol::WidgetRequest &request)
{
    const auto *hello = std::get_if<Protocol::Hello>(&request);
    if (!m_welcomed) {
        if (hello)
            return handleHello(*hello);
        sendError(ErrorCode::BadRequest, u"the first message must be hello"_s);
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated,
            Protocol::errorCodeName(ErrorCode::BadRequest));
        return;
    }
    if (hello)
        return sendError(ErrorCode::BadRequest, u"hello was already sent"_s);
    if (const auto *start = std::get_if<Protocol::Start>(&request))
        return handleStart(*start);
    if (const auto *message = std::get_if<Protocol::VisitorMessage>(&request))
        return handleMessage(*message);
    if (const auto *typing = std::get_if<Protocol::VisitorTyping>(&request))
        return handleTyping(*typing);
    if (std::holds_alternative<Protocol::EndConversation>(request))
        return handleEnd();
    if (const auto *rate = std::get_if<Protocol::Rate>(&request))
        return handleRate(*rate);
    if (const auto *read = std::get_if<Protocol::VisitorRead>(&request))
        return handleRead(*read);
    OfflineItem item;
    if (const auto *leave = std::get_if<Protocol::LeaveMessage>(&request)) {
        item.kind = OfflineItem::Kind::Message;
        item.clientId = leave->clientId;
        item.fields = leave->fields;
        item.text = leave->text;
    } else if (const auto *callback = std::get_if<Protocol::CallbackRequest>(&request)) {
        item.kind = OfflineItem::Kind::Callback;
        item.clientId = callback->clientId;
        item.fields = callback->fields;
        item.phone = callback->phone;
    }
    handleOffline(item);
}

void WidgetSession::handleHello(const Protocol::Hello &hello)
{
    auto refuse = [this](ErrorCode code, const QString &text) {
        sendError(code, text);
        closeWith(QWebSocketProtocol::CloseCodePolicyViolated, Protocol::errorCodeName(code));
    };
    m_company = Protocol::normalizedGuid(hello.company);
    if (!m_directory.hasCompany(m_company))
        return refuse(ErrorCode::UnknownCompany, u"no company with id %1"_s.arg(m_company));
    const auto p = m_directory.preset(m_company, hello.preset);
    if (!p) {
        return refuse(ErrorCode::UnknownPreset,
            u"the company has no preset '%1'"_s.arg(hello.preset.left(Protocol::MaxIdLength)));
    }
    m_preset = p->name;
    m_language
        = p->config.languages.contains(hello.language) ? hello.language : p->config.defaultLanguage;

    std::optional<Conversation> resumed;
    qint64 lastSeq = 0;
    if (hello.resume) {
        lastSeq = hello.resume->lastSeq;
        resumed = m_conversations.resume(hello.resume->conversation, hello.resume->secret);
        if (resumed && (resumed->company != m_company || resumed->preset != m_preset))
            resumed.reset();
        if (resumed) {
            setConversation(*resumed, hello.resume->secret);
            m_queuePosition = m_conversations.queuePosition(resumed->id);
        }
    }

    m_welcomed = true;
    m_status = m_directory.status(m_company, m_preset);
    Protocol::Welcome welcome;
    welcome.status = *m_status;
    welcome.heartbeatSeconds = m_options.heartbeatSeconds;
    if (resumed) {
        welcome.conversation
            = Protocol::ConversationInfo { resumed->id, resumed->state, resumed->operatorName,
                  m_queuePosition, m_conversations.readMarks().marks(resumed->id).operatorSide,
                  m_conversations.operatorAvatar(resumed->operatorLogin) };
    }
    send(welcome);
    qCInfo(lcServer, "event=widget_hello peer=%s company=%s preset=%s resumed=%s",
        qUtf8Printable(m_peer), qUtf8Printable(m_company), qUtf8Printable(m_preset),
        resumed ? qUtf8Printable(resumed->id) : "no");
    if (resumed) {
        // A client that claims more than there is gets what there is from its claim on, and
        // every live event after.
        m_replay.startAfter(resumed->id, qBound(qint64(0), lastSeq, resumed->lastSeq));
        continueReplay();
    } else if (hello.resume) {
        sendError(ErrorCode::ResumeRejected, u"the conversation cannot be resumed"_s);
    }
}

void WidgetSession::continueReplay()
{
    if (m_replay.writeFinished() && !m_waitingForTurn)
        handleWaitingRequests();
}

// In order, as far as the replay and the pacer let them: at most one write, taken from this
// pass's share (`turn`: the pacer's turn for this widget, in a later pass). Then, if some
// still wait, the widget waits for its next turn; once none do, a widget that went finishes.
// Returns whether it waits for a turn.
bool WidgetSession::handleWaitingRequests(bool turn)
{
    bool wrote = false;
    // Handling one may start a replay again (an event missed): the rest wait for its end.
    while (!m_replay.isReplaying() && !m_waiting.isEmpty() && !m_closing
        && (m_finishing || m_socket->state() == QAbstractSocket::ConnectedState)) {
        if (writes(m_waiting.constFirst())) {
            if (wrote || !m_pacer.tryTake())
                break;
            wrote = true;
        }
        handle(m_waiting.takeFirst());
    }
    const bool waits = !m_replay.isReplaying() && !m_waiting.isEmpty() && !m_closing
        && (m_finishing || m_socket->state() == QAbstractSocket::ConnectedState);
    if (waits && !turn && !m_waitingForTurn) {
        m_waitingForTurn = true;
        m_pacer.wait(this, [this] {
            return handleWaitingRequests(true) ? RequestPacer::After::NextTurn
                                               : RequestPacer::After::Done;
        });
    }
    if (turn)
        m_waitingForTurn = waits;
    if (!waits && m_finishing) {
        // Deleted later by the server, not while the pacer calls it.
        finish();
    }
    return waits;
}

void WidgetSession::sendCreated(const Conversation &conversation)
{
    m_queuePosition = m_conversations.queuePosition(conversation.id);
    send(Protocol::Created {
        conversation.startClientId, conversation.id, m_secret, m_queuePosition });
}

void WidgetSession::handleStart(const Protocol::Start &start)
{
    const auto preset = presetOffering(u"chat"_s, start.clientId);
    if (!preset)
        return;
    if (!m_conversation.isEmpty()) {
        // A repeated start is answered with the same created, never a second conversation.
        const auto current = m_conversations.find(m_conversation);
        if (current && current->startClientId == start.clientId)
            return sendCreated(*current);
        if (current && current->state != ConversationState::Ended) {
            return sendError(
                ErrorCode::BadRequest, u"a conversation is already open"_s, start.clientId);
        }
    }
    if (!checkFields(*preset, start.fields, true, start.clientId))
        return;
    const QString language = start.language.isEmpty() ? m_language : start.language;
    QString secret = start.secret;
    ErrorCode error = ErrorCode::Internal;
    bool existing = false;
    const auto conversation = m_conversations.start(m_company, m_preset, language, start.fields,
        start.customData, start.clientId, m_address, &secret, &error, &existing);
    if (!conversation) {
        return sendError(error,
            error == ErrorCode::RateLimited
                ? u"too many conversations waiting from this address; try again later"_s
                : u"the conversation could not be stored"_s,
            start.clientId);
    }
    setConversation(*conversation, secret);
    // A retried start: the same `created`, then what happened in the conversation meanwhile.
    if (existing)
        m_replay.startAfter(conversation->id, 0);
    else
        m_replay.startLive(conversation->id);
    sendCreated(*conversation);
    if (existing)
        continueReplay();
}

void WidgetSession::handleMessage(const Protocol::VisitorMessage &message)
{
    const QString &clientId = message.clientId;
    const auto conversation
        = m_conversation.isEmpty() ? std::nullopt : m_conversations.find(m_conversation);
    if (!conversation) {
        return sendError(
            ErrorCode::NotInConversation, u"no conversation on this connection"_s, clientId);
    }
    const bool ended = conversation->state == ConversationState::Ended;
    if (ended) {
        // A duplicate is answered with its original ack even after the conversation ended.
        const auto stored
            = m_conversations.findMessage(conversation->id, Protocol::Sender::Visitor, clientId);
        if (!stored)
            return sendError(
                ErrorCode::NotInConversation, u"the conversation has ended"_s, clientId);
        return send(Protocol::Ack { clientId, stored->seq, stored->time });
    }
    std::optional<Protocol::AttachmentInfo> attachment;
    if (!message.attachment.isEmpty()) {
        attachment = attachedBy(m_conversations.attachments(), message.attachment, conversation->id,
            Protocol::Sender::Visitor);
        if (!attachment)
            return sendError(ErrorCode::BadRequest, noSuchAttachment(message.attachment), clientId);
    }
    m_storing.insert(clientId);
    m_conversations.appendMessage(
        conversation->id, Protocol::Sender::Visitor, {}, clientId, message.text,
        [self = QPointer(this), clientId](const std::optional<Protocol::Event> &stored, bool) {
            if (!self)
                return;
            self->m_storing.remove(clientId);
            if (!stored) {
                return self->sendError(
                    ErrorCode::Internal, u"the message could not be stored"_s, clientId);
            }
            self->send(Protocol::Ack { clientId, stored->seq, stored->time });
        },
        attachment.value_or(Protocol::AttachmentInfo()));
}

void WidgetSession::handleTyping(const Protocol::VisitorTyping &typing)
{
    if (m_conversation.isEmpty())
        return sendError(ErrorCode::NotInConversation, u"no conversation on this connection"_s);
    m_conversations.notifyTyping(m_conversation, false, typing.active);
}

void WidgetSession::handleEnd()
{
    const auto conversation
        = m_conversation.isEmpty() ? std::nullopt : m_conversations.find(m_conversation);
    if (!conversation || conversation->state == ConversationState::Ended) {
        return sendError(
            ErrorCode::NotInConversation, u"no open conversation on this connection"_s);
    }
    m_conversations.end(m_conversation, Protocol::EndedBy::Visitor);
}

void WidgetSession::handleRead(const Protocol::VisitorRead &read)
{
    if (m_conversation.isEmpty())
        return sendError(ErrorCode::NotInConversation, u"no conversation on this connection"_s);
    switch (m_conversations.readMarks().mark(m_conversation, Protocol::Sender::Visitor, read.seq)) {
    case ReadMarks::Result::Moved:
    case ReadMarks::Result::Unchanged:
        return;
    case ReadMarks::Result::BeyondLast:
        return sendError(
            ErrorCode::BadRequest, u"field 'seq' is beyond the conversation's last event"_s);
    case ReadMarks::Result::NotFound:
    case ReadMarks::Result::Failed:
        break;
    }
    sendError(ErrorCode::Internal, u"the read mark could not be stored"_s);
}

void WidgetSession::handleRate(const Protocol::Rate &rate)
{
    if (m_conversation.isEmpty()) {
        return sendError(
            ErrorCode::NotInConversation, u"no conversation on this connection"_s, rate.clientId);
    }
    const Ratings::Outcome outcome = m_ratings.rate(m_conversation, rate);
    if (outcome.error)
        return sendError(*outcome.error, outcome.message, rate.clientId);
    send(Protocol::Rated { rate.clientId, outcome.score });
}

} // namespace OWidget::Server
