#pragma once

#include <QJsonObject>
#include <QObject>

#include <optional>

namespace OWidget::Server {

class Database;
class Directory;

struct Conversation
{
    QString id;
    QString company;
    QString preset;
    QString group;
    QString secretHash;
    QString state; // waiting, active, ended
    QString language;
    QJsonObject fields;
    QJsonObject customData;
    QString startClientId;
    QString operatorLogin;
    QString operatorName;
    qint64 created = 0;
    qint64 ended = 0;
    int lastSeq = 0;
};

// One sequenced event of a conversation: joined, message or ended.
struct Event
{
    int seq = 0;
    QString type;
    qint64 time = 0;
    QString from; // message: operator or visitor
    QString name; // joined and operator messages: the operator's display name
    QString text;
    QString by; // ended: operator, visitor or system
    QString clientId;

    QJsonObject toWidgetJson() const;
    QJsonObject toOperatorJson() const;
};

struct OfflineItem
{
    QString id;
    QString company;
    QString preset;
    QString kind; // message or callback
    QString clientId;
    QJsonObject fields;
    QString text;
    QString phone;
    qint64 created = 0;

    QJsonObject toJson() const;
};

// Conversations, their events and the queues, stored in the database. Every change is
// committed before the method returns, and only then announced by a signal.
class ConversationService : public QObject
{
    Q_OBJECT
public:
    ConversationService(
        Database &database, Directory &directory, qint64 resumeWindowMs, QObject *parent = nullptr);

    std::optional<Conversation> find(const QString &id) const;
    // The conversation if `secret` is its secret and it is still resumable.
    std::optional<Conversation> resume(const QString &id, const QString &secret) const;
    std::optional<Conversation> start(const QString &company, const QString &preset,
        const QString &language, const QJsonObject &fields, const QJsonObject &customData,
        const QString &clientId, QString *secret);
    QList<Event> events(const QString &id, int afterSeq) const;
    // Stores a message unless one with the same sender and client id exists; either way the
    // stored event is returned, with *duplicate telling which.
    std::optional<Event> appendMessage(const QString &id, const QString &from, const QString &name,
        const QString &clientId, const QString &text, bool *duplicate);
    // Accepts the named conversation, or with an empty id the oldest waiting one in the
    // operator's groups. On failure, *errorCode is not_found, conflict or at_capacity.
    std::optional<Conversation> accept(const QString &login, const QString &id, QString *errorCode);
    bool end(const QString &id, const QString &by);
    void notifyTyping(const QString &id, bool fromOperator, bool active);

    QList<Conversation> waiting(const QString &company, const QStringList &groups) const;
    int queuePosition(const Conversation &conversation) const;
    QList<Conversation> activeFor(const QString &login) const;

    std::optional<OfflineItem> addOfflineItem(const OfflineItem &item, bool *duplicate);
    QList<OfflineItem> offlineItems(const QString &company, const QString &kind) const;

Q_SIGNALS:
    void eventAppended(
        const OWidget::Server::Conversation &conversation, const OWidget::Server::Event &event);
    void queueChanged(const QString &company, const QString &group);
    void conversationAccepted(const OWidget::Server::Conversation &conversation);
    void typingChanged(const QString &conversation, bool fromOperator, bool active);
    void offlineItemAdded(const OWidget::Server::OfflineItem &item);

private:
    std::optional<Event> appendEvent(const QString &id, Event event);
    void updateActiveChats(const QString &login);
    qint64 nextTimestamp();

    Database &m_database;
    Directory &m_directory;
    qint64 m_resumeWindowMs;
    qint64 m_lastTimestamp = 0;
};

} // namespace OWidget::Server
