// Password checks and floods against the real owidget-server, on the plain and the TLS
// listener: failed logins from many addresses, each within its own limit, leave everyone else
// answered and are refused beyond the server's budget; a connection closed while its password
// is checked; floods of malformed frames and requests, counted by the rate limit and summarised
// in the log; the database readable by the server's user only.

#include "serverprocess.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject helloObject()
{
    return { { "type"_L1, u"hello"_s }, { "protocol"_L1, 1 },
        { "company"_L1, ServerProcess::demoCompany() }, { "language"_L1, u"en"_s } };
}

QByteArray loginRequest(const QUrl &server, const QString &login, const QString &password)
{
    const QByteArray body
        = QJsonDocument(QJsonObject { { "login"_L1, login }, { "password"_L1, password } })
              .toJson(QJsonDocument::Compact);
    return "POST /v1/operator/login HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(server.port())
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

// One HTTP exchange on a socket of its own, from a chosen loopback address (127.0.0.x), over
// TLS when the server speaks it: what a client at another address would send and receive.
class RawClient : public QObject
{
public:
    explicit RawClient(const QUrl &server)
        : m_server(server)
    {
        connect(&socket, &QIODevice::readyRead, this, [this] { received += socket.readAll(); });
        connect(&socket, &QSslSocket::sslErrors, this, [this] { socket.ignoreSslErrors(); });
    }

    bool open(const QHostAddress &from)
    {
        if (!socket.bind(from))
            return false;
        const quint16 port = quint16(m_server.port());
        if (m_server.scheme() == "https"_L1) {
            socket.setPeerVerifyMode(QSslSocket::VerifyNone);
            socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        } else {
            socket.connectToHost(QHostAddress::LocalHost, port);
        }
        return true;
    }

    void send(const QByteArray &bytes) { socket.write(bytes); }

    QByteArray head() const { return received.left(received.indexOf("\r\n\r\n")); }
    bool answered() const
    {
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        qsizetype length = 0;
        for (const QByteArray &line : head().split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        return received.size() >= end + 4 + length;
    }
    int status() const { return head().mid(9, 3).toInt(); }
    bool hasHeader(const QByteArray &name) const
    {
        return head().toLower().contains(QByteArray("\r\n" + name.toLower() + ':'));
    }

    QSslSocket socket;
    QByteArray received;

private:
    QUrl m_server;
};

QUrl configUrl(const QUrl &server)
{
    QUrl url = server.resolved(QUrl(u"v1/config"_s));
    url.setQuery(u"company="_s + ServerProcess::demoCompany());
    return url;
}

QUrl socketUrl(const QUrl &server, const QString &path)
{
    QUrl url = server.resolved(QUrl(path));
    url.setScheme(server.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    return url;
}

// A widget's socket that says hello; every text it gets.
class Widget : public QObject
{
public:
    Widget()
    {
        connect(&socket, &QWebSocket::textMessageReceived, this,
            [this](const QString &text) { received.append(text); });
        connect(&socket, &QWebSocket::sslErrors, this, [this] { socket.ignoreSslErrors(); });
        connect(&socket, &QWebSocket::connected, this, [this] { connected = true; });
    }

    bool open(const QUrl &server)
    {
        socket.open(socketUrl(server, u"v1/socket"_s));
        return QTest::qWaitFor([this] { return connected; }, 15000);
    }

    void hello() { socket.sendTextMessage(json(helloObject())); }
    bool welcomed() const { return count("\"welcome\""_L1) > 0; }
    qsizetype count(QLatin1StringView text) const
    {
        return std::count_if(received.cbegin(), received.cend(),
            [text](const QString &message) { return message.contains(text); });
    }

    QWebSocket socket;
    QStringList received;
    bool connected = false;
};

// The log lines that name `subject` (e.g. "peer=127.0.0.1:4711 ").
qsizetype linesAbout(const QByteArray &log, const QByteArray &subject)
{
    qsizetype count = 0;
    for (const QByteArray &line : log.split('\n'))
        count += QByteArray(line + ' ').contains(subject);
    return count;
}

} // namespace

class TestServerAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void databaseIsPrivate();
    void failedLoginsFromManyAddresses_data();
    void failedLoginsFromManyAddresses();
    void closedWhileChecked_data();
    void closedWhileChecked();
    void malformedFrameFlood_data();
    void malformedFrameFlood();
    void binaryFrames_data();
    void binaryFrames();
    void requestFlood_data();
    void requestFlood();

private:
    void listeners();
    bool start(ServerProcess &server, bool tls);
    bool othersAnswered(const QUrl &server);

    QTemporaryDir m_dir;
    QString m_cert;
    QString m_key;
};

void TestServerAuth::initTestCase()
{
    // The server started by each row inherits it: its log is what some rows count.
    qputenv("QT_LOGGING_RULES", "owidget.server.info=true");
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    QVERIFY2(!openssl.isEmpty(), "openssl is needed to make a test certificate");
    m_cert = m_dir.filePath(u"cert.pem"_s);
    m_key = m_dir.filePath(u"key.pem"_s);
    QProcess req;
    req.start(openssl,
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
            u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s, m_key, u"-out"_s, m_cert,
            u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s });
    QVERIFY(req.waitForFinished(60000));
    QCOMPARE(req.exitCode(), 0);
}

void TestServerAuth::listeners()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("tls") << true;
}

bool TestServerAuth::start(ServerProcess &server, bool tls)
{
    if (tls)
        server.setExtraArguments({ u"--tls-cert"_s, m_cert, u"--tls-key"_s, m_key });
    if (!server.start()) {
        qWarning("%s", qPrintable(server.error()));
        return false;
    }
    return true;
}

// A visitor's configuration and hello, and an operator's login, all answered.
bool TestServerAuth::othersAnswered(const QUrl &server)
{
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> config(nam.get(QNetworkRequest(configUrl(server))));
    config->ignoreSslErrors();
    Widget widget;
    if (!widget.open(server))
        return false;
    widget.hello();
    RawClient login(server);
    login.open(QHostAddress(u"127.0.0.2"_s));
    login.send(loginRequest(server, u"bob"_s, u"bob-demo"_s));
    const bool answered = QTest::qWaitFor(
        [&] { return config->isFinished() && widget.welcomed() && login.answered(); }, 30000);
    const int configStatus = config->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!answered || configStatus != 200 || login.status() != 200) {
        qWarning(
            "config %d, welcome %d, login %d", configStatus, widget.welcomed(), login.status());
        return false;
    }
    return true;
}

// The database holds password and session hashes and every conversation: it and its -wal and
// -shm files are the server's user's alone, also when an older server left it readable.
void TestServerAuth::databaseIsPrivate()
{
    ServerProcess fresh;
    QVERIFY(start(fresh, false));
    QVERIFY(othersAnswered(fresh.url())); // a login writes a session: the WAL is in use

    ServerProcess older;
    {
        QFile existing(older.databasePath());
        QVERIFY(existing.open(QIODevice::WriteOnly)); // an empty file is an empty database
        existing.close();
        QVERIFY(::chmod(QFile::encodeName(older.databasePath()).constData(), 0644) == 0);
    }
    QVERIFY(start(older, false));
    QVERIFY(othersAnswered(older.url()));

    for (const ServerProcess *server : { &fresh, &older }) {
        for (const char *suffix : { "", "-wal", "-shm" }) {
            const QString path = server->databasePath() + QLatin1StringView(suffix);
            QVERIFY2(QFileInfo::exists(path), qPrintable(path));
            struct stat info = {};
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
            QVERIFY2((info.st_mode & 0777) == 0600,
                qPrintable(u"%1 has mode %2"_s.arg(path).arg(info.st_mode & 0777, 0, 8)));
        }
    }
}

void TestServerAuth::failedLoginsFromManyAddresses_data()
{
    listeners();
}

// A hundred addresses, each within its own limit of failed logins, guess passwords at once.
// The checks beyond the server's budget are refused at once (503 with Retry-After) instead of
// queued on the event loop, and a visitor's configuration and hello are answered meanwhile.
void TestServerAuth::failedLoginsFromManyAddresses()
{
    QFETCH(bool, tls);
    ServerProcess server;
    QVERIFY(start(server, tls));
    const QUrl url = server.url();

    constexpr int addresses = 100;
    constexpr int perAddress = 3; // under the ten failures an address may make at once
    std::vector<std::unique_ptr<RawClient>> guesses;
    for (int a = 0; a < addresses; ++a) {
        const QHostAddress from(u"127.0.0.%1"_s.arg(10 + a));
        for (int i = 0; i < perAddress; ++i) {
            auto client = std::make_unique<RawClient>(url);
            QVERIFY(client->open(from));
            client->send(loginRequest(
                url, a % 2 ? u"alice"_s : u"nobody-%1"_s.arg(a), u"guess-%1"_s.arg(i)));
            guesses.push_back(std::move(client));
        }
    }
    const auto unanswered = [&] {
        return std::count_if(
            guesses.cbegin(), guesses.cend(), [](const auto &guess) { return !guess->answered(); });
    };

    // A visitor comes while the guesses are being checked.
    QNetworkAccessManager nam;
    std::unique_ptr<QNetworkReply> config(nam.get(QNetworkRequest(configUrl(url))));
    config->ignoreSslErrors();
    Widget widget;
    QVERIFY(widget.open(url));
    widget.hello();
    QTRY_VERIFY_WITH_TIMEOUT(config->isFinished() && widget.welcomed(), 60000);
    QCOMPARE(config->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const qsizetype stillChecked = unanswered();

    QTRY_COMPARE_WITH_TIMEOUT(unanswered(), 0, 120000);
    int wrong = 0;
    int busy = 0;
    for (const auto &guess : guesses) {
        const int status = guess->status();
        QVERIFY2(status == 401 || status == 503 || status == 429, guess->head().constData());
        wrong += status == 401;
        if (status == 503) {
            ++busy;
            QVERIFY2(guess->hasHeader("Retry-After"), guess->head().constData());
        }
    }
    qInfo("%d guesses from %d addresses: %d checked and wrong, %d refused as busy; %lld still "
          "being checked when the visitor was answered",
        addresses * perAddress, addresses, wrong, busy, qlonglong(stillChecked));
    QVERIFY2(busy > 0, "every guess was checked: no budget");
    QVERIFY(wrong > 0);
    // The visitor did not wait for the guesses: some were still being checked.
    QVERIFY(stillChecked > 0);
    QVERIFY(othersAnswered(url));
}

void TestServerAuth::closedWhileChecked_data()
{
    listeners();
}

// Connections that go while their password is being checked, with a right password and a
// wrong one, and one that sends another request behind its login: nothing is written to a
// connection that is gone, and the server goes on.
void TestServerAuth::closedWhileChecked()
{
    QFETCH(bool, tls);
    ServerProcess server;
    QVERIFY(start(server, tls));
    const QUrl url = server.url();
    constexpr int clients = 12;
    for (int i = 0; i < clients; ++i) {
        RawClient client(url);
        QVERIFY(client.open(QHostAddress(u"127.0.1.%1"_s.arg(10 + i))));
        client.send(loginRequest(url, u"alice"_s, i % 2 ? u"alice-demo"_s : u"wrong-%1"_s.arg(i)));
        QTRY_VERIFY((!tls || client.socket.isEncrypted()) && client.socket.bytesToWrite() == 0);
        client.socket.disconnectFromHost();
        QTRY_VERIFY(client.socket.state() == QAbstractSocket::UnconnectedState);
    }
    // Every check ran to its end after its connection was gone. Each check is an Argon2id
    // hash of 64 MiB; with the rest of the suite beside it on two cores, twelve once took 32 s.
    QTRY_VERIFY_WITH_TIMEOUT(linesAbout(server.log(), "event=login_failed")
                + linesAbout(server.log(), "event=login operator=alice")
            >= clients,
        120000);

    // A request pipelined behind a login: the front layer refuses the connection (400, closed)
    // before the login is checked, so no answer can follow a check that finishes later.
    RawClient pipelined(url);
    QVERIFY(pipelined.open(QHostAddress(u"127.0.1.99"_s)));
    pipelined.send(loginRequest(url, u"carol"_s, u"carol-demo"_s) + "GET /v1/config?company="
        + ServerProcess::demoCompany().toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(pipelined.socket.state() == QAbstractSocket::UnconnectedState, 30000);
    QCOMPARE(pipelined.status(), 400);
    QCOMPARE(pipelined.received.count("HTTP/1.1 "), 1);
    QVERIFY(!server.log().contains("event=login operator=carol"));

    QVERIFY(server.isRunning());
    QVERIFY(othersAnswered(url));
    QCOMPARE(server.stop(), 0);
}

void TestServerAuth::malformedFrameFlood_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("path");
    QTest::newRow("widget, plain") << false << u"v1/socket"_s;
    QTest::newRow("widget, tls") << true << u"v1/socket"_s;
    QTest::newRow("operator, plain") << false << u"v1/operator/socket"_s;
    QTest::newRow("operator, tls") << true << u"v1/operator/socket"_s;
}

// Thousands of malformed frames on one connection: every one counts against the rate limit
// (a good message right after is refused as rate_limited), and the log holds a few lines about
// the connection and a summary, not a line a frame.
void TestServerAuth::malformedFrameFlood()
{
    QFETCH(bool, tls);
    QFETCH(QString, path);
    ServerProcess server;
    QVERIFY(start(server, tls));
    const QUrl url = server.url();
    const bool widget = path == "v1/socket"_L1;

    Widget client;
    QByteArray subject;
    if (widget) {
        QVERIFY(client.open(url));
        client.hello();
        QTRY_VERIFY(client.welcomed());
        subject = "peer=127.0.0.1:" + QByteArray::number(client.socket.localPort()) + ' ';
    } else {
        QNetworkAccessManager nam;
        QNetworkRequest request(url.resolved(QUrl(u"v1/operator/login"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        std::unique_ptr<QNetworkReply> reply(
            nam.post(request, R"({"login":"bob","password":"bob-demo"})"));
        reply->ignoreSslErrors();
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        client.socket.open(operatorSocketRequest(url, nam.cookieJar()));
        QTRY_VERIFY_WITH_TIMEOUT(client.count("\"snapshot\""_L1) > 0, 30000);
        subject = "operator=bob ";
    }

    constexpr int frames = 3000;
    for (int i = 0; i < frames; ++i)
        client.socket.sendTextMessage(u"{ nope %1"_s.arg(i));
    // Counted: a good message right behind them is refused like the garbage before it.
    const QJsonObject good = widget
        ? QJsonObject { { "type"_L1, u"typing"_s }, { "active"_L1, true } }
        : QJsonObject { { "type"_L1, u"availability"_s }, { "state"_L1, u"online"_s } };
    client.socket.sendTextMessage(json(good));
    const qsizetype before = client.received.size();
    QTRY_COMPARE_WITH_TIMEOUT(client.received.size() - before, frames + 1, 60000);
    const qsizetype limited = client.count("rate_limited"_L1);
    QVERIFY2(limited > frames / 2, qPrintable(u"%1 rate_limited"_s.arg(limited)));
    QVERIFY(client.received.constLast().contains("rate_limited"_L1));

    const qsizetype lines = linesAbout(server.log(), subject);
    qInfo("%d malformed frames: %lld log lines about the connection", frames, qlonglong(lines));
    QVERIFY2(lines < 20, qPrintable(u"%1 log lines"_s.arg(lines)));
    client.socket.close();
    QTRY_VERIFY(server.log().contains(QByteArray("event=log_summary " + subject)));
    QVERIFY(othersAnswered(url));
}

void TestServerAuth::binaryFrames_data()
{
    listeners();
}

// Binary frames, which the protocol has none of: before hello one ends the connection like
// any other wrong first frame; after it, each counts against the rate limit.
void TestServerAuth::binaryFrames()
{
    QFETCH(bool, tls);
    ServerProcess server;
    QVERIFY(start(server, tls));
    const QUrl url = server.url();

    Widget first;
    QVERIFY(first.open(url));
    first.socket.sendBinaryMessage("\x00\x01\x02"_ba);
    QTRY_VERIFY(first.socket.state() == QAbstractSocket::UnconnectedState);
    QCOMPARE(first.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);

    Widget flood;
    QVERIFY(flood.open(url));
    flood.hello();
    QTRY_VERIFY(flood.welcomed());
    constexpr int frames = 500;
    for (int i = 0; i < frames; ++i)
        flood.socket.sendBinaryMessage(QByteArray(16, char(i)));
    QTRY_VERIFY_WITH_TIMEOUT(flood.count("\"error\""_L1) >= frames, 30000);
    QVERIFY2(flood.count("rate_limited"_L1) > frames / 2,
        qPrintable(u"%1 rate_limited"_s.arg(flood.count("rate_limited"_L1))));
    QCOMPARE(flood.socket.state(), QAbstractSocket::ConnectedState);
    QVERIFY(othersAnswered(url));
}

void TestServerAuth::requestFlood_data()
{
    listeners();
}

// Hundreds of requests from one address, pipelined: each answered (most with 429), and the log
// holds a few lines about them (the summary follows with the address's next request after the
// interval).
void TestServerAuth::requestFlood()
{
    QFETCH(bool, tls);
    ServerProcess server;
    QVERIFY(start(server, tls));
    const QUrl url = server.url();
    RawClient client(url);
    QVERIFY(client.open(QHostAddress(u"127.0.0.77"_s)));
    constexpr int requests = 400;
    // One after the other on the same connection: the front layer refuses pipelined requests.
    for (int i = 0; i < requests; ++i) {
        client.send(
            "GET /v1/nothing-" + QByteArray::number(i) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY2(QTest::qWaitFor([&] { return client.received.count("HTTP/1.1 ") == i + 1; }),
            qPrintable(u"request %1 was not answered"_s.arg(i)));
    }
    QVERIFY(client.received.count("HTTP/1.1 429") > requests / 2);
    // The only HTTP client so far.
    const qsizetype lines = linesAbout(server.log(), "event=http ");
    qInfo("%d requests: %lld log lines about them", requests, qlonglong(lines));
    QVERIFY2(lines < 20, qPrintable(u"%1 log lines"_s.arg(lines)));
    QVERIFY(othersAnswered(url));
}

QTEST_MAIN(TestServerAuth)
#include "tst_server_auth.moc"
