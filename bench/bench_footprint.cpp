// Footprint: resident memory (the whole process tree) and start-up time (process start to a
// painted window with its chats connected) of a minimal host program: bare, with K OWidget
// chats (ChatButton + Controller), and with K web chat pages in QWebEngineView.
#include "benchsupport.h"

#include "serverprocess.h"

using namespace Qt::StringLiterals;

namespace {

struct Measured
{
    double startupMs = -1;
    double rssKiB = -1;
};

// The median of `runs` launches of one host.
Measured measure(const QString &program, int count, int runs, QString *error)
{
    QList<double> startups;
    QList<double> rss;
    for (int run = 0; run < runs; ++run) {
        double startup = 0;
        auto host = Bench::startHost(program,
            { u"--server"_s, Bench::server()->url().toString(), u"--count"_s,
                QString::number(count), u"--max-seconds"_s, u"120"_s },
            &startup, error);
        if (!host)
            return {};
        rss.append(double(Bench::treeRssKiB(host->processId())));
        startups.append(startup);
        Bench::stopHost(host.get());
    }
    return { Bench::percentile(startups, 50), Bench::percentile(rss, 50) };
}

void footprint(benchmark::State &state)
{
    const int count = int(state.range(0));
    const int runs = Bench::size(1, 7);
    Bench::onlineOperator();
    for (auto _ : state) {
        QString error;
        const Measured bare = measure(QStringLiteral(OWIDGET_BENCH_HOST_BARE), count, runs, &error);
        const Measured own
            = measure(QStringLiteral(OWIDGET_BENCH_HOST_WIDGET), count, runs, &error);
        if (bare.rssKiB < 0 || own.rssKiB < 0)
            return Bench::fail(state, error);
        state.SetIterationTime(own.startupMs / 1000);
        state.counters["n"] = count;
        state.counters["rss_kib"] = own.rssKiB;
        state.counters["startup_ms"] = own.startupMs;
        state.counters["bare_rss_kib"] = bare.rssKiB;
        state.counters["bare_startup_ms"] = bare.startupMs;
        state.counters["added_kib"] = own.rssKiB - bare.rssKiB;
        state.counters["added_ms"] = own.startupMs - bare.startupMs;
#ifdef OWIDGET_BENCH_HOST_WEB
        const Measured web = measure(QStringLiteral(OWIDGET_BENCH_HOST_WEB), count, runs, &error);
        if (web.rssKiB < 0)
            return Bench::fail(state, error);
        state.counters["web_rss_kib"] = web.rssKiB;
        state.counters["web_startup_ms"] = web.startupMs;
#endif
    }
}

} // namespace

void registerFootprintBenchmarks()
{
    for (int count : { 1, Bench::size(2, 4) }) {
        benchmark::RegisterBenchmark("footprint", footprint)
            ->Arg(count)
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
}
