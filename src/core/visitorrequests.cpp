// Controller's requests on behalf of the visitor: starting a conversation with the pre-chat
// form, the conversation's messages and typing, ending it, the offline message, the callback
// request and the rating. Each is checked here, then kept in the outbox until the server
// answers, so that it goes again after a reconnection; the answers are in serverevents.cpp.
#include "controller_p.h"

#include "inputcheck_p.h"
#include "protocol_p.h"

#include <QUuid>

namespace OWidget {

namespace {

QString newClientId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// The conversation's resume secret, 256 bits chosen here rather than by the server: a `start`
// retried after its `created` was lost then finds the conversation it made, on any server.
QString newSecret()
{
    return Protocol::randomToken(32);
}

} // namespace

// Sends an offline message or a callback request: the form checked, then the frame kept until
// the server's `received`, so it goes again after a reconnection. Its client id, or empty.
QString Controller::Private::sendRequest(const QVariantMap &fields, const RequestEncoder &encode)
{
    QVariantMap normalized;
    if (const auto problem = checkFields(fields, &normalized)) {
        reportError(problem->code, problem->message);
        return {};
    }
    const QString clientId = newClientId();
    const QByteArray frame = encode(clientId, normalized);
    outbox.addRequest(clientId, frame);
    supervisor.send(frame);
    return clientId;
}

/*!
    Starts a conversation with the pre-chat form's `fields` (name → value) and the custom data.
    Returns false, with errorOccurred(), when it cannot: not connected, a conversation is on,
    or a field is missing or invalid. chatSessionCreated follows when the server created it.
*/
bool Controller::startChat(const QVariantMap &fields)
{
    if (d->supervisor.state() != ConnectionState::Connected || !d->config) {
        d->reportError(Error::Code::NotConnected,
            tr("Cannot start a conversation: not connected to the server."));
        return false;
    }
    if (d->chatState != ChatState::NoChat && d->chatState != ChatState::Ended) {
        d->reportError(Error::Code::InvalidArgument, tr("A conversation is already on."));
        return false;
    }
    QVariantMap normalized;
    if (const auto problem = d->checkFields(fields, &normalized)) {
        d->reportError(problem->code, problem->message);
        return false;
    }
    d->conversation.messages.clear();
    d->restoredStartFields.clear();
    d->unsentStartFields.clear();
    const QString clientId = newClientId();
    const QByteArray start
        = Protocol::encode(Protocol::Start { clientId, Protocol::stringMap(normalized),
            Protocol::stringMap(d->customData), d->language, newSecret() });
    d->outbox.setStart(clientId, start);
    d->persistence.saveStart(start);
    d->setOperatorName({});
    d->setOperatorAvatarId({});
    d->setChatState(ChatState::Starting);
    d->supervisor.send(start);
    return true;
}

/*!
    Sends `text` in the conversation and returns its client id (empty when refused). The message
    shows at once as sending; messageDelivered() follows the server's acknowledgement. While the
    link is down it waits and goes when the link is back.
*/
QString Controller::sendMessage(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (d->chatState != ChatState::Waiting && d->chatState != ChatState::Active
        && d->chatState != ChatState::Starting) {
        d->reportError(Error::Code::NotConnected, tr("There is no conversation to send to."));
        return {};
    }
    if (const auto problem = InputCheck::messageText(trimmed)) {
        d->reportError(problem->code, problem->message);
        return {};
    }
    ChatMessage message;
    message.sender = ChatMessage::Sender::Visitor;
    message.text = trimmed;
    message.time = QDateTime::currentDateTimeUtc();
    message.clientId = newClientId();
    d->conversation.append(message);
    Q_EMIT messageAdded(message);
    // Before `welcome`, or behind a file still uploading, it waits: resendPending() or the
    // upload's end sends the pending ones in the order written.
    d->sendWaiting(int(d->conversation.messages.size()) - 1);
    d->persistence.saveSoon(); // the outbox, in case the program closes before the acknowledgement
    setTyping(false);
    return message.clientId;
}

/// Tells the operator whether the visitor is typing; stops by itself after five idle seconds.
void Controller::setTyping(bool typing)
{
    if (typing)
        d->typingIdle.start();
    else
        d->typingIdle.stop();
    if (d->visitorTyping == typing || !d->conversation.session)
        return;
    d->visitorTyping = typing;
    d->supervisor.send(Protocol::encode(Protocol::VisitorTyping { typing }));
}

/// Ends the conversation, or leaves the queue while waiting.
void Controller::endChat()
{
    if (d->chatState != ChatState::Waiting && d->chatState != ChatState::Active)
        return;
    if (!d->supervisor.send(Protocol::encode(Protocol::EndConversation {}))) {
        d->reportError(Error::Code::NotConnected,
            tr("Cannot end the conversation: not connected to the server."));
    }
}

/// Leaves a message for the operators (offline). Returns its client id; requestReceived()
/// follows when the server stored it. Empty when refused.
QString Controller::leaveMessage(const QVariantMap &fields, const QString &text)
{
    if (!d->config) {
        d->reportError(Error::Code::NotConnected, tr("Not connected to the server."));
        return {};
    }
    const QString trimmed = text.trimmed();
    if (const auto problem = InputCheck::messageText(trimmed)) {
        d->reportError(problem->code, problem->message);
        return {};
    }
    return d->sendRequest(fields, [&](const QString &clientId, const QVariantMap &normalized) {
        return Protocol::encode(
            Protocol::LeaveMessage { clientId, Protocol::stringMap(normalized), trimmed });
    });
}

/// Asks for a call back at `phoneNumber`, normalized first. Returns the request's client id;
/// requestReceived() follows when the server stored it. Empty when refused.
QString Controller::requestCallback(const QString &phoneNumber, const QVariantMap &fields)
{
    if (!d->config) {
        d->reportError(Error::Code::NotConnected, tr("Not connected to the server."));
        return {};
    }
    const auto phone = normalizePhoneNumber(phoneNumber);
    if (!phone) {
        d->reportError(Error::Code::InvalidPhoneNumber,
            tr("'%1' is not a valid phone number.").arg(phoneNumber.left(64)));
        return {};
    }
    return d->sendRequest(fields, [&](const QString &clientId, const QVariantMap &normalized) {
        return Protocol::encode(
            Protocol::CallbackRequest { clientId, Protocol::stringMap(normalized), *phone });
    });
}

/*!
    Rates the conversation that ended, when the preset asks for a rating (config().rating):
    \a score is 0 (unsatisfied) or 1 (satisfied) for thumbs, 1 to 5 for stars; \a comment is
    optional. Returns the request's client id; conversationRated() follows when the server
    stored it, errorOccurred() when it refused. While the link is down it waits, and goes again
    after a reconnection until answered. Empty when refused here.
*/
QString Controller::rateConversation(int score, const QString &comment)
{
    const auto kind = d->config ? d->config->rating : PresetConfig::Rating::None;
    const QString trimmed = comment.trimmed();
    if (kind == PresetConfig::Rating::None) {
        d->reportError(Error::Code::InvalidArgument, tr("The preset does not ask for a rating."));
        return {};
    }
    if (d->chatState != ChatState::Ended || !d->endedSession) {
        d->reportError(Error::Code::NotConnected, tr("There is no ended conversation to rate."));
        return {};
    }
    if (!Protocol::isRatingScore(kind == PresetConfig::Rating::Stars ? Protocol::RatingKind::Stars
                                                                     : Protocol::RatingKind::Thumbs,
            score)) {
        d->reportError(Error::Code::InvalidArgument,
            kind == PresetConfig::Rating::Stars
                ? tr("A rating is 1 to 5 stars.")
                : tr("A rating is 0 (unsatisfied) or 1 (satisfied)."));
        return {};
    }
    if (Protocol::characterCount(trimmed) > Protocol::MaxRatingCommentLength) {
        d->reportError(Error::Code::InvalidArgument,
            tr("The comment is longer than %1 characters.").arg(Protocol::MaxRatingCommentLength));
        return {};
    }
    const QString clientId = newClientId();
    const QByteArray frame = Protocol::encode(Protocol::Rate { clientId, score, trimmed });
    d->outbox.addRequest(clientId, frame);
    d->pendingRating = clientId;
    if (d->supervisor.isWelcomed())
        d->supervisor.send(frame);
    return clientId;
}

} // namespace OWidget
