#include "controller_p.h"

#include "inputcheck_p.h"
#include "logging_p.h"
#include "phonenormalizer_p.h"
#include "protocol_p.h"

#include <QSslSocket>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace OWidget {

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
    connectAttachments();

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
    QObject::connect(&supervisor, &ConnectionSupervisor::offline, q, [this] { onOffline(); });

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
    uploads.clear();
    downloads.clear();
    resetReadMarks();
    setChatState(ChatState::NoChat);
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
    d->persistence.flush(); // what is due goes to the file before the program closes
    // Uploads to a conversation no longer stored (it ended) cannot go on after a restart: their
    // copies of pasted data would stay for ever.
    if (!d->conversation.session)
        d->uploads.clear();
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
    d->restoredStartFields.clear();
    d->unsentStartFields.clear();
    d->persistence.setKey(d->company, d->preset, d->scope);
    d->conversation = Conversation::restored(d->persistence.load());
    d->restoreUploads();
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
    d->uploads.setRetryDelays(int(base.count()), int(cap.count())); // and the uploads' retries
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

QVariantMap Controller::unsentStartFields() const
{
    return d->unsentStartFields;
}

} // namespace OWidget
