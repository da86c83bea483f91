#include "operatorsession.h"
#include "attachmentstore.h"
#include "conversationservice.h"
#include "directory.h"
#include "logging.h"
#include "offlineinbox.h"
#include "ratings.h"
#include "requestpacer.h"
#include "serverlimits.h"

#include <QPointer>
#include <QScopedValueRollback>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

using Protocol::ConversationState;
using Protocol::ErrorCode;

namespace {

// The client id a request carries, for an error about it.
struct ClientIdOf
{
    QString operator()(const Protocol::OperatorMessage &r) const { return r.clientId; }
    template<typename Request> QString operator()(const Request &) const { return {}; }
};

// The conversation a request names, for an error about it.
struct ConversationOf
{
    QString operator()(const Protocol::SetAvailability &) const { return {}; }
    template<typename Request> QString operator()(const Request &r) const { return r.conversation; }
};

// Whether a request writes to the database, and so takes its share of a pass of the event loop
// (RequestPacer). A typing notice writes nothing.
bool writes(const Protocol::OperatorRequest &request)
{
    return !std::holds_alternative<Protocol::OperatorTyping>(request);
}

// At most what one event takes in a message's UTF-8, for keeping messages within a size.
qint64 approximateBytes(const Protocol::Event &event)
{
    return 3 * (event.text.size() + event.name.size() + event.clientId.size()) + 200;
}

} // namespace

OperatorSession::OperatorSession(std::unique_ptr<QWebSocket> socket, const QString &login,
    Directory &directory, ConversationService &conversations, OfflineInbox &inbox, Ratings &ratings,
    RequestPacer &pacer, const ServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_login(login)
    , m_directory(directory)
    , m_conversations(conversations)
    , m_inbox(inbox)
    , m_ratings(ratings)
    , m_pacer(pacer)
    , m_limiter(options.messageRate, options.messageBurst)
    , m_errorLog("operator=" + login.toUtf8())
{
    const auto op = directory.operatorInfo(login);
    m_company = op ? op->company : QString();
    m_groups = op ? op->groups : QStringList();
    m_socket->setMaxAllowedIncomingFrameSize(1024 * 1024);
    m_socket->setMaxAllowedIncomingMessageSize(1024 * 1024);
    connect(
        m_socket.get(), &QWebSocket::textMessageReceived, this, &OperatorSession::onTextMessage);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this,
        &OperatorSession::onBinaryMessage);
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, [this] {
        if (!m_history.isEmpty())
            continueHistory();
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        qCInfo(lcServer, "event=operator_disconnected operator=%s", qUtf8Printable(m_login));
        m_errorLog.summarize();
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
    connect(&conversations, &ConversationService::queued, this, &OperatorSession::onQueued);
    connect(&conversations, &ConversationService::dequeued, this, &OperatorSession::onDequeued);
    connect(&conversations, &ConversationService::typingChanged, this, &OperatorSession::onTyping);
    connect(&inbox, &OfflineInbox::itemAdded, this, &OperatorSession::onOfflineItem);
    connect(&ratings, &Ratings::rated, this,
        [this](const QString &company, const Protocol::RatingItem &item) {
            if (company == m_company)
                send(Protocol::encodeRated(item));
        });
    connect(&conversations.readMarks(), &ReadMarks::moved, this, &OperatorSession::onReadMarkMoved);

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
    sendRatings();
}

OperatorSession::~OperatorSession()
{
    m_socket->disconnect(this);
    m_errorLog.summarize();
    if (m_connected)
        m_directory.operatorDisconnected(m_login);
}

void OperatorSession::shutdown()
{
    m_heartbeat.stop();
    m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
    m_socket->flush();
}

void OperatorSession::send(const QByteArray &frame)
{
    // The snapshot is written whole, whatever its size; after it, a console that lets more
    // than MaxUnsentBytes pile up unread is dropped (a close frame would wait behind the rest).
    if (m_snapshotSent && m_socket->bytesToWrite() > Limits::MaxUnsentBytes) {
        qCInfo(lcServer, "event=operator_dropped operator=%s reason=slow_reader unsent=%lld",
            qUtf8Printable(m_login), m_socket->bytesToWrite());
        m_heartbeat.stop();
        m_socket->abort();
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(frame));
}

void OperatorSession::sendError(
    ErrorCode code, const QString &message, const QString &conversation, const QString &clientId)
{
    if (m_errorLog.admit()) {
        qCInfo(lcServer, "event=operator_error operator=%s code=%s", qUtf8Printable(m_login),
            qUtf8Printable(Protocol::errorCodeName(code)));
    }
    send(Protocol::encodeOperatorError(code, message, conversation, clientId));
}

Protocol::OperatorProfile OperatorSession::profile() const
{
    const auto op = m_directory.operatorInfo(m_login);
    Protocol::OperatorProfile profile;
    profile.login = m_login;
    profile.name = op ? op->name : QString();
    profile.groups = m_groups;
    profile.maxChats = op ? op->maxChats : 0;
    profile.avatar = op ? op->avatar : QString();
    profile.availability = m_directory.availability(m_login);
    return profile;
}

Protocol::QueueEntry OperatorSession::queueEntry(const Conversation &c, int position) const
{
    return { c.id, c.group, c.preset, position, QDateTime::fromMSecsSinceEpoch(c.created, Qt::UTC),
        c.language, c.fields, c.customData };
}

QList<Protocol::QueueEntry> OperatorSession::queue() const
{
    QList<Protocol::QueueEntry> queue;
    const auto waiting = m_conversations.waiting(m_company, m_groups);
    for (const Conversation &c : waiting)
        queue.append(queueEntry(c, m_conversations.queuePosition(c.id)));
    return queue;
}

// With its newest events only: the earlier ones follow as the socket drains, so that a long
// conversation costs a console that does not read one page, not the whole of it.
Protocol::ConversationDetail OperatorSession::detail(const Conversation &conversation)
{
    const qint64 after = qMax(qint64(0), conversation.lastSeq - Limits::ReplayPageEvents);
    QList<Protocol::Event> newest = m_conversations.events(conversation.id, after);
    // The newest that fit in a page's bytes.
    qint64 bytes = 0;
    qsizetype first = newest.size();
    while (
        first > 0 && (bytes += approximateBytes(newest.at(first - 1))) <= Limits::OperatorPageBytes)
        --first;
    newest.remove(0, first);
    const qint64 newestFrom = newest.isEmpty() ? conversation.lastSeq : newest.first().seq - 1;
    if (newestFrom > 0)
        m_history.append({ conversation.id, 0, newestFrom });
    const auto preset = m_directory.preset(conversation.company, conversation.preset);
    return { conversation.id, conversation.state, conversation.group, conversation.preset,
        conversation.language, QDateTime::fromMSecsSinceEpoch(conversation.created, Qt::UTC),
        conversation.fields, conversation.customData, newest,
        m_conversations.readMarks().marks(conversation.id).visitor,
        preset ? preset->config.attachments : Protocol::AttachmentPolicy() };
}

void OperatorSession::continueHistory()
{
    // A write may report bytesWritten before it returns: one loop at a time.
    if (m_writingHistory)
        return;
    const QScopedValueRollback<bool> writing(m_writingHistory, true);
    while (!m_history.isEmpty() && m_socket->bytesToWrite() < Limits::ReplayLowWaterBytes
        && m_socket->state() == QAbstractSocket::ConnectedState) {
        History &h = m_history.first();
        const auto page = m_conversations.events(h.conversation, h.after, Limits::ReplayPageEvents);
        QList<Protocol::Event> part;
        qint64 bytes = 0;
        for (const Protocol::Event &e : page) {
            if (e.seq > h.upTo
                || (!part.isEmpty() && (bytes += approximateBytes(e)) > Limits::OperatorPageBytes))
                break;
            part.append(e);
        }
        if (!part.isEmpty()) {
            m_socket->sendTextMessage(
                QString::fromUtf8(Protocol::encodeEvents(h.conversation, part)));
            h.after = part.constLast().seq;
        }
        // Done when it reached its end, or the end of what is stored.
        if (part.isEmpty() || h.after >= h.upTo
            || (part.size() == page.size() && page.size() < Limits::ReplayPageEvents))
            m_history.removeFirst();
    }
}

// The newest of them only: a login costs the same however many are stored.
Protocol::OfflineItemPage OperatorSession::offlineItems(Protocol::OfflineItem::Kind kind) const
{
    Protocol::OfflineItemPage page;
    const auto stored = m_inbox.newest(m_company, kind, Limits::SnapshotOfflineItems, &page.more);
    for (const OfflineItem &item : stored)
        page.items.append(item.toProtocol());
    return page;
}

void OperatorSession::sendSnapshot()
{
    QList<Protocol::ConversationDetail> conversations;
    const auto active = m_conversations.activeFor(m_login);
    for (const Conversation &c : active)
        conversations.append(detail(c));
    send(Protocol::encodeSnapshot(profile(), queue(), conversations,
        offlineItems(OfflineItem::Kind::Message), offlineItems(OfflineItem::Kind::Callback)));
    m_snapshotSent = true;
    continueHistory();
}

// Right after the snapshot, in a message of their own: a console that predates ratings ignores
// it. The newest only, as for offline messages.
void OperatorSession::sendRatings()
{
    qint64 more = 0;
    const auto items = m_ratings.newest(m_company, Limits::SnapshotOfflineItems, &more);
    send(Protocol::encodeRatings(items, more));
}

void OperatorSession::onBinaryMessage()
{
    m_lastReceived.restart();
    // Counted like any other frame: a flood of them is slowed down like one of text.
    if (!m_limiter.tryTake())
        return sendError(ErrorCode::RateLimited, u"too many messages; slow down"_s);
    sendError(ErrorCode::BadRequest, u"binary messages are not part of the protocol"_s);
}

void OperatorSession::onTextMessage(const QString &text)
{
    m_lastReceived.restart();
    // Decoded first, so that a refusal can echo the request's ids; then every frame, malformed
    // or not, is counted against the limiter.
    const auto decoded = Protocol::decodeOperatorRequest(text.toUtf8());
    const bool allowed = m_limiter.tryTake();
    const auto *error = std::get_if<Protocol::OperatorDecodeError>(&decoded);
    if (error && error->error.code == ErrorCode::TooLarge) {
        sendError(error->error.code, error->error.message);
        m_socket->close(
            QWebSocketProtocol::CloseCodeTooMuchData, Protocol::errorCodeName(error->error.code));
        return;
    }
    if (!allowed) {
        const QString message = u"too many messages; slow down"_s;
        if (error) {
            return sendError(
                ErrorCode::RateLimited, message, error->conversation, error->error.clientId);
        }
        const auto &request = std::get<Protocol::OperatorRequest>(decoded);
        return sendError(ErrorCode::RateLimited, message, std::visit(ConversationOf(), request),
            std::visit(ClientIdOf(), request));
    }
    if (error) {
        return sendError(
            error->error.code, error->error.message, error->conversation, error->error.clientId);
    }
    admit(std::get<Protocol::OperatorRequest>(decoded));
}

// A request that writes takes its share of a pass of the event loop with the widgets' writes
// (RequestPacer); when the pass's share is taken it waits for the operator's turn, and the
// requests behind it wait too, so that they keep their order. None is refused for waiting: an
// operator's requests are bounded by its rate limit, and a console that sends again what was
// not acknowledged after a reconnect (all of it at once) must not see it refused.
void OperatorSession::admit(const Protocol::OperatorRequest &request)
{
    if (m_waiting.isEmpty() && (!writes(request) || m_pacer.tryTake()))
        return handle(request);
    m_waiting.append(request);
    if (!m_waitingForTurn) {
        m_waitingForTurn = true;
        m_pacer.wait(this, [this] { return takeTurn(); });
    }
}

// One turn in the pacer: as many writes as the waiting requests name conversations, since each
// of those conversations' visitors takes one a turn; a turn the pass's share cut short goes on
// first in the next pass.
RequestPacer::After OperatorSession::takeTurn()
{
    if (m_turnLeft == 0)
        m_turnLeft = turnShare();
    while (!m_waiting.isEmpty() && m_connected) {
        if (writes(m_waiting.constFirst())) {
            if (m_turnLeft == 0 || !m_pacer.tryTake())
                break;
            --m_turnLeft;
        }
        handle(m_waiting.takeFirst());
    }
    m_waitingForTurn = !m_waiting.isEmpty() && m_connected;
    if (!m_waitingForTurn)
        return RequestPacer::After::Done;
    return m_turnLeft > 0 ? RequestPacer::After::GoesOn : RequestPacer::After::NextTurn;
}

// The conversations the waiting writes name, each counted once; a write that names none
// (availability, taking the oldest waiting visitor) counts on its own.
int OperatorSession::turnShare() const
{
    QSet<QString> conversations;
    int share = 0;
    for (const auto &request : m_waiting) {
        if (!writes(request))
            continue;
        const QString id = std::visit(ConversationOf(), request);
        if (id.isEmpty())
            ++share;
        else
            conversations.insert(id);
    }
    return qMax(1, share + int(conversations.size()));
}

std::optional<Conversation> OperatorSession::ownConversation(
    const QString &id, const QString &clientId)
{
    auto conversation = m_conversations.find(id);
    if (!conversation || conversation->operatorLogin != m_login) {
        sendError(ErrorCode::NotFound, u"no conversation of yours with that id"_s, id, clientId);
        return std::nullopt;
    }
    return conversation;
}

void OperatorSession::handle(const Protocol::OperatorRequest &request)
{
    if (const auto *availability = std::get_if<Protocol::SetAvailability>(&request)) {
        m_directory.setAvailability(m_login, availability->state);
        send(Protocol::encodeAvailability(availability->state));
    } else if (const auto *accept = std::get_if<Protocol::AcceptConversation>(&request)) {
        handleAccept(*accept);
    } else if (const auto *message = std::get_if<Protocol::OperatorMessage>(&request)) {
        handleMessage(*message);
    } else if (const auto *typing = std::get_if<Protocol::OperatorTyping>(&request)) {
        if (const auto c = ownConversation(typing->conversation))
            m_conversations.notifyTyping(c->id, true, typing->active);
    } else if (const auto *end = std::get_if<Protocol::OperatorEnd>(&request)) {
        handleEnd(*end);
    } else if (const auto *read = std::get_if<Protocol::OperatorRead>(&request)) {
        handleRead(*read);
    }
}

void OperatorSession::handleAccept(const Protocol::AcceptConversation &accept)
{
    ErrorCode code = ErrorCode::NotFound;
    if (m_conversations.accept(m_login, accept.conversation, &code))
        return;
    const QString text = code == ErrorCode::AtCapacity ? u"you are at your maximum of chats"_s
        : code == ErrorCode::Conflict                  ? u"the conversation is not waiting"_s
                                                       : u"no such waiting conversation"_s;
    sendError(code, text, accept.conversation);
}

void OperatorSession::handleEnd(const Protocol::OperatorEnd &end)
{
    const auto c = ownConversation(end.conversation);
    if (!c)
        return;
    if (c->state == ConversationState::Ended)
        return sendError(ErrorCode::Conflict, u"the conversation has ended"_s, c->id);
    m_conversations.end(c->id, Protocol::EndedBy::Operator);
}

void OperatorSession::handleRead(const Protocol::OperatorRead &read)
{
    const auto c = ownConversation(read.conversation);
    if (!c)
        return;
    switch (m_conversations.readMarks().mark(c->id, Protocol::Sender::Operator, read.seq)) {
    case ReadMarks::Result::Moved:
    case ReadMarks::Result::Unchanged:
        return;
    case ReadMarks::Result::BeyondLast:
        return sendError(
            ErrorCode::BadRequest, u"field 'seq' is beyond the conversation's last event"_s, c->id);
    case ReadMarks::Result::NotFound:
    case ReadMarks::Result::Failed:
        break;
    }
    sendError(ErrorCode::Internal, u"the read mark could not be stored"_s, c->id);
}

void OperatorSession::handleMessage(const Protocol::OperatorMessage &message)
{
    const auto conversation = ownConversation(message.conversation, message.clientId);
    if (!conversation)
        return;
    if (conversation->state != ConversationState::Active) {
        return sendError(ErrorCode::Conflict, u"the conversation has ended"_s, message.conversation,
            message.clientId);
    }
    const auto op = m_directory.operatorInfo(m_login);
    const QString id = conversation->id;
    const QString clientId = message.clientId;
    std::optional<Protocol::AttachmentInfo> attachment;
    if (!message.attachment.isEmpty()) {
        attachment = attachedBy(
            m_conversations.attachments(), message.attachment, id, Protocol::Sender::Operator);
        if (!attachment) {
            return sendError(
                ErrorCode::BadRequest, noSuchAttachment(message.attachment), id, clientId);
        }
    }
    m_storing.insert(id + u'/' + clientId);
    m_conversations.appendMessage(
        id, Protocol::Sender::Operator, op ? op->name : m_login, clientId, message.text,
        [self = QPointer(this), id, clientId](const std::optional<Protocol::Event> &stored, bool) {
            if (!self)
                return;
            self->m_storing.remove(id + u'/' + clientId);
            if (!stored) {
                return self->sendError(
                    ErrorCode::Internal, u"the message could not be stored"_s, id, clientId);
            }
            self->send(Protocol::encodeOperatorAck(clientId, id, stored->seq, stored->time));
        },
        attachment.value_or(Protocol::AttachmentInfo()));
}

void OperatorSession::onEventAppended(
    const Conversation &conversation, const Protocol::Event &event)
{
    if (conversation.operatorLogin != m_login || event.type == Protocol::EventType::Joined)
        return;
    // The operator's own message on this socket is answered by its ack, not echoed.
    if (event.type == Protocol::EventType::Message && event.from == Protocol::Sender::Operator
        && m_storing.contains(conversation.id + u'/' + event.clientId))
        return;
    send(Protocol::encodeEvent(conversation.id, event));
}

void OperatorSession::onConversationAccepted(const Conversation &conversation)
{
    if (conversation.operatorLogin == m_login) {
        send(Protocol::encodeConversation(detail(conversation)));
        continueHistory();
    }
}

// Only what changed: a whole queue on every change would cost each operator the square of
// the queue's length while it fills or empties.
void OperatorSession::onQueued(const Conversation &conversation)
{
    if (conversation.company == m_company && m_groups.contains(conversation.group)) {
        send(Protocol::encodeQueued(
            queueEntry(conversation, m_conversations.queuePosition(conversation.id))));
    }
}

void OperatorSession::onDequeued(const Conversation &conversation, int position)
{
    if (conversation.company == m_company && m_groups.contains(conversation.group))
        send(Protocol::encodeDequeued(conversation.id, conversation.group, position));
}

void OperatorSession::onTyping(const QString &conversation, bool fromOperator, bool active)
{
    if (fromOperator)
        return;
    const auto c = m_conversations.find(conversation);
    if (c && c->operatorLogin == m_login)
        send(Protocol::encodeVisitorTyping(conversation, active));
}

void OperatorSession::onReadMarkMoved(
    const QString &conversation, Protocol::Sender side, qint64 seq)
{
    if (side != Protocol::Sender::Visitor)
        return;
    const auto c = m_conversations.find(conversation);
    if (c && c->operatorLogin == m_login)
        send(Protocol::encodeVisitorRead(conversation, seq));
}

void OperatorSession::onOfflineItem(const OfflineItem &item)
{
    if (item.company == m_company)
        send(Protocol::encodeOfflineItem(item.toProtocol()));
}

} // namespace OWidget::Server
