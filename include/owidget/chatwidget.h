// OWidget::ChatWidget: the drop-in — a chat button and its chat window, with their controller.
#pragma once

#include <owidget/owidget_widgets_export.h>

#include <QKeySequence>
#include <QUrl>
#include <QWidget>

#include <memory>

namespace OWidget {

class ChatButton;
class ChatWindow;
class Controller;

class OWIDGET_WIDGETS_EXPORT ChatWidget : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QString companyId READ companyId WRITE setCompanyId)
    Q_PROPERTY(QString preset READ preset WRITE setPreset)
    Q_PROPERTY(QString language READ language WRITE setLanguage)
    Q_PROPERTY(QString scope READ scope WRITE setScope)
    Q_PROPERTY(QUrl serverUrl READ serverUrl WRITE setServerUrl)
    Q_PROPERTY(bool autoConnect READ autoConnect WRITE setAutoConnect)
    Q_PROPERTY(QKeySequence openChatShortcut READ openChatShortcut WRITE setOpenChatShortcut)
    Q_PROPERTY(bool notificationSound READ notificationSound WRITE setNotificationSound NOTIFY
            notificationSoundChanged)
    Q_PROPERTY(bool systemNotifications READ systemNotifications WRITE setSystemNotifications NOTIFY
            systemNotificationsChanged)
    Q_PROPERTY(bool emojiPickerVisible READ emojiPickerVisible WRITE setEmojiPickerVisible)

public:
    explicit ChatWidget(QWidget *parent = nullptr);
    ~ChatWidget() override;

    QString companyId() const;
    void setCompanyId(const QString &companyId);
    QString preset() const;
    void setPreset(const QString &preset);
    QString language() const;
    void setLanguage(const QString &language);
    QString scope() const;
    void setScope(const QString &scope);
    QUrl serverUrl() const;
    void setServerUrl(const QUrl &url);
    /// Connects by itself once the company id is set and the widget is shown. On by default.
    bool autoConnect() const;
    void setAutoConnect(bool autoConnect);
    /// Opens the chat from anywhere in the host's window. None by default.
    QKeySequence openChatShortcut() const;
    void setOpenChatShortcut(const QKeySequence &shortcut);
    /// A short sound when an operator's message arrives while the chat is out of sight. Off by
    /// default.
    bool notificationSound() const;
    void setNotificationSound(bool enabled);
    /// A notification of the operating system (the operator's name and the first words) when
    /// an operator's message arrives while the chat is out of sight; clicking it opens the
    /// chat. Off by default.
    bool systemNotifications() const;
    void setSystemNotifications(bool enabled);
    /// The emoji button in the chat window's composer, which opens the emoji picker. On by
    /// default.
    bool emojiPickerVisible() const;
    void setEmojiPickerVisible(bool visible);

    /// The controller, for the seed's callbacks (setAppEventCallback, setStatusUpdateCallback…).
    Controller *controller() const;
    ChatButton *chatButton() const;
    ChatWindow *chatWindow() const;

    QSize sizeHint() const override;

Q_SIGNALS:
    void notificationSoundChanged(bool enabled);
    void systemNotificationsChanged(bool enabled);

protected:
    void showEvent(QShowEvent *event) override;

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace OWidget
