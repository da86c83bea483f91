#pragma once

#include "conversationsubscribers.h"
#include "eventreplay.h"
#include "floodlog.h"
#include "messageorder.h"
#include "options.h"
#include "ratelimiter.h"

#include "protocol/errors.h"
#include "protocol/event.h"
#include "protocol/servermessages.h"
#include "protocol/types.h"
#include "protocol/widgetrequests.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <optional>

class QWebSocket;

namespace OWidget::Server {

class ConversationService;
class Directory;
class OfflineInbox;
class Ratings;
class RequestPacer;
struct Conversation;
struct OfflineItem;
struct PresetInfo;

// One widget's WebSocket (docs/protocol.md section 3): hello, status, one conversation, of
// which it is handed what happens (ConversationSubscribers).
class WidgetSession : public QObject, private ConversationSubscriber
{
    Q_OBJECT
public:
    WidgetSession(std::unique_ptr<QWebSocket> socket, Directory &directory,
        ConversationService &conversations, OfflineInbox &inbox, Ratings &ratings,
        RequestPacer &pacer, const ServerOptions &options, QObject *parent = nullptr);
    ~WidgetSession() override;

    void shutdown();

Q_SIGNALS:
    void finished();

private:
    void onTextMessage(const QString &text);
    void onBinaryMessage();
    void handle(const Protocol::WidgetRequest &request);
    void handleHello(const Protocol::Hello &hello);
    void handleStart(const Protocol::Start &start);
    void handleMessage(const Protocol::VisitorMessage &message);
    void handleTyping(const Protocol::VisitorTyping &typing);
    void handleEnd();
    void handleRead(const Protocol::VisitorRead &read);
    void handleOffline(OfflineItem item);
    void handleRate(const Protocol::Rate &rate);
    std::optional<PresetInfo> presetOffering(const QString &feature, const QString &clientId);
    bool checkFields(const PresetInfo &preset, const Protocol::StringMap &fields,
        bool requireRequired, const QString &clientId);

    void onStatusChanged(const QString &company, const QString &preset, Protocol::Status status);
    void eventAppended(const Conversation &conversation, const Protocol::Event &event) override;
    void queueMoved(int from) override;
    void typingChanged(bool fromOperator, bool active) override;
    void readMarkMoved(Protocol::Sender side, qint64 seq) override;
    void onHeartbeat();

    void continueReplay();
    bool handleWaitingRequests(bool turn = false);
    void finish();

    void send(const Protocol::ServerMessage &message);
    void sendText(const QString &text);
    void sendError(Protocol::ErrorCode code, const QString &message, const QString &clientId = {});
    void refuseAsTooFast(const Protocol::WidgetRequest &request);
    bool keepsOrder(const Protocol::WidgetRequest &request);
    void sendCreated(const Conversation &conversation);
    void closeWith(int closeCode, const QString &reason);
    // Holds `conversation` (none when its id is empty) instead of the one held before.
    void setConversation(const Conversation &conversation, const QString &secret);

    std::unique_ptr<QWebSocket> m_socket;
    Directory &m_directory;
    ConversationService &m_conversations;
    OfflineInbox &m_inbox;
    Ratings &m_ratings;
    RequestPacer &m_pacer;
    ServerOptions m_options;
    RateLimiter m_limiter;
    QTimer m_heartbeat;
    QElapsedTimer m_lastReceived;
    FloodLog m_errorLog;
    bool m_welcomed = false;
    bool m_closing = false;
    bool m_waitingForTurn = false; ///< its waiting requests are in the pacer's turns
    bool m_finishing = false;      ///< disconnected, with requests still to handle
    QString m_peer;
    QString m_address;
    QString m_company;
    QString m_preset;
    QString m_language;
    std::optional<Protocol::Status> m_status; ///< none until welcome
    QString m_conversation;
    QString m_secret;
    int m_queuePosition = 0;
    qint64 m_handed = 0; ///< calls made by ConversationSubscribers, logged at debug level
    EventReplay m_replay;
    /// Received during the replay, or behind a write that waits for its turn; in order.
    QList<Protocol::WidgetRequest> m_waiting;
    MessageOrder m_order;
    QSet<QString> m_storing; ///< client ids of the messages waiting for their commit
};

} // namespace OWidget::Server
