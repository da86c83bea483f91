// The visitor's rating of an ended conversation: stored with it, shown to the operators live and
// after they reconnect, answered once for a resent request, refused when it does not fit, kept
// across a restart, and accepted on a connection that resumed the ended conversation.

#include "serverharness.h"

#include "database.h"

#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

QJsonObject rate(const QString &clientId, int score, const QString &comment = {})
{
    QJsonObject frame { { "type"_L1, u"rate"_s }, { "clientId"_L1, clientId },
        { "score"_L1, score } };
    if (!comment.isNull())
        frame.insert("comment"_L1, comment);
    return frame;
}

int storedRatings(OWidget::Server::Database &db)
{
    QSqlQuery q(db.handle());
    if (!q.exec(u"SELECT COUNT(*) FROM ratings"_s) || !q.next())
        return -1;
    return q.value(0).toInt();
}

// A conversation of `preset` that Alice accepted and ended; its `created`.
QJsonObject endedConversation(
    TestServer &server, OperatorClient &alice, WidgetClient &widget, const QString &preset = {})
{
    if (!widget.connectTo(server, preset))
        return {};
    const QJsonObject created = widget.start(u"start-1"_s);
    const QString id = created.value("conversation"_L1).toString();
    alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
    if (alice.take(u"conversation"_s).isEmpty() || widget.take(u"joined"_s).isEmpty())
        return {};
    alice.send(QJsonObject { { "type"_L1, u"end"_s }, { "conversation"_L1, id } });
    if (widget.take(u"ended"_s).isEmpty() || alice.take(u"event"_s).isEmpty())
        return {};
    return created;
}

// The demo data with the first preset's rating changed, or removed with an empty `kind`.
QString demoWithRating(const QTemporaryDir &dir, const QString &kind)
{
    QFile demo(demoFile());
    if (!demo.open(QIODevice::ReadOnly))
        return {};
    QJsonObject doc = QJsonDocument::fromJson(demo.readAll()).object();
    QJsonArray companies = doc.value("companies"_L1).toArray();
    QJsonObject company = companies.at(0).toObject();
    QJsonArray presets = company.value("presets"_L1).toArray();
    QJsonObject preset = presets.at(0).toObject();
    if (kind.isEmpty())
        preset.remove("rating"_L1);
    else
        preset.insert("rating"_L1, kind);
    presets[0] = preset;
    company.insert("presets"_L1, presets);
    companies[0] = company;
    doc.insert("companies"_L1, companies);
    const QString path = dir.filePath(u"data.json"_s);
    QFile file(path);
    if (!copyDemoPictures(dir.path()) || !file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(doc).toJson());
    return path;
}

} // namespace

class TestServerRating : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ratedOnceAndShownToOperators()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        QVERIFY(!alice.take(u"ratings"_s).isEmpty()); // none yet, but said
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        const QJsonObject created = endedConversation(server, alice, widget);
        const QString id = created.value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());

        widget.send(rate(u"r1"_s, 4, u"  Quick and kind  "_s));
        const QJsonObject rated = widget.take(u"rated"_s);
        QCOMPARE(rated.value("clientId"_L1).toString(), u"r1"_s);
        QCOMPARE(rated.value("score"_L1).toInt(), 4);
        QCOMPARE(storedRatings(server.server().database()), 1);

        // The console is told, with what it shows.
        const QJsonObject item = alice.take(u"rated"_s).value("item"_L1).toObject();
        QCOMPARE(item.value("conversation"_L1).toString(), id);
        QCOMPARE(item.value("kind"_L1).toString(), u"stars"_s);
        QCOMPARE(item.value("score"_L1).toInt(), 4);
        QCOMPARE(item.value("comment"_L1).toString(), u"Quick and kind"_s);
        QCOMPARE(item.value("operator"_L1).toString(), u"Alice"_s);
        QCOMPARE(item.value("preset"_L1).toString(), u"podpora"_s);
        QCOMPARE(item.value("fields"_L1).toObject().value("name"_L1).toString(), u"Jana"_s);
        QVERIFY(item.value("created"_L1).toString().endsWith(u'Z'));

        // Resent (an answer lost with the link): the same answer, nothing stored or told twice.
        widget.send(rate(u"r1"_s, 4, u"Quick and kind"_s));
        QCOMPARE(widget.take(u"rated"_s).value("score"_L1).toInt(), 4);
        QCOMPARE(storedRatings(server.server().database()), 1);
        // Another rating does not replace the first.
        widget.send(rate(u"r2"_s, 1));
        const QJsonObject refused = widget.take(u"error"_s);
        QCOMPARE(refused.value("code"_L1).toString(), u"conflict"_s);
        QCOMPARE(refused.value("clientId"_L1).toString(), u"r2"_s);
        // A round trip: anything told before its answer has arrived.
        alice.setAvailability(u"busy"_s);
        QCOMPARE(alice.take(u"availability"_s).value("state"_L1).toString(), u"online"_s);
        QCOMPARE(alice.take(u"availability"_s).value("state"_L1).toString(), u"busy"_s);
        QVERIFY(!alice.has(u"rated"_s));

        // A console that connects later reads it after its snapshot.
        OperatorClient bob;
        QVERIFY(bob.connectTo(server, u"bob"_s, u"bob-demo"_s));
        const QJsonObject ratings = bob.take(u"ratings"_s);
        QCOMPARE(ratings.value("more"_L1).toInt(), 0);
        const QJsonArray items = ratings.value("items"_L1).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value("score"_L1).toInt(), 4);
        QCOMPARE(items.at(0).toObject().value("comment"_L1).toString(), u"Quick and kind"_s);
    }

    void refusals()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);

        // No conversation on the connection.
        WidgetClient stranger;
        QVERIFY(stranger.connectTo(server));
        stranger.send(rate(u"r0"_s, 5));
        QJsonObject error = stranger.take(u"error"_s);
        QCOMPARE(error.value("code"_L1).toString(), u"not_in_conversation"_s);
        QCOMPARE(error.value("clientId"_L1).toString(), u"r0"_s);

        // Not ended yet.
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        const QString id = widget.start(u"s"_s).value("conversation"_L1).toString();
        widget.send(rate(u"r1"_s, 5));
        error = widget.take(u"error"_s);
        QCOMPARE(error.value("code"_L1).toString(), u"conflict"_s);
        QVERIFY2(error.value("message"_L1).toString().contains("not ended"_L1),
            qPrintable(error.value("message"_L1).toString()));
        alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
        QVERIFY(!widget.take(u"joined"_s).isEmpty());
        widget.send(QJsonObject { { "type"_L1, u"end"_s } });
        QVERIFY(!widget.take(u"ended"_s).isEmpty());

        // Out of range for stars: 0 is a thumbs score.
        widget.send(rate(u"r2"_s, 0));
        error = widget.take(u"error"_s);
        QCOMPARE(error.value("code"_L1).toString(), u"bad_request"_s);
        QCOMPARE(error.value("clientId"_L1).toString(), u"r2"_s);
        // Out of the protocol's range altogether.
        widget.send(rate(u"r3"_s, 6));
        QCOMPARE(widget.take(u"error"_s).value("code"_L1).toString(), u"bad_request"_s);
        QCOMPARE(storedRatings(server.server().database()), 0);
        // A comment over the limit, in characters.
        widget.send(rate(u"r4"_s, 5, QString(1001, u'a')));
        QCOMPARE(widget.take(u"error"_s).value("code"_L1).toString(), u"bad_request"_s);
        widget.send(rate(u"r5"_s, 5, QString(1000, u'a')));
        QCOMPARE(widget.take(u"rated"_s).value("score"_L1).toInt(), 5);
    }

    void thumbs()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        QVERIFY(!endedConversation(server, alice, widget, u"support"_s).isEmpty());
        widget.send(rate(u"r1"_s, 2));
        QCOMPARE(widget.take(u"error"_s).value("code"_L1).toString(), u"bad_request"_s);
        widget.send(rate(u"r2"_s, 0, u"Too slow"_s));
        QCOMPARE(widget.take(u"rated"_s).value("score"_L1).toInt(), 0);
        const QJsonObject item = alice.take(u"rated"_s).value("item"_L1).toObject();
        QCOMPARE(item.value("kind"_L1).toString(), u"thumbs"_s);
        QCOMPARE(item.value("score"_L1).toInt(), 0);
    }

    void presetAsksForNone()
    {
        QTemporaryDir dir;
        const QString data = demoWithRating(dir, {});
        QVERIFY(!data.isEmpty());
        TestServer server(data);
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        QVERIFY(!endedConversation(server, alice, widget).isEmpty());
        widget.send(rate(u"r1"_s, 5));
        const QJsonObject error = widget.take(u"error"_s);
        QCOMPARE(error.value("code"_L1).toString(), u"bad_request"_s);
        QVERIFY2(error.value("message"_L1).toString().contains("rating"_L1),
            qPrintable(error.value("message"_L1).toString()));
        QCOMPARE(storedRatings(server.server().database()), 0);
    }

    // The window closed at the end and opened again: the link that resumes the ended
    // conversation may rate it, and after a restart the rating is still there, once.
    void resumedAndRestarted()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        QJsonObject created;
        {
            WidgetClient first;
            created = endedConversation(server, alice, first);
            QVERIFY(!created.isEmpty());
        }
        const QJsonObject resume { { "conversation"_L1, created.value("conversation"_L1) },
            { "secret"_L1, created.value("secret"_L1) }, { "lastSeq"_L1, 3 } };
        WidgetClient again;
        QVERIFY(again.connectTo(server, {}, resume));
        QCOMPARE(again.welcome.value("conversation"_L1).toObject().value("state"_L1).toString(),
            u"ended"_s);
        again.send(rate(u"r1"_s, 3, u"ok"_s));
        QCOMPARE(again.take(u"rated"_s).value("score"_L1).toInt(), 3);

        QSignalSpy gone(&again.socket, &QWebSocket::disconnected);
        QVERIFY(server.restart());
        QVERIFY(gone.count() == 1 || gone.wait(5000));
        WidgetClient afterRestart;
        QVERIFY(afterRestart.connectTo(server, {}, resume));
        afterRestart.send(rate(u"r1"_s, 3, u"ok"_s));
        QCOMPARE(afterRestart.take(u"rated"_s).value("score"_L1).toInt(), 3);
        QCOMPARE(storedRatings(server.server().database()), 1);

        OperatorClient aliceAgain;
        QVERIFY(aliceAgain.connectTo(server, u"alice"_s, u"alice-demo"_s));
        const QJsonArray items = aliceAgain.take(u"ratings"_s).value("items"_L1).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value("conversation"_L1).toString(),
            created.value("conversation"_L1).toString());
        QCOMPARE(items.at(0).toObject().value("score"_L1).toInt(), 3);
    }
};

QTEST_GUILESS_MAIN(TestServerRating)
#include "tst_server_rating.moc"
