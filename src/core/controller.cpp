#include <owidget/controller.h>

#include "configclient_p.h"
#include "conversation_p.h"
#include "languageresolver_p.h"
#include "liveconnection_p.h"
#include "logging_p.h"
#include "outbox_p.h"
#include "phonenormalizer_p.h"
#include "protocol_p.h"
#include "secretkeeper_p.h"
#include "sessionstore_p.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTimer>
#include <QUuid>

#include <limits>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

constexpr std::chrono::milliseconds DefaultReconnectBase { 1000 };
constexpr std::chrono::milliseconds DefaultReconnectCap { 30000 };
// A link that stayed up this long was a success: the next failure retries at once again. A
// server that drops each link right after `welcome` thus still meets a growing delay.
constexpr int StableLinkMsecs = 10000;
// How long a message the server refused with `rate_limited` waits before it goes again.
constexpr int RateLimitRetryMsecs = 1000;
constexpr int OfflineGraceMsecs = 5000;
constexpr int TypingIdleMsecs = 5000;
// The last sequence number is written at most this often while messages flow: a write replaces
// a file and syncs it, which would otherwise dominate each message's round trip.
constexpr int SaveDelayMsecs = 1000;

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString newClientId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class Controller::Private
{
public:
    explicit Private(Controller *qq)
        : q(qq)
        , configClient(&network)
    { }

    Controller *const q;

    // What init() was given
    bool initialized = false;
    QString company;
    QString preset;
    QString requestedLanguage;
    QString scope;
    QVariantMap customData;

    QUrl serverUrl = Controller::defaultServerUrl();
    bool insecureAllowed = false;

    QNetworkAccessManager network;
    ConfigClient configClient;
    LiveConnection live;
    SessionStore store;
    SecretKeeper keeper;

    std::optional<PresetConfig> config;
    QUrl configUrl;
    QUrl socketUrl;
    bool secretPending = false;      ///< the resume secret is being read from the keychain
    bool linkWaitsForSecret = false; ///< the link opens once it is read
    bool wantConnected = false;
    int failedAttempts = 0;
    std::chrono::milliseconds reconnectBase = DefaultReconnectBase;
    std::chrono::milliseconds reconnectCap = DefaultReconnectCap;
    QTimer reconnectTimer;
    QElapsedTimer welcomed; ///< since the current link's `welcome`
    QTimer resendTimer;     ///< pending frames go again after the server's `rate_limited`
    QTimer offlineGrace;
    QTimer typingIdle;
    QTimer saveDelay; ///< a pending write of the last sequence number

    ButtonStatus status = ButtonStatus::Offline;
    ConnectionState connectionState = ConnectionState::Disconnected;
    ChatState chatState = ChatState::NoChat;
    QString language;
    bool windowOpen = false;
    int queuePosition = 0;
    QString operatorName;
    bool operatorTyping = false;
    bool visitorTyping = false;
    int unread = 0;

    AppEventCallback appEventCallback;
    StatusUpdateCallback statusCallback;
    NumberNormalization customNormalization;

    Conversation conversation;
    Outbox outbox;

    // Stores `value` in `member` and emits `changed` with it, when it is a change.
    template<typename T, typename... Args>
    bool assign(T &member, const T &value, void (Controller::*changed)(Args...))
    {
        if (member == value)
            return false;
        member = value;
        Q_EMIT(q->*changed)(value);
        return true;
    }
    void setConnectionState(ConnectionState state)
    {
        assign(connectionState, state, &Controller::connectionStateChanged);
    }
    void setStatus(ButtonStatus newStatus)
    {
        if (assign(status, newStatus, &Controller::statusChanged) && statusCallback)
            statusCallback(newStatus);
    }
    void setChatState(ChatState state) { assign(chatState, state, &Controller::chatStateChanged); }
    void setQueuePosition(int position)
    {
        assign(queuePosition, position, &Controller::queuePositionChanged);
    }
    void setOperatorName(const QString &name)
    {
        assign(operatorName, name, &Controller::operatorNameChanged);
    }
    void setOperatorTyping(bool typing)
    {
        assign(operatorTyping, typing, &Controller::operatorTypingChanged);
    }
    void setUnread(int count) { assign(unread, count, &Controller::unreadCountChanged); }
    void setLanguage(const QString &newLanguage)
    {
        assign(language, newLanguage, &Controller::languageChanged);
    }
    void emitAppEvent(AppEvent::Type type);
    void reportError(Error::Code code, const QString &message);

    bool checkTransport(const QUrl &url);
    void startAttempt();
    void scheduleReconnect();
    void onConfigFetched(const PresetConfig &newConfig);
    void openLink();
    void onSecretRead(const QString &id, const QString &secret, const QString &error);
    void onSecretWritten(const QString &id, const QString &error);
    void onConfigFailed(const Error &error);
    void onLinkClosed(const Error &reason);
    void onMessage(const Protocol::ServerMessage &message);
    void onWelcome(const Protocol::Welcome &welcome);
    void onCreated(const Protocol::Created &created);
    bool acceptSeq(qint64 seq);
    void onMessageEvent(const Protocol::MessageEvent &event);
    void onAckFrame(const Protocol::Ack &ack);
    void onAck(const QString &clientId, qint64 seq, const QDateTime &time);
    void onServerError(const Protocol::ServerError &error);
    void endConversation(bool announce);
    void resendPending();
    void saveSession();
    void saveSessionSoon();
    void forgetSession();
    std::optional<QString> validateFields(const QVariantMap &fields, QVariantMap *normalized);
    using RequestEncoder
        = std::function<QByteArray(const QString &clientId, const QVariantMap &fields)>;
    QString sendRequest(const QVariantMap &fields, const RequestEncoder &encode);
};

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

// HTTPS and WSS always; plain HTTP and WS to loopback, or where the application allowed it.
bool Controller::Private::checkTransport(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme == "https"_L1 || scheme == "wss"_L1)
        return true;
    if ((scheme == "http"_L1 || scheme == "ws"_L1) && (insecureAllowed || isLoopback(url)))
        return true;
    reportError(Error::Code::InsecureUrl,
        tr("Refusing to connect to %1: only https and wss are allowed, or http and ws to "
           "this computer (see setInsecureTransportAllowed).")
            .arg(url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
    return false;
}

void Controller::Private::startAttempt()
{
    const QUrl url = ConfigClient::configUrl(serverUrl, company, preset);
    if (!checkTransport(url)) {
        wantConnected = false;
        setConnectionState(ConnectionState::Disconnected);
        return;
    }
    setConnectionState(ConnectionState::Connecting);
    configUrl = url;
    configClient.fetch(url);
}

// The first retry goes at once; then full jitter: a random delay up to base·2ⁿ, capped.
void Controller::Private::scheduleReconnect()
{
    const int attempt = failedAttempts++;
    int delay = 0;
    if (attempt > 0) {
        const qint64 ceiling = qMin<qint64>(
            reconnectCap.count(), qint64(reconnectBase.count()) << qMin(attempt - 1, 20));
        delay = int(QRandomGenerator::global()->bounded(ceiling + 1));
    }
    setConnectionState(ConnectionState::Reconnecting);
    if (!offlineGrace.isActive() && status != ButtonStatus::Offline)
        offlineGrace.start();
    qCDebug(lcNet) << "reconnecting in" << delay << "ms";
    Q_EMIT q->reconnectScheduled(delay);
    reconnectTimer.start(delay);
}

void Controller::Private::onConfigFetched(const PresetConfig &newConfig)
{
    config = newConfig;
    setLanguage(LanguageResolver::resolve(LanguageResolver::preferences(requestedLanguage),
        config->languages, config->defaultLanguage));
    Q_EMIT q->configLoaded();

    socketUrl = configUrl.resolved(QUrl(config->socket));
    if (socketUrl.scheme() == "https"_L1)
        socketUrl.setScheme(u"wss"_s);
    else if (socketUrl.scheme() == "http"_L1)
        socketUrl.setScheme(u"ws"_s);
    if (!checkTransport(socketUrl)) {
        wantConnected = false;
        setConnectionState(ConnectionState::Disconnected);
        setStatus(ButtonStatus::Offline);
        return;
    }
    live.setHeartbeatInterval(config->heartbeatSeconds);
    linkWaitsForSecret = secretPending;
    if (!linkWaitsForSecret)
        openLink();
}

// Opens the WebSocket with `hello`, resuming the stored conversation if there is one.
void Controller::Private::openLink()
{
    std::optional<Protocol::ResumeRequest> resume;
    if (const auto &session = conversation.session) {
        resume = Protocol::ResumeRequest { session->conversation, session->secret,
            conversation.sequence.contiguous() };
    }
    live.open(socketUrl, Protocol::encodeHello(company, preset, language, resume));
}

void Controller::Private::onSecretRead(
    const QString &id, const QString &secret, const QString &error)
{
    if (!secretPending || !conversation.session || conversation.session->conversation != id)
        return; // an answer for a conversation init() has since left
    secretPending = false;
    if (secret.isEmpty()) {
        // Without its secret the conversation cannot be resumed: start clean, and say why.
        forgetSession();
        conversation = {};
        setChatState(ChatState::NoChat);
        reportError(Error::Code::ResumeRejected,
            tr("The conversation cannot be resumed: its secret could not be read from the "
               "system keychain (%1).")
                .arg(error));
    } else {
        conversation.session->secret = secret;
    }
    if (linkWaitsForSecret && wantConnected) {
        linkWaitsForSecret = false;
        openLink();
    }
}

// Once the keychain holds the secret, the file no longer does; where there is no keychain it
// stays in the file, which only the user can read.
void Controller::Private::onSecretWritten(const QString &id, const QString &error)
{
    auto &session = conversation.session;
    if (!session || session->conversation != id) {
        if (error.isEmpty())
            keeper.remove(id); // the conversation ended meanwhile
        return;
    }
    if (!error.isEmpty()) {
        qCDebug(lcCore) << "no system keychain, the resume secret stays in the session file:"
                        << error;
        return;
    }
    session->secretInKeychain = true;
    saveSession();
}

void Controller::Private::onConfigFailed(const Error &error)
{
    reportError(error.code, error.message);
    if (error.isRetryable() && wantConnected) {
        scheduleReconnect();
        return;
    }
    // The server said no, or sent something unusable: retrying would only repeat it.
    wantConnected = false;
    offlineGrace.stop();
    setConnectionState(ConnectionState::Disconnected);
    setStatus(ButtonStatus::Offline);
}

void Controller::Private::onLinkClosed(const Error &reason)
{
    if (welcomed.isValid() && welcomed.elapsed() >= StableLinkMsecs)
        failedAttempts = 0;
    welcomed.invalidate();
    resendTimer.stop();
    setOperatorTyping(false);
    if (reason.code != Error::Code::NetworkError)
        reportError(reason.code, reason.message);
    if (wantConnected)
        scheduleReconnect();
}

void Controller::Private::onMessage(const Protocol::ServerMessage &message)
{
    std::visit(
        [this](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Protocol::Welcome>) {
                onWelcome(m);
            } else if constexpr (std::is_same_v<T, Protocol::StatusUpdate>) {
                setStatus(m.status);
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
            }
        },
        message);
}

void Controller::Private::onWelcome(const Protocol::Welcome &welcome)
{
    welcomed.start();
    offlineGrace.stop();
    live.setHeartbeatInterval(welcome.heartbeatSeconds);
    setConnectionState(ConnectionState::Connected);
    setStatus(welcome.status);

    if (welcome.conversation && conversation.session
        && welcome.conversation->id == conversation.session->conversation) {
        const Protocol::ConversationInfo &info = *welcome.conversation;
        setOperatorName(info.operatorName);
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
    // The messages written while it was being created stay; nothing else of before does.
    conversation
        = Conversation::created(created.conversation, created.secret, conversation.messages);
    saveSession(); // at once, with the secret, which then moves to the keychain if there is one
    if (SecretKeeper::isBuiltWithKeychain())
        keeper.write(created.conversation, created.secret);
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
    saveSessionSoon();
    return true;
}

void Controller::Private::onMessageEvent(const Protocol::MessageEvent &event)
{
    const Conversation::Change change = conversation.receive(event);
    if (change.kind == Conversation::Change::Dropped)
        return;
    saveSessionSoon();
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
    saveSessionSoon();
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
    } else if (code == Error::Code::ResumeRejected) {
        forgetSession();
        conversation = {};
        setChatState(ChatState::NoChat);
    } else if (outbox.isStart(error.clientId)) {
        outbox.clearStart();
        setChatState(ChatState::NoChat);
    } else if (const int index = conversation.indexOf(error.clientId); index >= 0) {
        conversation.messages[index].delivery = ChatMessage::Delivery::Failed;
    } else {
        outbox.removeRequest(error.clientId);
    }
    reportError(code, tr("The server refused: %1").arg(error.message));
}

void Controller::Private::endConversation(bool announce)
{
    setOperatorTyping(false);
    setQueuePosition(0);
    forgetSession();
    setChatState(ChatState::Ended);
    if (announce)
        emitAppEvent(AppEvent::Type::ChatSessionEnded);
}

// After `welcome` or `created`: everything the server has not acknowledged goes again, with
// the same client ids, so the server stores each once.
void Controller::Private::resendPending()
{
    if (!live.isOpen() || connectionState != ConnectionState::Connected)
        return;
    const QList<QByteArray> frames = outbox.frames(conversation);
    for (const QByteArray &frame : frames)
        live.send(frame);
}

void Controller::Private::saveSessionSoon()
{
    if (!saveDelay.isActive())
        saveDelay.start();
}

// Writes the conversation and the outbox: the visitor's messages not yet acknowledged, so they
// still go after the host program closed and opened again.
void Controller::Private::saveSession()
{
    saveDelay.stop();
    if (!conversation.session)
        return;
    conversation.session->outbox = conversation.pending();
    QString error;
    if (!store.save(company, preset, scope, *conversation.session, &error))
        reportError(
            Error::Code::InvalidArgument, tr("Cannot store the conversation: %1").arg(error));
}

void Controller::Private::forgetSession()
{
    saveDelay.stop();
    secretPending = false;
    auto &session = conversation.session;
    if (!session)
        return;
    if (session->secretInKeychain)
        keeper.remove(session->conversation);
    session.reset();
    QString error;
    if (!store.remove(company, preset, scope, &error))
        reportError(
            Error::Code::InvalidArgument, tr("Cannot store the conversation: %1").arg(error));
}

// Checks the pre-chat fields against the preset: required ones present, phone numbers
// normalized. Returns the error message, or nullopt with `normalized` filled.
std::optional<QString> Controller::Private::validateFields(
    const QVariantMap &fields, QVariantMap *normalized)
{
    *normalized = fields;
    for (const FormField &field : std::as_const(config->fields)) {
        const QString value = fields.value(field.name).toString().trimmed();
        if (value.isEmpty()) {
            if (field.required)
                return tr("The field '%1' is required.").arg(field.label(language));
            continue;
        }
        if (value.size() > Protocol::MaxFieldValueLength)
            return tr("The field '%1' is too long.").arg(field.label(language));
        if (field.type == FormField::Type::Phone) {
            const auto phone = q->normalizePhoneNumber(value);
            if (!phone)
                return tr("'%1' is not a valid phone number.").arg(value);
            normalized->insert(field.name, *phone);
        } else {
            normalized->insert(field.name, value);
        }
    }
    return std::nullopt;
}

// Sends an offline message or a callback request: the form checked, then the frame kept until
// the server's `received`, so it goes again after a reconnection. Its client id, or empty.
QString Controller::Private::sendRequest(const QVariantMap &fields, const RequestEncoder &encode)
{
    QVariantMap normalized;
    if (const auto problem = validateFields(fields, &normalized)) {
        reportError(Error::Code::InvalidArgument, *problem);
        return {};
    }
    const QString clientId = newClientId();
    const QByteArray frame = encode(clientId, normalized);
    outbox.addRequest(clientId, frame);
    live.send(frame);
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
    d->reconnectTimer.setSingleShot(true);
    d->offlineGrace.setSingleShot(true);
    d->offlineGrace.setInterval(OfflineGraceMsecs);
    d->typingIdle.setSingleShot(true);
    d->typingIdle.setInterval(TypingIdleMsecs);
    d->saveDelay.setSingleShot(true);
    d->saveDelay.setInterval(SaveDelayMsecs);
    d->resendTimer.setSingleShot(true);
    d->resendTimer.setInterval(RateLimitRetryMsecs);

    connect(&d->reconnectTimer, &QTimer::timeout, this, [this] { d->startAttempt(); });
    connect(
        &d->offlineGrace, &QTimer::timeout, this, [this] { d->setStatus(ButtonStatus::Offline); });
    connect(&d->typingIdle, &QTimer::timeout, this, [this] { setTyping(false); });
    connect(&d->saveDelay, &QTimer::timeout, this, [this] { d->saveSession(); });
    connect(&d->resendTimer, &QTimer::timeout, this, [this] { d->resendPending(); });
    connect(&d->configClient, &ConfigClient::fetched, this,
        [this](const PresetConfig &config) { d->onConfigFetched(config); });
    connect(&d->configClient, &ConfigClient::failed, this,
        [this](const Error &error) { d->onConfigFailed(error); });
    connect(&d->live, &LiveConnection::messageReceived, this,
        [this](const Protocol::ServerMessage &message) { d->onMessage(message); });
    connect(&d->live, &LiveConnection::malformedMessage, this, [this](const QString &reason) {
        d->reportError(
            Error::Code::MalformedData, tr("The server sent a malformed message: %1").arg(reason));
    });
    connect(&d->live, &LiveConnection::closed, this,
        [this](const Error &reason) { d->onLinkClosed(reason); });
    connect(&d->keeper, &SecretKeeper::readFinished, this,
        [this](const QString &conversation, const QString &secret, const QString &error) {
            d->onSecretRead(conversation, secret, error);
        });
    connect(&d->keeper, &SecretKeeper::writeFinished, this,
        [this](const QString &conversation, const QString &error) {
            d->onSecretWritten(conversation, error);
        });
}

Controller::~Controller()
{
    if (d->saveDelay.isActive())
        d->saveSession();
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
    static const QRegularExpression guid(
        uR"(^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$)"_s);
    static const QRegularExpression languageTag(uR"(^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$)"_s);

    const QString company = companyId.trimmed();
    const bool braced = company.startsWith(u'{');
    if (!guid.match(company).hasMatch() || braced != company.endsWith(u'}')) {
        d->reportError(Error::Code::InvalidCompanyId,
            tr("The company id '%1' is not a GUID "
               "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).")
                .arg(companyId.left(64)));
        return false;
    }
    if (widgetPreset.size() > Protocol::MaxIdLength) {
        d->reportError(Error::Code::InvalidArgument,
            tr("The widget preset name is longer than %1 characters.").arg(Protocol::MaxIdLength));
        return false;
    }
    if (!language.isEmpty() && (language.size() > 16 || !languageTag.match(language).hasMatch())) {
        d->reportError(Error::Code::InvalidArgument,
            tr("The language '%1' is not a language tag such as 'cs' or 'en-GB'.")
                .arg(language.left(32)));
        return false;
    }
    if (scope.size() > 256) {
        d->reportError(
            Error::Code::InvalidArgument, tr("The scope is longer than 256 characters."));
        return false;
    }

    disconnectFromServer();
    d->initialized = true;
    d->company = QUuid::fromString(company).toString(QUuid::WithoutBraces);
    d->preset = widgetPreset;
    d->requestedLanguage = language;
    d->scope = scope;
    d->config.reset();
    d->outbox = {};
    d->conversation = Conversation::restored(d->store.load(d->company, d->preset, d->scope));
    const auto &session = d->conversation.session;
    d->secretPending = session && session->secretInKeychain;
    d->linkWaitsForSecret = false;
    if (d->secretPending)
        d->keeper.read(session->conversation);
    d->setQueuePosition(0);
    d->setOperatorName({});
    d->setUnread(0);
    d->setChatState(ChatState::NoChat);
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
    if (d->wantConnected)
        return;
    d->wantConnected = true;
    d->failedAttempts = 0;
    d->startAttempt();
}

void Controller::disconnectFromServer()
{
    if (d->saveDelay.isActive())
        d->saveSession();
    d->wantConnected = false;
    d->reconnectTimer.stop();
    d->welcomed.invalidate();
    d->resendTimer.stop();
    d->offlineGrace.stop();
    d->configClient.abort();
    d->live.close();
    d->setOperatorTyping(false);
    d->setConnectionState(ConnectionState::Disconnected);
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
    if (name.isEmpty() || name.size() > Protocol::MaxCustomNameLength
        || value.size() > Protocol::MaxCustomValueLength) {
        d->reportError(Error::Code::InvalidArgument,
            tr("Custom data '%1' was refused: names are 1 to %2 characters, values at "
               "most %3.")
                .arg(name.left(Protocol::MaxCustomNameLength))
                .arg(Protocol::MaxCustomNameLength)
                .arg(Protocol::MaxCustomValueLength));
        return;
    }
    if (!d->customData.contains(name) && d->customData.size() >= Protocol::MaxCustomData) {
        d->reportError(Error::Code::InvalidArgument,
            tr("Custom data '%1' was refused: at most %2 entries.")
                .arg(name)
                .arg(Protocol::MaxCustomData));
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

QUrl Controller::defaultServerUrl()
{
    return QUrl(QStringLiteral(OWIDGET_DEFAULT_SERVER_URL));
}

QUrl Controller::serverUrl() const
{
    return d->serverUrl;
}

/// Points the controller at another server; takes effect at the next connection.
void Controller::setServerUrl(const QUrl &url)
{
    if (d->serverUrl == url)
        return;
    d->serverUrl = url;
    Q_EMIT serverUrlChanged(url);
}

/*!
    Sets the delays between reconnection attempts: the first retry goes at once, each next one
    after a random delay up to `base`·2ⁿ (full jitter), never more than `cap`. By default 1 s
    and 30 s. A `base` under 1 ms or a `cap` under `base` is refused with errorOccurred().
*/
void Controller::setReconnectBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
{
    if (base.count() < 1 || cap < base || cap.count() > std::numeric_limits<int>::max()) {
        d->reportError(Error::Code::InvalidArgument,
            tr("The reconnection delays %1 ms and %2 ms were refused: the base must be at "
               "least 1 ms and the cap at least the base.")
                .arg(base.count())
                .arg(cap.count()));
        return;
    }
    d->reconnectBase = base;
    d->reconnectCap = cap;
}

std::chrono::milliseconds Controller::reconnectBaseDelay() const
{
    return d->reconnectBase;
}

std::chrono::milliseconds Controller::reconnectMaxDelay() const
{
    return d->reconnectCap;
}

void Controller::setInsecureTransportAllowed(bool allowed)
{
    d->insecureAllowed = allowed;
}

bool Controller::isInsecureTransportAllowed() const
{
    return d->insecureAllowed;
}

ButtonStatus Controller::status() const
{
    return d->status;
}

ConnectionState Controller::connectionState() const
{
    return d->connectionState;
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
    if (d->connectionState != ConnectionState::Connected || !d->config) {
        d->reportError(Error::Code::NotConnected,
            tr("Cannot start a conversation: not connected to the server."));
        return false;
    }
    if (d->chatState != ChatState::NoChat && d->chatState != ChatState::Ended) {
        d->reportError(Error::Code::InvalidArgument, tr("A conversation is already on."));
        return false;
    }
    QVariantMap normalized;
    if (const auto problem = d->validateFields(fields, &normalized)) {
        d->reportError(Error::Code::InvalidArgument, *problem);
        return false;
    }
    d->conversation.messages.clear();
    const QString clientId = newClientId();
    const QByteArray start
        = Protocol::encodeStart(clientId, normalized, d->customData, d->language);
    d->outbox.setStart(clientId, start);
    d->setOperatorName({});
    d->setChatState(ChatState::Starting);
    d->live.send(start);
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
    if (trimmed.isEmpty() || trimmed.size() > Protocol::MaxTextLength) {
        d->reportError(Error::Code::InvalidArgument,
            tr("A message must have 1 to %1 characters.").arg(Protocol::MaxTextLength));
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
    if (Outbox::messageGoesNow(d->conversation, d->connectionState == ConnectionState::Connected))
        d->live.send(Protocol::encodeMessage(message.clientId, message.text));
    d->saveSessionSoon(); // the outbox, in case the program closes before the acknowledgement
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
    d->live.send(Protocol::encodeTyping(typing));
}

/// Ends the conversation, or leaves the queue while waiting.
void Controller::endChat()
{
    if (d->chatState != ChatState::Waiting && d->chatState != ChatState::Active)
        return;
    if (!d->live.send(Protocol::encodeEnd())) {
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
    if (trimmed.isEmpty() || trimmed.size() > Protocol::MaxTextLength) {
        d->reportError(Error::Code::InvalidArgument,
            tr("A message must have 1 to %1 characters.").arg(Protocol::MaxTextLength));
        return {};
    }
    return d->sendRequest(fields, [&](const QString &clientId, const QVariantMap &normalized) {
        return Protocol::encodeLeaveMessage(clientId, normalized, trimmed);
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
        return Protocol::encodeCallbackRequest(clientId, normalized, *phone);
    });
}

} // namespace OWidget
