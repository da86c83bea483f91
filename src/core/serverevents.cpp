// Controller::Private's answers to what comes from the server: the preset's configuration, each
// link's `hello` and loss, and the frames after `welcome`, each of which changes the
// conversation, the outbox and the controller's properties and may raise one of the seed's app
// events. Keeping the link up is the connection supervisor's job.
#include "controller_p.h"

#include "languageresolver_p.h"
#include "logging_p.h"
#include "protocol_p.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

QVariantMap variantMap(const Protocol::StringMap &strings)
{
    QVariantMap map;
    for (auto it = strings.constBegin(); it != strings.constEnd(); ++it)
        map.insert(it.key(), it.value());
    return map;
}

} // namespace

// Each link's `hello`, resuming the stored conversation if there is one.
QByteArray Controller::Private::hello() const
{
    std::optional<Protocol::ResumeRequest> resume;
    if (const auto &session = conversation.session) {
        resume = Protocol::ResumeRequest { session->conversation, session->secret,
            conversation.sequence.contiguous() };
    } else if (endedSession && !pendingRating.isEmpty()) {
        resume = endedSession; // only so that the rating reaches its conversation
    }
    return Protocol::encode(Protocol::Hello { company, preset, language, resume });
}

void Controller::Private::onConfigFetched(const PresetConfig &newConfig)
{
    config = newConfig;
    setLanguage(LanguageResolver::resolve(LanguageResolver::preferences(requestedLanguage),
        config->languages, config->defaultLanguage));
    Q_EMIT q->configLoaded();
}

void Controller::Private::onLinkLost()
{
    resendTimer.stop();
    uploads.pause(); // they go again once the link is greeted
    setOperatorTyping(false);
}

// After `welcome` or `created`: everything the server has not acknowledged goes again, with
// the same client ids, so the server stores each once.
void Controller::Private::resendPending()
{
    if (!supervisor.isWelcomed())
        return;
    const QList<QByteArray> frames = outbox.frames(conversation);
    for (const QByteArray &frame : frames)
        supervisor.send(frame);
}

// The visitor's messages from row on that nothing holds back any more: a message just written,
// or those behind a file whose upload has ended, failed or been cancelled (they waited for it).
void Controller::Private::sendWaiting(int row)
{
    if (!Outbox::messageGoesNow(conversation, row, supervisor.isWelcomed(), resendTimer.isActive()))
        return;
    const QList<QByteArray> frames = Outbox::messageFrames(conversation, row);
    for (const QByteArray &frame : frames)
        supervisor.send(frame);
}

// A start sent before the host program closed, never answered: it goes again as it was, with
// the same client id and secret, so that a server that made the conversation answers with it.
// One stored too long ago, or that cannot be read, is dropped and the form shows instead.
void Controller::Private::restoreStart()
{
    if (conversation.session)
        return;
    QString problem;
    const std::optional<StoredStart> stored = persistence.loadStart(&problem);
    if (!problem.isEmpty()) {
        persistence.forgetStart();
        return; // the store named what was wrong
    }
    if (!stored)
        return;
    const auto decoded = Protocol::decodeWidgetRequest(stored->frame);
    const auto *request = std::get_if<Protocol::WidgetRequest>(&decoded);
    const auto *start = request ? std::get_if<Protocol::Start>(request) : nullptr;
    if (!start) {
        const auto *error = std::get_if<Protocol::DecodeError>(&decoded);
        qCWarning(lcCore).noquote() << "Dropping the stored start, which is not a start frame:"
                                    << (error ? error->message : u"another request"_s);
        persistence.forgetStart();
        return;
    }
    if (!stored->isFresh(QDateTime::currentDateTimeUtc())) {
        qCInfo(lcCore).noquote() << "Dropping the stored start of"
                                 << (stored->savedAt.isValid()
                                            ? stored->savedAt.toString(Qt::ISODate)
                                            : u"an unknown time"_s)
                                 << "- not within the last" << StoredStart::MaxAge.count()
                                 << "hours: the form shows again";
        persistence.forgetStart();
        unsentStartFields = variantMap(start->fields); // the visitor's, for the form
        return;
    }
    restoredStartFields = variantMap(start->fields);
    outbox.setStart(start->clientId, stored->frame);
    setChatState(ChatState::Starting);
}

// The start waiting for `created` will not be answered: the form shows again.
void Controller::Private::dropStart()
{
    // A start from this run is still in the form; one restored from the file goes back there.
    unsentStartFields = std::exchange(restoredStartFields, {});
    outbox.clearStart();
    persistence.forgetStart();
    setChatState(ChatState::NoChat);
}

void Controller::Private::onOffline()
{
    setStatus(ButtonStatus::Offline);
    // The supervisor gave up for good (the server refused the configuration, say for a preset
    // that is gone): a start waiting for it, restored from the session file or just sent, would
    // otherwise show "connecting" for ever.
    if (!supervisor.isWanted() && !outbox.startClientId().isEmpty() && !conversation.session) {
        qCInfo(lcCore) << "the link was given up for good: the waiting start is dropped";
        dropStart();
    }
}

void Controller::Private::onMessage(const Protocol::ServerMessage &message)
{
    std::visit(
        [this](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Protocol::StatusUpdate>) {
                setKnownStatus(Protocol::buttonStatus(m.status));
            } else if constexpr (std::is_same_v<T, Protocol::Created>) {
                onCreated(m);
            } else if constexpr (std::is_same_v<T, Protocol::QueueUpdate>) {
                if (chatState == ChatState::Waiting)
                    setQueuePosition(m.position);
            } else if constexpr (std::is_same_v<T, Protocol::Joined>) {
                if (!acceptSeq(m.seq))
                    return;
                setQueuePosition(0);
                setOperatorName(m.operatorName);
                setOperatorAvatarId(m.operatorAvatar);
                setChatState(ChatState::Active);
                if (!conversation.isHistory(m.seq))
                    emitAppEvent(AppEvent::Type::ChatSessionStarted);
            } else if constexpr (std::is_same_v<T, Protocol::MessageEvent>) {
                onMessageEvent(m);
            } else if constexpr (std::is_same_v<T, Protocol::Ended>) {
                if (acceptSeq(m.seq))
                    endConversation(!conversation.isHistory(m.seq));
            } else if constexpr (std::is_same_v<T, Protocol::Ack>) {
                onAckFrame(m);
            } else if constexpr (std::is_same_v<T, Protocol::Typing>) {
                setOperatorTyping(m.active && chatState == ChatState::Active);
            } else if constexpr (std::is_same_v<T, Protocol::Received>) {
                if (outbox.removeRequest(m.clientId))
                    Q_EMIT q->requestReceived(m.clientId);
            } else if constexpr (std::is_same_v<T, Protocol::ServerError>) {
                onServerError(m);
            } else if constexpr (std::is_same_v<T, Protocol::Rated>) {
                if (!outbox.removeRequest(m.clientId))
                    return;
                pendingRating.clear();
                Q_EMIT q->conversationRated(m.score);
            } else if constexpr (std::is_same_v<T, Protocol::ReadMark>) {
                if (conversation.session && m.seq > operatorRead)
                    setOperatorRead(m.seq);
            }
        },
        message);
}

void Controller::Private::onWelcome(const Protocol::Welcome &welcome)
{
    setKnownStatus(Protocol::buttonStatus(welcome.status));

    const bool resumed = welcome.conversation && conversation.session
        && welcome.conversation->id == conversation.session->conversation;
    onReadMarksWelcomed(resumed ? &*welcome.conversation : nullptr);
    if (resumed) {
        const Protocol::ConversationInfo &info = *welcome.conversation;
        setOperatorName(info.operatorName);
        setOperatorAvatarId(info.operatorAvatar);
        setQueuePosition(
            info.state == Protocol::ConversationState::Waiting ? info.queuePosition : 0);
        if (info.state == Protocol::ConversationState::Waiting)
            setChatState(ChatState::Waiting);
        else if (info.state == Protocol::ConversationState::Active)
            setChatState(ChatState::Active);
        // An ended conversation ends when its replayed `ended` event arrives.
    }
    resendPending();
}

void Controller::Private::onCreated(const Protocol::Created &created)
{
    if (!outbox.isStart(created.clientId) || chatState != ChatState::Starting)
        return; // a repeated answer to a start already handled
    outbox.clearStart();
    restoredStartFields.clear();
    endedSession.reset();
    // The messages written while it was being created stay; nothing else of before does.
    conversation
        = Conversation::created(created.conversation, created.secret, conversation.messages);
    resetReadMarks();
    persistence.saveCreated();
    setQueuePosition(created.queuePosition);
    setChatState(ChatState::Waiting);
    emitAppEvent(AppEvent::Type::ChatSessionCreated);
    resendPending(); // messages written while the conversation was being created
}

// Whether `seq` is new; a seq seen before is a duplicate and is dropped.
bool Controller::Private::acceptSeq(qint64 seq)
{
    if (!conversation.accept(seq))
        return false;
    persistence.saveSoon();
    return true;
}

void Controller::Private::onMessageEvent(const Protocol::MessageEvent &event)
{
    const Conversation::Change change = conversation.receive(event);
    if (change.kind == Conversation::Change::Dropped)
        return;
    persistence.saveSoon();
    if (change.kind == Conversation::Change::Delivered) {
        Q_EMIT q->messageDelivered(event.clientId, event.seq);
        return;
    }
    const ChatMessage message = conversation.messages.at(change.row);
    if (message.sender == ChatMessage::Sender::Operator)
        setOperatorTyping(false);
    Q_EMIT q->messageAdded(message);
    // History replayed after a restart was read before; only new messages count.
    if (message.sender == ChatMessage::Sender::Operator && !windowOpen
        && !conversation.isHistory(event.seq))
        setUnread(unread + 1);
}

void Controller::Private::onAck(const QString &clientId, qint64 seq, const QDateTime &time)
{
    if (!conversation.deliver(clientId, seq, time))
        return;
    persistence.saveSoon();
    Q_EMIT q->messageDelivered(clientId, seq);
}

// An `ack` frame. Its seq is new, as every event's: one that another event already holds would
// show two messages under one number.
void Controller::Private::onAckFrame(const Protocol::Ack &ack)
{
    const int index = conversation.indexOf(ack.clientId);
    if (index < 0 || conversation.messages.at(index).delivery == ChatMessage::Delivery::Delivered)
        return; // a repeated acknowledgement, or one of nothing this client sent
    if (conversation.session && conversation.sequence.hasSeen(ack.seq)) {
        reportError(Error::Code::MalformedData,
            tr("The server acknowledged a message with sequence number %1, which an earlier "
               "event has.")
                .arg(ack.seq));
        return;
    }
    onAck(ack.clientId, ack.seq, ack.time);
}

void Controller::Private::onServerError(const Protocol::ServerError &error)
{
    const Error::Code code = Protocol::errorCodeFor(error.code);
    if (code == Error::Code::RateLimited) {
        // The server dropped the frame and asks for it later: it stays pending and goes again.
        resendTimer.start();
    } else if (code == Error::Code::ResumeRejected && !conversation.session) {
        // A resume for a rating only, too late: the conversation that ended stays as it is.
        endedSession.reset();
    } else if (code == Error::Code::ResumeRejected) {
        dropConversation();
    } else if (outbox.isStart(error.clientId)) {
        dropStart();
    } else if (const int index = conversation.indexOf(error.clientId); index >= 0) {
        conversation.messages[index].delivery = ChatMessage::Delivery::Failed;
    } else {
        outbox.removeRequest(error.clientId);
        if (error.clientId == pendingRating)
            pendingRating.clear();
    }
    reportError(code, tr("The server refused: %1").arg(error.message));
}

void Controller::Private::endConversation(bool announce)
{
    setOperatorTyping(false);
    setQueuePosition(0);
    if (const auto &session = conversation.session) {
        endedSession = Protocol::ResumeRequest { session->conversation, session->secret,
            conversation.sequence.contiguous() };
    }
    persistence.forget();
    setChatState(ChatState::Ended);
    if (announce)
        emitAppEvent(AppEvent::Type::ChatSessionEnded);
}

} // namespace OWidget
