// Sustained chat load (issue "owidget-server outgrows one machine", item 5): N conversations at
// once on a real owidget-server, each visitor and each operator writing as fast as its acks
// allow, driven by owidget-loadgen (bench/loadgen/), a program of its own. Acknowledged messages
// a second and the ack latency, beside the storage floor: the same rows written by a bare INSERT
// loop, one durable commit a row, on the same database in the same run. After the load, the
// stored messages are counted: every acknowledged one must be there. And the cross-instance
// round trip: a visitor on instance A, its operator on instance B of one PostgreSQL database,
// beside both on A, in the same run. The load is also offered at fixed rates (an open loop) and
// spread over three instances of one PostgreSQL database.
#include "benchsupport.h"

#include "postgresprocess.h"
#include "serverprocess.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cmath>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

enum class Engine { Sqlite, Postgres };

const QString LoadCompany = u"0b5e1c2a-7d4f-4e8a-9c3b-5a6d7e8f9a01"_s;
const QString LoadPassword = u"load-password"_s;
constexpr int MaxChats = 50; // per operator: the importer allows up to 100

// One company, one preset without fields, and enough operators for every conversation.
bool writeImport(const QString &path, int operators)
{
    QJsonArray logins;
    for (int i = 1; i <= operators; ++i) {
        logins.append(QJsonObject { { u"login"_s, u"load%1"_s.arg(i) },
            { u"name"_s, u"Load %1"_s.arg(i) }, { u"password"_s, LoadPassword },
            { u"groups"_s, QJsonArray { u"load"_s } }, { u"maxChats"_s, MaxChats } });
    }
    const QJsonObject preset { { u"name"_s, u"load"_s }, { u"default"_s, true },
        { u"languages"_s, QJsonArray { u"en"_s } }, { u"defaultLanguage"_s, u"en"_s },
        { u"texts"_s,
            QJsonObject { { u"en"_s,
                QJsonObject { { u"title"_s, u"Load"_s }, { u"greeting"_s, u"Hello"_s },
                    { u"offline"_s, u"Offline"_s }, { u"busy"_s, u"Busy"_s } } } } },
        { u"fields"_s, QJsonArray() },
        { u"features"_s,
            QJsonObject {
                { u"chat"_s, true }, { u"callback"_s, false }, { u"offlineMessage"_s, false } } },
        { u"groups"_s, QJsonArray { u"load"_s } } };
    const QJsonObject company { { u"id"_s, LoadCompany }, { u"name"_s, u"Load"_s },
        { u"groups"_s, QJsonArray { u"load"_s } }, { u"operators"_s, logins },
        { u"presets"_s, QJsonArray { preset } } };
    QFile file(path);
    return file.open(QIODevice::WriteOnly)
        && file.write(
               QJsonDocument(QJsonObject { { u"companies"_s, QJsonArray { company } } }).toJson())
        > 0;
}

// The database the server used, opened by this process as the server opens it.
QSqlDatabase openDatabase(Engine engine, const QString &location, PostgresProcess *postgres,
    const QString &name, QString *error)
{
    QSqlDatabase db;
    QStringList setup;
    if (engine == Engine::Sqlite) {
        db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"load"_s);
        db.setDatabaseName(location);
        setup = { u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s };
    } else {
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"load"_s);
        db.setHostName(u"127.0.0.1"_s);
        db.setPort(postgres->port());
        db.setDatabaseName(name);
        db.setUserName(u"owidget"_s);
        db.setPassword(PostgresProcess::password());
        setup = { u"SET synchronous_commit TO on"_s };
    }
    if (!db.open()) {
        *error = db.lastError().text();
        return db;
    }
    QSqlQuery q(db);
    for (const QString &statement : setup)
        q.exec(statement);
    return db;
}

qint64 storedMessages(QSqlDatabase db)
{
    QSqlQuery q(db);
    if (!q.exec(u"SELECT COUNT(*) FROM events WHERE type = 'message'"_s) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

struct Floor
{
    double perSecond = 0;
    double p50 = 0;
    double p99 = 0;
};

// The storage floor: the rows the server writes for a message, each in a transaction of its
// own, one after the other, for `seconds`.
Floor insertLoop(QSqlDatabase db, double seconds)
{
    QSqlQuery q(db);
    q.prepare(u"INSERT INTO events (conversation, seq, type, at_ms, sender, name, body, "
              u"ended_by, client_id) VALUES (?, ?, 'message', ?, 'visitor', NULL, ?, NULL, ?)"_s);
    std::vector<double> latency;
    QElapsedTimer clock;
    clock.start();
    qint64 seq = 0;
    while (clock.nsecsElapsed() < qint64(seconds * 1e9)) {
        const qint64 start = clock.nsecsElapsed();
        ++seq;
        db.transaction();
        q.bindValue(0, u"c-floor"_s);
        q.bindValue(1, seq);
        q.bindValue(2, QDateTime::currentMSecsSinceEpoch());
        q.bindValue(3, u"visitor message %1"_s.arg(seq));
        q.bindValue(4, u"f-%1"_s.arg(seq));
        if (!q.exec() || !db.commit())
            break;
        latency.push_back(double(clock.nsecsElapsed() - start) / 1e6);
    }
    QList<double> values(latency.begin(), latency.end());
    return { double(latency.size()) / (double(clock.nsecsElapsed()) / 1e9),
        Bench::percentile(values, 50), Bench::percentile(values, 99) };
}

// One run of owidget-loadgen with these arguments besides the company's: its JSON result, or
// empty when it failed.
QJsonObject runLoadgen(const QStringList &arguments, int operators)
{
    QProcess loadgen;
    loadgen.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    loadgen.start(QStringLiteral(OWIDGET_LOADGEN),
        QStringList { u"--company"_s, LoadCompany, u"--operators"_s, QString::number(operators),
            u"--password"_s, LoadPassword, u"--warmup"_s,
            QString::number(Bench::isSmoke() ? 0.5 : 2) }
            + arguments);
    if (!Bench::waitUntil([&] { return loadgen.state() == QProcess::NotRunning; }, 600000)
        || loadgen.exitCode() != 0)
        return {};
    return QJsonDocument::fromJson(loadgen.readAllStandardOutput().trimmed().split('\n').last())
        .object();
}

// The load on one instance or spread over several of one PostgreSQL database: first closed
// (every writer sends when its last message is acknowledged: the throughput), then open at two
// fixed rates on the same servers, each with conversations of its own (the latency the server
// adds at that throughput: near the capacity just measured, and at the target).
void chatLoad(benchmark::State &state)
{
    const auto engine = Engine(state.range(0));
    const int conversations = int(state.range(1));
    const int instances = int(state.range(2));
    // Three runs' conversations stay open side by side: operators enough for all of them, each
    // taking at most a third of its chats a run.
    const int perRun = MaxChats / 3;
    const int operators = (conversations + perRun - 1) / perRun;
    const double seconds = Bench::isSmoke() ? 1 : 10;
    const double targetRate = Bench::isSmoke() ? 100 : 5000;
    for (auto _ : state) {
        QTemporaryDir dir;
        const QString import = dir.filePath(u"load.json"_s);
        if (!writeImport(import, operators))
            return Bench::fail(state, u"the import data could not be written"_s);

        std::unique_ptr<PostgresProcess> postgres;
        QString databaseName;
        if (engine == Engine::Postgres) {
            postgres = std::make_unique<PostgresProcess>();
            if (!postgres->start())
                return Bench::fail(state, postgres->error());
            databaseName = postgres->createDatabase();
            if (databaseName.isEmpty())
                return Bench::fail(state, postgres->error());
        }
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QStringList urls;
        for (int i = 0; i < instances; ++i) {
            auto server = std::make_unique<ServerProcess>();
            if (i == 0) {
                // Imported first, on its own: hashing the operators' passwords takes longer
                // than a server is given to come up when the machine is busy.
                QProcess importing;
                importing.setProcessChannelMode(QProcess::ForwardedErrorChannel);
                if (postgres)
                    importing.setProcessEnvironment(
                        postgres->environment(PostgresProcess::password()));
                importing.start(QStringLiteral(OWIDGET_SERVER_BINARY),
                    { u"--db"_s, postgres ? postgres->url(databaseName) : server->databasePath(),
                        u"--import"_s, import, u"--import-only"_s });
                if (!importing.waitForFinished(600000) || importing.exitCode() != 0)
                    return Bench::fail(state, u"the load's company could not be imported"_s);
            }
            server->skipImport();
            server->setExtraArguments(
                { u"--message-rate"_s, u"1000000"_s, u"--max-connections-per-address"_s,
                    u"10000000"_s, u"--waiting-per-address"_s, u"1000000"_s });
            if (postgres) {
                server->setDatabase(postgres->url(databaseName));
                server->setEnvironment(postgres->environment(PostgresProcess::password()));
            }
            if (!server->start())
                return Bench::fail(state, server->error());
            urls.append(server->url().toString());
            servers.push_back(std::move(server));
        }
        // Visitor i and operator i on instance i mod count: a conversation's visitor and
        // operator are on different instances in about (count - 1) / count of them.
        const QStringList where = instances > 1 ? QStringList { u"--servers"_s, urls.join(u',') }
                                                : QStringList { u"--server"_s, urls.first() };
        const QStringList sized = where
            + QStringList { u"--conversations"_s, QString::number(conversations), u"--seconds"_s,
                  QString::number(seconds) };
        const QJsonObject result = runLoadgen(sized, operators);
        if (result.isEmpty())
            return Bench::fail(state, u"owidget-loadgen failed"_s);
        const double capacity = result.value(u"per_second"_s).toDouble();
        const double nearRate = qMax(1.0, std::floor(capacity * 0.8));
        const QJsonObject nearCapacity
            = runLoadgen(sized + QStringList { u"--rate"_s, QString::number(nearRate) }, operators);
        const QJsonObject atTarget = runLoadgen(
            sized + QStringList { u"--rate"_s, QString::number(targetRate) }, operators);
        if (nearCapacity.isEmpty() || atTarget.isEmpty())
            return Bench::fail(state, u"owidget-loadgen failed in the open loop"_s);
        for (auto &server : servers)
            server->stop();

        QString error;
        const QString location
            = engine == Engine::Sqlite ? servers.front()->databasePath() : databaseName;
        Floor floor;
        qint64 stored = -1;
        {
            QSqlDatabase db = openDatabase(engine, location, postgres.get(), databaseName, &error);
            if (!db.isOpen())
                return Bench::fail(state, u"the database could not be opened: "_s + error);
            stored = storedMessages(db);
            floor = insertLoop(db, seconds);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"load"_s);

        qint64 ackedTotal = 0;
        qint64 refused = 0;
        for (const QJsonObject &run : { result, nearCapacity, atTarget }) {
            ackedTotal += run.value(u"acked_total"_s).toInteger();
            refused += run.value(u"errors"_s).toInteger();
        }
        // With what the servers logged of it: several instances once refused messages that
        // waited for each other's rows (see bench/notes.md).
        if (refused > 0) {
            for (auto &server : servers) {
                const QList<QByteArray> lines = server->log().split('\n');
                for (const QByteArray &line : lines) {
                    if (line.contains("sql_error")) {
                        qWarning("refused on %d instances: %s", instances, line.constData());
                        break;
                    }
                }
            }
            return Bench::fail(state,
                u"the server refused %1 messages: "_s.arg(refused)
                    + result.value(u"first_error"_s).toString());
        }
        if (stored < ackedTotal) {
            return Bench::fail(
                state, u"%1 messages acknowledged, %2 stored"_s.arg(ackedTotal).arg(stored));
        }
        state.SetIterationTime(3 * seconds);
        state.counters["n"] = conversations;
        state.counters["db"] = int(engine);
        state.counters["instances"] = instances;
        state.counters["per_second"] = capacity;
        state.counters["p50_ms"] = result.value(u"p50_ms"_s).toDouble();
        state.counters["p99_ms"] = result.value(u"p99_ms"_s).toDouble();
        // The closed loop by who wrote: a visitor's socket carries one writer, an operator's
        // all of that operator's conversations.
        for (const char *side : { "visitor", "operator" }) {
            for (const char *figure : { "_p50_ms", "_p99_ms" }) {
                const std::string key = std::string(side) + figure;
                state.counters[key] = result.value(QString::fromStdString(key)).toDouble();
            }
        }
        state.counters["acked_total"] = double(ackedTotal);
        state.counters["refused"] = double(refused);
        state.counters["stored"] = double(stored);
        state.counters["floor_per_second"] = floor.perSecond;
        state.counters["floor_p50_ms"] = floor.p50;
        state.counters["floor_p99_ms"] = floor.p99;
        const std::pair<const char *, const QJsonObject *> open[]
            = { { "near", &nearCapacity }, { "target", &atTarget } };
        for (const auto &[name, run] : open) {
            const std::string key = std::string("open_") + name;
            state.counters[key + "_rate"] = run->value(u"rate"_s).toDouble();
            state.counters[key + "_per_second"] = run->value(u"per_second"_s).toDouble();
            state.counters[key + "_p50_ms"] = run->value(u"p50_ms"_s).toDouble();
            state.counters[key + "_p99_ms"] = run->value(u"p99_ms"_s).toDouble();
        }
    }
}

// One run of owidget-loadgen in round-trip mode: its JSON result, or empty when it failed.
QJsonObject roundTrips(const QUrl &visitors, const QUrl &operators, int operatorCount,
    int conversations, double seconds)
{
    return runLoadgen(
        { u"--server"_s, visitors.toString(), u"--operator-server"_s, operators.toString(),
            u"--echo"_s, u"--conversations"_s, QString::number(conversations), u"--seconds"_s,
            QString::number(seconds) },
        operatorCount);
}

// The message round trip (a visitor's message to its operator, the operator's answer back) with
// the visitors on instance A and the operators on instance B of one PostgreSQL database, beside
// the same with both on A, in the same run: each conversation has one message in flight at a
// time, so the figure is latency, not throughput.
void crossInstanceRoundTrip(benchmark::State &state)
{
    const int conversations = int(state.range(0));
    // Twice the operators the conversations need: the second pass's conversations are accepted
    // beside the first's, which stay open.
    const int operators = (2 * conversations + MaxChats - 1) / MaxChats;
    const double seconds = Bench::isSmoke() ? 1 : 10;
    for (auto _ : state) {
        QTemporaryDir dir;
        const QString import = dir.filePath(u"load.json"_s);
        if (!writeImport(import, operators))
            return Bench::fail(state, u"the import data could not be written"_s);
        PostgresProcess postgres;
        if (!postgres.start())
            return Bench::fail(state, postgres.error());
        const QString databaseName = postgres.createDatabase();
        if (databaseName.isEmpty())
            return Bench::fail(state, postgres.error());
        std::vector<std::unique_ptr<ServerProcess>> servers;
        for (int i = 0; i < 2; ++i) {
            auto server = std::make_unique<ServerProcess>();
            server->setImportFile(import);
            if (i > 0)
                server->skipImport();
            server->setExtraArguments(
                { u"--message-rate"_s, u"1000000"_s, u"--max-connections-per-address"_s,
                    u"10000000"_s, u"--waiting-per-address"_s, u"1000000"_s });
            server->setDatabase(postgres.url(databaseName));
            server->setEnvironment(postgres.environment(PostgresProcess::password()));
            if (!server->start())
                return Bench::fail(state, server->error());
            servers.push_back(std::move(server));
        }
        const QUrl a = servers.at(0)->url();
        const QUrl b = servers.at(1)->url();
        const QJsonObject same = roundTrips(a, a, operators, conversations, seconds);
        const QJsonObject cross = roundTrips(a, b, operators, conversations, seconds);
        if (same.isEmpty() || cross.isEmpty())
            return Bench::fail(state, u"owidget-loadgen failed"_s);
        for (const QJsonObject &result : { same, cross }) {
            if (result.value(u"errors"_s).toInteger() > 0) {
                return Bench::fail(state,
                    u"the server refused messages: "_s + result.value(u"first_error"_s).toString());
            }
        }
        state.SetIterationTime(2 * seconds);
        state.counters["n"] = conversations;
        state.counters["instances"] = 2;
        state.counters["same_round_trips"] = same.value(u"acked"_s).toDouble();
        state.counters["same_p50_ms"] = same.value(u"p50_ms"_s).toDouble();
        state.counters["same_p99_ms"] = same.value(u"p99_ms"_s).toDouble();
        state.counters["cross_round_trips"] = cross.value(u"acked"_s).toDouble();
        state.counters["cross_p50_ms"] = cross.value(u"p50_ms"_s).toDouble();
        state.counters["cross_p99_ms"] = cross.value(u"p99_ms"_s).toDouble();
        const double sameP99 = same.value(u"p99_ms"_s).toDouble();
        state.counters["p99_ratio"]
            = sameP99 > 0 ? cross.value(u"p99_ms"_s).toDouble() / sameP99 : 0;
    }
}

} // namespace

void registerLoadBenchmarks()
{
    // SQLite and PostgreSQL on one instance, and PostgreSQL with the load spread over three.
    const std::pair<Engine, int> setups[]
        = { { Engine::Sqlite, 1 }, { Engine::Postgres, 1 }, { Engine::Postgres, 3 } };
    for (const auto &[engine, instances] : setups) {
        benchmark::RegisterBenchmark("chat_load", chatLoad)
            ->Args({ int(engine), Bench::size(20, 1000), instances })
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
    // One conversation: the latency of the path; a hundred: with the instances loaded.
    benchmark::RegisterBenchmark("cross_instance_round_trip", crossInstanceRoundTrip)
        ->Args({ 1 })
        ->Args({ Bench::size(4, 100) })
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
}
