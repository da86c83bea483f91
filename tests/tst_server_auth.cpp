// Password checks and floods against the real owidget-server, on the plain and the TLS
// listener: the database readable by the server's user only.

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

} // namespace

class TestServerAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void databaseIsPrivate();

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

QTEST_MAIN(TestServerAuth)
#include "tst_server_auth.moc"
