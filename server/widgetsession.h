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

// One widget's WebSocket (docs/protocol.md section 3): hello, status, one conversation.
class WidgetSession : public QObject
{
    Q_OBJECT
public:
    WidgetSession(std::unique_ptr<QWebSocket> socket, Directory &directory,
        ConversationService &conversations, const ServerOptions &options,
        QObject *parent = nullptr);
    ~WidgetSession() override;

    void shutdown();

Q_SIGNALS:
    void finished();

private:
    void onTextMessage(const QString &text);
    void handle(const WidgetMessage &message);
    void handleHello(const QJsonObject &message);
    void handleStart(const QJsonObject &message);
    void handleMessage(const QJsonObject &message);
    void handleTyping(const QJsonObject &message);
    void handleEnd(const QJsonObject &message);
    void handleOffline(const QJsonObject &message);
    bool checkFields(const QJsonObject &message, bool requireRequired, QJsonObject *fields);

    void onStatusChanged(const QString &company, const QString &preset, int status);
    void onEventAppended(const Conversation &conversation, const Event &event);
    void onQueueChanged(const QString &company, const QString &group);
    void onTyping(const QString &conversation, bool fromOperator, bool active);
    void onHeartbeat();

    void send(const QJsonObject &message);
    void sendText(const QString &text);
    void sendError(const QString &code, const QString &message, const QString &clientId = {});
    void sendCreated(const Conversation &conversation);
    void closeWith(int closeCode, const QString &reason);
    void setConversation(const QString &id, const QString &secret);

    std::unique_ptr<QWebSocket> m_socket;
    Directory &m_directory;
    ConversationService &m_conversations;
    ServerOptions m_options;
    RateLimiter m_limiter;
    QTimer m_heartbeat;
    QElapsedTimer m_lastReceived;
    bool m_welcomed = false;
    bool m_appending = false;
    QString m_peer;
    QString m_company;
    QString m_preset;
    QString m_language;
    int m_status = -1;
    QString m_conversation;
    QString m_secret;
    int m_queuePosition = 0;
};

} // namespace OWidget::Server
