// The built owidget-server end to end: start it with --import on port 0, read the URL it
// prints, fetch the demo configuration, stop it with SIGTERM.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <csignal>

using namespace Qt::StringLiterals;

class TestServerBinary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void servesDemoAndStopsOnSigterm()
    {
        QTemporaryDir dir;
        QProcess server;
        server.setProcessChannelMode(QProcess::SeparateChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_LOGGING_RULES"_s, u"owidget.server.info=true"_s);
        server.setProcessEnvironment(env);
        server.start(QStringLiteral(OWIDGET_SERVER_BINARY),
            { u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, dir.filePath(u"db.sqlite"_s),
                u"--import"_s, QStringLiteral(OWIDGET_SOURCE_DIR) + u"/server/demo/demo.json"_s });
        QVERIFY2(server.waitForStarted(10000), qPrintable(server.errorString()));

        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 30000);
        const QString line = QString::fromUtf8(server.readLine()).trimmed();
        QVERIFY2(line.startsWith("listening on http://127.0.0.1:"_L1), qPrintable(line));
        const QUrl base(line.mid(QStringLiteral("listening on ").size()));
        QVERIFY(base.port() > 0);

        QUrl url = base;
        url.setPath(u"/v1/config"_s);
        url.setQuery(u"company=6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(url)));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject config = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(config.value("company"_L1).toString(), u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
        QCOMPARE(config.value("preset"_L1).toString(), u"podpora"_s);

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QVERIFY(server.readAllStandardError().contains("event=shutdown"));
    }

    void tls()
    {
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        QVERIFY2(!openssl.isEmpty(), "openssl is needed to make a test certificate");
        QTemporaryDir dir;
        const QString cert = dir.filePath(u"cert.pem"_s);
        const QString key = dir.filePath(u"key.pem"_s);
        QProcess req;
        req.start(openssl,
            { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, key,
                u"-out"_s, cert, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s });
        QVERIFY(req.waitForFinished(60000));
        QCOMPARE(req.exitCode(), 0);

        QProcess server;
        server.start(QStringLiteral(OWIDGET_SERVER_BINARY),
            { u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, dir.filePath(u"db.sqlite"_s),
                u"--import"_s, QStringLiteral(OWIDGET_SOURCE_DIR) + u"/server/demo/demo.json"_s,
                u"--tls-cert"_s, cert, u"--tls-key"_s, key });
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 30000);
        const QString line = QString::fromUtf8(server.readLine()).trimmed();
        QVERIFY2(line.startsWith("listening on https://127.0.0.1:"_L1), qPrintable(line));
        const QUrl base(line.mid(QStringLiteral("listening on ").size()));

        QUrl url = base;
        url.setPath(u"/v1/config"_s);
        url.setQuery(u"company=6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(url)));
        reply->ignoreSslErrors(); // the test's own self-signed certificate
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

        QWebSocket socket;
        connect(&socket, &QWebSocket::sslErrors, &socket, [&socket] { socket.ignoreSslErrors(); });
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy received(&socket, &QWebSocket::textMessageReceived);
        QUrl wss = base;
        wss.setScheme(u"wss"_s);
        wss.setPath(u"/v1/socket"_s);
        socket.open(wss);
        QVERIFY(connected.wait(10000));
        socket.sendTextMessage(
            u"{\"type\":\"hello\",\"protocol\":1,\"company\":\"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20\"}"_s);
        QVERIFY(received.wait(10000));
        QCOMPARE(QJsonDocument::fromJson(received.at(0).at(0).toString().toUtf8())
                     .object()
                     .value("type"_L1)
                     .toString(),
            u"welcome"_s);
        socket.close();

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
    }

    void badImportFails()
    {
        QTemporaryDir dir;
        QFile bad(dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"companies\": [{\"id\": \"x\"}]}");
        bad.close();
        QProcess server;
        server.start(QStringLiteral(OWIDGET_SERVER_BINARY),
            { u"--db"_s, dir.filePath(u"db.sqlite"_s), u"--import"_s, bad.fileName(),
                u"--import-only"_s });
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitCode(), 1);
        const QString error = QString::fromUtf8(server.readAllStandardError());
        QVERIFY2(error.contains(bad.fileName() + u": companies[0].id: must be a GUID"_s),
            qPrintable(error));
    }

    // The benchmarks raise the rate limit; the default would refuse the 41st request at once.
    void messageRate()
    {
        QTemporaryDir dir;
        QProcess server;
        server.setProcessChannelMode(QProcess::SeparateChannels);
        server.start(QStringLiteral(OWIDGET_SERVER_BINARY),
            { u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, dir.filePath(u"db.sqlite"_s),
                u"--import"_s, QStringLiteral(OWIDGET_SOURCE_DIR) + u"/server/demo/demo.json"_s,
                u"--message-rate"_s, u"1000"_s });
        QVERIFY2(server.waitForStarted(10000), qPrintable(server.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 30000);
        const QString line = QString::fromUtf8(server.readLine()).trimmed();
        QUrl url(line.mid(QStringLiteral("listening on ").size()));
        url.setPath(u"/v1/config"_s);
        url.setQuery(u"company=6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
        QNetworkAccessManager nam;
        QList<std::shared_ptr<QNetworkReply>> replies;
        for (int i = 0; i < 100; ++i)
            replies.append(std::shared_ptr<QNetworkReply>(nam.get(QNetworkRequest(url))));
        for (const auto &reply : replies) {
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        }
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));

        QProcess refused;
        refused.start(QStringLiteral(OWIDGET_SERVER_BINARY),
            { u"--db"_s, dir.filePath(u"db.sqlite"_s), u"--message-rate"_s, u"0"_s });
        QVERIFY(refused.waitForFinished(10000));
        QCOMPARE(refused.exitCode(), 1);
        QVERIFY(refused.readAllStandardError().contains("--message-rate"));
    }

    void version()
    {
        QProcess server;
        server.start(QStringLiteral(OWIDGET_SERVER_BINARY), { u"--version"_s });
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
        QVERIFY(server.readAllStandardOutput().startsWith("owidget-server "));
    }
};

QTEST_GUILESS_MAIN(TestServerBinary)
#include "tst_server_binary.moc"
