// The conversation as a list model over the controller's messages, with a row for the
// operator's typing indicator at the end while the operator types. A long conversation opens
// with its latest messages as rows and grows older rows at the top on request (loadEarlier()),
// so that opening it and appending to it do not cost the view a layout of the whole history.
#pragma once

#include "widgetstestexport_p.h"

#include <owidget/types.h>

#include <QAbstractListModel>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <functional>

namespace OWidget {

class Controller;

class OWIDGET_WIDGETS_TEST_EXPORT MessageModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SenderRole = Qt::UserRole + 1, ///< ChatMessage::Sender as int
        SenderNameRole,
        TimeRole,       ///< QDateTime
        DeliveryRole,   ///< ChatMessage::Delivery as int
        DayBreakRole,   ///< bool: the first message of its (local) day
        FirstOfRunRole, ///< bool: the previous row is from someone else
        TypingRole,     ///< bool: the row is the operator's typing indicator
        ClientIdRole,
        PositionRole,     ///< qlonglong: the message's place in the conversation; -1 for typing
        EventsBeforeRole, ///< QStringList: what happened before the first message
        EventsAfterRole,  ///< QStringList: what happened after this message, before the next
        SeqRole,          ///< qlonglong: the server's sequence number; 0 until numbered
        SeenRole, ///< bool: the visitor's last message the operator has read ("Seen" under it)
        SenderAvatarRole, ///< QImage: the operator's picture; null for their initials
        AttachmentRole,   ///< AttachmentView: the message's file, null when it has none
    };
    Q_ENUM(Role)

    /// How many of the latest messages a conversation opens with, and how many older ones
    /// loadEarlier() adds.
    static constexpr int PageSize = 200;

    explicit MessageModel(QObject *parent = nullptr);

    void setController(Controller *controller);
    /// Shows `messages` with no controller behind them (the chat window sets a controller).
    void setMessages(const QList<ChatMessage> &messages);
    /// Every message of the conversation, including those not loaded as rows yet.
    QList<ChatMessage> messages() const { return m_messages; }
    /// Adds a message at the end, as Controller::messageAdded delivers it.
    void append(const ChatMessage &message);

    /// Notes an event of the conversation ("Alice joined") after the latest message. Until a
    /// message comes, it is not shown as part of a row; eventsBeforeMessages() has it.
    void addEvent(const QString &text);
    /// The events noted before the first message.
    QStringList eventsBeforeMessages() const { return eventsAt(0); }

    /// Whether older messages than the first row exist.
    bool hasEarlier() const { return m_first > 0; }
    /// Inserts up to `count` older messages at the top; returns how many.
    int loadEarlier(int count = PageSize);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// An operator's message arrived (not history replayed into a fresh model).
    void operatorMessageArrived(const OWidget::ChatMessage &message);
    /// The server refused one of the visitor's messages.
    void deliveryFailed(const OWidget::ChatMessage &message);

private:
    void reset();
    QStringList eventsAt(qsizetype anchor) const;
    void resetTo(const QList<ChatMessage> &messages, bool typing);
    void markDelivered(const QString &clientId);
    void refreshDeliveries();
    /// The picture of `name` when they are the controller's operator and it has one.
    QImage avatarOf(const QString &name) const;
    void refreshAvatars();
    void setTyping(bool typing);
    void touch(int row);
    void touchMessage(qsizetype at);
    void refreshSeen();
    // Attachments: the visitor's uploads as they go, the server's thumbnails as they come.
    void connectAttachments(Controller *controller);
    QVariant attachmentView(const ChatMessage &message) const;
    void updateMessage(const QString &clientId, const std::function<void(ChatMessage &)> &change);
    void removeMessage(const QString &clientId);
    void touchAttachment(const QString &id);

    QPointer<Controller> m_controller;
    QList<ChatMessage> m_messages;
    qsizetype m_first = 0; ///< the message shown in row 0
    bool m_typing = false;
    /// The seq of the visitor's last message at or below the operator's read mark; 0: none.
    qint64 m_seenSeq = 0;
    /// Events by the number of messages there were when each happened.
    QList<std::pair<qsizetype, QString>> m_events;
    QHash<QString, qreal> m_uploadProgress; ///< by client id, 0 to 1
    QSet<QString> m_thumbnailsFailed;       ///< attachment ids
};

} // namespace OWidget
