// Operator status as a widget sees it (docs/protocol.md section 5), and queue positions.

#include "serverharness.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

/// The demo data with business hours on its preset "podpora" (Prague, Mondays 8:00 to 17:00),
/// written to `dir`.
QString demoWithBusinessHours(const QTemporaryDir &dir)
{
    QFile demo(demoFile());
    if (!demo.open(QIODevice::ReadOnly))
        return {};
    QJsonObject document = QJsonDocument::fromJson(demo.readAll()).object();
    QJsonArray companies = document.value("companies"_L1).toArray();
    QJsonObject company = companies.at(0).toObject();
    QJsonArray presets = company.value("presets"_L1).toArray();
    for (qsizetype i = 0; i < presets.size(); ++i) {
        QJsonObject preset = presets.at(i).toObject();
        if (preset.value("name"_L1) != "podpora"_L1)
            continue;
        preset.insert("businessHours"_L1,
            QJsonObject { { "timeZone"_L1, u"Europe/Prague"_s },
                { "weekly"_L1,
                    QJsonObject {
                        { "mon"_L1, QJsonArray { QJsonArray { u"08:00"_s, u"17:00"_s } } } } } });
        presets[i] = preset;
    }
    company.insert("presets"_L1, presets);
    companies[0] = company;
    document.insert("companies"_L1, companies);
    QFile file(dir.filePath(u"hours.json"_s));
    if (!copyDemoPictures(dir.path()) || !file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(document).toJson());
    return file.fileName();
}

} // namespace

class TestServerStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The real binary, its business hours' clock set a few seconds before Monday 8:00 in
    // Prague: offline whatever the operators, then online at 8:00 by itself.
    void offlineOutsideBusinessHours()
    {
        QTemporaryDir dir;
        const QString data = demoWithBusinessHours(dir);
        QVERIFY(!data.isEmpty());
        // 2026-11-30 is a Monday; Prague is UTC+1 then. The margin covers the server's start
        // (hashing the demo's passwords) on a busy machine.
        const QDateTime opening(QDate(2026, 11, 30), QTime(7, 0), Qt::UTC);
        const int marginSeconds = 15;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"OWIDGET_TEST_BUSINESS_CLOCK"_s,
            opening.addSecs(-marginSeconds).toString(Qt::ISODateWithMs));
        QProcess server;
        server.setProcessEnvironment(environment);
        server.start(QStringLiteral(OWIDGET_SERVER_BINARY),
            { u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, dir.filePath(u"db.sqlite"_s),
                u"--import"_s, data });
        QElapsedTimer started;
        started.start();
        QUrl url;
        static const QRegularExpression listening(uR"(listening on (http\S+))"_s);
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                output += server.readAllStandardOutput();
                url = QUrl(listening.match(QString::fromUtf8(output)).captured(1));
                return url.isValid() && !url.isEmpty();
            }(),
            15000);
        url.setScheme(u"ws"_s);
        url.setPath(u"/v1/socket"_s);
        const auto hello = [](const QString &preset) {
            return QJsonObject { { "type"_L1, u"hello"_s }, { "protocol"_L1, 1 },
                { "company"_L1, demoCompany }, { "preset"_L1, preset },
                { "language"_L1, u"cs"_s } };
        };
        WidgetClient podpora; // closed until 8:00
        QVERIFY(podpora.open(QNetworkRequest(url)));
        podpora.send(hello(u"podpora"_s));
        podpora.welcome = podpora.take(u"welcome"_s);
        WidgetClient support; // no business hours: always open
        QVERIFY(support.open(QNetworkRequest(url)));
        support.send(hello(u"support"_s));
        support.welcome = support.take(u"welcome"_s);
        QCOMPARE(podpora.welcome.value("status"_L1).toInt(), 0);
        QCOMPARE(support.welcome.value("status"_L1).toInt(), 0);

        // Bob (in both presets' groups) comes online: "support" is online at once, "podpora"
        // stays offline, as it is not 8:00 yet.
        QUrl http = url;
        http.setScheme(u"http"_s);
        http.setPath(u"/v1/operator/login"_s);
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(OperatorClient::post(network, http,
            QJsonObject { { "login"_L1, u"bob"_s }, { "password"_L1, u"bob-demo"_s } }));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QByteArray cookie = reply->rawHeader("Set-Cookie"_ba);
        OperatorClient bob;
        url.setPath(u"/v1/operator/socket"_s);
        QNetworkRequest request(url);
        request.setRawHeader("Cookie"_ba, cookie.left(cookie.indexOf(';')));
        QVERIFY(bob.open(request));
        QVERIFY(!bob.take(u"snapshot"_s).isEmpty());
        bob.setAvailability(u"online"_s);
        QCOMPARE(support.take(u"status"_s).value("status"_L1).toInt(), 1);
        QVERIFY2(started.elapsed() < (marginSeconds - 2) * 1000, "the server came up too late");
        QVERIFY(!podpora.has(u"status"_s));

        // At 8:00 the server says so by itself.
        QCOMPARE(
            podpora.take(u"status"_s, (marginSeconds + 5) * 1000).value("status"_L1).toInt(), 1);
        QVERIFY(started.elapsed() >= (marginSeconds - 1) * 1000);
        QVERIFY(!support.has(u"status"_s));
        server.terminate();
        QVERIFY(server.waitForFinished(15000));
    }

    void availabilityDrivesStatus()
    {
        TestServer server;
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        QCOMPARE(widget.welcome.value("status"_L1).toInt(), 0);

        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        QCOMPARE(alice.snapshot.value("availability"_L1).toString(), u"offline"_s);
        alice.setAvailability(u"online"_s);
        QCOMPARE(alice.take(u"availability"_s).value("state"_L1).toString(), u"online"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 1);
        alice.setAvailability(u"busy"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 2);
        alice.setAvailability(u"away"_s); // awayIsBusy is off in the demo
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 0);
        alice.setAvailability(u"offline"_s); // no change: nothing is pushed
        QVERIFY(!alice.take(u"availability"_s).isEmpty());
        alice.setAvailability(u"online"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 1);
        QVERIFY(!widget.has(u"status"_s));

        // A second widget on another preset whose groups alice is also in sees the same.
        WidgetClient other;
        QVERIFY(other.connectTo(server, u"support"_s));
        QCOMPARE(other.welcome.value("status"_L1).toInt(), 1);

        // The operator's socket closes: offline.
        alice.socket.close();
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 0);
        QCOMPARE(other.take(u"status"_s).value("status"_L1).toInt(), 0);
    }

    void capacityMakesBusy()
    {
        TestServer server;
        // carol is only in "sales", with at most one chat; the preset "support" queues to sales.
        OperatorClient carol;
        QVERIFY(carol.connectTo(server, u"carol"_s, u"carol-demo"_s));
        WidgetClient podpora;
        QVERIFY(podpora.connectTo(server)); // group support: carol is not in it
        WidgetClient widget;
        QVERIFY(widget.connectTo(server, u"support"_s));
        carol.setAvailability(u"online"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 1);

        QVERIFY(!widget.start(u"s1"_s).isEmpty());
        carol.send(QJsonObject { { "type"_L1, u"accept"_s } });
        QVERIFY(!carol.take(u"conversation"_s).isEmpty());
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 2); // at capacity

        // A second accept is refused while at capacity.
        WidgetClient second;
        QVERIFY(second.connectTo(server, u"support"_s));
        QCOMPARE(second.welcome.value("status"_L1).toInt(), 2);
        QVERIFY(!second.start(u"s2"_s).isEmpty());
        carol.send(QJsonObject { { "type"_L1, u"accept"_s } });
        QCOMPARE(carol.take(u"error"_s).value("code"_L1).toString(), u"at_capacity"_s);

        widget.send(QJsonObject { { "type"_L1, u"end"_s } });
        QCOMPARE(widget.take(u"ended"_s).value("by"_L1).toString(), u"visitor"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 1);
        QVERIFY(!podpora.has(u"status"_s));
        QCOMPARE(podpora.welcome.value("status"_L1).toInt(), 0);
    }

    void awayIsBusyRule()
    {
        QTemporaryDir dir;
        QFile demo(demoFile());
        QVERIFY(demo.open(QIODevice::ReadOnly));
        QByteArray json = demo.readAll();
        QVERIFY(json.contains("\"awayIsBusy\": false"));
        json.replace("\"awayIsBusy\": false", "\"awayIsBusy\": true");
        QFile file(dir.filePath(u"away.json"_s));
        QVERIFY(copyDemoPictures(dir.path()));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();

        TestServer server(file.fileName());
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        OperatorClient bob;
        QVERIFY(bob.connectTo(server, u"bob"_s, u"bob-demo"_s));
        bob.setAvailability(u"away"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 2);
        bob.setAvailability(u"online"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 1);
        bob.setAvailability(u"offline"_s);
        QCOMPARE(widget.take(u"status"_s).value("status"_L1).toInt(), 0);
    }

    void queuePositions()
    {
        TestServer server;
        OperatorClient bob;
        QVERIFY(bob.connectTo(server, u"bob"_s, u"bob-demo"_s));
        bob.setAvailability(u"online"_s);

        WidgetClient w1, w2, w3;
        QVERIFY(w1.connectTo(server));
        QVERIFY(w2.connectTo(server));
        QVERIFY(w3.connectTo(server));
        const QJsonObject c1 = w1.start(u"a"_s, u"First"_s);
        const QJsonObject c2 = w2.start(u"b"_s, u"Second"_s);
        const QJsonObject c3 = w3.start(u"c"_s, u"Third"_s);
        QCOMPARE(c1.value("queuePosition"_L1).toInt(), 1);
        QCOMPARE(c2.value("queuePosition"_L1).toInt(), 2);
        QCOMPARE(c3.value("queuePosition"_L1).toInt(), 3);

        // The operator sees the queue in order, with the form and custom data.
        QTRY_COMPARE(bob.queue.size(), 3);
        const QJsonArray queue = bob.queue;
        QCOMPARE(queue.at(0).toObject().value("id"_L1), c1.value("conversation"_L1));
        QCOMPARE(queue.at(2).toObject().value("position"_L1).toInt(), 3);
        QCOMPARE(queue.at(1).toObject().value("fields"_L1).toObject().value("name"_L1).toString(),
            u"Second"_s);
        QCOMPARE(queue.at(1)
                     .toObject()
                     .value("customData"_L1)
                     .toObject()
                     .value("customerNo"_L1)
                     .toString(),
            u"12345"_s);

        // First come, first served.
        bob.send(QJsonObject { { "type"_L1, u"accept"_s } });
        QCOMPARE(bob.take(u"conversation"_s).value("conversation"_L1).toObject().value("id"_L1),
            c1.value("conversation"_L1));
        QCOMPARE(w1.take(u"joined"_s).value("operator"_L1).toString(), u"Bob"_s);
        QCOMPARE(w2.take(u"queue"_s).value("position"_L1).toInt(), 1);
        QCOMPARE(w3.take(u"queue"_s).value("position"_L1).toInt(), 2);
        QVERIFY(!w1.has(u"queue"_s));

        // The second visitor gives up: the third moves up.
        w2.send(QJsonObject { { "type"_L1, u"end"_s } });
        QCOMPARE(w2.take(u"ended"_s).value("by"_L1).toString(), u"visitor"_s);
        QCOMPARE(w3.take(u"queue"_s).value("position"_L1).toInt(), 1);

        // An ended conversation cannot be accepted; a named waiting one can.
        bob.send(QJsonObject {
            { "type"_L1, u"accept"_s }, { "conversation"_L1, c2.value("conversation"_L1) } });
        QCOMPARE(bob.take(u"error"_s).value("code"_L1).toString(), u"conflict"_s);
        bob.send(QJsonObject {
            { "type"_L1, u"accept"_s }, { "conversation"_L1, c3.value("conversation"_L1) } });
        QCOMPARE(w3.take(u"joined"_s).value("seq"_L1).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServerStatus)
#include "tst_server_status.moc"
