// The shipped HAProxy configuration (server/deploy/haproxy.cfg) in front of the real
// owidget-server, as deployed: TLS ends at HAProxy, the instance gets each client's address
// in a PROXY header, and HAProxy takes an instance out of service while its /v1/health fails
// and back when it answers again. Only the addresses and the certificate's path are rewritten.

#include "jsonsocket.h"
#include "rawhttp.h"
#include "serverprocess.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
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
// the backend's `server` lines are replaced, nothing else.
QByteArray configuration(quint16 listenPort, const QString &pem, quint16 serverPort)
{
    QFile file(QStringLiteral(OWIDGET_SOURCE_DIR "/server/deploy/haproxy.cfg"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = QString::fromUtf8(file.readAll());
    text.replace(
        QRegularExpression(u"^    bind :443 ssl crt \\S+"_s, QRegularExpression::MultilineOption),
        u"    bind 127.0.0.1:%1 ssl crt %2"_s.arg(listenPort).arg(pem));
    text.replace(QRegularExpression(u"^    server a .*$"_s, QRegularExpression::MultilineOption),
        u"    server a 127.0.0.1:%1"_s.arg(serverPort));
    text.remove(
        QRegularExpression(u"^    server [bc] .*\\n"_s, QRegularExpression::MultilineOption));
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

private:
    QUrl balancerUrl() const { return QUrl(u"https://127.0.0.1:%1/"_s.arg(m_listenPort)); }
    QByteArray haproxyLog() { return m_haproxyLog += m_haproxy.readAll(); }

    QTemporaryDir m_dir;
    ServerProcess m_server;
    QProcess m_haproxy;
    QByteArray m_haproxyLog;
    quint16 m_listenPort = 0;
};

void TestDeployHaproxy::initTestCase()
{
    const QString haproxy
        = QStandardPaths::findExecutable(u"haproxy"_s, { u"/usr/sbin"_s, u"/usr/bin"_s });
    QVERIFY2(!haproxy.isEmpty(), "HAProxy is needed: apt-get install haproxy");
    QString cert;
    QString key;
    QVERIFY2(makeCertificate(m_dir, &cert, &key), "openssl must be installed");
    QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
    QVERIFY(trusting.addCaCertificates(cert));
    QSslConfiguration::setDefaultConfiguration(trusting);
    const QString pem = m_dir.filePath(u"balancer.pem"_s);
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
    const QByteArray config = configuration(m_listenPort, pem, quint16(m_server.url().port()));
    QVERIFY(config.contains("server a 127.0.0.1:"));
    const QString configPath = m_dir.filePath(u"haproxy.cfg"_s);
    QFile file(configPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(config);
    file.close();

    QProcess check;
    check.start(haproxy, { u"-c"_s, u"-f"_s, configPath });
    QVERIFY(check.waitForFinished(30000));
    QVERIFY2(check.exitCode() == 0, check.readAllStandardError().constData());
    m_haproxy.setProcessChannelMode(QProcess::MergedChannels);
    m_haproxy.start(haproxy, { u"-db"_s, u"-f"_s, configPath });
    QVERIFY(m_haproxy.waitForStarted());
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

QTEST_MAIN(TestDeployHaproxy)
#include "tst_deploy_haproxy.moc"
