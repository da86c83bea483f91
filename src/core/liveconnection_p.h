// The widget's WebSocket (docs/protocol.md, section 3): opens it, greets with `hello`, decodes
// frames, and keeps a heartbeat so a dead link is noticed within two intervals. Reconnecting is
// the controller's decision, not this class's.
#pragma once

#include "protocol_p.h"

#include <QObject>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace OWidget {

class LiveConnection : public QObject
{
    Q_OBJECT
public:
    explicit LiveConnection(QObject *parent = nullptr);
    ~LiveConnection() override;

    /// Opens `url`, sends `hello` once connected. Closes a connection that is open.
    void open(const QUrl &url, const QByteArray &hello);
    /// Closes without emitting closed().
    void close();
    bool isOpen() const;
    /// Sends one frame; false when the link is not open.
    bool send(const QByteArray &frame);
    void setHeartbeatInterval(int seconds);
    int heartbeatInterval() const;

Q_SIGNALS:
    void messageReceived(const OWidget::Protocol::ServerMessage &message);
    void malformedMessage(const QString &reason);
    void closed(const OWidget::Error &reason);

private:
    void onConnected();
    void onTextMessage(const QString &text);
    void onDisconnected();
    void noteAlive();
    void drop(Error::Code code, const QString &message);

    QWebSocket *m_socket = nullptr;
    QByteArray m_hello;
    QTimer m_pingTimer;
    QTimer m_deadline;       ///< fires when nothing arrived for two heartbeat intervals
    bool m_welcomed = false; ///< until `welcome`, only it keeps the link alive
    int m_heartbeatSeconds = 15;
};

} // namespace OWidget
