#include "messagemodel_p.h"

#include "attachmentbubble_p.h"

#include <owidget/controller.h>

#include <QGuiApplication>

#include <utility>

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
        connect(controller, &Controller::operatorReadSeqChanged, this, &MessageModel::refreshSeen);
        connect(
            controller, &Controller::operatorAvatarChanged, this, &MessageModel::refreshAvatars);
        connectAttachments(controller);
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
    return parent.isValid() ? 0 : int(m_messages.size() - m_first) + (m_typing ? 1 : 0);
}

QVariant MessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype row = m_first + index.row(); // in m_messages
    if (row == m_messages.size()) {              // the typing indicator
        switch (role) {
        case TypingRole:
            return true;
        case PositionRole:
            return qlonglong(-1);
        case SenderRole:
            return int(ChatMessage::Sender::Operator);
        case SenderNameRole:
            return m_controller ? m_controller->operatorName() : QString();
        case SenderAvatarRole:
            return m_controller ? m_controller->operatorAvatar() : QImage();
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
        QString said = message.text;
        if (!message.attachment.isNull()) {
            const QString file = AttachmentBubble::description(
                attachmentView(message).value<AttachmentView>(), QLocale());
            said = said.isEmpty() ? file : file + u". "_s + said;
        }
        const QString text
            = tr("%1 at %2: %3")
                  .arg(who,
                      QLocale().toString(message.time.toLocalTime().time(), QLocale::ShortFormat),
                      said);
        if (data(index, SeenRole).toBool())
            return tr("%1. Seen", "the operator has read up to this message").arg(text);
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
    case SenderAvatarRole:
        return message.sender == ChatMessage::Sender::Operator ? avatarOf(message.senderName)
                                                               : QImage();
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
    case PositionRole:
        return qlonglong(row);
    case EventsBeforeRole:
        return row == 0 ? eventsAt(0) : QStringList();
    case EventsAfterRole:
        return eventsAt(row + 1);
    case SeqRole:
        return qlonglong(message.seq);
    case SeenRole:
        return m_seenSeq > 0 && message.seq == m_seenSeq
            && message.sender == ChatMessage::Sender::Visitor;
    case AttachmentRole:
        return attachmentView(message);
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
    names.insert(PositionRole, "position");
    return names;
}

void MessageModel::addEvent(const QString &text)
{
    const qsizetype anchor = m_messages.size();
    m_events.append({ anchor, text });
    // Shown under the latest message, whose row grows.
    const qsizetype row = anchor - 1 - m_first;
    if (anchor > 0 && row >= 0)
        Q_EMIT dataChanged(index(int(row)), index(int(row)));
}

QStringList MessageModel::eventsAt(qsizetype anchor) const
{
    QStringList texts;
    for (const auto &[at, text] : m_events) {
        if (at == anchor)
            texts.append(text);
    }
    return texts;
}

void MessageModel::reset()
{
    m_events.clear();
    resetTo(m_controller ? m_controller->messages() : QList<ChatMessage>(),
        m_controller && m_controller->isOperatorTyping());
}

void MessageModel::setMessages(const QList<ChatMessage> &messages)
{
    resetTo(messages, false);
}

void MessageModel::resetTo(const QList<ChatMessage> &messages, bool typing)
{
    beginResetModel();
    m_messages = messages;
    m_first = qMax<qsizetype>(0, m_messages.size() - PageSize);
    m_typing = typing;
    m_seenSeq = 0;
    endResetModel();
    refreshSeen();
}

// The controller knows the picture of the operator who answers now; one who answered before
// (a name of the history) keeps their initials.
QImage MessageModel::avatarOf(const QString &name) const
{
    return m_controller && name == m_controller->operatorName() ? m_controller->operatorAvatar()
                                                                : QImage();
}

void MessageModel::refreshAvatars()
{
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), { SenderAvatarRole });
}

int MessageModel::loadEarlier(int count)
{
    const int added = int(qMin<qsizetype>(qMax(0, count), m_first));
    if (added == 0)
        return 0;
    beginInsertRows({}, 0, added - 1);
    m_first -= added;
    endInsertRows();
    return added;
}

// Places the message where the controller did: the visitor's messages still sending stay last.
void MessageModel::append(const ChatMessage &message)
{
    qsizetype at = m_messages.size();
    if (message.delivery != ChatMessage::Delivery::Sending) {
        while (at > m_first && m_messages.at(at - 1).sender == ChatMessage::Sender::Visitor
            && m_messages.at(at - 1).delivery == ChatMessage::Delivery::Sending)
            --at;
    }
    const int row = int(at - m_first);
    beginInsertRows({}, row, row);
    m_messages.insert(at, message);
    endInsertRows();
    // The rows after it moved down one (their positions changed), and the first of them, or
    // the typing row, may now continue this message's run.
    if (row + 1 < rowCount())
        Q_EMIT dataChanged(index(row + 1), index(rowCount() - 1));
    if (message.sender == ChatMessage::Sender::Operator)
        Q_EMIT operatorMessageArrived(message);
    else
        refreshSeen();
}

void MessageModel::markDelivered(const QString &clientId)
{
    if (!m_controller)
        return;
    // The message is almost always one of the latest: both lists are searched from the end.
    const QList<ChatMessage> current = m_controller->messages();
    for (qsizetype at = m_messages.size() - 1; at >= 0; --at) {
        if (m_messages.at(at).clientId != clientId)
            continue;
        for (qsizetype c = current.size() - 1; c >= 0; --c) {
            if (current.at(c).clientId == clientId) {
                m_messages[at] = current.at(c);
                break;
            }
        }
        touchMessage(at);
        touchMessage(at + 1); // its time may have moved the next day break
        refreshSeen();
        return;
    }
}

void MessageModel::refreshDeliveries()
{
    if (!m_controller)
        return;
    QHash<QString, ChatMessage::Delivery> deliveries;
    for (const ChatMessage &message : m_controller->messages()) {
        if (!message.clientId.isEmpty())
            deliveries.insert(message.clientId, message.delivery);
    }
    for (qsizetype at = 0; at < m_messages.size(); ++at) {
        const ChatMessage &message = m_messages.at(at);
        if (message.clientId.isEmpty())
            continue;
        const auto it = deliveries.constFind(message.clientId);
        if (it != deliveries.cend() && *it != message.delivery) {
            m_messages[at].delivery = *it;
            touchMessage(at);
            if (*it == ChatMessage::Delivery::Failed)
                Q_EMIT deliveryFailed(m_messages.at(at));
        }
    }
}

void MessageModel::setTyping(bool typing)
{
    if (m_typing == typing)
        return;
    const int row = int(m_messages.size() - m_first);
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

void MessageModel::touchMessage(qsizetype at)
{
    // Messages not loaded as rows yet have nothing to repaint.
    if (at >= m_first && at < m_messages.size())
        touch(int(at - m_first));
}

// "Seen" goes under one message only: the visitor's last one the operator's mark covers.
void MessageModel::refreshSeen()
{
    const qint64 mark = m_controller ? m_controller->operatorReadSeq() : 0;
    qint64 seen = 0;
    for (auto it = m_messages.crbegin(); it != m_messages.crend() && mark > 0; ++it) {
        if (it->sender == ChatMessage::Sender::Visitor && it->seq > 0 && it->seq <= mark) {
            seen = it->seq;
            break;
        }
    }
    if (seen == m_seenSeq)
        return;
    const qint64 before = std::exchange(m_seenSeq, seen);
    for (qsizetype at = m_messages.size() - 1; at >= 0; --at) {
        const qint64 seq = m_messages.at(at).seq;
        if (seq > 0 && (seq == before || seq == seen))
            touchMessage(at);
    }
}

void MessageModel::connectAttachments(Controller *controller)
{
    connect(controller, &Controller::attachmentProgressed, this,
        [this](const QString &clientId, qint64 sent, qint64 total) {
            m_uploadProgress.insert(clientId, total > 0 ? qreal(sent) / qreal(total) : 0);
            updateMessage(clientId, [](ChatMessage &) {});
        });
    connect(controller, &Controller::attachmentUploaded, this,
        [this](const QString &clientId, const Attachment &attachment) {
            m_uploadProgress.remove(clientId);
            updateMessage(
                clientId, [&attachment](ChatMessage &message) { message.attachment = attachment; });
        });
    connect(controller, &Controller::attachmentFailed, this, [this](const QString &clientId) {
        m_uploadProgress.remove(clientId);
        refreshDeliveries();
    });
    connect(controller, &Controller::attachmentCancelled, this, &MessageModel::removeMessage);
    connect(controller, &Controller::attachmentThumbnailReady, this,
        [this](const QString &id, const QImage &thumbnail) {
            if (thumbnail.isNull())
                m_thumbnailsFailed.insert(id);
            touchAttachment(id);
        });
}

QVariant MessageModel::attachmentView(const ChatMessage &message) const
{
    if (message.attachment.isNull())
        return {};
    AttachmentView view;
    view.attachment = message.attachment;
    view.failed = message.delivery == ChatMessage::Delivery::Failed;
    const QString &id = message.attachment.id;
    if (id.isEmpty() && !view.failed)
        view.progress = m_uploadProgress.value(message.clientId, 0);
    view.thumbnailFailed = m_thumbnailsFailed.contains(id);
    if (view.showsImage() && m_controller) {
        // Asked for when a row is shown: the controller fetches it once and says when it came.
        view.thumbnail = m_controller->attachmentThumbnail(id, qGuiApp->devicePixelRatio());
    }
    return QVariant::fromValue(view);
}

void MessageModel::updateMessage(
    const QString &clientId, const std::function<void(ChatMessage &)> &change)
{
    for (qsizetype at = m_messages.size() - 1; at >= 0; --at) {
        if (m_messages.at(at).clientId == clientId) {
            change(m_messages[at]);
            touchMessage(at);
            return;
        }
    }
}

void MessageModel::removeMessage(const QString &clientId)
{
    m_uploadProgress.remove(clientId);
    for (qsizetype at = m_messages.size() - 1; at >= m_first; --at) {
        if (m_messages.at(at).clientId != clientId)
            continue;
        const int row = int(at - m_first);
        beginRemoveRows({}, row, row);
        m_messages.removeAt(at);
        endRemoveRows();
        // The rows after it moved up: their positions and runs changed.
        if (row < rowCount())
            Q_EMIT dataChanged(index(row), index(rowCount() - 1));
        return;
    }
}

void MessageModel::touchAttachment(const QString &id)
{
    for (qsizetype at = m_messages.size() - 1; at >= m_first; --at) {
        if (m_messages.at(at).attachment.id == id)
            touchMessage(at);
    }
}

} // namespace OWidget
