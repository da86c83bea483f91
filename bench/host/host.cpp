// A minimal host program, built three times: bare (a window and nothing else), with OWidget
// (ChatButton + Controller, connected), and with a web chat page in QWebEngineView. It prints
// "ready" once its window is painted and, with a chat, connected; then it waits until its
// standard input closes (the benchmark measures it meanwhile), at most --max-seconds.
//
//   owidget-bench-host-* --server URL [--count K] [--raw-sockets] [--max-seconds S]
#include <QApplication>
#include <QCommandLineParser>
#include <QLabel>
#include <QSocketNotifier>
#include <QTimer>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <QWebSocket>
#include <QWidget>

#include <cstdio>
#include <functional>
#include <unistd.h>

#if defined(OWIDGET_BENCH_WIDGET)
#include <owidget/chatbutton.h>
#include <owidget/controller.h>
#elif defined(OWIDGET_BENCH_WEBENGINE)
#include <QWebEngineView>
#endif

using namespace Qt::StringLiterals;

namespace {

const auto company = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;

// Painted once: the window's first paint event has been delivered.
class Window : public QWidget
{
public:
    bool painted = false;
    std::function<void()> onPainted;

protected:
    void paintEvent(QPaintEvent *event) override
    {
        QWidget::paintEvent(event);
        if (!painted && onPainted)
            QTimer::singleShot(0, this, onPainted); // once this paint is complete
        painted = true;
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption serverOption(u"server"_s, u"owidget-server URL"_s, u"URL"_s);
    const QCommandLineOption countOption(u"count"_s, u"chats"_s, u"K"_s, u"1"_s);
    const QCommandLineOption rawOption(u"raw-sockets"_s, u"bare WebSockets instead (bare host)"_s);
    const QCommandLineOption maxOption(u"max-seconds"_s, u"lifetime"_s, u"S"_s, u"300"_s);
    parser.addOptions({ serverOption, countOption, rawOption, maxOption });
    parser.process(app);
    const QUrl server(parser.value(serverOption));
    const int count = qBound(1, parser.value(countOption).toInt(), 100);

    Window window;
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(new QLabel(u"A host program"_s));
    int connected = 0;
    bool wantsConnections = false;
    bool announced = false;
    auto announce = [&] {
        if (announced || !window.painted || (wantsConnections && connected < count))
            return;
        announced = true;
        std::printf("ready\n");
        std::fflush(stdout);
    };
    window.onPainted = announce;

    QUrl socketUrl = server.resolved(QUrl(u"v1/socket"_s));
    socketUrl.setScheme(u"ws"_s);
    const QString hello
        = uR"({"type":"hello","protocol":1,"company":"%1","preset":"","language":"cs"})"_s.arg(
            company);

#if defined(OWIDGET_BENCH_WIDGET)
    wantsConnections = true;
    for (int i = 0; i < count; ++i) {
        auto *controller = new OWidget::Controller(&window);
        controller->setServerUrl(server);
        controller->init(company, {}, u"cs"_s, u"host-%1"_s.arg(i));
        QObject::connect(controller, &OWidget::Controller::connectionStateChanged, &window,
            [&](OWidget::ConnectionState state) {
                connected += state == OWidget::ConnectionState::Connected;
                announce();
            });
        auto *button = new OWidget::ChatButton;
        button->setController(controller);
        layout->addWidget(button);
        controller->connectToServer();
    }
#elif defined(OWIDGET_BENCH_WEBENGINE)
    wantsConnections = true;
    for (int i = 0; i < count; ++i) {
        auto *view = new QWebEngineView;
        view->setMinimumSize(360, 480);
        QObject::connect(view, &QWebEngineView::titleChanged, &window, [&](const QString &title) {
            connected += title == "connected"_L1;
            announce();
        });
        QUrl page = QUrl::fromLocalFile(QStringLiteral(OWIDGET_BENCH_CHAT_PAGE));
        page.setQuery(
            QUrlQuery { { u"socket"_s, socketUrl.toString() }, { u"company"_s, company } });
        view->load(page);
        layout->addWidget(view);
    }
#else
    if (parser.isSet(rawOption)) {
        // The idle reference: bare sockets that keep the protocol's heartbeat and nothing else.
        wantsConnections = true;
        for (int i = 0; i < count; ++i) {
            auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, &window);
            QObject::connect(socket, &QWebSocket::connected, socket,
                [socket, hello] { socket->sendTextMessage(hello); });
            QObject::connect(
                socket, &QWebSocket::textMessageReceived, &window, [&](const QString &text) {
                    connected += text.contains("welcome"_L1);
                    announce();
                });
            auto *heartbeat = new QTimer(socket);
            QObject::connect(heartbeat, &QTimer::timeout, socket, [socket] { socket->ping(); });
            heartbeat->start(15000);
            socket->open(socketUrl);
        }
    }
#endif
    window.show();

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[64];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
            QCoreApplication::quit();
    });
    QTimer::singleShot(parser.value(maxOption).toInt() * 1000, &app, &QCoreApplication::quit);
    return QApplication::exec();
}
