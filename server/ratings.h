#pragma once

#include "protocol/errors.h"
#include "protocol/operatormessages.h"
#include "protocol/widgetrequests.h"

#include <QJsonObject>
#include <QObject>

#include <optional>

namespace OWidget::Server {

class ClusterBus;
class ConversationService;
class Database;
class Directory;

// The visitors' ratings of their ended conversations, one per conversation, stored in the
// database beside it: the first stands, and the same request sent again is answered as before.
class Ratings : public QObject
{
    Q_OBJECT
public:
    // What rate() did: the score stored (for a repeat, the one stored before) or why not.
    struct Outcome
    {
        std::optional<Protocol::ErrorCode> error;
        QString message;
        int score = 0;
    };

    Ratings(Database &database, ConversationService &conversations, Directory &directory,
        QObject *parent = nullptr);

    // Several servers on one database: each rating stored here is told to the others through
    // `bus`, and theirs are read from the database and announced here.
    void setBus(ClusterBus *bus);

    // Rates conversation `id` of the preset of `company` it belongs to. Refused with
    // NotInConversation (no such conversation), BadRequest (the preset asks for no rating, or
    // the score is not one of its kind), Conflict (not ended, or already rated with another
    // client id) or Internal.
    Outcome rate(const QString &id, const Protocol::Rate &rate);
    // The newest `limit` ratings of the company, oldest first, and how many older ones there are.
    QList<Protocol::RatingItem> newest(const QString &company, int limit, qint64 *older) const;

Q_SIGNALS:
    // Stored and committed; not for a repeat.
    void rated(const QString &company, const OWidget::Protocol::RatingItem &item);

private:
    void onRemote(const QString &kind, const QJsonObject &message);

    Database &m_database;
    ConversationService &m_conversations;
    Directory &m_directory;
    ClusterBus *m_bus = nullptr;
    qint64 m_lastCreated = 0;
};

} // namespace OWidget::Server
