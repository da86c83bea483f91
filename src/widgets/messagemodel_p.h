// The conversation as a list model over the controller's messages, with a row for the
// operator's typing indicator at the end while the operator types.
#pragma once

#include "widgetstestexport_p.h"

#include <owidget/types.h>

#include <QAbstractListModel>
#include <QPointer>

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
    };
    Q_ENUM(Role)

    explicit MessageModel(QObject *parent = nullptr);

    void setController(Controller *controller);
    QList<ChatMessage> messages() const { return m_messages; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    /// An operator's message arrived (not history replayed into a fresh model).
    void operatorMessageArrived(const OWidget::ChatMessage &message);

private:
    void reset();
    void append(const ChatMessage &message);
    void markDelivered(const QString &clientId);
    void refreshDeliveries();
    void setTyping(bool typing);
    void touch(int row);

    QPointer<Controller> m_controller;
    QList<ChatMessage> m_messages;
    bool m_typing = false;
};

} // namespace OWidget
