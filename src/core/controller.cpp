#include "controller_p.h"

#include "inputcheck_p.h"
#include "logging_p.h"
#include "phonenormalizer_p.h"
#include "protocol_p.h"

#include <QRandomGenerator>
#include <QSslSocket>
#include <QUuid>

using namespace Qt::StringLiterals;

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
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 8);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

void Controller::Private::setStatus(ButtonStatus newStatus)
{
    if (assign(status, newStatus, &Controller::statusChanged) && statusCallback)
        statusCallback(newStatus);
}

void Controller::Private::setKnownStatus(ButtonStatus newStatus)
{
    if (!statusDelivered && status == newStatus) {
        // The application learns the operators' status once it is known, even when it is the
        // offline shown before anything was known.
        Q_EMIT q->statusChanged(newStatus);
        if (statusCallback)
            statusCallback(newStatus);
    }
    statusDelivered = true;
    setStatus(newStatus);
}

void Controller::Private::emitAppEvent(AppEvent::Type type)
{
    AppEvent event;
    event.type = type;
    event.queuePosition = queuePosition;
    event.operatorName = operatorName;
    qCDebug(lcCore) << "app event" << event.typeName();
    if (appEventCallback)
        appEventCallback(event);
    Q_EMIT q->appEvent(event);
}

void Controller::Private::reportError(Error::Code code, const QString &message)
{
    qCDebug(lcCore) << "error" << code << message;
    Q_EMIT q->errorOccurred(Error { code, message });
}

void Controller::Private::connectParts()
{
    resendTimer.setSingleShot(true);
    resendTimer.setInterval(RateLimitRetryMsecs);
    typingIdle.setSingleShot(true);
    typingIdle.setInterval(TypingIdleMsecs);
    QObject::connect(&resendTimer, &QTimer::timeout, q, [this] { resendPending(); });
    QObject::connect(&typingIdle, &QTimer::timeout, q, [this] { q->setTyping(false); });
    connectReadMarks();
    connectOperatorAvatar();

    supervisor.setServerUrl(Controller::defaultServerUrl());
    supervisor.setHelloFactory([this] { return hello(); });
    QObject::connect(
        &supervisor, &ConnectionSupervisor::stateChanged, q, &Controller::connectionStateChanged);
    QObject::connect(
        &supervisor, &ConnectionSupervisor::reconnectScheduled, q, &Controller::reconnectScheduled);
    QObject::connect(&supervisor, &ConnectionSupervisor::configFetched, q,
        [this](const PresetConfig &fetched) { onConfigFetched(fetched); });
    QObject::connect(&supervisor, &ConnectionSupervisor::welcomed, q,
        [this](const Protocol::Welcome &welcome) { onWelcome(welcome); });
    QObject::connect(&supervisor, &ConnectionSupervisor::messageReceived, q,
        [this](const Protocol::ServerMessage &message) { onMessage(message); });
    QObject::connect(&supervisor, &ConnectionSupervisor::errorOccurred, q,
        [this](const Error &error) { reportError(error.code, error.message); });
    QObject::connect(&supervisor, &ConnectionSupervisor::linkLost, q, [this] { onLinkLost(); });
    QObject::connect(&supervisor, &ConnectionSupervisor::offline, q,
        [this] { setStatus(ButtonStatus::Offline); });

    QObject::connect(&persistence, &SessionPersistence::secretRead, q,
        [this](const QString &error) { onSecretRead(error); });
    QObject::connect(&persistence, &SessionPersistence::failed, q, [this](const QString &error) {
        reportError(
            Error::Code::InvalidArgument, tr("Cannot store the conversation: %1").arg(error));
    });
}

void Controller::Private::onSecretRead(const QString &error)
{
    if (!error.isEmpty()) {
        // Without its secret the conversation cannot be resumed: start clean, and say why.
        dropConversation();
        reportError(Error::Code::ResumeRejected,
            tr("The conversation cannot be resumed: its secret could not be read from the "
               "system keychain (%1).")
                .arg(error));
    }
    supervisor.setLinkHeld(false);
}

void Controller::Private::dropConversation()
{
    endedSession.reset();
    persistence.forget();
    conversation = {};
    resetReadMarks();
    setChatState(ChatState::NoChat);
}

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

// ---- Controller ----------------------------------------------------------------------------

/*!
    \class OWidget::Controller
    The seed's Widget API as a QObject: init(), connectToServer(), the app event and status
    callbacks (also delivered as signals), and phone number normalization. It owns the link to
    the server and the visitor's conversation; the widgets only drive it.
*/
Controller::Controller(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
    d->connectParts();
}

Controller::~Controller()
{
    d->persistence.flush();         // what is due goes to the file before the program closes
    d->supervisor.disconnect(this); // nothing from the link reaches a controller half gone
}

/// Whether this system can run the widget: TLS must be available for HTTPS and WSS.
bool Controller::isSupported()
{
    return QSslSocket::supportsSsl();
}

/*!
    Sets the company (a GUID), the widget preset (empty: the company's default), the language
    (empty: the application's, then the system's) and the scope. A company id that is not a
    GUID is refused: init returns false and errorOccurred() says why; nothing is sent.
    Calling init again disconnects and starts over with the new values.
*/
bool Controller::init(const QString &companyId, const QString &widgetPreset,
    const QString &language, const QString &scope)
{
    if (const auto problem = InputCheck::initArguments(companyId, widgetPreset, language, scope)) {
        d->reportError(problem->code, problem->message);
        return false;
    }
    const QString company = companyId.trimmed();
    disconnectFromServer();
    d->initialized = true;
    d->company = QUuid::fromString(company).toString(QUuid::WithoutBraces);
    d->preset = widgetPreset;
    d->requestedLanguage = language;
    d->scope = scope;
    d->config.reset();
    d->outbox = {};
    d->persistence.setKey(d->company, d->preset, d->scope);
    d->conversation = Conversation::restored(d->persistence.load());
    d->supervisor.setLinkHeld(d->persistence.isSecretPending());
    d->setQueuePosition(0);
    d->setOperatorName({});
    d->setOperatorAvatarId({});
    d->setUnread(0);
    d->setChatState(ChatState::NoChat);
    d->restoreStart();
    d->setLanguage(language);
    return true;
}

/// Fetches the preset's configuration, then tracks the operators' status over a WebSocket,
/// reconnecting by itself until disconnectFromServer().
void Controller::connectToServer()
{
    if (!d->initialized) {
        d->reportError(Error::Code::NotInitialized,
            tr("connectToServer() was called before a successful init()."));
        return;
    }
    if (d->supervisor.isWanted())
        return;
    d->statusDelivered = false;
    d->supervisor.start(d->company, d->preset);
}

void Controller::disconnectFromServer()
{
    d->persistence.flush();
    d->resendTimer.stop();
    d->setOperatorTyping(false);
    d->supervisor.stop();
    d->setStatus(ButtonStatus::Offline);
}

void Controller::setAppEventCallback(AppEventCallback callback)
{
    d->appEventCallback = std::move(callback);
}

void Controller::setStatusUpdateCallback(StatusUpdateCallback callback)
{
    d->statusCallback = std::move(callback);
}

/// Replaces the default normalizer (libphonenumber's); an empty function restores it.
void Controller::setCustomNumberNormalization(NumberNormalization callback)
{
    d->customNormalization = std::move(callback);
}

/// The phone number in the international format, or nullopt when it is not a valid number:
/// through the custom normalization when one is set, else libphonenumber's, reading a number
/// without a country code in the preset's region (else the language's).
std::optional<QString> Controller::normalizePhoneNumber(const QString &phoneNumber) const
{
    if (d->customNormalization)
        return d->customNormalization(phoneNumber);
    const QString presetRegion = d->config ? d->config->phoneRegion : QString();
    return PhoneNormalizer::normalize(
        phoneNumber, PhoneNormalizer::regionFor(presetRegion, d->language));
}

/// Adds a name and value sent with the next conversation, for the operator to see.
void Controller::addCustomData(const QString &name, const QString &value)
{
    if (const auto problem = InputCheck::customData(d->customData, name, value)) {
        d->reportError(problem->code, problem->message);
        return;
    }
    d->customData.insert(name, value);
}

void Controller::openChat()
{
    if (d->windowOpen)
        return;
    d->windowOpen = true;
    d->setUnread(0);
    Q_EMIT chatWindowOpenChanged(true);
    d->emitAppEvent(AppEvent::Type::ChatWindowOpen);
}

void Controller::closeChat()
{
    if (!d->windowOpen)
        return;
    d->windowOpen = false;
    Q_EMIT chatWindowOpenChanged(false);
    d->emitAppEvent(AppEvent::Type::ChatWindowClosed);
}

int Controller::maxMessageLength()
{
    return Protocol::MaxTextLength;
}

QUrl Controller::defaultServerUrl()
{
    return QUrl(QStringLiteral(OWIDGET_DEFAULT_SERVER_URL));
}

QUrl Controller::serverUrl() const
{
    return d->supervisor.serverUrl();
}

/// Points the controller at another server; takes effect at the next connection.
void Controller::setServerUrl(const QUrl &url)
{
    if (d->supervisor.serverUrl() == url)
        return;
    d->supervisor.setServerUrl(url);
    Q_EMIT serverUrlChanged(url);
}

/*!
    Sets the delays between reconnection attempts: the first retry goes at once, each next one
    after a random delay up to `base`·2ⁿ (full jitter), never more than `cap`. By default 1 s
    and 30 s. A `base` under 1 ms or a `cap` under `base` is refused with errorOccurred().
*/
void Controller::setReconnectBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
{
    if (const auto problem = InputCheck::backoff(base, cap)) {
        d->reportError(problem->code, problem->message);
        return;
    }
    d->supervisor.setBackoff(base, cap);
}

std::chrono::milliseconds Controller::reconnectBaseDelay() const
{
    return d->supervisor.backoffBase();
}

std::chrono::milliseconds Controller::reconnectMaxDelay() const
{
    return d->supervisor.backoffCap();
}

void Controller::setInsecureTransportAllowed(bool allowed)
{
    d->supervisor.setInsecureTransportAllowed(allowed);
}

bool Controller::isInsecureTransportAllowed() const
{
    return d->supervisor.isInsecureTransportAllowed();
}

ButtonStatus Controller::status() const
{
    return d->status;
}

ConnectionState Controller::connectionState() const
{
    return d->supervisor.state();
}

ChatState Controller::chatState() const
{
    return d->chatState;
}

QString Controller::language() const
{
    return d->language;
}

bool Controller::isChatWindowOpen() const
{
    return d->windowOpen;
}

int Controller::queuePosition() const
{
    return d->queuePosition;
}

QString Controller::operatorName() const
{
    return d->operatorName;
}

bool Controller::isOperatorTyping() const
{
    return d->operatorTyping;
}

int Controller::unreadCount() const
{
    return d->unread;
}

QString Controller::companyId() const
{
    return d->company;
}

QString Controller::preset() const
{
    return d->preset;
}

QString Controller::scope() const
{
    return d->scope;
}

bool Controller::hasConfig() const
{
    return d->config.has_value();
}

PresetConfig Controller::config() const
{
    return d->config.value_or(PresetConfig {});
}

QList<ChatMessage> Controller::messages() const
{
    return d->conversation.messages;
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
    // Before `welcome` it waits: resendPending() sends the pending ones in the order written.
    if (Outbox::messageGoesNow(
            d->conversation, d->supervisor.isWelcomed(), d->resendTimer.isActive()))
        d->supervisor.send(
            Protocol::encode(Protocol::VisitorMessage { message.clientId, message.text }));
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
