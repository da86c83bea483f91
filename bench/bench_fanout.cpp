// Server fan-out: N widget connections held by one owidget-server process: bare WebSockets,
// each after hello → welcome, spread over a few client processes (this program with
// --fanout-client) so that reading N messages on the client side does not dominate. The
// server's resident memory per connection, and the time from an operator's availability change
// to the last widget's `status` message (CLOCK_MONOTONIC, shared by all processes).
#include "benchsupport.h"

#include "serverprocess.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr int Batch = 250; // connections opening at once

qint64 monotonicNs()
{
    timespec now {};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Reads the lines a client process printed so far.
bool readLines(QProcess *client, QByteArray *buffer)
{
    *buffer += client->readAllStandardOutput();
    return client->state() == QProcess::Running;
}

void fanout(benchmark::State &state)
{
    const int count = int(state.range(0));
    const int processes = count >= 1000 ? 4 : 1;
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

        const QUrl url = Bench::socketUrl(server->url(), u"v1/socket"_s);
        std::vector<std::unique_ptr<QProcess>> clients;
        std::vector<QByteArray> output(processes);
        for (int p = 0; p < processes; ++p) {
            const int share = count / processes + (p < count % processes ? 1 : 0);
            auto client = std::make_unique<QProcess>();
            client->start(QCoreApplication::applicationFilePath(),
                { u"--fanout-client"_s, url.toString(), QString::number(share) });
            clients.push_back(std::move(client));
        }
        auto allPrinted = [&](QByteArrayView line) {
            bool all = true;
            for (int p = 0; p < processes; ++p) {
                readLines(clients[p].get(), &output[p]);
                all = all && output[p].contains(line);
            }
            return all;
        };
        if (!Bench::waitUntil([&] { return allPrinted("welcomed\n"); }, 120000))
            return Bench::fail(state, u"not every widget was welcomed"_s);
        Bench::waitUntil([] { return false; }, 300);
        const qint64 after = Bench::rssKiB(server->processId());

        const qint64 start = monotonicNs();
        bob.setAvailability(u"online"_s);
        if (!Bench::waitUntil([&] { return allPrinted("last "); }, 60000))
            return Bench::fail(state, u"not every widget got the status"_s);
        qint64 last = 0;
        for (const QByteArray &lines : output) {
            const qsizetype at = lines.indexOf("last ");
            last = qMax(last, lines.mid(at + 5).split('\n').value(0).toLongLong());
        }
        for (auto &client : clients)
            Bench::stopHost(client.get());
        server->stop();

        const double broadcastMs = double(last - start) / 1e6;
        state.SetIterationTime(broadcastMs / 1000);
        state.counters["n"] = count;
        state.counters["client_processes"] = processes;
        state.counters["broadcast_ms"] = broadcastMs;
        state.counters["server_rss_before_kib"] = double(before);
        state.counters["server_rss_after_kib"] = double(after);
        state.counters["kib_per_connection"] = double(after - before) / count;
    }
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
    for (int opened = 0; opened < count;) {
        const int next = qMin(count, opened + Batch);
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
        if (!Bench::waitUntil([&] { return welcomed == opened; }, 60000))
            return 1;
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
}
