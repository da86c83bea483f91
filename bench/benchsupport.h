// What the benchmarks share: waiting on the event loop without sleeping, /proc readings, the
// real owidget-server and an operator on its socket.
#pragma once

#include <benchmark/benchmark.h>

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>

class ServerProcess;

namespace OWidget {
class Controller;
}

namespace Bench {

/// True for the smoke run: tiny sizes, only that every benchmark runs and gives numbers.
bool isSmoke();
void setSmoke(bool smoke);
/// Picks the smoke size or the full size.
inline int size(int smoke, int full)
{
    return isSmoke() ? smoke : full;
}

/// Runs the event loop until `done` or `timeoutMs`, waking only for events (no polling sleeps,
/// so a measured latency is the event's, not a sleep's).
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 30000);

/// VmRSS of a process in KiB (`pid` 0: this one); -1 when unreadable.
qint64 rssKiB(qint64 pid = 0);
/// VmRSS of a process and all its descendants, in KiB.
qint64 treeRssKiB(qint64 pid);
/// Wake-ups: the voluntary context switches of every thread of a process.
qint64 contextSwitches(qint64 pid);

/// The descriptors a process holds open (its sockets among them).
qint64 openDescriptors(qint64 pid);

double percentile(QList<double> values, double p);

/// Marks the benchmark failed (the smoke test fails) with a message.
void fail(benchmark::State &state, const QString &message);
bool anyFailed();

/// Starts a host program of bench/host/ and waits for its "ready"; null with `error` when it
/// fails. `startupMs`: from the start of the process to "ready". The host runs until stopHost().
std::unique_ptr<QProcess> startHost(
    const QString &program, const QStringList &arguments, double *startupMs, QString *error);
void stopHost(QProcess *host);

/// A fresh owidget-server with the demo data, the rate limit raised so that benchmarks measure
/// latency rather than the limiter. Started on first use; one per process unless `fresh`.
ServerProcess *server();
std::unique_ptr<ServerProcess> startServer(QString *error);
/// Alice, logged in on server() and online, so that widgets of the demo preset show Online.
class Operator;
Operator *onlineOperator();
QString demoCompany();
QUrl socketUrl(const QUrl &server, const QString &path);
QByteArray hello();

/// An operator as the console is one: logged in over HTTP, then on /v1/operator/socket; every
/// message goes to `onMessage` as it arrives.
class Operator : public QObject
{
public:
    explicit Operator(const QUrl &server);
    bool connectAs(const QString &login, const QString &password);
    void send(const QJsonObject &message);
    void setAvailability(const QString &state);
    std::function<void(const QJsonObject &)> onMessage;
    QWebSocket &socket() { return m_socket; }

private:
    QUrl m_server;
    QNetworkAccessManager m_network;
    QWebSocket m_socket;
    bool m_snapshot = false;
};

/// A widget connection without OWidget::Core: a bare QWebSocket that says hello.
class RawWidget : public QObject
{
public:
    explicit RawWidget(const QUrl &socketUrl, const QByteArray &hello = Bench::hello());
    void send(const QJsonObject &message);
    std::function<void(const QJsonObject &)> onMessage;
    /// Instead of onMessage, when set: the text as it came, not parsed (cheaper, for thousands).
    std::function<void(const QString &)> onText;
    bool welcomed() const { return m_welcomed; }
    QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    bool m_welcomed = false;
};

/// Accepts the oldest waiting conversation for `op`, then waits until `active`.
bool accepted(Operator &op, const std::function<bool()> &active);
/// A conversation of `controller` on `url` (in a scope of its own), accepted by `op`.
bool startConversation(OWidget::Controller &controller, const QUrl &url, Operator &op);

} // namespace Bench
