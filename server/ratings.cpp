#include "ratings.h"
#include "clusterbus.h"
#include "conversationservice.h"
#include "database.h"
#include "directory.h"
#include "logging.h"
#include "storedvalues.h"

#include "protocol/limits.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

using namespace Stored;
using Protocol::ErrorCode;
using Protocol::RatingKind;

namespace {

const QString ratingColumns
    = u"conversation, company, preset, client_id, kind, score, comment, operator_name, fields, "
      u"created"_s;

Protocol::RatingItem readRating(const QSqlQuery &q)
{
    Protocol::RatingItem item;
    item.conversation = q.value(0).toString();
    item.preset = q.value(2).toString();
    item.kind = Protocol::fromName<RatingKind>(q.value(4).toString()).value_or(RatingKind::Stars);
    item.score = q.value(5).toInt();
    item.comment = q.value(6).toString();
    item.operatorName = q.value(7).toString();
    item.fields = readStringMap(q.value(8));
    item.created = timeOf(q.value(9).toLongLong());
    return item;
}

const auto kindRated = "rated"_L1;

} // namespace

Ratings::Ratings(
    Database &database, ConversationService &conversations, Directory &directory, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_conversations(conversations)
    , m_directory(directory)
{ }

void Ratings::setBus(ClusterBus *bus)
{
    m_bus = bus;
    if (bus)
        connect(bus, &ClusterBus::received, this, &Ratings::onRemote);
}

Ratings::Outcome Ratings::rate(const QString &id, const Protocol::Rate &rate)
{
    const auto conversation = m_conversations.find(id);
    if (!conversation)
        return { ErrorCode::NotInConversation, u"no conversation on this connection"_s };
    QSqlQuery q(m_database.handle());
    if (!run(q, u"SELECT client_id, score FROM ratings WHERE conversation = ?"_s, { id }))
        return { ErrorCode::Internal, u"the rating could not be read"_s };
    if (q.next()) {
        // The same request again (a resend after a lost link) gets the same answer; another
        // one does not replace it: one rating per conversation, the first.
        if (q.value(0).toString() == rate.clientId)
            return { std::nullopt, {}, q.value(1).toInt() };
        return { ErrorCode::Conflict, u"the conversation has already been rated"_s };
    }
    const auto preset = m_directory.preset(conversation->company, conversation->preset);
    const RatingKind kind = preset ? preset->config.rating : RatingKind::None;
    if (kind == RatingKind::None)
        return { ErrorCode::BadRequest, u"the preset does not ask for a rating"_s };
    if (!Protocol::isRatingScore(kind, rate.score)) {
        return { ErrorCode::BadRequest,
            kind == RatingKind::Thumbs
                ? u"field 'score' must be 0 or 1 for a thumbs rating"_s
                : u"field 'score' must be 1 to %1 for a stars rating"_s.arg(Protocol::MaxStars) };
    }
    if (conversation->state != Protocol::ConversationState::Ended)
        return { ErrorCode::Conflict, u"the conversation has not ended"_s };

    Protocol::RatingItem item;
    item.conversation = id;
    item.preset = conversation->preset;
    item.kind = kind;
    item.score = rate.score;
    item.comment = rate.comment;
    item.operatorName = conversation->operatorName;
    item.fields = conversation->fields;
    // Strictly increasing, so that the newest are never a tie.
    m_lastCreated = qMax(QDateTime::currentMSecsSinceEpoch(), m_lastCreated + 1);
    item.created = timeOf(m_lastCreated);
    if (!run(q,
            u"INSERT INTO ratings ("_s % ratingColumns
                % u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { id, conversation->company, item.preset, rate.clientId, Protocol::name(kind),
                item.score, item.comment, nullable(item.operatorName), jsonText(item.fields),
                m_lastCreated }))
        return { ErrorCode::Internal, u"the rating could not be stored"_s };
    qCInfo(lcServer, "event=conversation_rated conversation=%s kind=%s score=%d",
        qUtf8Printable(id), qUtf8Printable(Protocol::name(kind)), item.score);
    Q_EMIT rated(conversation->company, item);
    if (m_bus)
        m_bus->publish(QString(kindRated), { { "c"_L1, id } });
    return { std::nullopt, {}, item.score };
}

QList<Protocol::RatingItem> Ratings::newest(const QString &company, int limit, qint64 *older) const
{
    QList<Protocol::RatingItem> list;
    QSqlQuery q(m_database.handle());
    if (run(q,
            u"SELECT "_s % ratingColumns
                % u" FROM ratings WHERE company = ? ORDER BY created DESC, conversation DESC "
                  u"LIMIT ?"_s,
            { company, limit })) {
        while (q.next())
            list.prepend(readRating(q));
    }
    *older = 0;
    if (list.size() == limit
        && run(q, u"SELECT COUNT(*) FROM ratings WHERE company = ?"_s, { company }) && q.next())
        *older = qMax(qint64(0), q.value(0).toLongLong() - limit);
    return list;
}

void Ratings::onRemote(const QString &kind, const QJsonObject &message)
{
    if (kind != kindRated)
        return;
    // The notification names the conversation; the rating, one per conversation and never
    // replaced, is read from the database: announced once, as its own server did.
    const QString id = message.value("c"_L1).toString();
    QSqlQuery q(m_database.handle());
    if (id.isEmpty()
        || !run(q, u"SELECT "_s % ratingColumns % u" FROM ratings WHERE conversation = ?"_s, { id })
        || !q.next())
        return;
    Q_EMIT rated(q.value(1).toString(), readRating(q));
}

} // namespace OWidget::Server
