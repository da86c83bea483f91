// Server fan-out: N widget connections held by one owidget-server process: bare WebSockets,
// each after hello → welcome, spread over a few client processes (this program with
// --fanout-client) so that reading N messages on the client side does not dominate. The
// server's resident memory per connection, and the time from an operator's availability change
// to the last widget's `status` message (CLOCK_MONOTONIC, shared by all processes). As many
// connections as this machine's file limit allows one server toward the 50,000; and the
// same total spread over three instances of one PostgreSQL database (the status crosses to the
// other two through it) beside all of them on one of those instances, in the same run.
#include "benchsupport.h"

#include "postgresprocess.h"
#include "serverprocess.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <optional>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Connections opening at once, over all client processes: the server cuts a connection whose
// upgrade request it has not read whole within 10 s of accepting it (its slowloris deadline),
// and with thousands opening together on two cores it fell that far behind (17,742 widgets
// over 8 processes of 250 at once: 400 cut, "not every widget was welcomed").
constexpr int InFlight = 250;

qint64 monotonicNs()
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// The server's lines about connections it refused or dropped, for a run that failed.
void printRefusals(ServerProcess *server)
{
    for (const QByteArray &line : server->log().split('\n')) {
        if (line.contains("event=connection") || line.contains("event=accept"))
            std::fprintf(stderr, "server: %s\n", line.constData());
    }
}

// Reads the lines a client process printed so far.
bool readLines(QProcess *client, QByteArray *buffer)
{
    *buffer += client->readAllStandardOutput();
    return client->state() == QProcess::Running;
}

// Widget sockets held by client processes (this program with --fanout-client), `shares[i]` of
// them on `servers[i]`.
class Widgets
{
public:
    bool open(const QList<QUrl> &servers, const QList<int> &shares)
    {
        // A few thousand a process, so that reading the statuses does not dominate.
        auto processesFor = [](int share) { return qMax(1, (share + 2499) / 2500); };
        int all = 0;
        for (int share : shares)
            all += processesFor(share);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(
            u"OWIDGET_BENCH_FANOUT_BATCH"_s, QString::number(qMax(10, InFlight / all)));
        for (qsizetype i = 0; i < servers.size(); ++i) {
            const QUrl url = Bench::socketUrl(servers.at(i), u"v1/socket"_s);
            const int processes = processesFor(shares.at(i));
            for (int p = 0; p < processes; ++p) {
                const int share = shares.at(i) / processes + (p < shares.at(i) % processes ? 1 : 0);
                auto client = std::make_unique<QProcess>();
                client->setProcessChannelMode(QProcess::ForwardedErrorChannel);
                client->setProcessEnvironment(environment);
                client->start(QCoreApplication::applicationFilePath(),
                    { u"--fanout-client"_s, url.toString(), QString::number(share) });
                m_clients.push_back(std::move(client));
            }
        }
        m_output.assign(m_clients.size(), {});
        return Bench::waitUntil([&] { return allPrinted("welcomed\n"); }, 300000);
    }
    // The moment the last widget had the status, when every one has it.
    std::optional<qint64> lastStatus()
    {
        if (!Bench::waitUntil([&] { return allPrinted("last "); }, 60000))
            return std::nullopt;
        qint64 last = 0;
        for (const QByteArray &lines : m_output) {
            const qsizetype at = lines.indexOf("last ");
            last = qMax(last, lines.mid(at + 5).split('\n').value(0).toLongLong());
        }
        return last;
    }
    int processes() const { return int(m_clients.size()); }
    ~Widgets()
    {
        for (auto &client : m_clients)
            Bench::stopHost(client.get());
    }

private:
    bool allPrinted(QByteArrayView line)
    {
        bool all = true;
        for (size_t p = 0; p < m_clients.size(); ++p) {
            readLines(m_clients[p].get(), &m_output[p]);
            all = all && m_output[p].contains(line);
        }
        return all;
    }

    std::vector<std::unique_ptr<QProcess>> m_clients;
    std::vector<QByteArray> m_output;
};

void fanout(benchmark::State &state)
{
    const int count = int(state.range(0));
    for (auto _ : state) {
        QString error;
        std::unique_ptr<ServerProcess> server = Bench::startServer(&error);
        if (!server)
            return Bench::fail(state, error);
        Bench::Operator bob(server->url());
        if (!bob.connectAs(u"bob"_s, u"bob-demo"_s))
            return Bench::fail(state, u"the operator could not log in"_s);
        Bench::waitUntil([] { return false; }, 300); // let the server settle
        const qint64 before = Bench::rssKiB(server->processId());

        auto widgets = std::make_unique<Widgets>();
        if (!widgets->open({ server->url() }, { count })) {
            printRefusals(server.get());
            return Bench::fail(state, u"not every widget was welcomed"_s);
        }
        Bench::waitUntil([] { return false; }, 300);
        const qint64 after = Bench::rssKiB(server->processId());

        const qint64 start = monotonicNs();
        bob.setAvailability(u"online"_s);
        const auto last = widgets->lastStatus();
        if (!last)
            return Bench::fail(state, u"not every widget got the status"_s);
        const int processes = widgets->processes();
        widgets.reset();
        server->stop();

        const double broadcastMs = double(*last - start) / 1e6;
        state.SetIterationTime(broadcastMs / 1000);
        state.counters["n"] = count;
        state.counters["client_processes"] = processes;
        state.counters["broadcast_ms"] = broadcastMs;
        state.counters["server_rss_before_kib"] = double(before);
        state.counters["server_rss_after_kib"] = double(after);
        state.counters["kib_per_connection"] = double(after - before) / count;
    }
}

// The operator's status change to `count` widgets: all on the first of `servers`, then the same
// count spread over all of them, the operator on the first; the time until the last widget has
// it, each.
void fanoutInstances(benchmark::State &state)
{
    const int count = int(state.range(0));
    constexpr int Instances = 3;
    for (auto _ : state) {
        PostgresProcess postgres;
        if (!postgres.start())
            return Bench::fail(state, postgres.error());
        const QString databaseName = postgres.createDatabase();
        if (databaseName.isEmpty())
            return Bench::fail(state, postgres.error());
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QList<QUrl> urls;
        for (int i = 0; i < Instances; ++i) {
            auto server = std::make_unique<ServerProcess>();
            if (i > 0)
                server->skipImport(); // the demo data, imported by the first
            server->setExtraArguments({ u"--message-rate"_s, u"1000000"_s,
                u"--max-connections-per-address"_s, u"10000000"_s });
            server->setDatabase(postgres.url(databaseName));
            server->setEnvironment(postgres.environment(PostgresProcess::password()));
            if (!server->start())
                return Bench::fail(state, server->error());
            urls.append(server->url());
            servers.push_back(std::move(server));
        }
        Bench::Operator bob(urls.first());
        if (!bob.connectAs(u"bob"_s, u"bob-demo"_s))
            return Bench::fail(state, u"the operator could not log in"_s);

        // Offline before the widgets connect, so that the change measured is the only one.
        auto measure = [&](const QList<QUrl> &where, const QList<int> &shares) -> double {
            bob.setAvailability(u"offline"_s);
            Bench::waitUntil([] { return false; }, 1000);
            Widgets widgets;
            if (!widgets.open(where, shares))
                return -1;
            Bench::waitUntil([] { return false; }, 300);
            const qint64 start = monotonicNs();
            bob.setAvailability(u"online"_s);
            const auto last = widgets.lastStatus();
            return last ? double(*last - start) / 1e6 : -1;
        };
        const qint64 firstPid = servers.front()->processId();
        const qint64 descriptors = Bench::openDescriptors(firstPid);
        const double one = measure({ urls.first() }, { count });
        // The first instance closes the first half's connections before the second half starts:
        // closing thousands at once holds its event loop, and new widgets would wait on it.
        if (!Bench::waitUntil(
                [&] { return Bench::openDescriptors(firstPid) <= descriptors + 16; }, 600000))
            return Bench::fail(
                state, u"the first instance did not close the first half's sockets"_s);
        QList<int> shares;
        for (int i = 0; i < Instances; ++i)
            shares.append(count / Instances + (i < count % Instances ? 1 : 0));
        const double spread = measure(urls, shares);
        if (one < 0 || spread < 0) {
            // Which instance stopped: its refusals, and the statuses it computed (each instance
            // logs a change of a preset's status it sends its widgets).
            for (size_t i = 0; i < servers.size(); ++i) {
                std::fprintf(stderr, "instance %zu:\n", i);
                printRefusals(servers[i].get());
                for (const QByteArray &line : servers[i]->log().split('\n')) {
                    if (line.contains("event=status") || line.contains("event=availability"))
                        std::fprintf(stderr, "server: %s\n", line.constData());
                }
            }
            return Bench::fail(state, u"not every widget was welcomed or got the status"_s);
        }
        for (auto &server : servers)
            server->stop();
        state.SetIterationTime((one + spread) / 1000);
        state.counters["n"] = count;
        state.counters["instances"] = Instances;
        state.counters["one_instance_ms"] = one;
        state.counters["spread_ms"] = spread;
    }
}

// The most widget connections one server takes here: its connection budget is its file limit
// (inherited from this process, raised to the hard limit in main) less what it reserves, and a
// tenth of that is kept for operators. Capped at the 50,000.
int mostConnections()
{
    // A smaller figure by hand, e.g. to find where the server stops taking widgets.
    if (const int chosen = qEnvironmentVariableIntValue("OWIDGET_BENCH_MAX_CONNECTIONS"))
        return chosen;
    rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) != 0 || files.rlim_cur == RLIM_INFINITY)
        return 50000;
    const qint64 budget = qint64(files.rlim_cur) - 64;
    return int(qBound(qint64(1000), budget * 9 / 10 - 200, qint64(50000)));
}

} // namespace

// owidget-bench --fanout-client URL N: opens N widget sockets, prints "welcomed" once all are,
// then "last <CLOCK_MONOTONIC ns>" when the last one has a `status` message; exits when its
// standard input closes, or after two minutes.
int runFanoutClient(const QUrl &url, int count)
{
    std::vector<std::unique_ptr<Bench::RawWidget>> widgets;
    int welcomed = 0;
    int updated = 0;
    const int chosen = qEnvironmentVariableIntValue("OWIDGET_BENCH_FANOUT_BATCH");
    const int batch = chosen > 0 ? chosen : InFlight;
    for (int opened = 0; opened < count;) {
        const int next = qMin(count, opened + batch);
        for (; opened < next; ++opened) {
            widgets.push_back(std::make_unique<Bench::RawWidget>(url));
            widgets.back()->onText = [&](const QString &text) {
                if (text.contains("\"welcome\""_L1)) {
                    ++welcomed;
                } else if (text.contains("\"status\""_L1) && ++updated == count) {
                    std::printf("last %lld\n", static_cast<long long>(monotonicNs()));
                    std::fflush(stdout);
                }
            };
        }
        if (!Bench::waitUntil([&] { return welcomed == opened; }, 60000)) {
            // Says why, for the benchmark's failure: never answered, or closed (and how).
            int closed = 0;
            QString reason;
            for (const auto &widget : widgets) {
                if (widget->welcomed()
                    || widget->socket().state() != QAbstractSocket::UnconnectedState)
                    continue;
                ++closed;
                reason = widget->socket().errorString();
            }
            std::fprintf(stderr, "fanout client: %d of %d welcomed, %d closed (last: %s)\n",
                welcomed, opened, closed, qUtf8Printable(reason));
            return 1;
        }
    }
    std::printf("welcomed\n");
    std::fflush(stdout);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &input, [] {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
            QCoreApplication::quit();
    });
    QTimer::singleShot(120000, QCoreApplication::instance(), &QCoreApplication::quit);
    return QCoreApplication::exec();
}

void registerFanoutBenchmarks()
{
    for (int count : { Bench::size(10, 1000), Bench::size(50, 5000) }) {
        benchmark::RegisterBenchmark("fanout", fanout)
            ->Arg(count)
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
    // Toward the issue "owidget-server outgrows one machine"'s 50,000, with its targets.
    benchmark::RegisterBenchmark("fanout_many", fanout)
        ->Arg(Bench::size(60, mostConnections()))
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("fanout_instances", fanoutInstances)
        ->Arg(Bench::size(30, mostConnections()))
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
}
