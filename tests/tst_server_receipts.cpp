// Read marks (docs/protocol.md, `read`) through the server: each side's mark goes to the other,
// only forward, never beyond the last event, costs no seq, and is stored with the conversation
// so that a server restart and a resume bring it back.

#include "serverharness.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

QJsonObject message(const QString &clientId, const QString &text)
{
    return QJsonObject { { "type"_L1, u"message"_s }, { "clientId"_L1, clientId },
        { "text"_L1, text } };
}

QJsonObject operatorMessage(
    const QString &conversation, const QString &clientId, const QString &text)
{
    return QJsonObject { { "type"_L1, u"message"_s }, { "conversation"_L1, conversation },
        { "clientId"_L1, clientId }, { "text"_L1, text } };
}

QJsonObject widgetRead(qint64 seq)
{
    return QJsonObject { { "type"_L1, u"read"_s }, { "seq"_L1, seq } };
}

QJsonObject operatorRead(const QString &conversation, qint64 seq)
{
    return QJsonObject { { "type"_L1, u"read"_s }, { "conversation"_L1, conversation },
        { "seq"_L1, seq } };
}

// A widget and Alice in an active conversation with events 1 (joined), 2 (visitor), 3
// (operator).
struct Conversation
{
    OperatorClient alice;
    WidgetClient widget;
    QString id;
    QString secret;

    bool open(TestServer &server)
    {
        if (!alice.connectTo(server, u"alice"_s, u"alice-demo"_s))
            return false;
        alice.setAvailability(u"online"_s);
        if (!widget.connectTo(server))
            return false;
        const QJsonObject created = widget.start(u"start-1"_s);
        id = created.value("conversation"_L1).toString();
        secret = created.value("secret"_L1).toString();
        alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
        if (alice.take(u"conversation"_s).isEmpty() || widget.take(u"joined"_s).isEmpty())
            return false;
        widget.send(message(u"v1"_s, u"Hi"_s));
        if (widget.take(u"ack"_s).value("seq"_L1).toInt() != 2 || alice.take(u"event"_s).isEmpty())
            return false;
        alice.send(operatorMessage(id, u"o1"_s, u"Hello"_s));
        return alice.take(u"ack"_s).value("seq"_L1).toInt() == 3
            && widget.take(u"message"_s).value("seq"_L1).toInt() == 3;
    }
};

} // namespace

class TestServerReceipts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void marksGoBothWays()
    {
        TestServer server;
        Conversation c;
        QVERIFY(c.open(server));

        c.widget.send(widgetRead(3));
        const QJsonObject toOperator = c.alice.take(u"read"_s);
        QCOMPARE(toOperator.value("conversation"_L1).toString(), c.id);
        QCOMPARE(toOperator.value("seq"_L1).toInteger(), 3);

        c.alice.send(operatorRead(c.id, 2));
        const QJsonObject toWidget = c.widget.take(u"read"_s);
        QCOMPARE(toWidget.value("seq"_L1).toInteger(), 2);
        QVERIFY(!toWidget.contains("conversation"_L1));

        // A mark is not an event: the next message still gets the next seq.
        c.widget.send(message(u"v2"_s, u"again"_s));
        QCOMPARE(c.widget.take(u"ack"_s).value("seq"_L1).toInt(), 4);
    }

    void marksOnlyMoveForward()
    {
        TestServer server;
        Conversation c;
        QVERIFY(c.open(server));

        c.widget.send(widgetRead(3));
        QCOMPARE(c.alice.take(u"read"_s).value("seq"_L1).toInteger(), 3);
        // Lower and equal marks are ignored, without an error; the next forward one goes on.
        c.widget.send(widgetRead(2));
        c.widget.send(widgetRead(3));
        c.alice.send(operatorRead(c.id, 3));
        c.alice.send(operatorRead(c.id, 1));
        c.alice.send(operatorRead(c.id, 3));
        QCOMPARE(c.widget.take(u"read"_s).value("seq"_L1).toInteger(), 3);
        c.widget.send(message(u"v2"_s, u"more"_s));
        QCOMPARE(c.widget.take(u"ack"_s).value("seq"_L1).toInt(), 4);
        c.widget.send(widgetRead(4));
        QCOMPARE(c.alice.take(u"read"_s).value("seq"_L1).toInteger(), 4);
        QVERIFY(!c.alice.has(u"read"_s));
        QVERIFY(!c.widget.has(u"read"_s));
        QVERIFY(!c.widget.has(u"error"_s));
        QVERIFY(!c.alice.has(u"error"_s));
    }

    void markBeyondTheLastEventIsRefused()
    {
        TestServer server;
        Conversation c;
        QVERIFY(c.open(server));

        c.widget.send(widgetRead(4));
        const QJsonObject widgetError = c.widget.take(u"error"_s);
        QCOMPARE(widgetError.value("code"_L1).toString(), u"bad_request"_s);
        QVERIFY2(widgetError.value("message"_L1).toString().contains(u"'seq'"_s),
            qPrintable(widgetError.value("message"_L1).toString()));

        c.alice.send(operatorRead(c.id, 99));
        const QJsonObject operatorError = c.alice.take(u"error"_s);
        QCOMPARE(operatorError.value("code"_L1).toString(), u"bad_request"_s);
        QCOMPARE(operatorError.value("conversation"_L1).toString(), c.id);
        QVERIFY(operatorError.value("message"_L1).toString().contains(u"'seq'"_s));

        // Nothing was stored or sent on.
        QVERIFY(!c.alice.has(u"read"_s));
        QVERIFY(!c.widget.has(u"read"_s));
        c.widget.send(widgetRead(3));
        QCOMPARE(c.alice.take(u"read"_s).value("seq"_L1).toInteger(), 3);
    }

    void markOutsideAConversationIsRefused()
    {
        TestServer server;
        Conversation c;
        QVERIFY(c.open(server));
        WidgetClient stranger;
        QVERIFY(stranger.connectTo(server));
        stranger.send(widgetRead(1));
        QCOMPARE(stranger.take(u"error"_s).value("code"_L1).toString(), u"not_in_conversation"_s);

        // Bob is no operator of this conversation.
        OperatorClient bob;
        QVERIFY(bob.connectTo(server, u"bob"_s, u"bob-demo"_s));
        bob.send(operatorRead(c.id, 1));
        QCOMPARE(bob.take(u"error"_s).value("code"_L1).toString(), u"not_found"_s);
        QVERIFY(!c.widget.has(u"read"_s));
    }

    void marksSurviveARestartAndAResume()
    {
        TestServer server;
        auto c = std::make_unique<Conversation>();
        QVERIFY(c->open(server));
        c->widget.send(widgetRead(3));
        QCOMPARE(c->alice.take(u"read"_s).value("seq"_L1).toInteger(), 3);
        c->alice.send(operatorRead(c->id, 2));
        QCOMPARE(c->widget.take(u"read"_s).value("seq"_L1).toInteger(), 2);
        const QString id = c->id;
        const QString secret = c->secret;
        const QByteArray cookie = c->alice.cookie;

        QSignalSpy widgetGone(&c->widget.socket, &QWebSocket::disconnected);
        QVERIFY(server.restart());
        QVERIFY(widgetGone.count() == 1 || widgetGone.wait(5000));
        c.reset();

        WidgetClient again;
        QVERIFY(again.connectTo(server, {},
            QJsonObject {
                { "conversation"_L1, id }, { "secret"_L1, secret }, { "lastSeq"_L1, 3 } }));
        QCOMPARE(
            again.welcome.value("conversation"_L1).toObject().value("operatorRead"_L1).toInteger(),
            2);

        OperatorClient alice;
        QNetworkRequest request(server.url(u"/v1/operator/socket"_s, u"ws"_s));
        request.setRawHeader("Cookie"_ba, cookie);
        QVERIFY(alice.open(request));
        const QJsonArray conversations
            = alice.take(u"snapshot"_s).value("conversations"_L1).toArray();
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations.at(0).toObject().value("visitorRead"_L1).toInteger(), 3);

        // Marks sent again after the reconnect are not news; forward ones are.
        again.send(widgetRead(3));
        alice.send(operatorRead(id, 3));
        QCOMPARE(again.take(u"read"_s).value("seq"_L1).toInteger(), 3);
        QVERIFY(!alice.has(u"read"_s));
    }

    void acceptedConversationCarriesTheVisitorsMark()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        const QString id = widget.start(u"s"_s).value("conversation"_L1).toString();
        alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
        const QJsonObject conversation
            = alice.take(u"conversation"_s).value("conversation"_L1).toObject();
        QCOMPARE(conversation.value("visitorRead"_L1).toInteger(), 0);
        QVERIFY(conversation.contains("visitorRead"_L1));
    }
};

QTEST_GUILESS_MAIN(TestServerReceipts)
#include "tst_server_receipts.moc"
