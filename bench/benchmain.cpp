// owidget-bench: every benchmark of bench/, with Google Benchmark. `--smoke` runs tiny sizes and
// fails (exit 1) when a benchmark does not run or gives no numbers; it never judges timings.
#include "benchsupport.h"

#include <QApplication>
#include <QStandardPaths>
#include <QUrl>

#include <cstdlib>
#include <cstring>
#include <sys/resource.h>
#include <vector>

void registerConnectBenchmarks();
void registerRoundTripBenchmarks();
void registerFootprintBenchmarks();
void registerFanoutBenchmarks();
int runFanoutClient(const QUrl &url, int count);
void registerIdleBenchmarks();
void registerHistoryBenchmarks();
void registerLoadBenchmarks();
void registerUploadBenchmarks();
void registerImageBenchmarks();

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
    // Thousands of sockets in the fan-out benchmark; the server started from here inherits it.
    rlimit files {};
    if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &files);
    }
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // This process holds thousands of client sockets in the fan-out benchmark; GLib's dispatcher
    // would make the measuring side quadratic. The host programs get the default back.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QApplication app(count, args.data());
    QStandardPaths::setTestModeEnabled(true); // conversations stored apart from the user's
    Bench::setSmoke(smoke);
    if (args.size() == 4 && std::strcmp(args[1], "--fanout-client") == 0)
        return runFanoutClient(QUrl(QString::fromUtf8(args[2])), std::atoi(args[3]));

    benchmark::AddCustomContext("qt", qVersion());
    registerConnectBenchmarks();
    registerRoundTripBenchmarks();
    registerFootprintBenchmarks();
    registerFanoutBenchmarks();
    registerIdleBenchmarks();
    registerHistoryBenchmarks();
    registerLoadBenchmarks();
    registerUploadBenchmarks();
    registerImageBenchmarks();

    benchmark::Initialize(&count, args.data());
    if (benchmark::ReportUnrecognizedArguments(count, args.data()))
        return 2;
    const size_t ran = benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return ran == 0 || Bench::anyFailed() ? 1 : 0;
}
