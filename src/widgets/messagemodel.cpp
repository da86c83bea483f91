#include "messagemodel_p.h"

#include <owidget/controller.h>

using namespace Qt::StringLiterals;

namespace OWidget {

MessageModel::MessageModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void MessageModel::setController(Controller *controller)
{
    if (m_controller == controller)
        return;
    if (m_controller)
        m_controller->disconnect(this);
    m_controller = controller;
    if (controller) {
        connect(controller, &Controller::messageAdded, this, &MessageModel::append);
        connect(controller, &Controller::messageDelivered, this,
            [this](const QString &clientId) { markDelivered(clientId); });
        // A refused message becomes Failed with no signal of its own, but with an error.
        connect(controller, &Controller::errorOccurred, this, &MessageModel::refreshDeliveries);
        connect(controller, &Controller::operatorTypingChanged, this, &MessageModel::setTyping);
        connect(controller, &Controller::chatStateChanged, this, [this](ChatState state) {
            // startChat() and a rejected resume clear the controller's list without a signal.
            if (state == ChatState::Starting || state == ChatState::NoChat)
                reset();
        });
    }
    reset();
}

int MessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size()) + (m_typing ? 1 : 0);
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (row == m_messages.size()) { // the typing indicator
        switch (role) {
        case TypingRole:
            return true;
        case SenderRole:
            return int(ChatMessage::Sender::Operator);
        case SenderNameRole:
            return m_controller ? m_controller->operatorName() : QString();
        case FirstOfRunRole:
            return m_messages.isEmpty()
                || m_messages.constLast().sender != ChatMessage::Sender::Operator;
        case Qt::AccessibleTextRole:
            return tr("%1 is typing").arg(m_controller ? m_controller->operatorName() : QString());
        default:
            return {};
        }
    }
    const ChatMessage &message = m_messages.at(row);
    switch (role) {
    case Qt::DisplayRole:
        return message.text;
    case Qt::AccessibleTextRole: {
        const QString who
            = message.sender == ChatMessage::Sender::Visitor ? tr("You") : message.senderName;
        const QString text
            = tr("%1 at %2: %3")
                  .arg(who,
                      QLocale().toString(message.time.toLocalTime().time(), QLocale::ShortFormat),
                      message.text);
        switch (message.delivery) {
        case ChatMessage::Delivery::Sending:
            return message.sender == ChatMessage::Sender::Visitor ? tr("%1 (sending)").arg(text)
                                                                  : text;
        case ChatMessage::Delivery::Failed:
            return tr("%1 (not delivered)").arg(text);
        case ChatMessage::Delivery::Delivered:
            break;
        }
        return text;
    }
    case SenderRole:
        return int(message.sender);
    case SenderNameRole:
        return message.senderName;
    case TimeRole:
        return message.time;
    case DeliveryRole:
        return int(message.delivery);
    case DayBreakRole:
        return row == 0
            || m_messages.at(row - 1).time.toLocalTime().date()
            != message.time.toLocalTime().date();
    case FirstOfRunRole:
        return row == 0 || m_messages.at(row - 1).sender != message.sender;
    case TypingRole:
        return false;
    case ClientIdRole:
        return message.clientId;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SenderRole, "sender");
    names.insert(SenderNameRole, "senderName");
    names.insert(TimeRole, "time");
    names.insert(DeliveryRole, "delivery");
    names.insert(DayBreakRole, "dayBreak");
    names.insert(FirstOfRunRole, "firstOfRun");
    names.insert(TypingRole, "typing");
    names.insert(ClientIdRole, "clientId");
    return names;
}

void MessageModel::reset()
{
    beginResetModel();
    m_messages = m_controller ? m_controller->messages() : QList<ChatMessage>();
    m_typing = m_controller && m_controller->isOperatorTyping();
    endResetModel();
}

// Places the message where the controller did: the visitor's messages still sending stay last.
void MessageModel::append(const ChatMessage &message)
{
    int row = int(m_messages.size());
    if (message.delivery != ChatMessage::Delivery::Sending) {
        while (row > 0 && m_messages.at(row - 1).sender == ChatMessage::Sender::Visitor
            && m_messages.at(row - 1).delivery == ChatMessage::Delivery::Sending)
            --row;
    }
    beginInsertRows({}, row, row);
    m_messages.insert(row, message);
    endInsertRows();
    if (row + 1 < rowCount())
        touch(row + 1); // the next row, or the typing one, may now continue this message's run
    if (message.sender == ChatMessage::Sender::Operator)
        Q_EMIT operatorMessageArrived(message);
}

void MessageModel::markDelivered(const QString &clientId)
{
    if (!m_controller)
        return;
    const QList<ChatMessage> current = m_controller->messages();
    for (int row = 0; row < m_messages.size(); ++row) {
        if (m_messages.at(row).clientId != clientId)
            continue;
        for (const ChatMessage &message : current) {
            if (message.clientId == clientId) {
                m_messages[row] = message;
                break;
            }
        }
        touch(row);
        if (row + 1 < m_messages.size())
            touch(row + 1); // its time may have moved the next day break
        return;
    }
}

void MessageModel::refreshDeliveries()
{
    if (!m_controller)
        return;
    const QList<ChatMessage> current = m_controller->messages();
    for (const ChatMessage &message : current) {
        if (message.clientId.isEmpty())
            continue;
        for (int row = 0; row < m_messages.size(); ++row) {
            if (m_messages.at(row).clientId == message.clientId
                && m_messages.at(row).delivery != message.delivery) {
                m_messages[row].delivery = message.delivery;
                touch(row);
            }
        }
    }
}

void MessageModel::setTyping(bool typing)
{
    if (m_typing == typing)
        return;
    const int row = int(m_messages.size());
    if (typing) {
        beginInsertRows({}, row, row);
        m_typing = true;
        endInsertRows();
    } else {
        beginRemoveRows({}, row, row);
        m_typing = false;
        endRemoveRows();
    }
}

void MessageModel::touch(int row)
{
    const QModelIndex changed = index(row);
    Q_EMIT dataChanged(changed, changed);
}

} // namespace OWidget
