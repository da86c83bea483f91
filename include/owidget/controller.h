// OWidget::Controller: the seed's Widget API, call for call, as a QObject.
#pragma once

#include <owidget/owidget_core_export.h>
#include <owidget/presetconfig.h>
#include <owidget/types.h>

#include <QImage>
#include <QList>
#include <QObject>
#include <QUrl>
#include <QVariantMap>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace OWidget {

class OWIDGET_CORE_EXPORT Controller : public QObject
{
    Q_OBJECT
    Q_PROPERTY(OWidget::ButtonStatus status READ status NOTIFY statusChanged)
    Q_PROPERTY(
        OWidget::ConnectionState connectionState READ connectionState NOTIFY connectionStateChanged)
    Q_PROPERTY(OWidget::ChatState chatState READ chatState NOTIFY chatStateChanged)
    Q_PROPERTY(QString language READ language NOTIFY languageChanged)
    Q_PROPERTY(QUrl serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(bool chatWindowOpen READ isChatWindowOpen NOTIFY chatWindowOpenChanged)
    Q_PROPERTY(int queuePosition READ queuePosition NOTIFY queuePositionChanged)
    Q_PROPERTY(QString operatorName READ operatorName NOTIFY operatorNameChanged)
    Q_PROPERTY(QImage operatorAvatar READ operatorAvatar NOTIFY operatorAvatarChanged)
    Q_PROPERTY(bool operatorTyping READ isOperatorTyping NOTIFY operatorTypingChanged)
    Q_PROPERTY(int unreadCount READ unreadCount NOTIFY unreadCountChanged)
    Q_PROPERTY(qint64 operatorReadSeq READ operatorReadSeq NOTIFY operatorReadSeqChanged)

public:
    using AppEventCallback = std::function<void(const AppEvent &event)>;
    using StatusUpdateCallback = std::function<void(ButtonStatus code)>;
    using NumberNormalization = std::function<std::optional<QString>(const QString &phoneNumber)>;

    explicit Controller(QObject *parent = nullptr);
    ~Controller() override;

    // The seed's API
    static bool isSupported();
    bool init(const QString &companyId, const QString &widgetPreset = {},
        const QString &language = {}, const QString &scope = {});
    void connectToServer();
    void setAppEventCallback(AppEventCallback callback);
    void setStatusUpdateCallback(StatusUpdateCallback callback);
    void setCustomNumberNormalization(NumberNormalization callback);

    // What the product's mobile libraries add
    void addCustomData(const QString &name, const QString &value);
    void openChat();
    void closeChat();

    void disconnectFromServer();
    std::optional<QString> normalizePhoneNumber(const QString &phoneNumber) const;
    /// The most characters (Unicode code points) a message may have, as the protocol allows.
    static int maxMessageLength();

    static QUrl defaultServerUrl();
    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    /// Allows plain HTTP and WS to hosts other than loopback. Off by default.
    void setInsecureTransportAllowed(bool allowed);
    void setReconnectBackoff(std::chrono::milliseconds base, std::chrono::milliseconds cap);
    std::chrono::milliseconds reconnectBaseDelay() const;
    std::chrono::milliseconds reconnectMaxDelay() const;
    bool isInsecureTransportAllowed() const;

    ButtonStatus status() const;
    ConnectionState connectionState() const;
    ChatState chatState() const;
    QString language() const;
    bool isChatWindowOpen() const;
    int queuePosition() const;
    QString operatorName() const;
    QImage operatorAvatar() const;
    bool isOperatorTyping() const;
    /// The operator's messages that arrived while the chat window was closed.
    int unreadCount() const;
    qint64 operatorReadSeq() const;
    QString companyId() const;
    QString preset() const;
    QString scope() const;
    bool hasConfig() const;
    PresetConfig config() const;
    QList<ChatMessage> messages() const;
    /// The pre-chat form as the visitor filled it for a start that did not go: stored when the
    /// program closed and too old to send when it opened, or refused by the server. Empty when
    /// there is none; the next startChat() clears it.
    QVariantMap unsentStartFields() const;

    // The conversation, as the chat window drives it
    bool startChat(const QVariantMap &fields = {});
    QString sendMessage(const QString &text);
    void setTyping(bool typing);
    void endChat();
    QString leaveMessage(const QVariantMap &fields, const QString &text);
    QString requestCallback(const QString &phoneNumber, const QVariantMap &fields = {});
    QString rateConversation(int score, const QString &comment = {});
    void markRead(qint64 seq);

    // Attachments (docs/protocol.md section 9), when the preset allows them
    QString sendAttachment(const QString &filePath);
    QString sendAttachment(
        const QByteArray &data, const QString &fileName, const QString &type = {});
    QString sendAttachment(const QImage &image, const QString &fileName = {});
    bool cancelAttachment(const QString &clientId);
    void saveAttachment(const QString &id, const QString &filePath);
    QImage attachmentThumbnail(const QString &id, qreal devicePixelRatio = 1.0);

Q_SIGNALS:
    void statusChanged(OWidget::ButtonStatus status);
    void connectionStateChanged(OWidget::ConnectionState state);
    void chatStateChanged(OWidget::ChatState state);
    void languageChanged(const QString &language);
    void serverUrlChanged(const QUrl &url);
    void chatWindowOpenChanged(bool open);
    void queuePositionChanged(int position);
    void operatorNameChanged(const QString &name);
    void operatorAvatarChanged(const QImage &avatar);
    void operatorTypingChanged(bool typing);
    void unreadCountChanged(int count);
    void operatorReadSeqChanged(qint64 seq);
    void appEvent(const OWidget::AppEvent &event);
    void errorOccurred(const OWidget::Error &error);
    void configLoaded();
    void reconnectScheduled(int msecs);
    /// A message joined messages(): the visitor's own at the end, the others before the
    /// visitor's messages still waiting for their acknowledgement, which stay last.
    void messageAdded(const OWidget::ChatMessage &message);
    void messageDelivered(const QString &clientId, qint64 seq);
    void requestReceived(const QString &clientId);
    /// The server stored the visitor's rating of the ended conversation.
    void conversationRated(int score);
    /// Bytes of the visitor's attachment `clientId` the server has received, of `total`.
    void attachmentProgressed(const QString &clientId, qint64 sent, qint64 total);
    /// The visitor's attachment is on the server; its message goes now.
    void attachmentUploaded(const QString &clientId, const OWidget::Attachment &attachment);
    /// The visitor's attachment will not go: cancelled, its message gone from messages().
    void attachmentCancelled(const QString &clientId);
    /// The visitor's attachment was refused: its message shows failed; errorOccurred() says why.
    void attachmentFailed(const QString &clientId);
    void attachmentSaved(const QString &id, const QString &filePath);
    /// The attachment `id` could not be saved to `filePath`; errorOccurred() says it too.
    void attachmentSaveFailed(
        const QString &id, const QString &filePath, const OWidget::Error &error);
    /// The thumbnail of an image attachment was decoded; null when it could not be.
    void attachmentThumbnailReady(const QString &id, const QImage &thumbnail);

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace OWidget
