// The listeners of the real owidget-server, plain and TLS, under hostile clients: ambiguous HTTP
// framing, huge heads and bodies, requests trickled byte by byte, many sockets from one address,
// a forged Host, and what the WebSocket handshake answers. Every row runs on both listeners;
// after every row a well-behaved visitor and operator still talk on both.

#include "jsonsocket.h"
#include "rawhttp.h"
#include "rawwebsocket.h"
#include "serverprocess.h"

#include <QJsonDocument>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

// Small caps, so that the rows can reach them: per address, and in all (of which at least 16
// are kept for operators, so that visitors get 48).
constexpr int PerAddress = 16;
constexpr int Total = 64;

QString companyQuery()
{
    return u"company="_s + ServerProcess::demoCompany();
}

// A GET of the widget's configuration, which any visitor may send.
QByteArray configRequest(const QUrl &server)
{
    return "GET /v1/config?" + companyQuery().toLatin1() + " HTTP/1.1\r\nHost: " + hostOf(server)
        + "\r\n\r\n";
}

bool upgraded(const QByteArray &head)
{
    return head.startsWith("HTTP/1.1 101");
}

QByteArray loginRequest(const QUrl &server)
{
    const QByteArray body = R"({"login":"carol","password":"carol-demo"})"_ba;
    return "POST /v1/operator/login HTTP/1.1\r\nHost: " + hostOf(server)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

bool allConnected(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
{
    return std::all_of(sockets.cbegin(), sockets.cend(),
        [](const auto &socket) { return socket->state() == QAbstractSocket::ConnectedState; });
}

} // namespace

class TestServerListener : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void framing_data();
    void framing();
    void hugeHeaderLine_data();
    void hugeHeaderLine();
    void hugeBody_data();
    void hugeBody();
    void slowloris_data();
    void slowloris();
    void tlsHandshakeNeverFinished();
    void tlsHandshakeBurst();
    void perAddressCap_data();
    void perAddressCap();
    void operatorsReserve_data();
    void operatorsReserve();
    void forgedHostOnOperatorSocket_data();
    void forgedHostOnOperatorSocket();
    void upgradeResponseHeaders_data();
    void upgradeResponseHeaders();
    void tlsSuites_data();
    void tlsSuites();
    void strictTransportSecurity();

private:
    void addListenerRows(const char *name);
    bool othersUnaffected(Listener listener);
    QUrl url(Listener listener) const { return m_servers[listener]->url(); }
    std::unique_ptr<QTcpSocket> raw(Listener listener, const QHostAddress &from = {}) const
    {
        return connectRaw(url(listener), listener, from);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_servers[2];
    std::unique_ptr<OperatorClient> m_alice[2];
};

void TestServerListener::initTestCase()
{
    QString cert;
    QString key;
    QVERIFY2(makeCertificate(m_dir, &cert, &key), "openssl must be installed");
    // The test's clients trust the test's certificate, as a browser trusts a real one.
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    QVERIFY(trusting.addCaCertificates(cert));
    QSslConfiguration::setDefaultConfiguration(trusting);

    const QStringList caps { u"--max-connections-per-address"_s, QString::number(PerAddress),
        u"--max-connections"_s, QString::number(Total) };
    for (Listener listener : { Plain, Tls }) {
        auto &server = m_servers[listener];
        server = std::make_unique<ServerProcess>();
        server->setExtraArguments(listener == Tls
                ? caps + QStringList { u"--tls-cert"_s, cert, u"--tls-key"_s, key }
                : caps);
        QVERIFY2(server->start(), qPrintable(server->error()));
        m_alice[listener] = std::make_unique<OperatorClient>(server->url());
        QVERIFY(m_alice[listener]->connectAs(u"alice"_s, u"alice-demo"_s));
        m_alice[listener]->setAvailability(u"online"_s);
    }
    QCOMPARE(url(Tls).scheme(), u"https"_s);
}

void TestServerListener::cleanupTestCase()
{
    for (Listener listener : { Plain, Tls }) {
        m_alice[listener].reset();
        if (m_servers[listener])
            QCOMPARE(m_servers[listener]->stop(), 0);
    }
}

void TestServerListener::cleanup()
{
    for (Listener listener : { Plain, Tls }) {
        QVERIFY2(m_servers[listener]->isRunning(), "the server exited");
        QVERIFY(othersUnaffected(listener));
    }
}

// A visitor starts a conversation, the operator accepts it, they exchange a message each.
bool TestServerListener::othersUnaffected(Listener listener)
{
    OperatorClient &op = *m_alice[listener];
    const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces);
    JsonSocket visitor;
    if (!visitor.connectTo(url(listener))) {
        qWarning(
            "a well-behaved visitor got no welcome: %s", qPrintable(visitor.socket.errorString()));
        return false;
    }
    visitor.send(startObject(tag));
    const QString id = visitor.take(u"created"_s).value("conversation"_L1).toString();
    if (id.isEmpty()) {
        qWarning("a well-behaved visitor could not start a conversation");
        return false;
    }
    op.accept(id);
    if (visitor.take(u"joined"_s).isEmpty()) {
        qWarning("the operator could not accept the conversation");
        return false;
    }
    op.say(id, u"answer to "_s + tag);
    const bool heard
        = visitor.take(u"message"_s).value("text"_L1).toString() == u"answer to "_s + tag;
    op.end(id);
    const bool ended = !visitor.take(u"ended"_s).isEmpty();
    if (!heard || !ended)
        qWarning("visitor heard the operator %d, ended %d", heard, ended);
    return heard && ended;
}

void TestServerListener::addListenerRows(const char *name)
{
    QTest::addRow("%s, plain", name) << int(Plain);
    QTest::addRow("%s, TLS", name) << int(Tls);
}

void TestServerListener::framing_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QByteArray>("request"); // {host} stands for the listener's host and port
    QTest::addColumn<int>("status");
    const QByteArray config = "GET /v1/config?" + companyQuery().toLatin1() + " HTTP/1.1\r\n";
    const QByteArray login = "POST /v1/operator/login HTTP/1.1\r\nHost: {host}\r\n"
                             "Content-Type: application/json\r\n";
    const QList<std::tuple<const char *, QByteArray, int>> rows {
        { "an ordinary request", config + "Host: {host}\r\n\r\n", 200 },
        { "duplicate Content-Length", login + "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}",
            400 },
        { "Content-Length and Transfer-Encoding",
            login + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}", 400 },
        { "Transfer-Encoding chunked",
            login + "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400 },
        { "Content-Length +5", login + "Content-Length: +5\r\n\r\n{\"a\"}", 400 },
        { "Content-Length -1", login + "Content-Length: -1\r\n\r\n{}", 400 },
        { "Content-Length 2^64", login + "Content-Length: 18446744073709551616\r\n\r\n{}", 400 },
        { "Content-Length of 256 MiB", login + "Content-Length: 268435456\r\n\r\n{}", 413 },
        { "a smuggled second request",
            "POST /v1/operator/logout HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n"
                + config + "Host: {host}\r\n\r\n",
            400 },
        { "bare LF", "GET /v1/config?" + companyQuery().toLatin1() + " HTTP/1.1\nHost: {host}\n\n",
            400 },
        { "folded header line", config + "Host: {host}\r\nX-A: a\r\n b\r\n\r\n", 400 },
        { "space before the colon", config + "Host : {host}\r\n\r\n", 400 },
        { "no Host", config + "\r\n", 400 },
        { "two Hosts", config + "Host: {host}\r\nHost: {host}\r\n\r\n", 400 },
        { "a forged Host", config + "Host: evil.example\r\n\r\n", 421 },
        { "an absolute target",
            "GET http://evil.example/v1/config?" + companyQuery().toLatin1()
                + " HTTP/1.1\r\nHost: {host}\r\n\r\n",
            400 },
        { "a head of 20 KiB",
            config + "Host: {host}\r\nX-Big: " + QByteArray(20 * 1024, 'b') + "\r\n\r\n", 431 },
        { "an upgrade to h2c, declined",
            config + "Host: {host}\r\nUpgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n\r\n",
            200 },
        { "an upgrade with a body",
            "GET /v1/socket HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: "
            "Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: "
            "13\r\nContent-Length: 2\r\n\r\n{}",
            400 },
    };
    for (const auto &[name, request, status] : rows) {
        QTest::addRow("%s, plain", name) << int(Plain) << request << status;
        QTest::addRow("%s, TLS", name) << int(Tls) << request << status;
    }
}

// Anything two HTTP parsers could read differently is refused with one status and the
// connection closed; nothing after it is answered.
void TestServerListener::framing()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    auto socket = raw(listener);
    QVERIFY(socket);
    socket->write(QByteArray(request).replace("{host}", hostOf(url(listener))));
    QByteArray answer;
    if (status == 200) {
        QVERIFY(readResponse(*socket, &answer));
        QCOMPARE(statusOf(answer), 200);
        return;
    }
    QVERIFY2(readUntilClosed(*socket, &answer), "the server kept the connection open");
    QCOMPARE(statusOf(answer), status);
    QCOMPARE(answer.count("HTTP/1.1 "), 1);
}

void TestServerListener::hugeHeaderLine_data()
{
    QTest::addColumn<int>("row");
    addListenerRows("40 MiB header line");
}

// One header line of 40 MiB: answered 431 after the first 16 KiB and closed, not read whole.
void TestServerListener::hugeHeaderLine()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    auto socket = raw(listener);
    QVERIFY(socket);
    socket->write("GET /v1/config HTTP/1.1\r\nHost: " + hostOf(url(listener)) + "\r\nX-Big: ");
    constexpr qint64 total = 40 * 1024 * 1024;
    QByteArray answer;
    const qint64 sent = pushUntilClosed(*socket, QByteArray(64 * 1024, 'b'), total, &answer);
    QVERIFY2(readUntilClosed(*socket, &answer), "the server kept the connection open");
    qInfo("the server took %lld of %lld bytes", sent, total);
    QVERIFY2(sent < total, "the server read the whole header line");
    QCOMPARE(statusOf(answer), 431);
}

void TestServerListener::hugeBody_data()
{
    QTest::addColumn<int>("row");
    addListenerRows("256 MiB POST");
}

// A POST that declares and sends 256 MiB: refused on its head, before the body is read.
void TestServerListener::hugeBody()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    auto socket = raw(listener);
    QVERIFY(socket);
    constexpr qint64 total = 256 * 1024 * 1024;
    socket->write("POST /v1/operator/login HTTP/1.1\r\nHost: " + hostOf(url(listener))
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(total)
        + "\r\n\r\n");
    QByteArray answer;
    const qint64 sent = pushUntilClosed(*socket, QByteArray(64 * 1024, 'a'), total, &answer);
    QVERIFY2(readUntilClosed(*socket, &answer), "the server kept the connection open");
    qInfo("the server took %lld of %lld bytes", sent, total);
    QVERIFY2(sent < total, "the server read the whole body");
    QCOMPARE(statusOf(answer), 413);
}

void TestServerListener::slowloris_data()
{
    QTest::addColumn<int>("row");
    addListenerRows("36 connections trickling a head");
}

// Connections that trickle a request head, a byte every half second, are cut; while they
// trickle, a visitor and an operator are served.
void TestServerListener::slowloris()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 36; ++i) {
        // Three addresses of twelve, under the per-address cap.
        auto socket = raw(listener, QHostAddress(u"127.0.0.%1"_s.arg(2 + i % 3)));
        QVERIFY(socket);
        socket->write("GET /v1/config HTTP/1.1\r\nHost: " + hostOf(url(listener)) + "\r\n");
        sockets.push_back(std::move(socket));
    }
    QTimer trickle;
    connect(&trickle, &QTimer::timeout, &trickle, [&] {
        for (const auto &socket : sockets) {
            if (socket->state() == QAbstractSocket::ConnectedState)
                socket->write("X");
        }
    });
    trickle.start(500);
    QVERIFY(othersUnaffected(listener));
    QTRY_VERIFY_WITH_TIMEOUT(allClosed(sockets), 30000);
}

// A TCP connection to the TLS listener that never starts its handshake is cut.
void TestServerListener::tlsHandshakeNeverFinished()
{
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 8; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, quint16(url(Tls).port()));
        QVERIFY(socket->waitForConnected(5000));
        if (i % 2)
            socket->write(QByteArray::fromHex("160301")); // the start of a ClientHello
        sockets.push_back(std::move(socket));
    }
    QVERIFY(othersUnaffected(Tls));
    QTRY_VERIFY_WITH_TIMEOUT(allClosed(sockets), 30000);
}

// Hundreds of TLS handshakes from other addresses at once, each a signature the server computes
// on its event loop: a normal client from 127.0.0.1 is answered meanwhile, every connection of
// the burst is handshaken (and answered) or closed, and each address's places in the budget
// are all given back. A server of its own, with caps above the burst.
void TestServerListener::tlsHandshakeBurst()
{
    constexpr int Addresses = 8;
    constexpr int PerBurstAddress = 40;
    ServerProcess server;
    server.setExtraArguments({ u"--max-connections-per-address"_s, QString::number(PerBurstAddress),
        u"--max-connections"_s, u"1000"_s, u"--tls-cert"_s, m_dir.filePath(u"cert.pem"_s),
        u"--tls-key"_s, m_dir.filePath(u"key.pem"_s) });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const QUrl at = server.url();
    const auto burstAddress = [](int i) { return QHostAddress(u"127.0.3.%1"_s.arg(2 + i)); };

    std::vector<std::unique_ptr<QSslSocket>> burst;
    std::vector<QByteArray> answers(Addresses * PerBurstAddress);
    for (int i = 0; i < Addresses * PerBurstAddress; ++i) {
        auto socket = std::make_unique<QSslSocket>();
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        QVERIFY(socket->bind(burstAddress(i % Addresses)));
        QSslSocket *tls = socket.get();
        connect(tls, &QSslSocket::encrypted, tls, [tls, at] { tls->write(configRequest(at)); });
        connect(tls, &QIODevice::readyRead, tls,
            [tls, &answer = answers[size_t(i)]] { answer += tls->readAll(); });
        tls->connectToHostEncrypted(u"127.0.0.1"_s, quint16(at.port()));
        burst.push_back(std::move(socket));
    }
    // While the burst is handshaken, a normal client is answered.
    auto normal = connectRaw(at, Tls);
    QVERIFY2(normal, "the normal client's handshake did not finish");
    normal->write(configRequest(at));
    QByteArray answer;
    QVERIFY(readResponse(*normal, &answer, 30000));
    QCOMPARE(statusOf(answer), 200);

    // Every connection of the burst is answered or closed (none left hanging)...
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (size_t i = 0; i < burst.size(); ++i) {
                if (burst[i]->state() != QAbstractSocket::UnconnectedState
                    && !answers[i].contains("\r\n\r\n"))
                    return false;
            }
            return true;
        }(),
        60000);
    const auto answered = std::count_if(answers.cbegin(), answers.cend(),
        [](const QByteArray &reply) { return statusOf(reply) == 200; });
    qInfo("burst: %zd of %zu answered", answered, burst.size());
    QVERIFY(answered > 0);
    burst.clear();

    // ... and once it is gone, each address has its whole share of the budget again: as many
    // connections as its cap are handshaken (a place not given back would refuse the last).
    // Waited for, then checked once: evaluated again at once, the check would open its
    // connections before the server had seen the previous attempt's close.
    for (int a = 0; a < Addresses; ++a) {
        const bool whole = QTest::qWaitFor(
            [&] {
                std::vector<std::unique_ptr<QTcpSocket>> held;
                for (int i = 0; i < PerBurstAddress; ++i) {
                    auto socket = connectRaw(at, Tls, burstAddress(a));
                    if (!socket)
                        return false;
                    held.push_back(std::move(socket));
                }
                return allConnected(held);
            },
            60000);
        QVERIFY2(whole, qPrintable(burstAddress(a).toString()));
    }
    QCOMPARE(server.stop(), 0);
}

void TestServerListener::perAddressCap_data()
{
    QTest::addColumn<int>("row");
    addListenerRows("WebSockets from one address");
}

// One address holds as many WebSockets as the cap allows and no more; another address, and
// the operator, still get in.
void TestServerListener::perAddressCap()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    const QHostAddress abuser(u"127.0.0.2"_s);
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < PerAddress; ++i) {
        auto socket = raw(listener, abuser);
        QVERIFY(socket);
        QVERIFY(upgraded(upgrade(*socket, upgradeRequest(url(listener)))));
        held.push_back(std::move(socket));
    }
    // One more from the same address is closed at once, answered nothing.
    auto refused = raw(listener, abuser);
    if (refused) {
        QCOMPARE(upgrade(*refused, upgradeRequest(url(listener))), QByteArray());
        QTRY_COMPARE(refused->state(), QAbstractSocket::UnconnectedState);
    }
    // Another address is served.
    auto other = raw(listener, QHostAddress(u"127.0.0.3"_s));
    QVERIFY(other);
    other->write(configRequest(url(listener)));
    QByteArray answer;
    QVERIFY(readResponse(*other, &answer));
    QCOMPARE(statusOf(answer), 200);
    QVERIFY(othersUnaffected(listener));
    // Once they are gone, the address is welcome again.
    held.clear();
    QTRY_VERIFY([&] {
        auto again = raw(listener, abuser);
        return again && upgraded(upgrade(*again, upgradeRequest(url(listener))));
    }());
}

void TestServerListener::operatorsReserve_data()
{
    QTest::addColumn<int>("row");
    addListenerRows("visitors fill the server");
}

// WebSockets from many addresses fill the visitors' share: the next visitor is turned away with
// 503, and an operator still logs in and opens the console's socket.
void TestServerListener::operatorsReserve()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    std::vector<std::unique_ptr<QTcpSocket>> held;
    bool full = false;
    for (int address = 2; address < 2 + Total / PerAddress + 1 && !full; ++address) {
        for (int i = 0; i < PerAddress && !full; ++i) {
            auto socket = raw(listener, QHostAddress(u"127.0.1.%1"_s.arg(address)));
            QVERIFY(socket);
            const QByteArray head = upgrade(*socket, upgradeRequest(url(listener)));
            if (statusOf(head) == 503)
                full = true;
            else
                QVERIFY2(upgraded(head), head.constData());
            held.push_back(std::move(socket));
        }
    }
    QVERIFY2(full, "visitors took every connection");
    qInfo("visitors held %zu connections", held.size() - 1);
    // Another visitor's request is refused...
    auto visitor = raw(listener, QHostAddress(u"127.0.2.1"_s));
    QVERIFY(visitor);
    visitor->write(configRequest(url(listener)));
    QByteArray answer;
    QVERIFY(readUntilClosed(*visitor, &answer));
    QCOMPARE(statusOf(answer), 503);
    // ... and an operator gets in.
    OperatorClient bob(url(listener));
    QVERIFY(bob.connectAs(u"bob"_s, u"bob-demo"_s));
    // Once the visitors are gone, visitors are welcome again.
    held.clear();
    QTRY_VERIFY([&] {
        auto again = raw(listener, QHostAddress(u"127.0.2.2"_s));
        QByteArray reply;
        if (!again)
            return false;
        again->write(configRequest(url(listener)));
        return readResponse(*again, &reply) && statusOf(reply) == 200;
    }());
}

void TestServerListener::forgedHostOnOperatorSocket_data()
{
    QTest::addColumn<int>("row");
    addListenerRows("operator socket, forged Host and matching Origin");
}

// DNS rebinding's shape: a page of evil.example, resolved to the server, sends its own name as
// Host and Origin with a valid session cookie. Refused on the Host.
void TestServerListener::forgedHostOnOperatorSocket()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    auto login = raw(listener);
    QVERIFY(login);
    login->write(loginRequest(url(listener)));
    QByteArray answer;
    QVERIFY(readResponse(*login, &answer));
    QCOMPARE(statusOf(answer), 200);
    const qsizetype at = answer.indexOf("Set-Cookie: ");
    QVERIFY(at > 0);
    const QByteArray cookie = answer.mid(at + 12, answer.indexOf(';', at) - at - 12);

    const QByteArray evil = "evil.example:" + QByteArray::number(url(listener).port());
    const QByteArray origin = (listener == Tls ? "https://" : "http://") + evil;
    auto socket = raw(listener);
    QVERIFY(socket);
    const QByteArray head = upgrade(*socket,
        upgradeRequest(url(listener), "/v1/operator/socket"_ba,
            "Cookie: " + cookie + "\r\nOrigin: " + origin + "\r\n", evil));
    QCOMPARE(statusOf(head), 421);

    // The same request with the server's own name is served.
    auto own = raw(listener);
    QVERIFY(own);
    const QByteArray ownOrigin = (listener == Tls ? "https://" : "http://") + hostOf(url(listener));
    QVERIFY(upgraded(upgrade(*own,
        upgradeRequest(url(listener), "/v1/operator/socket"_ba,
            "Cookie: " + cookie + "\r\nOrigin: " + ownOrigin + "\r\n"))));
}

void TestServerListener::upgradeResponseHeaders_data()
{
    QTest::addColumn<int>("row");
    addListenerRows("widget socket");
}

// The handshake's response says nothing about the server's version and allows no origin.
void TestServerListener::upgradeResponseHeaders()
{
    QFETCH(int, row);
    const auto listener = Listener(row);
    auto socket = raw(listener);
    QVERIFY(socket);
    const QByteArray head = upgrade(*socket, upgradeRequest(url(listener)));
    QVERIFY2(upgraded(head), head.constData());
    QVERIFY2(!head.toLower().contains("access-control-"), head.constData());
    QVERIFY2(!head.toLower().contains("\r\nserver:"), head.constData());
}

void TestServerListener::tlsSuites_data()
{
    QTest::addColumn<QString>("cipher");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("ECDHE, AES-GCM") << u"ECDHE-RSA-AES128-GCM-SHA256"_s << true;
    QTest::newRow("ECDHE, ChaCha20-Poly1305") << u"ECDHE-RSA-CHACHA20-POLY1305"_s << true;
    QTest::newRow("static RSA, AES-GCM") << u"AES128-GCM-SHA256"_s << false;
    QTest::newRow("static RSA, CBC") << u"AES128-SHA"_s << false;
    QTest::newRow("ECDHE, CBC") << u"ECDHE-RSA-AES128-SHA"_s << false;
    QTest::newRow("ECDHE, CBC-SHA384") << u"ECDHE-RSA-AES256-SHA384"_s << false;
}

// TLS 1.2 with only the suites of Mozilla's "intermediate" configuration.
void TestServerListener::tlsSuites()
{
    QFETCH(QString, cipher);
    QFETCH(bool, accepted);
    const QSslCipher suite(cipher);
    if (suite.isNull())
        QSKIP("this OpenSSL does not offer that suite");
    QSslSocket socket;
    QSslConfiguration configuration = socket.sslConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2);
    configuration.setCiphers({ suite });
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    socket.setSslConfiguration(configuration);
    socket.connectToHostEncrypted(u"127.0.0.1"_s, quint16(url(Tls).port()));
    const bool encrypted = socket.waitForEncrypted(10000);
    QCOMPARE(encrypted, accepted);
}

// HTTPS responses tell the browser to use nothing else.
void TestServerListener::strictTransportSecurity()
{
    auto socket = raw(Tls);
    QVERIFY(socket);
    socket->write(configRequest(url(Tls)));
    QByteArray answer;
    QVERIFY(readResponse(*socket, &answer));
    QCOMPARE(statusOf(answer), 200);
    QVERIFY2(answer.contains("\r\nStrict-Transport-Security: max-age="), answer.constData());
}

QTEST_MAIN(TestServerListener)
#include "tst_server_listener.moc"
