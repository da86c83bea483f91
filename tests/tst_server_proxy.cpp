// The real owidget-server behind a load balancer that writes the PROXY protocol header
// (`--proxy-protocol-from`), on the plain and the TLS listener: each connection counts against
// the address the header names (an IPv6 one as its /64), a connection from the balancer without
// a good header is cut, the balancer's own health checks are served, and clients that connect
// directly are served as before and cannot name another address.

#include "jsonsocket.h"
#include "rawhttp.h"
#include "rawwebsocket.h"
#include "serverprocess.h"

#include <QSslSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

// The balancer's address; the test's other clients connect from 127.0.0.1, directly.
const QHostAddress Balancer(u"127.0.0.9"_s);
// Room for the operator's console and a visitor from 127.0.0.1 besides the rows' clients.
constexpr int PerAddress = 4;

QByteArray v1Header(const QHostAddress &client, quint16 serverPort)
{
    const QByteArray family = client.protocol() == QAbstractSocket::IPv4Protocol ? "TCP4" : "TCP6";
    const QByteArray to = family == "TCP4" ? "127.0.0.1" : "::1";
    return "PROXY " + family + ' ' + client.toString().toLatin1() + ' ' + to + " 40000 "
        + QByteArray::number(serverPort) + "\r\n";
}

// Version 2, as HAProxy's send-proxy-v2 writes it: PROXY (0x21) or LOCAL (0x20), and an
// extension (a TLV) after the addresses, which the server skips.
QByteArray v2Header(const QHostAddress &client, quint16 serverPort, bool local = false)
{
    QByteArray header("\r\n\r\n\0\r\nQUIT\n", 12);
    header.append(char(local ? 0x20 : 0x21));
    QByteArray body;
    const auto port16 = [](QByteArray &to, quint16 port) {
        to.append(char(port >> 8));
        to.append(char(port & 0xff));
    };
    if (local) {
        header.append(char(0x00));
    } else if (client.protocol() == QAbstractSocket::IPv4Protocol) {
        header.append(char(0x11));
        const quint32 v4 = client.toIPv4Address();
        for (int shift = 24; shift >= 0; shift -= 8)
            body.append(char((v4 >> shift) & 0xff));
        body.append("\x7f\x00\x00\x01", 4);
        port16(body, 40000);
        port16(body, serverPort);
    } else {
        header.append(char(0x21));
        const Q_IPV6ADDR v6 = client.toIPv6Address();
        body.append(reinterpret_cast<const char *>(v6.c), 16);
        body.append(QByteArray(15, '\0') + '\x01');
        port16(body, 40000);
        port16(body, serverPort);
    }
    body.append("\x04\x00\x03"
                "abc",
        6); // PP2_TYPE_NOOP with three bytes
    port16(header, quint16(body.size()));
    return header + body;
}

} // namespace

class TestServerProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void countedByTheNamedAddress_data();
    void countedByTheNamedAddress();
    void logNamesTheClient();
    void badHeaderIsCut_data();
    void badHeaderIsCut();
    void healthCheckServed_data();
    void healthCheckServed();
    void directClientCannotNameAnother();

private:
    // A connection from the balancer that starts with `header`, then TLS on the TLS listener.
    std::unique_ptr<QTcpSocket> viaBalancer(Listener listener, const QByteArray &header) const;
    QUrl url(Listener listener) const { return m_servers[listener]->url(); }

    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_servers[2];
    std::unique_ptr<OperatorClient> m_alice[2];
};

void TestServerProxy::initTestCase()
{
    QString cert;
    QString key;
    QVERIFY2(makeCertificate(m_dir, &cert, &key), "openssl must be installed");
    const QStringList arguments { u"--proxy-protocol-from"_s, Balancer.toString(),
        u"--max-connections-per-address"_s, QString::number(PerAddress) };
    for (Listener listener : { Plain, Tls }) {
        auto &server = m_servers[listener];
        server = std::make_unique<ServerProcess>();
        server->setExtraArguments(listener == Tls
                ? arguments + QStringList { u"--tls-cert"_s, cert, u"--tls-key"_s, key }
                : arguments);
        QVERIFY2(server->start(), qPrintable(server->error()));
        m_alice[listener] = std::make_unique<OperatorClient>(server->url());
        QVERIFY(m_alice[listener]->connectAs(u"alice"_s, u"alice-demo"_s));
        m_alice[listener]->setAvailability(u"online"_s);
    }
}

void TestServerProxy::cleanupTestCase()
{
    for (Listener listener : { Plain, Tls }) {
        m_alice[listener].reset();
        if (m_servers[listener])
            QCOMPARE(m_servers[listener]->stop(), 0);
    }
}

void TestServerProxy::cleanup()
{
    for (Listener listener : { Plain, Tls }) {
        QVERIFY2(m_servers[listener]->isRunning(), "the server exited");
        QVERIFY(othersUnaffected(url(listener), *m_alice[listener]));
    }
}

std::unique_ptr<QTcpSocket> TestServerProxy::viaBalancer(
    Listener listener, const QByteArray &header) const
{
    auto socket = listener == Tls ? std::make_unique<QSslSocket>() : std::make_unique<QTcpSocket>();
    if (!socket->bind(Balancer))
        return nullptr;
    socket->connectToHost(QHostAddress::LocalHost, quint16(url(listener).port()));
    if (!socket->waitForConnected(10000))
        return nullptr;
    socket->write(header);
    if (listener == Tls) {
        auto *tls = static_cast<QSslSocket *>(socket.get());
        tls->setPeerVerifyMode(QSslSocket::VerifyNone);
        tls->startClientEncryption();
        if (!tls->waitForEncrypted(10000))
            return nullptr;
    }
    return socket;
}

void TestServerProxy::countedByTheNamedAddress_data()
{
    QTest::addColumn<int>("listener");
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("sameClient");
    QTest::addColumn<QString>("otherClient");
    for (Listener listener : { Plain, Tls }) {
        const char *name = listener == Plain ? "plain" : "tls";
        QTest::addRow("IPv4, %s", name)
            << int(listener) << u"203.0.113.7"_s << u"203.0.113.7"_s << u"203.0.113.8"_s;
        QTest::addRow("IPv6 /64, %s", name) << int(listener) << u"2001:db8:1:2::5"_s
                                            << u"2001:db8:1:2:ffff::6"_s << u"2001:db8:1:3::5"_s;
    }
}

// All from the balancer's one address: as many WebSockets as the cap allows for the client the
// header names, no more; another client is served.
void TestServerProxy::countedByTheNamedAddress()
{
    QFETCH(int, listener);
    QFETCH(QString, client);
    QFETCH(QString, sameClient);
    QFETCH(QString, otherClient);
    const auto l = Listener(listener);
    const quint16 port = quint16(url(l).port());
    std::vector<std::unique_ptr<QTcpSocket>> held;
    for (int i = 0; i < PerAddress; ++i) {
        // Version 1 and version 2 alike.
        const QHostAddress from(i == 0 ? client : sameClient);
        auto socket = viaBalancer(l, i == 0 ? v1Header(from, port) : v2Header(from, port));
        QVERIFY(socket);
        QVERIFY(upgrade(*socket, upgradeRequest(url(l))).startsWith("HTTP/1.1 101"));
        held.push_back(std::move(socket));
    }
    // The header's client is at its cap: closed before anything is answered.
    auto refused = viaBalancer(l, v2Header(QHostAddress(sameClient), port));
    if (refused) {
        QCOMPARE(upgrade(*refused, upgradeRequest(url(l))), QByteArray());
        QTRY_COMPARE(refused->state(), QAbstractSocket::UnconnectedState);
    }
    auto other = viaBalancer(l, v2Header(QHostAddress(otherClient), port));
    QVERIFY(other);
    QVERIFY(upgrade(*other, upgradeRequest(url(l))).startsWith("HTTP/1.1 101"));
}

// The client's address, not the balancer's, is what the log says of a visitor.
void TestServerProxy::logNamesTheClient()
{
    auto socket = viaBalancer(Plain, v1Header(QHostAddress(u"198.51.100.23"_s), 0));
    QVERIFY(socket);
    QVERIFY(upgrade(*socket, upgradeRequest(url(Plain))).startsWith("HTTP/1.1 101"));
    socket->write(clientFrame(0x1, json(helloObject()).toUtf8()));
    QTRY_VERIFY(m_servers[Plain]->log().contains("event=widget_hello peer=198.51.100.23:40000"));
}

void TestServerProxy::badHeaderIsCut_data()
{
    QTest::addColumn<int>("listener");
    QTest::addColumn<QByteArray>("header");
    for (Listener listener : { Plain, Tls }) {
        const char *name = listener == Plain ? "plain" : "tls";
        QTest::addRow("none, %s", name) << int(listener) << QByteArray();
        QTest::addRow("an HTTP request, %s", name) << int(listener) << "GET / HTTP/1.1\r\n"_ba;
        QTest::addRow("version 1 without CRLF, %s", name)
            << int(listener) << "PROXY TCP4 203.0.113.7 127.0.0.1 1 2\n"_ba;
        QTest::addRow("version 1 with a bad address, %s", name)
            << int(listener) << "PROXY TCP4 203.0.113.700 127.0.0.1 1 2\r\n"_ba;
        QTest::addRow("version 1 too long, %s", name)
            << int(listener) << "PROXY TCP4 "_ba + QByteArray(200, '1');
        QTest::addRow("version 2 of another version, %s", name)
            << int(listener) << QByteArray("\r\n\r\n\0\r\nQUIT\n\x31\x11\x00\x0c", 16);
        QTest::addRow("version 2 too long, %s", name)
            << int(listener) << QByteArray("\r\n\r\n\0\r\nQUIT\n\x21\x11\xff\xff", 16);
    }
}

// From the balancer, anything but a good header closes the connection unanswered (a missing
// one once Limits::ProxyHeaderMs has passed), and the log says why.
void TestServerProxy::badHeaderIsCut()
{
    QFETCH(int, listener);
    QFETCH(QByteArray, header);
    const auto l = Listener(listener);
    QTcpSocket socket;
    QVERIFY(socket.bind(Balancer));
    socket.connectToHost(QHostAddress::LocalHost, quint16(url(l).port()));
    QVERIFY(socket.waitForConnected(10000));
    const qsizetype logBefore = m_servers[l]->log().size();
    socket.write(header);
    QByteArray answer;
    QVERIFY(readUntilClosed(socket, &answer, 15000));
    QCOMPARE(answer, QByteArray());
    QTRY_VERIFY(m_servers[l]->log().mid(logBefore).contains(
        "event=connection_dropped peer=127.0.0.9 reason=proxy_header"));
}

void TestServerProxy::healthCheckServed_data()
{
    QTest::addColumn<int>("listener");
    QTest::addRow("plain") << int(Plain);
    QTest::addRow("tls") << int(Tls);
}

// HAProxy's health checks with `check-send-proxy` send a LOCAL header: served as the balancer.
void TestServerProxy::healthCheckServed()
{
    QFETCH(int, listener);
    const auto l = Listener(listener);
    auto socket = viaBalancer(l, v2Header({}, 0, true));
    QVERIFY(socket);
    socket->write("GET /v1/config?company=" + ServerProcess::demoCompany().toLatin1()
        + " HTTP/1.1\r\nHost: " + hostOf(url(l)) + "\r\n\r\n");
    QByteArray answer;
    QVERIFY(readResponse(*socket, &answer));
    QCOMPARE(statusOf(answer), 200);
}

// A client that connects directly is served without a header, and one that sends a header to
// claim another address is refused as bad HTTP.
void TestServerProxy::directClientCannotNameAnother()
{
    for (Listener l : { Plain, Tls }) {
        auto socket = connectRaw(url(l), l);
        QVERIFY(socket);
        socket->write(v1Header(QHostAddress(u"203.0.113.99"_s), 0)
            + "GET /v1/config?company=" + ServerProcess::demoCompany().toLatin1()
            + " HTTP/1.1\r\nHost: " + hostOf(url(l)) + "\r\n\r\n");
        QByteArray answer;
        QVERIFY(readUntilClosed(*socket, &answer));
        QCOMPARE(statusOf(answer), 400);
    }
}

QTEST_MAIN(TestServerProxy)
#include "tst_server_proxy.moc"
