// Keeps the widget connected while the application wants it: the preset's configuration, then
// (once the resume secret is known) the WebSocket, then after every loss one single-shot timer
// for the next attempt. The first retry goes at once, then full jitter (base·2ⁿ, capped); a link
// must last StableLinkMsecs after its `welcome` before the delay starts over. While it retries,
// the operators' status is kept for a grace period before it is given up as offline.
#pragma once

#include "configclient_p.h"
#include "liveconnection_p.h"
#include "protocol_p.h"
#include "testexport_p.h"

#include <owidget/types.h>

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>

class QRandomGenerator;

namespace OWidget {

class OWIDGET_TEST_EXPORT ConnectionSupervisor : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultBase { 1000 };
    static constexpr std::chrono::milliseconds DefaultCap { 30000 };
    /// A link that stayed up this long was a success: the next failure retries at once again. A
    /// server that drops each link right after `welcome` thus still meets a growing delay.
    static constexpr int StableLinkMsecs = 10000;
    static constexpr int OfflineGraceMsecs = 5000;

    /// The delay before retry number `attempt` (0 for the first): none for the first, then a
    /// random one up to base·2^(attempt-1), never over `cap`.
    static int retryDelay(int attempt, std::chrono::milliseconds base,
        std::chrono::milliseconds cap, QRandomGenerator &random);

    explicit ConnectionSupervisor(QObject *parent = nullptr);

    void setServerUrl(const QUrl &url) { m_serverUrl = url; }
    /// The access manager of the configuration's requests, for the others to the same server.
    QNetworkAccessManager *network() { return &m_network; }
    QUrl serverUrl() const { return m_serverUrl; }
    void setInsecureTransportAllowed(bool allowed) { m_insecureAllowed = allowed; }
    bool isInsecureTransportAllowed() const { return m_insecureAllowed; }
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap);
    std::chrono::milliseconds backoffBase() const { return m_base; }
    std::chrono::milliseconds backoffCap() const { return m_cap; }
    /// Builds each link's `hello` when the link opens, so a resume asks for the latest events.
    void setHelloFactory(std::function<QByteArray()> factory) { m_hello = std::move(factory); }

    /// Connects to `company`'s `preset` and stays connected until stop(); nothing when it
    /// already is.
    void start(const QString &company, const QString &preset);
    void stop();
    bool isWanted() const { return m_wanted; }
    /// While held, the link waits after the configuration; releasing it opens the link.
    void setLinkHeld(bool held);

    ConnectionState state() const { return m_state; }
    /// Whether the link is up and the server said `welcome`: only then does anything else go.
    bool isWelcomed() const;
    /// Sends one frame; false when the link is not open.
    bool send(const QByteArray &frame);

    /// HTTPS and WSS always; plain HTTP and WS to loopback, or where the application allowed
    /// it. Otherwise reports InsecureUrl and returns false.
    bool checkTransport(const QUrl &url);

Q_SIGNALS:
    void stateChanged(OWidget::ConnectionState state);
    void configFetched(const OWidget::PresetConfig &config);
    /// The link is up; the status and the conversation are in `welcome`.
    void welcomed(const OWidget::Protocol::Welcome &welcome);
    /// Every other frame from the server.
    void messageReceived(const OWidget::Protocol::ServerMessage &message);
    void errorOccurred(const OWidget::Error &error);
    void reconnectScheduled(int msecs);
    /// The link closed; an error and the next attempt follow.
    void linkLost();
    /// The operators are to be shown offline: the grace ran out, or the server refused for good.
    void offline();

private:
    void setState(ConnectionState state);
    void attempt();
    void scheduleReconnect();
    void openLink();
    void onConfigFetched(const PresetConfig &config);
    void onConfigFailed(const Error &error);
    void onMessage(const Protocol::ServerMessage &message);
    void onLinkClosed(const Error &reason);
    void report(Error::Code code, const QString &message);

    QNetworkAccessManager m_network;
    ConfigClient m_configClient;
    LiveConnection m_live;
    QTimer m_reconnectTimer;
    QTimer m_offlineGrace;
    QElapsedTimer m_welcomed; ///< since the current link's `welcome`
    std::function<QByteArray()> m_hello;

    QUrl m_serverUrl;
    bool m_insecureAllowed = false;
    std::chrono::milliseconds m_base = DefaultBase;
    std::chrono::milliseconds m_cap = DefaultCap;
    QString m_company;
    QString m_preset;
    QUrl m_configUrl;
    QUrl m_socketUrl;
    ConnectionState m_state = ConnectionState::Disconnected;
    bool m_wanted = false;
    bool m_held = false;        ///< the link may not open yet
    bool m_linkWaiting = false; ///< the configuration is in, the link waits for the release
    int m_failedAttempts = 0;
};

} // namespace OWidget
