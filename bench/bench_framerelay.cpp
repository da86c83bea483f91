// The cost of the server's FrameRelay (server/framerelay.h), the layer that refuses unmasked
// client frames: text messages a second from a client QWebSocket to a server QWebSocket over
// loopback, the server's WebSocket reading its TCP socket directly or through the relay. Both
// in the same process and run.
#include "framerelay.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <benchmark/benchmark.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

template<class Predicate> bool waitFor(Predicate done, int timeoutMs = 30000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

void messages(benchmark::State &state, bool relay)
{
    const int count = int(state.range(0));
    const QString message = QString(int(state.range(1)), u'x');
    QTcpServer tcp;
    QWebSocketServer server(u"bench"_s, QWebSocketServer::NonSecureMode);
    if (!tcp.listen(QHostAddress::LocalHost))
        return state.SkipWithError("no loopback port");
    QObject::connect(&tcp, &QTcpServer::newConnection, [&] {
        while (QTcpSocket *socket = tcp.nextPendingConnection())
            server.handleConnection(relay ? new OWidget::Server::FrameRelay(socket, &tcp) : socket);
    });
    std::unique_ptr<QWebSocket> accepted;
    qint64 received = 0;
    QObject::connect(&server, &QWebSocketServer::newConnection, [&] {
        accepted.reset(server.nextPendingConnection());
        QObject::connect(accepted.get(), &QWebSocket::textMessageReceived, [&] { ++received; });
    });
    QWebSocket client;
    client.open(QUrl(u"ws://127.0.0.1:%1/"_s.arg(tcp.serverPort())));
    if (!waitFor([&] { return accepted && client.state() == QAbstractSocket::ConnectedState; }))
        return state.SkipWithError("no WebSocket");
    for (auto _ : state) {
        const qint64 target = received + count;
        for (int i = 0; i < count; ++i)
            client.sendTextMessage(message);
        if (!waitFor([&] { return received >= target; }))
            return state.SkipWithError("messages lost");
    }
    state.SetItemsProcessed(state.iterations() * count);
    client.close();
}

void BM_MessagesDirect(benchmark::State &state)
{
    messages(state, false);
}
void BM_MessagesThroughRelay(benchmark::State &state)
{
    messages(state, true);
}

} // namespace

// 10 000 messages of 64 bytes, or 1 000 of 16 KiB, per iteration; run with
// --benchmark_enable_random_interleaving=true so that the variants alternate.
#define OWIDGET_RELAY_ARGS ->Args({ 10000, 64 })->Args({ 1000, 16384 })->Repetitions(5)
BENCHMARK(BM_MessagesDirect) OWIDGET_RELAY_ARGS;
BENCHMARK(BM_MessagesThroughRelay) OWIDGET_RELAY_ARGS;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
