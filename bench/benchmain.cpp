// owidget-bench: every benchmark of bench/, with Google Benchmark. `--smoke` runs tiny sizes and
// fails (exit 1) when a benchmark does not run or gives no numbers; it never judges timings.
#include "benchsupport.h"

#include <QApplication>
#include <QStandardPaths>

#include <cstring>
#include <vector>

void registerConnectBenchmarks();
void registerRoundTripBenchmarks();
void registerFootprintBenchmarks();

int main(int argc, char *argv[])
{
    std::vector<char *> args;
    bool smoke = false;
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--smoke") == 0)
            smoke = true;
        else
            args.push_back(argv[i]);
    }
    int count = int(args.size());
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(count, args.data());
    QStandardPaths::setTestModeEnabled(true); // conversations stored apart from the user's
    Bench::setSmoke(smoke);

    benchmark::AddCustomContext("qt", qVersion());
    registerConnectBenchmarks();
    registerRoundTripBenchmarks();
    registerFootprintBenchmarks();

    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data()))
        return 2;
    const size_t ran = benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return ran == 0 || Bench::anyFailed() ? 1 : 0;
}
