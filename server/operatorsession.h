#pragma once

#include "clientframe.h"
#include "options.h"
#include "ratelimiter.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <memory>

class QWebSocket;

namespace OWidget::Server {

class ConversationService;
class Directory;
struct Conversation;
struct Event;
struct OfflineItem;

// One operator console's WebSocket (docs/protocol.md section 6), already authenticated.
class OperatorSession : public QObject
{
    Q_OBJECT
public:
    OperatorSession(std::unique_ptr<QWebSocket> socket, const QString &login, Directory &directory,
        ConversationService &conversations, const ServerOptions &options,
        QObject *parent = nullptr);
    ~OperatorSession() override;

    void shutdown();

Q_SIGNALS:
    void finished();

private:
    void onTextMessage(const QString &text);
    void handle(const OperatorMessage &message);
    void handleMessage(const QJsonObject &message);
    std::optional<Conversation> ownConversation(const QJsonObject &message);

    void onEventAppended(const Conversation &conversation, const Event &event);
    void onConversationAccepted(const Conversation &conversation);
    void onQueueChanged(const QString &company, const QString &group);
    void onTyping(const QString &conversation, bool fromOperator, bool active);
    void onOfflineItem(const OfflineItem &item);

    QJsonObject operatorJson() const;
    QJsonArray queueJson() const;
    QJsonObject conversationJson(const Conversation &conversation) const;
    void sendSnapshot();
    void send(const QJsonObject &message);
    void sendError(const QString &code, const QString &message, const QJsonObject &context = {});

    std::unique_ptr<QWebSocket> m_socket;
    QString m_login;
    QString m_company;
    QStringList m_groups;
    Directory &m_directory;
    ConversationService &m_conversations;
    RateLimiter m_limiter;
    QTimer m_heartbeat;
    QElapsedTimer m_lastReceived;
    bool m_appending = false;
    bool m_connected = true;
    bool m_snapshotSent = false;
};

} // namespace OWidget::Server
