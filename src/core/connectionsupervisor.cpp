#include "connectionsupervisor_p.h"

#include "logging_p.h"

#include <QHostAddress>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

int ConnectionSupervisor::retryDelay(int attempt, std::chrono::milliseconds base,
    std::chrono::milliseconds cap, QRandomGenerator &random)
{
    if (attempt <= 0)
        return 0;
    const qint64 ceiling = qMin<qint64>(cap.count(), qint64(base.count()) << qMin(attempt - 1, 20));
    return int(random.bounded(ceiling + 1));
}

ConnectionSupervisor::ConnectionSupervisor(QObject *parent)
    : QObject(parent)
    , m_configClient(&m_network)
{
    m_reconnectTimer.setSingleShot(true);
    m_offlineGrace.setSingleShot(true);
    m_offlineGrace.setInterval(OfflineGraceMsecs);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &ConnectionSupervisor::attempt);
    connect(&m_offlineGrace, &QTimer::timeout, this, &ConnectionSupervisor::offline);
    connect(&m_configClient, &ConfigClient::fetched, this, &ConnectionSupervisor::onConfigFetched);
    connect(&m_configClient, &ConfigClient::failed, this, &ConnectionSupervisor::onConfigFailed);
    connect(&m_live, &LiveConnection::messageReceived, this, &ConnectionSupervisor::onMessage);
    connect(&m_live, &LiveConnection::malformedMessage, this, [this](const QString &reason) {
        report(
            Error::Code::MalformedData, tr("The server sent a malformed message: %1").arg(reason));
    });
    connect(&m_live, &LiveConnection::closed, this, &ConnectionSupervisor::onLinkClosed);
}

void ConnectionSupervisor::setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
{
    m_base = base;
    m_cap = cap;
}

void ConnectionSupervisor::start(const QString &company, const QString &preset)
{
    if (m_wanted)
        return;
    m_company = company;
    m_preset = preset;
    m_wanted = true;
    m_failedAttempts = 0;
    attempt();
}

void ConnectionSupervisor::stop()
{
    m_wanted = false;
    m_linkWaiting = false;
    m_reconnectTimer.stop();
    m_welcomed.invalidate();
    m_offlineGrace.stop();
    m_configClient.abort();
    m_live.close();
    setState(ConnectionState::Disconnected);
}

void ConnectionSupervisor::setLinkHeld(bool held)
{
    m_held = held;
    if (!held && m_linkWaiting && m_wanted) {
        m_linkWaiting = false;
        openLink();
    }
}

bool ConnectionSupervisor::isWelcomed() const
{
    return m_state == ConnectionState::Connected && m_live.isOpen();
}

bool ConnectionSupervisor::send(const QByteArray &frame)
{
    return m_live.send(frame);
}

bool ConnectionSupervisor::checkTransport(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme == "https"_L1 || scheme == "wss"_L1)
        return true;
    if ((scheme == "http"_L1 || scheme == "ws"_L1) && (m_insecureAllowed || isLoopback(url)))
        return true;
    report(Error::Code::InsecureUrl,
        tr("Refusing to connect to %1: only https and wss are allowed, or http and ws to "
           "this computer (see setInsecureTransportAllowed).")
            .arg(url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo)));
    return false;
}

void ConnectionSupervisor::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void ConnectionSupervisor::report(Error::Code code, const QString &message)
{
    Q_EMIT errorOccurred(Error { code, message });
}

void ConnectionSupervisor::attempt()
{
    const QUrl url = ConfigClient::configUrl(m_serverUrl, m_company, m_preset);
    if (!checkTransport(url)) {
        m_wanted = false;
        setState(ConnectionState::Disconnected);
        return;
    }
    setState(ConnectionState::Connecting);
    m_configUrl = url;
    m_configClient.fetch(url);
}

void ConnectionSupervisor::scheduleReconnect()
{
    const int delay = retryDelay(m_failedAttempts++, m_base, m_cap, *QRandomGenerator::global());
    setState(ConnectionState::Reconnecting);
    if (!m_offlineGrace.isActive())
        m_offlineGrace.start();
    qCDebug(lcNet) << "reconnecting in" << delay << "ms";
    Q_EMIT reconnectScheduled(delay);
    m_reconnectTimer.start(delay);
}

void ConnectionSupervisor::onConfigFetched(const PresetConfig &config)
{
    Q_EMIT configFetched(config);
    if (!m_wanted)
        return; // stopped by a slot of configFetched()

    m_socketUrl = m_configUrl.resolved(QUrl(config.socket));
    if (m_socketUrl.scheme() == "https"_L1)
        m_socketUrl.setScheme(u"wss"_s);
    else if (m_socketUrl.scheme() == "http"_L1)
        m_socketUrl.setScheme(u"ws"_s);
    if (!checkTransport(m_socketUrl)) {
        m_wanted = false;
        setState(ConnectionState::Disconnected);
        Q_EMIT offline();
        return;
    }
    m_live.setHeartbeatInterval(config.heartbeatSeconds);
    m_linkWaiting = m_held;
    if (!m_linkWaiting)
        openLink();
}

void ConnectionSupervisor::openLink()
{
    m_live.open(m_socketUrl, m_hello ? m_hello() : QByteArray());
}

void ConnectionSupervisor::onConfigFailed(const Error &error)
{
    Q_EMIT errorOccurred(error);
    if (error.isRetryable() && m_wanted) {
        scheduleReconnect();
        return;
    }
    // The server said no, or sent something unusable: retrying would only repeat it.
    m_wanted = false;
    m_offlineGrace.stop();
    setState(ConnectionState::Disconnected);
    Q_EMIT offline();
}

void ConnectionSupervisor::onMessage(const Protocol::ServerMessage &message)
{
    if (const auto *welcome = std::get_if<Protocol::Welcome>(&message)) {
        m_welcomed.start();
        m_offlineGrace.stop();
        m_live.setHeartbeatInterval(welcome->heartbeatSeconds);
        setState(ConnectionState::Connected);
        Q_EMIT welcomed(*welcome);
        return;
    }
    Q_EMIT messageReceived(message);
}

void ConnectionSupervisor::onLinkClosed(const Error &reason)
{
    if (m_welcomed.isValid() && m_welcomed.elapsed() >= StableLinkMsecs)
        m_failedAttempts = 0;
    m_welcomed.invalidate();
    Q_EMIT linkLost();
    // A lost link is the normal case of a reconnection, not worth an error of its own.
    if (reason.code != Error::Code::NetworkError)
        Q_EMIT errorOccurred(reason);
    if (m_wanted)
        scheduleReconnect();
}

} // namespace OWidget
