#include "waitingqueue.h"
#include "conversationservice.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

QString WaitingQueue::groupKey(const QString &company, const QString &group)
{
    return company % u'/' % group;
}

void WaitingQueue::clear()
{
    m_groups.clear();
    m_waiting.clear();
    m_addressOf.clear();
    m_perAddress.clear();
}

std::vector<WaitingQueue::Place>::const_iterator WaitingQueue::find(
    const std::vector<Place> &places, const Place &p) const
{
    const auto it = std::lower_bound(places.cbegin(), places.cend(), p);
    return it != places.cend() && it->id == p.id ? it : places.cend();
}

void WaitingQueue::add(const Conversation &conversation, const QString &address)
{
    if (m_waiting.contains(conversation.id))
        return;
    auto &places = m_groups[groupKey(conversation.company, conversation.group)];
    const Place place { conversation.created, conversation.id };
    // New conversations are the newest: appended, unless loaded from the database unordered.
    places.insert(std::upper_bound(places.begin(), places.end(), place), place);
    m_waiting.insert(conversation.id, conversation);
    if (!address.isEmpty()) {
        m_addressOf.insert(conversation.id, address);
        ++m_perAddress[address];
    }
}

int WaitingQueue::remove(const QString &id)
{
    const auto it = m_waiting.constFind(id);
    if (it == m_waiting.cend())
        return 0;
    const QString key = groupKey(it->company, it->group);
    auto &places = m_groups[key];
    const auto at = find(places, { it->created, id });
    int position = 0;
    if (at != places.cend()) {
        position = int(at - places.cbegin()) + 1;
        places.erase(at);
    }
    if (places.empty())
        m_groups.remove(key);
    m_waiting.erase(it);
    if (const QString address = m_addressOf.take(id); !address.isEmpty()) {
        if (--m_perAddress[address] <= 0)
            m_perAddress.remove(address);
    }
    return position;
}

int WaitingQueue::position(const QString &id) const
{
    const auto it = m_waiting.constFind(id);
    if (it == m_waiting.cend())
        return 0;
    const auto group = m_groups.constFind(groupKey(it->company, it->group));
    if (group == m_groups.cend())
        return 0;
    const auto at = find(*group, { it->created, id });
    return at == group->cend() ? 0 : int(at - group->cbegin()) + 1;
}

QList<Conversation> WaitingQueue::of(const QString &company, const QStringList &groups) const
{
    std::vector<Place> merged;
    for (const QString &group : groups) {
        const auto places = m_groups.constFind(groupKey(company, group));
        if (places != m_groups.cend())
            merged.insert(merged.end(), places->cbegin(), places->cend());
    }
    std::sort(merged.begin(), merged.end());
    QList<Conversation> list;
    list.reserve(qsizetype(merged.size()));
    for (const Place &p : merged)
        list.append(m_waiting.value(p.id));
    return list;
}

std::optional<Conversation> WaitingQueue::oldest(
    const QString &company, const QStringList &groups) const
{
    std::optional<Place> first;
    for (const QString &group : groups) {
        const auto places = m_groups.constFind(groupKey(company, group));
        if (places != m_groups.cend() && !places->empty() && (!first || places->front() < *first))
            first = places->front();
    }
    if (!first)
        return std::nullopt;
    return m_waiting.value(first->id);
}

} // namespace OWidget::Server
