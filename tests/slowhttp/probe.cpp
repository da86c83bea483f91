// A normal client, measured while something else attacks the server: it fetches the demo
// company's configuration and opens a widget socket that says hello, one after the other, each
// on a new connection, for as long as it is told, and samples the server's resident memory. It
// prints one line,
//   probe config=N/<worst ms>/<median ms> hello=N/<worst ms>/<median ms> failed=N rss_peak_kib=N
// and exits 1 when a request went unanswered (within --timeout) or nothing was answered at all.
// Used by tests/slowhttp/run.sh (ctest) and scripts/scan.sh.

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString demoCompany = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;

qint64 residentKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (pid <= 0 || !status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

struct Series
{
    QList<qint64> ms;
    QByteArray summary() const
    {
        if (ms.isEmpty())
            return "0/-/-";
        QList<qint64> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return QByteArray::number(ms.size()) + '/' + QByteArray::number(sorted.constLast()) + '/'
            + QByteArray::number(sorted.at(sorted.size() / 2));
    }
};

// One frame as a client sends it: text, final, masked.
QByteArray clientTextFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81));
    if (payload.size() < 126) {
        frame.append(char(0x80 | payload.size()));
    } else {
        frame.append(char(0x80 | 126));
        frame.append(char(payload.size() >> 8));
        frame.append(char(payload.size() & 0xff));
    }
    const char mask[4] = { 0x11, 0x22, 0x33, 0x44 };
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    return frame;
}

// The probe speaks HTTP and the WebSocket handshake itself, on sockets bound to an address of
// its own (--from), so that the attack's address and its limits are not the probe's: the
// question is whether someone else is still answered.
class Probe : public QObject
{
public:
    static constexpr int PauseMs = 100;

    Probe(const QUrl &server, const QHostAddress &from, int seconds, int timeoutMs, qint64 pid)
        : m_server(server)
        , m_from(from)
        , m_timeoutMs(timeoutMs)
        , m_pid(pid)
    {
        m_total.start();
        m_end = qint64(seconds) * 1000;
        connect(&m_sampler, &QTimer::timeout, this,
            [this] { m_rssPeak = qMax(m_rssPeak, residentKiB(m_pid)); });
        m_sampler.start(100);
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] {
            ++m_failed;
            std::fprintf(stderr, "probe: no answer within %d ms (%s)\n", m_timeoutMs,
                m_configNext ? "hello" : "config");
            next();
        });
        QTimer::singleShot(0, this, &Probe::next);
    }

    int exitCode() const
    {
        return m_failed == 0 && !m_config.ms.isEmpty() && !m_hello.ms.isEmpty() ? 0 : 1;
    }

private:
    // The next request after a pause, as a person's client would, well within the server's
    // limit of requests an address may make.
    void pause()
    {
        m_deadline.stop();
        QTimer::singleShot(PauseMs, this, &Probe::next);
    }

    void next()
    {
        m_deadline.stop();
        if (m_socket) {
            m_socket->disconnect(this);
            m_socket->abort();
            m_socket.release()->deleteLater();
        }
        if (m_total.elapsed() >= m_end)
            return finish();
        const bool config = m_configNext;
        m_configNext = !m_configNext;
        m_received.clear();
        m_upgraded = false;
        m_socket = std::make_unique<QSslSocket>();
        QSslSocket *socket = m_socket.get();
        connect(socket, &QSslSocket::sslErrors, socket, [socket] { socket->ignoreSslErrors(); });
        connect(socket, &QIODevice::readyRead, this, [this, config] {
            m_received += m_socket->readAll();
            config ? onConfigData() : onHelloData();
        });
        m_timer.start();
        m_deadline.start(m_timeoutMs);
        socket->bind(m_from);
        const quint16 port = quint16(m_server.port());
        if (m_server.scheme() == "https"_L1) {
            socket->setPeerVerifyMode(QSslSocket::VerifyNone);
            socket->connectToHostEncrypted(m_server.host(), port);
        } else {
            socket->connectToHost(m_server.host(), port);
        }
        const QByteArray host
            = "Host: " + m_server.host().toLatin1() + ':' + QByteArray::number(port) + "\r\n";
        if (config) {
            socket->write("GET /v1/config?company=" + demoCompany.toLatin1() + " HTTP/1.1\r\n"
                + host + "Connection: close\r\n\r\n");
        } else {
            socket->write("GET /v1/socket HTTP/1.1\r\n" + host
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
                  "13\r\n\r\n");
        }
    }

    void onConfigData()
    {
        const qsizetype end = m_received.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        const QList<QByteArray> lines = m_received.left(end).split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (m_received.size() < end + 4 + length)
            return;
        if (m_received.startsWith("HTTP/1.1 200")) {
            m_config.ms.append(m_timer.elapsed());
        } else {
            ++m_failed;
            std::fprintf(stderr, "probe: config answered %s\n", m_received.left(12).constData());
        }
        pause();
    }

    void onHelloData()
    {
        if (!m_upgraded) {
            const qsizetype end = m_received.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            if (!m_received.startsWith("HTTP/1.1 101")) {
                ++m_failed;
                std::fprintf(
                    stderr, "probe: upgrade answered %s\n", m_received.left(12).constData());
                return pause();
            }
            m_upgraded = true;
            m_received.remove(0, end + 4);
            const QJsonObject hello { { "type"_L1, u"hello"_s }, { "protocol"_L1, 1 },
                { "company"_L1, demoCompany }, { "language"_L1, u"en"_s } };
            m_socket->write(clientTextFrame(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
        }
        if (m_received.contains("\"welcome\"")) {
            m_hello.ms.append(m_timer.elapsed());
            pause();
        }
    }

    void finish()
    {
        m_sampler.stop();
        m_rssPeak = qMax(m_rssPeak, residentKiB(m_pid));
        std::printf("probe config=%s hello=%s failed=%d rss_peak_kib=%lld\n",
            m_config.summary().constData(), m_hello.summary().constData(), m_failed, m_rssPeak);
        std::fflush(stdout);
        QCoreApplication::exit(exitCode());
    }

    QUrl m_server;
    QHostAddress m_from;
    int m_timeoutMs;
    qint64 m_pid;
    qint64 m_end = 0;
    QElapsedTimer m_total;
    QElapsedTimer m_timer;
    QTimer m_deadline;
    QTimer m_sampler;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_received;
    bool m_upgraded = false;
    Series m_config;
    Series m_hello;
    bool m_configNext = true;
    int m_failed = 0;
    qint64 m_rssPeak = -1;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"A normal client of owidget-server, measured."_s);
    parser.addHelpOption();
    const QCommandLineOption urlOption(
        u"url"_s, u"The server, e.g. http://127.0.0.1:8080/"_s, u"URL"_s);
    const QCommandLineOption secondsOption(u"seconds"_s, u"How long to go on."_s, u"N"_s, u"10"_s);
    const QCommandLineOption timeoutOption(u"timeout"_s,
        u"Milliseconds after which a request counts as unanswered."_s, u"MS"_s, u"15000"_s);
    const QCommandLineOption fromOption(u"from"_s,
        u"The loopback address to connect from, not the attack's (default 127.0.0.2)."_s,
        u"ADDRESS"_s, u"127.0.0.2"_s);
    const QCommandLineOption pidOption(
        u"pid"_s, u"The server's process id, for its memory."_s, u"PID"_s, u"0"_s);
    parser.addOptions({ urlOption, secondsOption, timeoutOption, fromOption, pidOption });
    parser.process(app);
    const QUrl url(parser.value(urlOption));
    if (!url.isValid() || url.scheme().isEmpty()) {
        std::fprintf(stderr, "owidget-probe: --url is required\n");
        return 2;
    }
    Probe probe(url, QHostAddress(parser.value(fromOption)), parser.value(secondsOption).toInt(),
        parser.value(timeoutOption).toInt(), parser.value(pidOption).toLongLong());
    return QCoreApplication::exec();
}
