#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace OWidget::Server {

struct Conversation;

// The waiting conversations in memory, in the order of their queues: loaded from the database
// at start and changed only after the database has committed the change, so that a position,
// the oldest waiting conversation or the waiting conversations of one address cost no query.
class WaitingQueue
{
public:
    void clear();
    void add(const Conversation &conversation, const QString &address);
    /// Removes the conversation; its 1-based position in its group before, or 0 if it was not
    /// waiting.
    int remove(const QString &id);
    bool contains(const QString &id) const { return m_waiting.contains(id); }
    /// 1-based within its group; 0 when the conversation is not waiting.
    int position(const QString &id) const;
    /// The waiting conversations of the company in these groups, oldest first.
    QList<Conversation> of(const QString &company, const QStringList &groups) const;
    std::optional<Conversation> oldest(const QString &company, const QStringList &groups) const;
    /// How many conversations started from this address are waiting.
    int waitingFrom(const QString &address) const { return m_perAddress.value(address); }
    QStringList ids() const { return m_waiting.keys(); }

private:
    struct Place
    {
        qint64 created = 0;
        QString id;
        bool operator<(const Place &other) const
        {
            return created != other.created ? created < other.created : id < other.id;
        }
    };

    static QString groupKey(const QString &company, const QString &group);
    std::vector<Place>::const_iterator find(const std::vector<Place> &places, const Place &p) const;

    QHash<QString, std::vector<Place>> m_groups; // by company + '/' + group, in queue order
    QHash<QString, Conversation> m_waiting;      // by id
    QHash<QString, QString> m_addressOf;         // by id, for those started since the start
    QHash<QString, int> m_perAddress;
};

} // namespace OWidget::Server
