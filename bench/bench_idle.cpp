// Idle cost: wake-ups per minute of a host program holding K connected, idle controllers,
// counted as the context switches of all its threads over a fixed window, next to the same
// host holding K bare QWebSockets that keep the protocol's heartbeat (ping every 15 s).
#include "benchsupport.h"

#include "serverprocess.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace {

struct Idle
{
    double perMinute = -1;
    double referencePerMinute = -1;
};

// Every size at once, in one window: the hosts idle side by side.
QHash<int, Idle> measureAll(const QList<int> &counts, QString *error)
{
    const int windowMs = Bench::size(1000, 60000);
    struct Running
    {
        int count;
        bool reference;
        std::unique_ptr<QProcess> host;
        qint64 start = 0;
    };
    std::vector<Running> hosts;
    for (int count : counts) {
        for (bool reference : { false, true }) {
            const QString program = reference ? QStringLiteral(OWIDGET_BENCH_HOST_BARE)
                                              : QStringLiteral(OWIDGET_BENCH_HOST_WIDGET);
            QStringList arguments { u"--server"_s, Bench::server()->url().toString(), u"--count"_s,
                QString::number(count), u"--max-seconds"_s, u"300"_s };
            if (reference)
                arguments << u"--raw-sockets"_s;
            double startup = 0;
            auto host = Bench::startHost(program, arguments, &startup, error);
            if (!host)
                return {};
            hosts.push_back({ count, reference, std::move(host) });
        }
    }
    Bench::waitUntil([] { return false; }, Bench::size(200, 2000)); // start-up settles
    for (Running &r : hosts)
        r.start = Bench::contextSwitches(r.host->processId());
    Bench::waitUntil([] { return false; }, windowMs);
    QHash<int, Idle> result;
    for (Running &r : hosts) {
        const double perMinute
            = double(Bench::contextSwitches(r.host->processId()) - r.start) * 60000.0 / windowMs;
        (r.reference ? result[r.count].referencePerMinute : result[r.count].perMinute) = perMinute;
        Bench::stopHost(r.host.get());
    }
    return result;
}

QList<int> idleCounts()
{
    return { 1, Bench::size(2, 10) };
}

void idle(benchmark::State &state)
{
    static QHash<int, Idle> measured;
    static QString error;
    Bench::onlineOperator();
    const int count = int(state.range(0));
    for (auto _ : state) {
        if (measured.isEmpty())
            measured = measureAll(idleCounts(), &error);
        const Idle idle = measured.value(count);
        if (idle.perMinute < 0 || idle.referencePerMinute < 0)
            return Bench::fail(state, error.isEmpty() ? u"no measurement"_s : error);
        state.SetIterationTime(1);
        state.counters["n"] = count;
        state.counters["per_minute"] = idle.perMinute;
        state.counters["ref_per_minute"] = idle.referencePerMinute;
    }
}

} // namespace

void registerIdleBenchmarks()
{
    for (int count : idleCounts()) {
        benchmark::RegisterBenchmark("idle", idle)->Arg(count)->Iterations(1)->UseManualTime();
    }
}
