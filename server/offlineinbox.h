#pragma once

#include "protocol/operatormessages.h"
#include "protocol/types.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

namespace OWidget::Server {

class Database;

/// An offline message or a callback request, with what the server keeps about it beside what
/// the console is shown.
struct OfflineItem
{
    using Kind = Protocol::OfflineItem::Kind;

    QString id;
    QString company;
    QString preset;
    Kind kind = Kind::Message;
    QString clientId;
    Protocol::StringMap fields;
    QString text;
    QString phone;
    qint64 created = 0; ///< ms since the epoch

    Protocol::OfflineItem toProtocol() const;
};

// The offline messages and callback requests, stored in the database: within a quota per
// address and per company, pruned of the oldest and of those past their age, in batches small
// enough that the event loop goes on serving everyone else meanwhile.
class OfflineInbox : public QObject
{
    Q_OBJECT
public:
    struct Quotas
    {
        int perAddressPerHour = 0; ///< items one address may store in an hour
        int keptPerCompany = 0;    ///< the newest this many of each company are kept
        qint64 maxAgeMs = 0;       ///< older ones are deleted
    };
    enum class Result { Stored, Duplicate, OverQuota, Failed };

    OfflineInbox(Database &database, const Quotas &quotas, QObject *parent = nullptr);

    // Stores the item unless one with the same client id exists (then *stored is that one),
    // or the address has stored its quota for the hour; committed before itemAdded.
    Result add(const OfflineItem &item, const QString &address, OfflineItem *stored);
    // The newest `limit` items of that kind, oldest first, and how many older ones there are.
    QList<OfflineItem> newest(
        const QString &company, OfflineItem::Kind kind, int limit, qint64 *older) const;
    // Prunes now and then every Limits::OfflinePruneIntervalMs.
    void startPruning();
    // Deletes at most one batch; the number of items deleted.
    int pruneBatch();

Q_SIGNALS:
    void itemAdded(const OWidget::Server::OfflineItem &item);

private:
    void forgetOldAddresses(qint64 now);

    Database &m_database;
    Quotas m_quotas;
    QHash<QString, QList<qint64>> m_storedBy; // by address: when it stored, within the hour
    QTimer m_pruneTimer;
    qint64 m_lastCreated = 0;
};

} // namespace OWidget::Server
