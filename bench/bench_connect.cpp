// Time to first status: connectToServer() to the first statusChanged, next to the floor of a
// bare HTTP GET of the configuration and a bare WebSocket hello → welcome to the same server.
#include "benchsupport.h"

#include "serverprocess.h"

#include <owidget/controller.h>

#include <QElapsedTimer>
#include <QNetworkReply>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// When the last configuration arrived, for the breakdown; set by both functions below.
double configDoneMs = 0;

// K controllers connect at once; the time until the last one shows a status.
double controllersConnect(int count)
{
    std::vector<std::unique_ptr<OWidget::Controller>> controllers;
    int reported = 0;
    QElapsedTimer clock;
    for (int i = 0; i < count; ++i) {
        auto controller = std::make_unique<OWidget::Controller>();
        controller->setServerUrl(Bench::server()->url());
        controller->init(
            Bench::demoCompany(), {}, u"cs"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
        QObject::connect(
            controller.get(), &OWidget::Controller::statusChanged, controller.get(),
            [&reported] { ++reported; }, Qt::SingleShotConnection);
        QObject::connect(controller.get(), &OWidget::Controller::configLoaded, controller.get(),
            [&clock] { configDoneMs = double(clock.nsecsElapsed()) / 1e6; });
        controllers.push_back(std::move(controller));
    }
    clock.start();
    for (auto &controller : controllers)
        controller->connectToServer();
    if (!Bench::waitUntil([&] { return reported == count; }, 30000))
        return -1;
    return double(clock.nsecsElapsed()) / 1e6;
}

// The floor: what any widget must do, with nothing of OWidget's: GET /v1/config, then a
// WebSocket to /v1/socket with hello → welcome.
double bareConnect(int count)
{
    const QUrl server = Bench::server()->url();
    QUrl configUrl = server.resolved(QUrl(u"v1/config"_s));
    configUrl.setQuery(QUrlQuery { { u"company"_s, Bench::demoCompany() } });
    const QUrl socketUrl = Bench::socketUrl(server, u"v1/socket"_s);

    struct Client
    {
        std::unique_ptr<QNetworkAccessManager> network;
        std::unique_ptr<Bench::RawWidget> socket;
    };
    std::vector<Client> clients(count);
    int welcomed = 0;
    QElapsedTimer clock;
    clock.start();
    for (Client &client : clients) {
        client.network = std::make_unique<QNetworkAccessManager>();
        QNetworkReply *reply = client.network->get(QNetworkRequest(configUrl));
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->readAll();
            reply->deleteLater();
            configDoneMs = double(clock.nsecsElapsed()) / 1e6;
            client.socket = std::make_unique<Bench::RawWidget>(socketUrl);
            client.socket->onMessage = [&welcomed](const QJsonObject &message) {
                welcomed += message.value(u"type"_s).toString() == "welcome"_L1;
            };
        });
    }
    if (!Bench::waitUntil([&] { return welcomed == count; }, 30000))
        return -1;
    return double(clock.nsecsElapsed()) / 1e6;
}

void firstStatus(benchmark::State &state)
{
    const int count = int(state.range(0));
    const int repeats = Bench::size(2, 20);
    Bench::onlineOperator();
    QList<double> own;
    QList<double> floor;
    QList<double> ownConfig;
    QList<double> floorConfig;
    for (auto _ : state) {
        // Alternating, so that both see the same machine noise.
        for (int r = 0; r < repeats; ++r) {
            const double a = controllersConnect(count);
            ownConfig.append(configDoneMs);
            const double b = bareConnect(count);
            floorConfig.append(configDoneMs);
            if (a < 0 || b < 0)
                return Bench::fail(state, u"a connection did not complete"_s);
            own.append(a);
            floor.append(b);
        }
        state.SetIterationTime(Bench::percentile(own, 50) / 1000);
    }
    state.counters["value"] = Bench::percentile(own, 50);
    state.counters["reference"] = Bench::percentile(floor, 50);
    state.counters["n"] = count;
    state.counters["config_ms"] = Bench::percentile(ownConfig, 50);
    state.counters["ref_config_ms"] = Bench::percentile(floorConfig, 50);
}

} // namespace

void registerConnectBenchmarks()
{
    for (int count : { 1, Bench::size(4, 50) }) {
        benchmark::RegisterBenchmark("first_status", firstStatus)
            ->Arg(count)
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
}
