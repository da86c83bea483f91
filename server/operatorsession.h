#pragma once

#include "floodlog.h"
#include "options.h"
#include "ratelimiter.h"
#include "requestpacer.h"

#include "protocol/errors.h"
#include "protocol/event.h"
#include "protocol/operatormessages.h"

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
struct Conversation;
struct OfflineItem;

// One operator console's WebSocket (docs/protocol.md section 6), already authenticated.
class OperatorSession : public QObject
{
    Q_OBJECT
public:
    OperatorSession(std::unique_ptr<QWebSocket> socket, const QString &login, Directory &directory,
        ConversationService &conversations, OfflineInbox &inbox, Ratings &ratings,
        RequestPacer &pacer, const ServerOptions &options, QObject *parent = nullptr);
    ~OperatorSession() override;

    void shutdown();

Q_SIGNALS:
    void finished();

private:
    void onTextMessage(const QString &text);
    void onBinaryMessage();
    void admit(const Protocol::OperatorRequest &request);
    RequestPacer::After takeTurn();
    int turnShare() const;
    void handle(const Protocol::OperatorRequest &request);
    void handleAccept(const Protocol::AcceptConversation &accept);
    void handleMessage(const Protocol::OperatorMessage &message);
    void handleEnd(const Protocol::OperatorEnd &end);
    void handleRead(const Protocol::OperatorRead &read);
    std::optional<Conversation> ownConversation(const QString &id, const QString &clientId = {});

    void onEventAppended(const Conversation &conversation, const Protocol::Event &event);
    void onConversationAccepted(const Conversation &conversation);
    void onQueued(const Conversation &conversation);
    void onDequeued(const Conversation &conversation, int position);
    void onTyping(const QString &conversation, bool fromOperator, bool active);
    void onOfflineItem(const OfflineItem &item);
    void sendRatings();
    void onReadMarkMoved(const QString &conversation, Protocol::Sender side, qint64 seq);

    Protocol::OperatorProfile profile() const;
    QList<Protocol::QueueEntry> queue() const;
    Protocol::ConversationDetail detail(const Conversation &conversation);
    Protocol::QueueEntry queueEntry(const Conversation &conversation, int position) const;
    Protocol::OfflineItemPage offlineItems(Protocol::OfflineItem::Kind kind) const;
    void sendSnapshot();
    void continueHistory();
    void send(const QByteArray &frame);
    void sendError(Protocol::ErrorCode code, const QString &message,
        const QString &conversation = {}, const QString &clientId = {});

    std::unique_ptr<QWebSocket> m_socket;
    QString m_login;
    QString m_company;
    QStringList m_groups;
    Directory &m_directory;
    ConversationService &m_conversations;
    OfflineInbox &m_inbox;
    Ratings &m_ratings;
    RequestPacer &m_pacer;
    QList<Protocol::OperatorRequest> m_waiting; ///< behind a write that waits for its turn
    bool m_waitingForTurn = false;
    int m_turnLeft = 0; ///< writes left of this turn's share
    RateLimiter m_limiter;
    FloodLog m_errorLog;
    QTimer m_heartbeat;
    QElapsedTimer m_lastReceived;
    QSet<QString> m_storing; ///< conversation/clientId of messages waiting for their commit
    bool m_connected = true;
    bool m_snapshotSent = false;
    // The earlier events of conversations sent with their newest only: those after `after` up
    // to `upTo`, written a page at a time as the socket drains.
    struct History
    {
        QString conversation;
        qint64 after = 0;
        qint64 upTo = 0;
    };
    QList<History> m_history;
    bool m_writingHistory = false;
};

} // namespace OWidget::Server
