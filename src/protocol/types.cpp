#include "types.h"
#include "limits.h"

#include <QList>

#include <utility>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

template<typename Enum> using Names = QList<std::pair<Enum, QLatin1StringView>>;

// One table per enumeration: both directions read it.
template<typename Enum> const Names<Enum> &names();
template<> const Names<ConversationState> &names()
{
    static const Names<ConversationState> table { { ConversationState::Waiting, "waiting"_L1 },
        { ConversationState::Active, "active"_L1 }, { ConversationState::Ended, "ended"_L1 } };
    return table;
}
template<> const Names<Sender> &names()
{
    static const Names<Sender> table { { Sender::Operator, "operator"_L1 },
        { Sender::Visitor, "visitor"_L1 } };
    return table;
}
template<> const Names<EndedBy> &names()
{
    static const Names<EndedBy> table { { EndedBy::Operator, "operator"_L1 },
        { EndedBy::Visitor, "visitor"_L1 }, { EndedBy::System, "system"_L1 } };
    return table;
}
template<> const Names<EventType> &names()
{
    static const Names<EventType> table { { EventType::Joined, "joined"_L1 },
        { EventType::Message, "message"_L1 }, { EventType::Ended, "ended"_L1 } };
    return table;
}
template<> const Names<Availability> &names()
{
    static const Names<Availability> table { { Availability::Online, "online"_L1 },
        { Availability::Busy, "busy"_L1 }, { Availability::Away, "away"_L1 },
        { Availability::Offline, "offline"_L1 } };
    return table;
}
template<> const Names<FieldType> &names()
{
    static const Names<FieldType> table { { FieldType::Text, "text"_L1 },
        { FieldType::Email, "email"_L1 }, { FieldType::Phone, "phone"_L1 },
        { FieldType::TextArea, "textarea"_L1 } };
    return table;
}

template<> const Names<RatingKind> &names()
{
    static const Names<RatingKind> table { { RatingKind::None, "none"_L1 },
        { RatingKind::Thumbs, "thumbs"_L1 }, { RatingKind::Stars, "stars"_L1 } };
    return table;
}

template<typename Enum> QString nameOf(Enum value)
{
    for (const auto &[candidate, text] : names<Enum>()) {
        if (candidate == value)
            return text;
    }
    return {};
}

} // namespace

QString name(ConversationState state)
{
    return nameOf(state);
}
QString name(Sender sender)
{
    return nameOf(sender);
}
QString name(EndedBy by)
{
    return nameOf(by);
}
QString name(EventType type)
{
    return nameOf(type);
}
QString name(Availability availability)
{
    return nameOf(availability);
}
QString name(FieldType type)
{
    return nameOf(type);
}
QString name(RatingKind kind)
{
    return nameOf(kind);
}

bool isRatingScore(RatingKind kind, qint64 score)
{
    switch (kind) {
    case RatingKind::None:
        return false;
    case RatingKind::Thumbs:
        return score == 0 || score == 1;
    case RatingKind::Stars:
        return score >= 1 && score <= MaxStars;
    }
    return false;
}

template<typename Enum> std::optional<Enum> fromName(const QString &text)
{
    for (const auto &[value, candidate] : names<Enum>()) {
        if (text == candidate)
            return value;
    }
    return std::nullopt;
}

template<typename Enum> QStringList spellings()
{
    QStringList list;
    for (const auto &entry : names<Enum>())
        list.append(entry.second);
    return list;
}

template std::optional<ConversationState> fromName(const QString &);
template std::optional<Sender> fromName(const QString &);
template std::optional<EndedBy> fromName(const QString &);
template std::optional<EventType> fromName(const QString &);
template std::optional<Availability> fromName(const QString &);
template std::optional<FieldType> fromName(const QString &);
template std::optional<RatingKind> fromName(const QString &);
template QStringList spellings<ConversationState>();
template QStringList spellings<Sender>();
template QStringList spellings<EndedBy>();
template QStringList spellings<EventType>();
template QStringList spellings<Availability>();
template QStringList spellings<FieldType>();
template QStringList spellings<RatingKind>();

} // namespace OWidget::Protocol
