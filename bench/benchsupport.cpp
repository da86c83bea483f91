#include "benchsupport.h"

#include "serverprocess.h"

#include <owidget/controller.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <cmath>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Bench {

namespace {

bool smokeRun = false;
bool failed = false;

qint64 statusField(const QString &path, QByteArrayView field)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field) && line.size() > field.size() && line[field.size()] == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QString procPath(qint64 pid)
{
    return pid == 0 ? u"/proc/self"_s : u"/proc/%1"_s.arg(pid);
}

} // namespace

bool isSmoke()
{
    return smokeRun;
}

void setSmoke(bool smoke)
{
    smokeRun = smoke;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    // Wakes the loop now and then so that the deadline is noticed when nothing else happens.
    QTimer tick;
    tick.start(100);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

qint64 rssKiB(qint64 pid)
{
    return statusField(procPath(pid) + u"/status"_s, "VmRSS");
}

qint64 treeRssKiB(qint64 pid)
{
    // Children by parent: one pass over /proc.
    QMultiHash<qint64, qint64> children;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool ok = false;
        const qint64 child = entry.toLongLong(&ok);
        if (!ok)
            continue;
        const qint64 parent = statusField(u"/proc/"_s + entry + u"/status"_s, "PPid");
        if (parent > 0)
            children.insert(parent, child);
    }
    qint64 total = 0;
    QList<qint64> pending { pid };
    for (int guard = 0; !pending.isEmpty() && guard < 10000; ++guard) {
        const qint64 next = pending.takeLast();
        total += qMax<qint64>(0, rssKiB(next));
        pending += children.values(next);
    }
    return total;
}

qint64 contextSwitches(qint64 pid)
{
    qint64 total = 0;
    const QString tasks = procPath(pid) + u"/task"_s;
    const QStringList entries = QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QString status = tasks + u'/' + entry + u"/status"_s;
        // Voluntary: the thread slept and something woke it. Being preempted is not a wake-up.
        total += qMax<qint64>(0, statusField(status, "voluntary_ctxt_switches"));
    }
    return total;
}

qint64 openDescriptors(qint64 pid)
{
    return QDir(procPath(pid) + u"/fd"_s)
        .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System)
        .size();
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1;
    return values.at(qBound<qsizetype>(0, rank, values.size() - 1));
}

void fail(benchmark::State &state, const QString &message)
{
    failed = true;
    state.SkipWithError(qPrintable(message));
}

bool anyFailed()
{
    return failed;
}

std::unique_ptr<QProcess> startHost(
    const QString &program, const QStringList &arguments, double *startupMs, QString *error)
{
    auto host = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    // The host runs with the event dispatcher an application gets, whatever this process uses.
    if (!qEnvironmentVariableIsSet("OWIDGET_BENCH_HOST_NO_GLIB"))
        env.remove(u"QT_NO_GLIB"_s);
    if (::geteuid() == 0 && !env.contains(u"QTWEBENGINE_CHROMIUM_FLAGS"_s))
        env.insert(u"QTWEBENGINE_CHROMIUM_FLAGS"_s, u"--no-sandbox"_s); // Chromium, as root
    host->setProcessEnvironment(env);
    host->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer clock;
    clock.start();
    host->start(program, arguments);
    if (!host->waitForStarted(10000)) {
        *error = program + u": "_s + host->errorString();
        return nullptr;
    }
    QByteArray output;
    const bool ready = waitUntil(
        [&] {
            output += host->readAllStandardOutput();
            return output.contains("ready\n") || host->state() == QProcess::NotRunning;
        },
        60000);
    *startupMs = double(clock.nsecsElapsed()) / 1e6;
    if (!ready || !output.contains("ready\n")) {
        *error = program + u" did not get ready: "_s + QString::fromUtf8(output);
        stopHost(host.get());
        return nullptr;
    }
    return host;
}

void stopHost(QProcess *host)
{
    host->closeWriteChannel();
    if (!host->waitForFinished(15000)) {
        host->kill();
        host->waitForFinished(5000);
    }
}

std::unique_ptr<ServerProcess> startServer(QString *error)
{
    auto process = std::make_unique<ServerProcess>();
    // Thousands of widgets from one address: over the default cap per address.
    process->setExtraArguments(
        { u"--message-rate"_s, u"1000000"_s, u"--max-connections-per-address"_s, u"10000000"_s });
    if (!process->start()) {
        *error = process->error();
        return nullptr;
    }
    return process;
}

ServerProcess *server()
{
    static std::unique_ptr<ServerProcess> shared;
    if (!shared) {
        QString error;
        shared = startServer(&error);
        if (!shared)
            qFatal("owidget-server did not start: %s", qPrintable(error));
    }
    return shared.get();
}

Operator *onlineOperator()
{
    static std::unique_ptr<Operator> alice;
    if (!alice) {
        alice = std::make_unique<Operator>(server()->url());
        if (!alice->connectAs(u"alice"_s, u"alice-demo"_s))
            qFatal("the operator could not log in");
        bool online = false;
        alice->onMessage = [&online](const QJsonObject &m) {
            online = online || m.value(u"type"_s).toString() == "availability"_L1;
        };
        alice->setAvailability(u"online"_s);
        if (!waitUntil([&] { return online; }, 15000))
            qFatal("the operator did not go online");
        alice->onMessage = nullptr;
    }
    return alice.get();
}

QString demoCompany()
{
    return ServerProcess::demoCompany();
}

QUrl socketUrl(const QUrl &server, const QString &path)
{
    QUrl url = server.resolved(QUrl(path));
    url.setScheme(server.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    return url;
}

QByteArray hello()
{
    return QJsonDocument(QJsonObject { { u"type"_s, u"hello"_s }, { u"protocol"_s, 1 },
                             { u"company"_s, demoCompany() }, { u"preset"_s, QString() },
                             { u"language"_s, u"cs"_s } })
        .toJson(QJsonDocument::Compact);
}

Operator::Operator(const QUrl &server)
    : m_server(server)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.value(u"type"_s).toString() == "snapshot"_L1)
            m_snapshot = true;
        if (onMessage)
            onMessage(message);
    });
}

bool Operator::connectAs(const QString &login, const QString &password)
{
    QNetworkRequest request(m_server.resolved(QUrl(u"v1/operator/login"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const QJsonObject body { { u"login"_s, login }, { u"password"_s, password } };
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, QJsonDocument(body).toJson()));
    if (!waitUntil([&] { return reply->isFinished(); }, 15000)
        || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return false;
    m_socket.open(operatorSocketRequest(m_server, m_network.cookieJar()));
    return waitUntil([this] { return m_snapshot; }, 15000);
}

void Operator::send(const QJsonObject &message)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void Operator::setAvailability(const QString &state)
{
    send({ { u"type"_s, u"availability"_s }, { u"state"_s, state } });
}

RawWidget::RawWidget(const QUrl &socketUrl, const QByteArray &hello)
{
    connect(&m_socket, &QWebSocket::connected, this,
        [this, hello] { m_socket.sendTextMessage(QString::fromUtf8(hello)); });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (onText) {
            m_welcomed = m_welcomed || text.contains("\"welcome\""_L1);
            return onText(text);
        }
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        if (message.value(u"type"_s).toString() == "welcome"_L1)
            m_welcomed = true;
        if (onMessage)
            onMessage(message);
    });
    m_socket.open(socketUrl);
}

void RawWidget::send(const QJsonObject &message)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

bool accepted(Operator &op, const std::function<bool()> &active)
{
    op.send({ { u"type"_s, u"accept"_s } });
    return waitUntil(active, 15000);
}

bool startConversation(OWidget::Controller &controller, const QUrl &url, Operator &op)
{
    controller.setServerUrl(url);
    controller.init(demoCompany(), {}, u"cs"_s,
        u"bench-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
    controller.connectToServer();
    if (!waitUntil([&] { return controller.status() == OWidget::ButtonStatus::Online; }))
        return false;
    if (!controller.startChat({ { u"name"_s, u"Bench"_s } })
        || !waitUntil([&] { return controller.chatState() == OWidget::ChatState::Waiting; }))
        return false;
    return accepted(op, [&] { return controller.chatState() == OWidget::ChatState::Active; });
}

} // namespace Bench
