#include "directory.h"
#include "clusterbus.h"
#include "database.h"
#include "logging.h"

#include "protocol/limits.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

// The stored preset (see Importer) with what the server adds when it serves it, read by the
// protocol's own reader: the configuration a widget gets is one the client accepts.
std::optional<Protocol::Config> readConfig(
    const QString &company, const QString &preset, const QString &stored)
{
    QJsonObject document = QJsonDocument::fromJson(stored.toUtf8()).object();
    document.insert("protocol"_L1, Protocol::Version);
    document.insert("company"_L1, company);
    document.insert("preset"_L1, preset);
    document.insert("socket"_L1, u"/v1/socket"_s);
    auto parsed = Protocol::parseConfig(QJsonDocument(document).toJson(QJsonDocument::Compact));
    if (const auto *error = std::get_if<Protocol::DecodeError>(&parsed)) {
        qCWarning(lcServer, "event=preset_unreadable company=%s preset=%s error=\"%s\"",
            qUtf8Printable(company), qUtf8Printable(preset), qUtf8Printable(error->message));
        return std::nullopt;
    }
    return std::get<Protocol::Config>(std::move(parsed));
}

} // namespace

Directory::Directory(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    connect(&m_businessHours, &BusinessHoursClock::boundaryPassed, this, [this] {
        const QStringList companies = m_presets.keys();
        for (const QString &company : companies)
            recompute(company);
    });
}

bool Directory::load(QString *error)
{
    QSqlQuery q(m_database.handle());
    auto fail = [&] {
        *error = q.lastError().text();
        return false;
    };
    m_companyNames.clear();
    m_awayIsBusy.clear();
    m_presets.clear();
    m_operators.clear();

    if (!q.exec(u"SELECT id, name, away_is_busy FROM companies"_s))
        return fail();
    while (q.next()) {
        m_companyNames.insert(q.value(0).toString(), q.value(1).toString());
        m_awayIsBusy.insert(q.value(0).toString(), q.value(2).toInt() != 0);
    }

    QHash<QString, QStringList> presetGroups;
    if (!q.exec(u"SELECT company, preset, group_name FROM preset_groups ORDER BY position"_s))
        return fail();
    while (q.next())
        presetGroups[q.value(0).toString() % u'/' % q.value(1).toString()].append(
            q.value(2).toString());

    if (!q.exec(u"SELECT company, name, is_default, config FROM presets ORDER BY name"_s))
        return fail();
    while (q.next()) {
        PresetInfo p;
        p.company = q.value(0).toString();
        p.name = q.value(1).toString();
        p.isDefault = q.value(2).toInt() != 0;
        const auto config = readConfig(p.company, p.name, q.value(3).toString());
        if (!config)
            continue;
        p.config = *config;
        p.groups = presetGroups.value(p.company % u'/' % p.name);
        m_presets[p.company].append(p);
    }

    if (!q.exec(u"SELECT login, company, name, password_hash, max_chats FROM operators"_s))
        return fail();
    while (q.next()) {
        OperatorInfo o;
        o.login = q.value(0).toString();
        o.company = q.value(1).toString();
        o.name = q.value(2).toString();
        o.passwordHash = q.value(3).toString();
        o.maxChats = q.value(4).toInt();
        m_operators.insert(o.login, o);
    }
    if (!q.exec(u"SELECT login, group_name FROM operator_memberships ORDER BY group_name"_s))
        return fail();
    while (q.next()) {
        auto it = m_operators.find(q.value(0).toString());
        if (it != m_operators.end())
            it->groups.append(q.value(1).toString());
    }

    if (!q.exec(u"SELECT login, id FROM operator_avatars"_s))
        return fail();
    while (q.next()) {
        auto it = m_operators.find(q.value(0).toString());
        if (it != m_operators.end())
            it->avatar = q.value(1).toString();
    }

    if (!q.exec(u"SELECT operator_login, COUNT(*) FROM conversations WHERE state = 'active' "
                u"GROUP BY operator_login"_s))
        return fail();
    while (q.next())
        m_presence[q.value(0).toString()].activeChats = q.value(1).toInt();
    if (!readAvailability(error))
        return false;

    watchBusinessHours();
    m_lastStatus.clear();
    for (auto it = m_presets.cbegin(); it != m_presets.cend(); ++it) {
        for (const PresetInfo &p : it.value())
            m_lastStatus.insert(p.company % u'/' % p.name, status(p.company, p.name));
    }
    qCInfo(lcServer, "event=directory_loaded companies=%d operators=%d", int(m_companyNames.size()),
        int(m_operators.size()));
    return true;
}

bool Directory::readAvailability(QString *error)
{
    QSqlQuery q(m_database.handle());
    if (!q.exec(u"SELECT login, state FROM operator_availability"_s)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    for (auto &p : m_presence)
        p.chosen = Availability::Offline;
    while (q.next()) {
        m_presence[q.value(0).toString()].chosen
            = Protocol::fromName<Availability>(q.value(1).toString())
                  .value_or(Availability::Offline);
    }
    return true;
}

void Directory::setBus(ClusterBus *bus)
{
    m_bus = bus;
    if (!bus)
        return;
    connect(bus, &ClusterBus::received, this, [this](const QString &kind) {
        if (kind == "availability"_L1 || kind == "presence"_L1 || kind == "left"_L1)
            refreshShared(false);
    });
    // A server gone without a word (SIGKILL) is noticed when its heartbeat grows old.
    connect(bus, &ClusterBus::heartbeatWritten, this, [this] { refreshShared(); });
    connect(bus, &ClusterBus::resynced, this, [this] { refreshShared(true); });
    refreshShared(true);
}

void Directory::refreshShared(bool activeChats)
{
    if (!m_bus)
        return;
    readAvailability(nullptr);
    const QHash<QString, int> others = m_bus->otherSockets();
    for (auto it = m_presence.begin(); it != m_presence.end(); ++it)
        it->otherSockets = others.value(it.key());
    for (auto it = others.cbegin(); it != others.cend(); ++it)
        m_presence[it.key()].otherSockets = it.value();
    // The active chats follow the others' accepts and ends; counted again only when some of
    // those may have been missed.
    QSqlQuery q(m_database.handle());
    if (activeChats
        && q.exec(u"SELECT operator_login, COUNT(*) FROM conversations WHERE state = 'active' "
                  u"GROUP BY operator_login"_s)) {
        for (auto &p : m_presence)
            p.activeChats = 0;
        while (q.next())
            m_presence[q.value(0).toString()].activeChats = q.value(1).toInt();
    }
    recomputeAll();
}

bool Directory::hasCompany(const QString &company) const
{
    return m_companyNames.contains(company);
}

QString Directory::companyName(const QString &company) const
{
    return m_companyNames.value(company);
}

std::optional<PresetInfo> Directory::preset(const QString &company, const QString &name) const
{
    const auto presets = m_presets.value(company);
    for (const PresetInfo &p : presets) {
        if (name.isEmpty() ? p.isDefault : p.name == name)
            return p;
    }
    return std::nullopt;
}

QList<PresetInfo> Directory::presetsOf(const QString &company) const
{
    return m_presets.value(company);
}

std::optional<OperatorInfo> Directory::operatorInfo(const QString &login) const
{
    const auto it = m_operators.constFind(login);
    if (it == m_operators.cend())
        return std::nullopt;
    return *it;
}

Protocol::Status Directory::status(const QString &company, const QString &presetName) const
{
    using Protocol::Status;
    const auto p = preset(company, presetName);
    if (!p || !withinBusinessHours(p->config.businessHours, m_businessHours.now()))
        return Status::Offline;
    const bool awayIsBusy = m_awayIsBusy.value(company);
    bool busy = false;
    for (const OperatorInfo &op : m_operators) {
        if (op.company != company)
            continue;
        bool inGroups = false;
        for (const QString &g : op.groups)
            inGroups = inGroups || p->groups.contains(g);
        if (!inGroups)
            continue;
        const Availability a = availability(op.login);
        if (a == Availability::Online && activeChats(op.login) < op.maxChats)
            return Status::Online;
        if (a == Availability::Online || a == Availability::Busy
            || (a == Availability::Away && awayIsBusy))
            busy = true;
    }
    return busy ? Status::Busy : Status::Offline;
}

Availability Directory::availability(const QString &login) const
{
    const Presence p = m_presence.value(login);
    return p.sockets + p.otherSockets > 0 ? p.chosen : Availability::Offline;
}

void Directory::setAvailability(const QString &login, Availability availability)
{
    m_presence[login].chosen = availability;
    QSqlQuery q(m_database.handle());
    q.prepare(u"INSERT INTO operator_availability (login, state) VALUES (?, ?) "
              u"ON CONFLICT (login) DO UPDATE SET state = excluded.state"_s);
    q.addBindValue(login);
    q.addBindValue(Protocol::name(availability));
    if (!q.exec()) {
        qCWarning(lcServer, "event=availability_store_failed operator=%s error=\"%s\"",
            qUtf8Printable(login), qUtf8Printable(q.lastError().text()));
    }
    qCInfo(lcServer, "event=availability operator=%s state=%s", qUtf8Printable(login),
        qUtf8Printable(Protocol::name(availability)));
    if (m_bus)
        m_bus->publish(u"availability"_s, { { "l"_L1, login } });
    if (const auto op = operatorInfo(login))
        recompute(op->company);
}

void Directory::operatorConnected(const QString &login)
{
    const int sockets = ++m_presence[login].sockets;
    if (m_bus)
        m_bus->setSockets(login, sockets);
    if (const auto op = operatorInfo(login))
        recompute(op->company);
}

void Directory::operatorDisconnected(const QString &login)
{
    auto &p = m_presence[login];
    p.sockets = qMax(0, p.sockets - 1);
    if (m_bus)
        m_bus->setSockets(login, p.sockets);
    if (const auto op = operatorInfo(login))
        recompute(op->company);
}

int Directory::activeChats(const QString &login) const
{
    return m_presence.value(login).activeChats;
}

void Directory::setActiveChats(const QString &login, int count)
{
    m_presence[login].activeChats = count;
    if (const auto op = operatorInfo(login))
        recompute(op->company);
}

void Directory::watchBusinessHours()
{
    QList<Protocol::BusinessHours> hours;
    for (const QList<PresetInfo> &presets : std::as_const(m_presets)) {
        for (const PresetInfo &p : presets) {
            if (p.config.businessHours.isSet())
                hours.append(p.config.businessHours);
        }
    }
    m_businessHours.watch(hours);
}

void Directory::recomputeAll()
{
    for (auto it = m_presets.cbegin(); it != m_presets.cend(); ++it)
        recompute(it.key());
}

void Directory::recompute(const QString &company)
{
    const auto presets = m_presets.value(company);
    for (const PresetInfo &p : presets) {
        const QString key = p.company % u'/' % p.name;
        const Protocol::Status now = status(p.company, p.name);
        if (const auto last = m_lastStatus.constFind(key);
            last != m_lastStatus.cend() && *last == now)
            continue;
        m_lastStatus.insert(key, now);
        qCInfo(lcServer, "event=status company=%s preset=%s status=%d", qUtf8Printable(company),
            qUtf8Printable(p.name), int(now));
        Q_EMIT statusChanged(p.company, p.name, now);
    }
}

} // namespace OWidget::Server
