#pragma once

#include "businesshoursclock.h"
#include "protocol/config.h"
#include "protocol/types.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <optional>

namespace OWidget::Server {

class ClusterBus;
class Database;

using Protocol::Availability;

struct PresetInfo
{
    QString company;
    QString name;
    bool isDefault = false;
    /// What GET /v1/config serves, but for the server's own fields (socket, heartbeat).
    Protocol::Config config;
    QStringList groups;
};

struct OperatorInfo
{
    QString login;
    QString company;
    QString name;
    QString passwordHash;
    QStringList groups;
    int maxChats = 1;
    QString avatar = {}; ///< the id of their picture (AvatarImage), empty when they have none
};

// The configuration in memory (companies, presets, operators) and the live state of the
// operators (availability, open sockets, active chats), from which it computes each preset's
// status (docs/protocol.md section 5) and announces every change of it.
class Directory : public QObject
{
    Q_OBJECT
public:
    explicit Directory(Database &database, QObject *parent = nullptr);

    bool load(QString *error);
    // Several servers on one database: the operators' sockets are shared through `bus`, and
    // the others' changes are read back when it says so.
    void setBus(ClusterBus *bus);

    bool hasCompany(const QString &company) const;
    QString companyName(const QString &company) const;
    // An empty name means the company's default preset.
    std::optional<PresetInfo> preset(const QString &company, const QString &name) const;
    std::optional<OperatorInfo> operatorInfo(const QString &login) const;
    QList<PresetInfo> presetsOf(const QString &company) const;

    Protocol::Status status(const QString &company, const QString &preset) const;
    /// The clock of the presets' business hours (outside them a preset is offline).
    BusinessHoursClock &businessHoursClock() { return m_businessHours; }

    // The operator's chosen availability (stored: it survives a restart), as long as one of
    // their sockets is open on this server or on another live one; Offline otherwise.
    Availability availability(const QString &login) const;
    void setAvailability(const QString &login, Availability availability);
    void operatorConnected(const QString &login);
    void operatorDisconnected(const QString &login);
    int activeChats(const QString &login) const;
    void setActiveChats(const QString &login, int count);

Q_SIGNALS:
    void statusChanged(
        const QString &company, const QString &preset, OWidget::Protocol::Status status);

private:
    struct Presence
    {
        Availability chosen = Availability::Offline;
        int sockets = 0;      // on this server
        int otherSockets = 0; // on the other live servers
        int activeChats = 0;
    };

    void recompute(const QString &company);
    void watchBusinessHours();
    void recomputeAll();
    bool readAvailability(QString *error);
    // Reads what the other servers may have changed: availabilities, their sockets, and with
    // `activeChats` the active chats.
    void refreshShared(bool activeChats = false);

    Database &m_database;
    QHash<QString, QString> m_companyNames;
    QHash<QString, bool> m_awayIsBusy;
    QHash<QString, QList<PresetInfo>> m_presets;   // by company
    QHash<QString, OperatorInfo> m_operators;      // by login
    QHash<QString, Presence> m_presence;           // by login
    QHash<QString, Protocol::Status> m_lastStatus; // by company + '/' + preset
    BusinessHoursClock m_businessHours;
    ClusterBus *m_bus = nullptr;
};

} // namespace OWidget::Server
