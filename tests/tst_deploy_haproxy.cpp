// The shipped HAProxy configuration (server/deploy/haproxy.cfg) in front of the real
// owidget-server, as deployed: TLS ends at HAProxy, the instance gets each client's address
// in a PROXY header, and HAProxy takes an instance out of service while its /v1/health fails
// and back when it answers again. Only the addresses and the certificate's path are rewritten.
// Then two instances on one PostgreSQL database behind it: a visitor and an operator on
// different ones chat, the visitor's is killed, and the visitor resumes on the other.

#include "instances.h"
#include "jsonsocket.h"
#include "postgresprocess.h"
#include "rawhttp.h"
#include "serverprocess.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

const QString PublicHost = u"chat.example.com"_s; // as in the shipped configuration

quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
}

// The shipped file with the test's addresses and certificate: the frontend's `bind` line and
// the backend's `server` lines are replaced (one an instance, named a, b, ...), nothing else.
QByteArray configuration(quint16 listenPort, const QString &pem, const QList<quint16> &serverPorts)
{
    QFile file(QStringLiteral(OWIDGET_SOURCE_DIR "/server/deploy/haproxy.cfg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    text.replace(
        QRegularExpression(u"^    bind :443 ssl crt \\S+"_s, QRegularExpression::MultilineOption),
        u"    bind 127.0.0.1:%1 ssl crt %2"_s.arg(listenPort).arg(pem));
    text.remove(
        QRegularExpression(u"^    server [bc] .*\\n"_s, QRegularExpression::MultilineOption));
    QStringList servers;
    for (qsizetype i = 0; i < serverPorts.size(); ++i)
        servers.append(
            u"    server %1 127.0.0.1:%2"_s.arg(QChar(char16_t(u'a' + i))).arg(serverPorts.at(i)));
    text.replace(QRegularExpression(u"^    server a .*$"_s, QRegularExpression::MultilineOption),
        servers.join(u'\n'));
    // No syslog socket in a test: HAProxy's own log goes to its standard error.
    text.replace(u"log /dev/log local0"_s, u"log stderr format raw local0"_s);
    return text.toUtf8();
}

} // namespace

class TestDeployHaproxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void chatThroughTheBalancer();
    void clientAddressReachesTheServer();
    void consoleLogsInFromItsHttpsPage();
    void instanceOutOfServiceWhileUnhealthy();
    void failoverBetweenTwoInstances();

private:
    // HAProxy with the shipped configuration on `listenPort`, in front of `serverPorts`.
    void startBalancer(QProcess &haproxy, quint16 listenPort, const QList<quint16> &serverPorts);

    QUrl balancerUrl() const { return QUrl(u"https://127.0.0.1:%1/"_s.arg(m_listenPort)); }
    QByteArray haproxyLog() { return m_haproxyLog += m_haproxy.readAll(); }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    QProcess m_haproxy;
    QByteArray m_haproxyLog;
    quint16 m_listenPort = 0;
    QString m_haproxyPath;
    QString m_pem;
};

void TestDeployHaproxy::startBalancer(
    QProcess &haproxy, quint16 listenPort, const QList<quint16> &serverPorts)
{
    const QByteArray config = configuration(listenPort, m_pem, serverPorts);
    QVERIFY(config.contains("server a 127.0.0.1:"));
    const QString configPath = m_dir.filePath(u"haproxy-%1.cfg"_s.arg(listenPort));
    QFile file(configPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config);
    file.close();

    QProcess check;
    check.start(m_haproxyPath, { u"-c"_s, u"-f"_s, configPath });
    QVERIFY(check.waitForFinished(30000));
    QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());
    haproxy.setProcessChannelMode(QProcess::MergedChannels);
    haproxy.start(m_haproxyPath, { u"-db"_s, u"-f"_s, configPath });
    QVERIFY(haproxy.waitForStarted());
}

void TestDeployHaproxy::initTestCase()
{
    const QString haproxy
        = QStandardPaths::findExecutable(u"haproxy"_s, { u"/usr/sbin"_s, u"/usr/bin"_s });
    QVERIFY2(!haproxy.isEmpty(), "HAProxy is needed: apt-get install haproxy");
    m_haproxyPath = haproxy;
    QString cert;
    QString key;
    QVERIFY2(makeCertificate(m_dir, &cert, &key), "openssl must be installed");
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    QVERIFY(trusting.addCaCertificates(cert));
    QSslConfiguration::setDefaultConfiguration(trusting);
    const QString pem = m_dir.filePath(u"balancer.pem"_s);
    m_pem = pem;
    {
        QFile certFile(cert);
        QFile keyFile(key);
        QFile out(pem);
        QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly)
            && out.open(QIODevice::WriteOnly));
        out.write(certFile.readAll() + keyFile.readAll());
    }

    // The test's clients reach the balancer by its address, so that is a public host too.
    m_server.setExtraArguments({ u"--proxy-protocol-from"_s, u"127.0.0.1"_s, u"--public-host"_s,
        PublicHost, u"--public-host"_s, u"127.0.0.1"_s });
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    m_listenPort = freePort();
    startBalancer(m_haproxy, m_listenPort, { quint16(m_server.url().port()) });
    if (QTest::currentTestFailed())
        return;
    // Up once its health checks pass: they come with a PROXY header (LOCAL) and the Host.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_server.log().contains("event=http peer=127.0.0.1 method=Get path=/v1/health status=200"),
        20000);
}

void TestDeployHaproxy::cleanupTestCase()
{
    m_haproxy.terminate();
    m_haproxy.waitForFinished();
    if (m_server.isRunning())
        QCOMPARE(m_server.stop(), 0);
}

// A visitor and an operator, both through the balancer over TLS, talk.
void TestDeployHaproxy::chatThroughTheBalancer()
{
    OperatorClient alice(balancerUrl());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    QVERIFY(othersUnaffected(balancerUrl(), alice));
}

// The instance sees the visitor's address, not the balancer's.
void TestDeployHaproxy::clientAddressReachesTheServer()
{
    // From 127.0.0.5 (QWebSocket cannot choose its address, a raw TLS connection can).
    auto socket = std::make_unique<QSslSocket>();
    QVERIFY(socket->bind(QHostAddress(u"127.0.0.5"_s)));
    socket->connectToHostEncrypted(u"127.0.0.1"_s, m_listenPort);
    QVERIFY(socket->waitForEncrypted(10000));
    socket->write("GET /v1/config?company=" + ServerProcess::demoCompany().toLatin1()
        + " HTTP/1.1\r\nHost: " + PublicHost.toLatin1() + "\r\n\r\n");
    QByteArray answer;
    QVERIFY(readResponse(*socket, &answer));
    QCOMPARE(statusOf(answer), 200);
    QTRY_VERIFY(m_server.log().contains("event=http peer=127.0.0.5 method=Get path=/v1/config"));
}

// The console's page is https://chat.example.com/console/ although the instance itself speaks
// plain HTTP: its login is the server's own, and its cookie is kept to HTTPS.
void TestDeployHaproxy::consoleLogsInFromItsHttpsPage()
{
    QSslSocket socket;
    socket.connectToHostEncrypted(u"127.0.0.1"_s, m_listenPort);
    QVERIFY(socket.waitForEncrypted(10000));
    const QByteArray body = R"({"login":"alice","password":"alice-demo"})"_ba;
    socket.write("POST /v1/operator/login HTTP/1.1\r\nHost: " + PublicHost.toLatin1()
        + "\r\nOrigin: https://" + PublicHost.toLatin1()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body);
    QByteArray answer;
    QVERIFY(readResponse(socket, &answer));
    QCOMPARE(statusOf(answer), 200);
    const qsizetype cookie = answer.indexOf("Set-Cookie:");
    QVERIFY(cookie > 0);
    QVERIFY2(answer.mid(cookie, answer.indexOf("\r\n", cookie) - cookie).contains("; Secure"),
        answer.constData());
}

// Stopped, the instance fails its checks and HAProxy stops sending clients to it (they are
// refused at once instead of waiting); started again, it is back in service.
void TestDeployHaproxy::instanceOutOfServiceWhileUnhealthy()
{
    QCOMPARE(m_server.stop(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(haproxyLog().contains("owidget/a is DOWN"), 20000);
    QVERIFY(m_server.restart());
    QTRY_VERIFY_WITH_TIMEOUT(haproxyLog().contains("owidget/a is UP"), 20000);
    OperatorClient alice(balancerUrl());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    QVERIFY(othersUnaffected(balancerUrl(), alice));
}

namespace {

// How many widget connections the instance has logged since it started.
qsizetype widgetConnections(ServerProcess &server)
{
    return server.log().count("event=widget_connected");
}

QJsonObject message(const QString &text)
{
    return { { "type"_L1, u"message"_s }, { "clientId"_L1, text }, { "text"_L1, text } };
}

} // namespace

// Two instances on one private PostgreSQL database behind the shipped configuration: the
// operator on one, the visitor on the other (which one each landed on is read from their logs).
// They chat; the visitor's instance is killed with SIGKILL; the visitor reconnects through
// HAProxy, lands on the other instance, resumes from the last sequence number it saw, and every
// message arrives exactly once, in order, on both sides.
void TestDeployHaproxy::failoverBetweenTwoInstances()
{
    PostgresProcess postgres;
    QVERIFY2(postgres.start(), qPrintable(postgres.error()));
    std::vector<std::unique_ptr<ServerProcess>> servers;
    QVERIFY(startInstances(postgres, servers, 2,
        { u"--proxy-protocol-from"_s, u"127.0.0.1"_s, u"--public-host"_s, PublicHost,
            u"--public-host"_s, u"127.0.0.1"_s, u"--message-rate"_s, u"1000"_s }));
    QList<quint16> ports;
    for (const auto &server : servers)
        ports.append(quint16(server->url().port()));
    const quint16 listenPort = freePort();
    const QUrl balancer(u"https://127.0.0.1:%1/"_s.arg(listenPort));
    QProcess haproxy;
    startBalancer(haproxy, listenPort, ports);
    if (QTest::currentTestFailed())
        return;
    const auto stopBalancer = qScopeGuard([&haproxy] {
        haproxy.terminate();
        haproxy.waitForFinished();
    });
    for (auto &server : servers) {
        QTRY_VERIFY_WITH_TIMEOUT(server->log().contains("path=/v1/health status=200"), 20000);
    }

    OperatorClient alice(balancer);
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    const QByteArray aliceConnected = "event=operator_connected operator=alice";
    QTRY_VERIFY(servers.at(0)->log().contains(aliceConnected)
        != servers.at(1)->log().contains(aliceConnected));
    const int aliceOn = servers.at(0)->log().contains(aliceConnected) ? 0 : 1;
    const int visitorOn = 1 - aliceOn;

    // The fewest connections win: a widget that lands beside alice stays open, so that the
    // next goes to the other instance.
    std::vector<std::unique_ptr<JsonSocket>> besideAlice;
    auto visitor = std::make_unique<JsonSocket>();
    for (int attempt = 0; attempt < 5; ++attempt) {
        const qsizetype before = widgetConnections(*servers.at(visitorOn));
        QVERIFY(visitor->connectTo(balancer));
        if (widgetConnections(*servers.at(visitorOn)) > before)
            break;
        besideAlice.push_back(std::exchange(visitor, std::make_unique<JsonSocket>()));
    }
    QVERIFY2(visitor->socket.state() == QAbstractSocket::ConnectedState,
        "no widget connection reached the instance without the operator");

    visitor->send(startObject(u"haproxy-failover"_s));
    const QJsonObject created = visitor->take(u"created"_s);
    const QString id = created.value("conversation"_L1).toString();
    const QString secret = created.value("secret"_L1).toString();
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(alice.firstQueued(), id, 10000);
    alice.accept(id);
    QVERIFY(!visitor->take(u"joined"_s).isEmpty());

    QStringList expectedFromVisitor;
    QStringList expectedFromAlice;
    for (int i = 1; i <= 3; ++i) {
        const QString v = u"v-%1"_s.arg(i);
        visitor->send(message(v));
        expectedFromVisitor.append(v);
        QTRY_COMPARE(visitor->count(u"ack"_s), i);
        const QString o = u"o-%1"_s.arg(i);
        alice.say(id, o);
        expectedFromAlice.append(o);
        QTRY_COMPARE_WITH_TIMEOUT(textsFromOperator(*visitor).size(), i, 10000);
    }
    QTRY_COMPARE_WITH_TIMEOUT(messageTexts(alice, id), expectedFromVisitor, 10000);

    // The visitor's instance dies; HAProxy closes the visitor's connection.
    servers.at(visitorOn)->kill();
    QTRY_VERIFY_WITH_TIMEOUT(visitor->socket.state() == QAbstractSocket::UnconnectedState, 10000);
    qint64 lastSeq = 0;
    for (const QJsonObject &m : visitor->received)
        lastSeq = qMax(lastSeq, m.value("seq"_L1).toInteger());
    QVERIFY(lastSeq > 0);
    // Meanwhile alice writes on.
    alice.say(id, u"o-4"_s);
    expectedFromAlice.append(u"o-4"_s);

    // The widget reconnects through HAProxy, which sends it to the instance still alive.
    const qsizetype before = widgetConnections(*servers.at(aliceOn));
    JsonSocket resumed;
    QVERIFY(resumed.connectTo(balancer,
        { { "conversation"_L1, id }, { "secret"_L1, secret }, { "lastSeq"_L1, lastSeq } }));
    QVERIFY(widgetConnections(*servers.at(aliceOn)) > before);
    QTRY_COMPARE_WITH_TIMEOUT(
        textsFromOperator(*visitor) + textsFromOperator(resumed), expectedFromAlice, 10000);
    resumed.send(message(u"v-4"_s));
    expectedFromVisitor.append(u"v-4"_s);
    QVERIFY(!resumed.take(u"ack"_s).isEmpty());
    alice.say(id, u"o-5"_s);
    expectedFromAlice.append(u"o-5"_s);

    QTRY_COMPARE_WITH_TIMEOUT(messageTexts(alice, id), expectedFromVisitor, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        textsFromOperator(*visitor) + textsFromOperator(resumed), expectedFromAlice, 10000);
    // The sequence numbers the visitor saw only grow, across both connections.
    QList<qint64> seqs;
    for (const JsonSocket *socket : { visitor.get(), &resumed }) {
        for (const QJsonObject &m : socket->received) {
            if (m.contains("seq"_L1) && m.value("type"_L1).toString() != "ack"_L1)
                seqs.append(m.value("seq"_L1).toInteger());
        }
    }
    for (qsizetype i = 1; i < seqs.size(); ++i)
        QVERIFY2(seqs.at(i) > seqs.at(i - 1), qPrintable(QString::number(seqs.at(i))));
    // Nothing came twice once both sides have everything.
    resumed.send({ { "type"_L1, u"end"_s } });
    QVERIFY(!resumed.take(u"ended"_s).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(operatorSawEnd(alice, id), 10000);
    QCOMPARE(messageTexts(alice, id), expectedFromVisitor);
    QCOMPARE(textsFromOperator(*visitor) + textsFromOperator(resumed), expectedFromAlice);
}

QTEST_MAIN(TestDeployHaproxy)
#include "tst_deploy_haproxy.moc"
