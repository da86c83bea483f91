#pragma once

#include "protocol/types.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace OWidget::Server {

class ClusterBus;
class Database;
class GroupCommit;

// Each side's read mark of each conversation (docs/protocol.md, "Read marks"): the highest seq
// that side has seen. State of the conversation, kept in two of its columns, not events: a
// read costs no seq, and a mark only moves forward. A mark joins the open batch of messages
// (GroupCommit) rather than committing it early: a read follows each message a side sees, so
// it comes as often as messages do.
class ReadMarks : public QObject
{
    Q_OBJECT
public:
    enum class Result {
        Moved,      ///< stored, and announced once committed
        Unchanged,  ///< not beyond the stored mark: ignored, as the protocol says
        BeyondLast, ///< beyond the conversation's last seq
        NotFound,
        Failed,
    };
    struct Marks
    {
        qint64 visitor = 0;
        qint64 operatorSide = 0;
    };

    ReadMarks(Database &database, GroupCommit &commits, QObject *parent = nullptr);

    // Several servers on one database: each mark moved here is told to the others through
    // `bus`, and theirs are read from the database and announced here.
    void setBus(ClusterBus *bus);

    // Moves `side`'s mark of the conversation to `seq` if that is forward and within its events.
    Result mark(const QString &conversation, Protocol::Sender side, qint64 seq);
    Marks marks(const QString &conversation) const;

Q_SIGNALS:
    // `side`'s mark of the conversation moved to `seq`; committed before it is sent.
    void moved(const QString &conversation, OWidget::Protocol::Sender side, qint64 seq);

private:
    void onRemote(const QString &kind, const QJsonObject &message);

    Database &m_database;
    GroupCommit &m_commits;
    ClusterBus *m_bus = nullptr;
};

} // namespace OWidget::Server
