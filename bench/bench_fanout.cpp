// Server fan-out: N widget connections held by one owidget-server process (bare WebSockets in
// this process, each after hello → welcome). The server's resident memory per connection, and
// the time from an operator's availability change to the last widget's `status` message.
#include "benchsupport.h"

#include "serverprocess.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace {

void fanout(benchmark::State &state)
{
    const int count = int(state.range(0));
    constexpr int batch = 250; // connections opening at once
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
        std::vector<std::unique_ptr<Bench::RawWidget>> widgets;
        int welcomed = 0;
        int updated = 0;
        QElapsedTimer clock;
        double lastUpdate = 0;
        double firstUpdate = 0;
        for (int opened = 0; opened < count;) {
            const int next = qMin(count, opened + batch);
            for (; opened < next; ++opened) {
                widgets.push_back(std::make_unique<Bench::RawWidget>(url));
                widgets.back()->onText = [&](const QString &text) {
                    if (text.contains("\"welcome\""_L1)) {
                        ++welcomed;
                    } else if (text.contains("\"status\""_L1)) {
                        if (++updated == 1)
                            firstUpdate = double(clock.nsecsElapsed()) / 1e6;
                        lastUpdate = double(clock.nsecsElapsed()) / 1e6;
                    }
                };
            }
            if (!Bench::waitUntil([&] { return welcomed == opened; }, 60000))
                return Bench::fail(state, u"%1 of %2 widgets welcomed"_s.arg(welcomed).arg(opened));
        }
        Bench::waitUntil([] { return false; }, 300);
        const qint64 after = Bench::rssKiB(server->processId());

        clock.start();
        bob.setAvailability(u"online"_s);
        if (!Bench::waitUntil([&] { return updated == count; }, 60000))
            return Bench::fail(state, u"%1 of %2 widgets got the status"_s.arg(updated).arg(count));

        state.SetIterationTime(lastUpdate / 1000);
        state.counters["n"] = count;
        state.counters["broadcast_ms"] = lastUpdate;
        state.counters["first_update_ms"] = firstUpdate;
        state.counters["server_rss_before_kib"] = double(before);
        state.counters["server_rss_after_kib"] = double(after);
        state.counters["kib_per_connection"] = double(after - before) / count;
        widgets.clear();
        server->stop();
    }
}

} // namespace

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
