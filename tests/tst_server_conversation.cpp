// A whole conversation between a widget socket and an operator socket, resume, dedupe, a
// server restart in the middle, offline items, limits, and the HTTP routes.

#include "serverharness.h"

#include "database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSqlQuery>
#include <QTcpSocket>

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

int storedMessages(OWidget::Server::Database &db, const QString &conversation)
{
    QSqlQuery q(db.handle());
    q.prepare(u"SELECT COUNT(*) FROM events WHERE conversation = ? AND type = 'message'"_s);
    q.addBindValue(conversation);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toInt();
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QByteArray etag;
    QByteArray setCookie;
};

Reply httpGet(const QUrl &url, const QByteArray &cookie = {}, const QByteArray &ifNoneMatch = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    if (!cookie.isEmpty())
        request.setRawHeader("Cookie"_ba, cookie);
    if (!ifNoneMatch.isEmpty())
        request.setRawHeader("If-None-Match"_ba, ifNoneMatch);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    finished.wait(10000);
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
        reply->rawHeader("ETag"_ba), reply->rawHeader("Set-Cookie"_ba) };
}

} // namespace

class TestServerConversation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeConversation()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        QCOMPARE(widget.welcome.value("protocol"_L1).toInt(), 1);
        QCOMPARE(widget.welcome.value("heartbeatSeconds"_L1).toInt(), 15);
        QVERIFY(!widget.welcome.contains("conversation"_L1));

        const QJsonObject created = widget.start(u"start-1"_s);
        const QString id = created.value("conversation"_L1).toString();
        QVERIFY(id.startsWith("c-"_L1));
        QVERIFY(created.value("secret"_L1).toString().size() >= 32);
        QCOMPARE(created.value("clientId"_L1).toString(), u"start-1"_s);
        QCOMPARE(created.value("queuePosition"_L1).toInt(), 1);
        // The secret is stored only as a hash.
        {
            QSqlQuery q(server.server().database().handle());
            QVERIFY(q.exec(u"SELECT secret_hash FROM conversations"_s) && q.next());
            QVERIFY(q.value(0).toString() != created.value("secret"_L1).toString());
        }
        // A repeated start is the same conversation.
        QCOMPARE(widget.start(u"start-1"_s).value("conversation"_L1).toString(), id);

        QTRY_COMPARE(alice.queue.size(), 1);
        const QJsonArray queue = alice.queue;
        QCOMPARE(queue.at(0).toObject().value("id"_L1).toString(), id);
        QCOMPARE(queue.at(0).toObject().value("group"_L1).toString(), u"support"_s);

        alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
        const QJsonObject conversation
            = alice.take(u"conversation"_s).value("conversation"_L1).toObject();
        QCOMPARE(conversation.value("id"_L1).toString(), id);
        QCOMPARE(conversation.value("state"_L1).toString(), u"active"_s);
        QCOMPARE(conversation.value("fields"_L1).toObject().value("name"_L1).toString(), u"Jana"_s);
        QCOMPARE(conversation.value("customData"_L1).toObject().value("customerNo"_L1).toString(),
            u"12345"_s);
        const QJsonObject joined = widget.take(u"joined"_s);
        QCOMPARE(joined.value("seq"_L1).toInt(), 1);
        QCOMPARE(joined.value("operator"_L1).toString(), u"Alice"_s);
        QVERIFY(joined.value("time"_L1).toString().endsWith(u'Z'));

        // Visitor to operator.
        widget.send(message(u"m1"_s, u"  Hi there  "_s));
        const QJsonObject ack = widget.take(u"ack"_s);
        QCOMPARE(ack.value("clientId"_L1).toString(), u"m1"_s);
        QCOMPARE(ack.value("seq"_L1).toInt(), 2);
        const QJsonObject event = alice.take(u"event"_s);
        QCOMPARE(event.value("conversation"_L1).toString(), id);
        QCOMPARE(event.value("event"_L1).toObject().value("text"_L1).toString(), u"Hi there"_s);
        QCOMPARE(event.value("event"_L1).toObject().value("from"_L1).toString(), u"visitor"_s);
        QVERIFY(!widget.has(u"message"_s)); // not echoed to its sender

        // Operator to visitor.
        alice.send(operatorMessage(id, u"o1"_s, u"Hello, <b>Jana</b>"_s));
        const QJsonObject operatorAck = alice.take(u"ack"_s);
        QCOMPARE(operatorAck.value("seq"_L1).toInt(), 3);
        QCOMPARE(operatorAck.value("conversation"_L1).toString(), id);
        const QJsonObject received = widget.take(u"message"_s);
        QCOMPARE(received.value("seq"_L1).toInt(), 3);
        QCOMPARE(received.value("from"_L1).toString(), u"operator"_s);
        QCOMPARE(received.value("name"_L1).toString(), u"Alice"_s);
        QCOMPARE(received.value("text"_L1).toString(), u"Hello, <b>Jana</b>"_s);

        // Typing both ways.
        widget.send(QJsonObject { { "type"_L1, u"typing"_s }, { "active"_L1, true } });
        const QJsonObject visitorTyping = alice.take(u"typing"_s);
        QCOMPARE(visitorTyping.value("conversation"_L1).toString(), id);
        QCOMPARE(visitorTyping.value("active"_L1).toBool(), true);
        alice.send(QJsonObject {
            { "type"_L1, u"typing"_s }, { "conversation"_L1, id }, { "active"_L1, true } });
        QCOMPARE(widget.take(u"typing"_s).value("active"_L1).toBool(), true);

        // A resent message with the same client id: the original ack, stored once.
        widget.send(message(u"m1"_s, u"Hi there"_s));
        QCOMPARE(widget.take(u"ack"_s).value("seq"_L1).toInt(), 2);
        alice.send(operatorMessage(id, u"o1"_s, u"Hello, <b>Jana</b>"_s));
        QCOMPARE(alice.take(u"ack"_s).value("seq"_L1).toInt(), 3);
        QCOMPARE(storedMessages(server.server().database(), id), 2);

        // Resume on a second connection with the secret: state, then the events after lastSeq.
        WidgetClient resumed;
        QVERIFY(resumed.connectTo(server, {},
            QJsonObject { { "conversation"_L1, id }, { "secret"_L1, created.value("secret"_L1) },
                { "lastSeq"_L1, 1 } }));
        const QJsonObject state = resumed.welcome.value("conversation"_L1).toObject();
        QCOMPARE(state.value("id"_L1).toString(), id);
        QCOMPARE(state.value("state"_L1).toString(), u"active"_s);
        QCOMPARE(state.value("operator"_L1).toString(), u"Alice"_s);
        QCOMPARE(state.value("queuePosition"_L1).toInt(), 0);
        const QJsonObject replay1 = resumed.take(u"message"_s);
        const QJsonObject replay2 = resumed.take(u"message"_s);
        QCOMPARE(replay1.value("seq"_L1).toInt(), 2);
        QCOMPARE(replay1.value("clientId"_L1).toString(), u"m1"_s);
        QCOMPARE(replay2.value("seq"_L1).toInt(), 3);
        QVERIFY(!resumed.has(u"joined"_s));

        // A wrong secret: welcome without the conversation, then resume_rejected.
        WidgetClient intruder;
        QVERIFY(intruder.connectTo(server, {},
            QJsonObject {
                { "conversation"_L1, id }, { "secret"_L1, u"wrong"_s }, { "lastSeq"_L1, 0 } }));
        QVERIFY(!intruder.welcome.contains("conversation"_L1));
        QCOMPARE(intruder.take(u"error"_s).value("code"_L1).toString(), u"resume_rejected"_s);
        QVERIFY(!intruder.has(u"message"_s));

        // The operator ends it: every connection of the visitor sees it.
        alice.send(QJsonObject { { "type"_L1, u"end"_s }, { "conversation"_L1, id } });
        const QJsonObject ended = widget.take(u"ended"_s);
        QCOMPARE(ended.value("seq"_L1).toInt(), 4);
        QCOMPARE(ended.value("by"_L1).toString(), u"operator"_s);
        QCOMPARE(resumed.take(u"ended"_s).value("seq"_L1).toInt(), 4);
        QCOMPARE(alice.take(u"event"_s).value("event"_L1).toObject().value("type"_L1).toString(),
            u"ended"_s);
        widget.send(message(u"m2"_s, u"still there?"_s));
        QCOMPARE(widget.take(u"error"_s).value("code"_L1).toString(), u"not_in_conversation"_s);
        // A late repeat of the start is still the same conversation; a new start is a new one.
        QCOMPARE(widget.start(u"start-1"_s).value("conversation"_L1).toString(), id);
        const QString next = widget.start(u"start-2"_s).value("conversation"_L1).toString();
        QVERIFY(!next.isEmpty());
        QVERIFY(next != id);

        // An ended conversation stays resumable for a while, so a returning client sees the end.
        WidgetClient late;
        QVERIFY(late.connectTo(server, {},
            QJsonObject { { "conversation"_L1, id }, { "secret"_L1, created.value("secret"_L1) },
                { "lastSeq"_L1, 3 } }));
        QCOMPARE(late.welcome.value("conversation"_L1).toObject().value("state"_L1).toString(),
            u"ended"_s);
        QCOMPARE(late.take(u"ended"_s).value("seq"_L1).toInt(), 4);
    }

    void restartKeepsAcknowledgedMessages()
    {
        TestServer server;
        auto alice = std::make_unique<OperatorClient>();
        QVERIFY(alice->connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice->setAvailability(u"online"_s);
        auto widget = std::make_unique<WidgetClient>();
        QVERIFY(widget->connectTo(server));
        const QJsonObject created = widget->start(u"s"_s);
        const QString id = created.value("conversation"_L1).toString();
        alice->send(QJsonObject { { "type"_L1, u"accept"_s } });
        QVERIFY(!widget->take(u"joined"_s).isEmpty());
        for (int i = 0; i < 5; ++i) {
            widget->send(message(u"v%1"_s.arg(i), u"visitor %1"_s.arg(i)));
            QCOMPARE(widget->take(u"ack"_s).value("seq"_L1).toInt(), 2 + i);
        }
        alice->send(operatorMessage(id, u"o"_s, u"operator says"_s));
        QCOMPARE(alice->take(u"ack"_s).value("seq"_L1).toInt(), 7);

        // Kill the server in the middle of the conversation and start a new one on the same DB.
        QSignalSpy widgetGone(&widget->socket, &QWebSocket::disconnected);
        QVERIFY(server.restart());
        QVERIFY(widgetGone.count() == 1 || widgetGone.wait(5000));

        // The widget resumes from scratch (lastSeq 0) and gets every acknowledged event.
        WidgetClient again;
        QVERIFY(again.connectTo(server, {},
            QJsonObject { { "conversation"_L1, id }, { "secret"_L1, created.value("secret"_L1) },
                { "lastSeq"_L1, 0 } }));
        QCOMPARE(again.welcome.value("conversation"_L1).toObject().value("state"_L1).toString(),
            u"active"_s);
        QCOMPARE(again.take(u"joined"_s).value("seq"_L1).toInt(), 1);
        for (int i = 0; i < 5; ++i) {
            const QJsonObject m = again.take(u"message"_s);
            QCOMPARE(m.value("seq"_L1).toInt(), 2 + i);
            QCOMPARE(m.value("text"_L1).toString(), u"visitor %1"_s.arg(i));
        }
        QCOMPARE(again.take(u"message"_s).value("text"_L1).toString(), u"operator says"_s);
        // A resend of an acknowledged message after the restart is not stored twice.
        again.send(message(u"v4"_s, u"visitor 4"_s));
        QCOMPARE(again.take(u"ack"_s).value("seq"_L1).toInt(), 6);

        // The operator's session survives too; the snapshot holds the conversation.
        OperatorClient aliceAgain;
        QVERIFY(aliceAgain.login(server, u"alice"_s, u"alice-demo"_s));
        QNetworkRequest request(server.url(u"/v1/operator/socket"_s, u"ws"_s));
        request.setRawHeader("Cookie"_ba, alice->cookie);
        QVERIFY(aliceAgain.open(request));
        const QJsonObject snapshot = aliceAgain.take(u"snapshot"_s);
        const QJsonArray conversations = snapshot.value("conversations"_L1).toArray();
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations.at(0).toObject().value("events"_L1).toArray().size(), 7);
        aliceAgain.send(operatorMessage(id, u"o2"_s, u"back again"_s));
        QCOMPARE(aliceAgain.take(u"ack"_s).value("seq"_L1).toInt(), 8);
        QCOMPARE(again.take(u"message"_s).value("seq"_L1).toInt(), 8);
    }

    void endedConversationExpires()
    {
        TestServer server(demoFile(), [](auto &options) { options.resumeWindowMs = 0; });
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        const QJsonObject created = widget.start(u"s"_s);
        const QJsonObject resume { { "conversation"_L1, created.value("conversation"_L1) },
            { "secret"_L1, created.value("secret"_L1) }, { "lastSeq"_L1, 0 } };
        // Waiting: resumable whatever the window.
        WidgetClient waiting;
        QVERIFY(waiting.connectTo(server, {}, resume));
        QCOMPARE(
            waiting.welcome.value("conversation"_L1).toObject().value("queuePosition"_L1).toInt(),
            1);
        widget.send(QJsonObject { { "type"_L1, u"end"_s } });
        QVERIFY(!widget.take(u"ended"_s).isEmpty());
        // Ended, and the window is over: rejected.
        QTRY_VERIFY([&] {
            WidgetClient probe;
            return probe.connectTo(server, {}, resume) && !probe.welcome.contains("conversation"_L1)
                && probe.take(u"error"_s).value("code"_L1).toString() == "resume_rejected"_L1;
        }());
    }

    void abandonedWaitingConversationEnds()
    {
        TestServer server(demoFile(), [](auto &options) { options.abandonWaitingMs = 300; });
        OperatorClient bob;
        QVERIFY(bob.connectTo(server, u"bob"_s, u"bob-demo"_s));
        auto widget = std::make_unique<WidgetClient>();
        QVERIFY(widget->connectTo(server));
        const QJsonObject created = widget->start(u"s"_s);
        QTRY_COMPARE(bob.queue.size(), 1);
        const QJsonObject resume { { "conversation"_L1, created.value("conversation"_L1) },
            { "secret"_L1, created.value("secret"_L1) }, { "lastSeq"_L1, 0 } };

        // A visitor who leaves is dropped from the queue; one who stays connected waits.
        WidgetClient other;
        QVERIFY(other.connectTo(server));
        QVERIFY(!other.start(u"o"_s).isEmpty());
        QTRY_COMPARE(bob.queue.size(), 2);
        other.socket.close();
        QTRY_COMPARE(bob.queue.size(), 1);
        const QJsonArray queue = bob.queue;
        QCOMPARE(queue.at(0).toObject().value("id"_L1), created.value("conversation"_L1));

        // The first visitor goes away for good: the conversation ends, by the system.
        widget.reset();
        QTRY_COMPARE(bob.queue.size(), 0);
        WidgetClient back;
        QVERIFY(back.connectTo(server, {}, resume));
        QCOMPARE(back.welcome.value("conversation"_L1).toObject().value("state"_L1).toString(),
            u"ended"_s);
        QCOMPARE(back.take(u"ended"_s).value("by"_L1).toString(), u"system"_s);
    }

    void offlineItems()
    {
        TestServer server;
        OperatorClient bob;
        QVERIFY(bob.connectTo(server, u"bob"_s, u"bob-demo"_s));
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        QCOMPARE(widget.welcome.value("status"_L1).toInt(), 0);
        const QJsonObject leave { { "type"_L1, u"leaveMessage"_s }, { "clientId"_L1, u"l1"_s },
            { "fields"_L1, QJsonObject { { "name"_L1, u"Jana"_s } } },
            { "text"_L1, u"Please call me."_s } };
        widget.send(leave);
        QCOMPARE(widget.take(u"received"_s).value("clientId"_L1).toString(), u"l1"_s);
        const QJsonObject item = bob.take(u"offlineMessage"_s).value("item"_L1).toObject();
        QCOMPARE(item.value("text"_L1).toString(), u"Please call me."_s);
        QCOMPARE(item.value("fields"_L1).toObject().value("name"_L1).toString(), u"Jana"_s);
        widget.send(leave); // stored once
        QCOMPARE(widget.take(u"received"_s).value("clientId"_L1).toString(), u"l1"_s);
        QVERIFY(!bob.has(u"offlineMessage"_s));

        widget.send(QJsonObject { { "type"_L1, u"callbackRequest"_s }, { "clientId"_L1, u"r1"_s },
            { "fields"_L1, QJsonObject { { "name"_L1, u"Jana"_s } } },
            { "phone"_L1, u"+420 777 666 555"_s } });
        QCOMPARE(widget.take(u"received"_s).value("clientId"_L1).toString(), u"r1"_s);
        QCOMPARE(
            bob.take(u"callbackRequest"_s).value("item"_L1).toObject().value("phone"_L1).toString(),
            u"+420 777 666 555"_s);

        // Shown to an operator who logs in later.
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        QCOMPARE(alice.snapshot.value("offlineMessages"_L1).toArray().size(), 1);
        QCOMPARE(alice.snapshot.value("callbackRequests"_L1).toArray().size(), 1);

        // The preset "support" offers no callback.
        WidgetClient support;
        QVERIFY(support.connectTo(server, u"support"_s));
        support.send(QJsonObject { { "type"_L1, u"callbackRequest"_s }, { "clientId"_L1, u"r2"_s },
            { "phone"_L1, u"+420 777 666 555"_s } });
        const QJsonObject error = support.take(u"error"_s);
        QCOMPARE(error.value("code"_L1).toString(), u"bad_request"_s);
        QCOMPARE(error.value("clientId"_L1).toString(), u"r2"_s);
    }

    void malformedMessages_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << "{ nope"_ba << u"bad_request"_s;
        QTest::newRow("no type") << "{}"_ba << u"bad_request"_s;
        QTest::newRow("unknown type") << "{\"type\":\"dance\"}"_ba << u"bad_request"_s;
        QTest::newRow("message without conversation")
            << "{\"type\":\"message\",\"clientId\":\"x\",\"text\":\"hi\"}"_ba
            << u"not_in_conversation"_s;
        QTest::newRow("text not a string")
            << "{\"type\":\"message\",\"clientId\":\"x\",\"text\":5}"_ba << u"bad_request"_s;
        QTest::newRow("empty text")
            << "{\"type\":\"message\",\"clientId\":\"x\",\"text\":\"   \"}"_ba << u"bad_request"_s;
        QTest::newRow("long client id") << ("{\"type\":\"message\",\"clientId\":\""
            + QByteArray(65, 'x') + "\",\"text\":\"a\"}")
                                        << u"bad_request"_s;
        QTest::newRow("text too long") << ("{\"type\":\"message\",\"clientId\":\"x\",\"text\":\""
            + QByteArray(4001, 'a') + "\"}")
                                       << u"bad_request"_s;
        QTest::newRow("required field missing")
            << "{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{}}"_ba << u"bad_request"_s;
        QTest::newRow("unknown field")
            << "{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{\"name\":\"J\",\"age\":\"3\"}}"_ba
            << u"bad_request"_s;
        QTest::newRow("custom data not strings")
            << "{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{\"name\":\"J\"},\"customData\":{\"a\":1}}"_ba
            << u"bad_request"_s;
        QTest::newRow("end without conversation")
            << "{\"type\":\"end\"}"_ba << u"not_in_conversation"_s;
    }

    void malformedMessages()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, code);
        TestServer server;
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        widget.socket.sendTextMessage(QString::fromUtf8(json));
        QCOMPARE(widget.take(u"error"_s).value("code"_L1).toString(), code);
        // The connection lives on.
        widget.send(QJsonObject { { "type"_L1, u"dance"_s } });
        QVERIFY(!widget.take(u"error"_s).isEmpty());
        QCOMPARE(widget.socket.state(), QAbstractSocket::ConnectedState);
    }

    void helloRules()
    {
        TestServer server;
        {
            JsonSocket socket;
            QVERIFY(socket.open(QNetworkRequest(server.url(u"/v1/socket"_s, u"ws"_s))));
            QSignalSpy closed(&socket.socket, &QWebSocket::disconnected);
            socket.send(QJsonObject { { "type"_L1, u"start"_s } });
            QCOMPARE(socket.take(u"error"_s).value("code"_L1).toString(), u"bad_request"_s);
            QVERIFY(closed.count() == 1 || closed.wait(5000));
        }
        const QList<std::pair<QJsonObject, QString>> cases {
            { QJsonObject { { "protocol"_L1, 2 }, { "company"_L1, demoCompany } },
                u"protocol_version"_s },
            { QJsonObject { { "protocol"_L1, 1 }, { "company"_L1, u"nope"_s } }, u"bad_request"_s },
            { QJsonObject { { "protocol"_L1, 1 },
                  { "company"_L1, u"00000000-0000-0000-0000-000000000000"_s } },
                u"unknown_company"_s },
            { QJsonObject {
                  { "protocol"_L1, 1 }, { "company"_L1, demoCompany }, { "preset"_L1, u"nope"_s } },
                u"unknown_preset"_s },
        };
        for (const auto &[hello, code] : cases) {
            JsonSocket socket;
            QVERIFY(socket.open(QNetworkRequest(server.url(u"/v1/socket"_s, u"ws"_s))));
            QJsonObject h = hello;
            h.insert("type"_L1, u"hello"_s);
            socket.send(h);
            QCOMPARE(socket.take(u"error"_s).value("code"_L1).toString(), code);
        }
    }

    void limits()
    {
        TestServer server;
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        // Rate limit: a burst far above 40 messages gets rate_limited.
        for (int i = 0; i < 100; ++i)
            widget.send(QJsonObject { { "type"_L1, u"typing"_s }, { "active"_L1, true } });
        QCOMPARE(widget.take(u"error"_s, 5000).value("code"_L1).toString().isEmpty(), false);
        QTRY_VERIFY([&] {
            for (const auto &m : std::as_const(widget.received)) {
                if (m.value("code"_L1).toString() == "rate_limited"_L1)
                    return true;
            }
            return false;
        }());

        // A message over 64 KiB: too_large, then close code 1009.
        WidgetClient big;
        QVERIFY(big.connectTo(server));
        QSignalSpy closed(&big.socket, &QWebSocket::disconnected);
        big.send(message(u"x"_s, QString(70 * 1024, u'a')));
        QCOMPARE(big.take(u"error"_s).value("code"_L1).toString(), u"too_large"_s);
        QVERIFY(closed.count() == 1 || closed.wait(5000));
        QCOMPARE(big.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    }

    // A text's length is counted in characters (code points), as the client counts it: 4,000
    // emoji are 8,000 UTF-16 units and still one message, both ways.
    void textLengthInCharacters()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        const QString id = widget.start(u"s1"_s).value("conversation"_L1).toString();
        alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
        QVERIFY(!widget.take(u"joined"_s).isEmpty());
        const auto emoji = [](int count) {
            QString text;
            for (int i = 0; i < count; ++i)
                text.append(QChar::fromUcs4(0x1F600));
            return text;
        };

        widget.send(message(u"m1"_s, emoji(4000)));
        QCOMPARE(widget.take(u"ack"_s).value("clientId"_L1).toString(), u"m1"_s);
        widget.send(message(u"m2"_s, emoji(4001)));
        QCOMPARE(widget.take(u"error"_s).value("code"_L1).toString(), u"bad_request"_s);

        alice.send(operatorMessage(id, u"o1"_s, emoji(4000)));
        QCOMPARE(alice.take(u"ack"_s).value("clientId"_L1).toString(), u"o1"_s);
        QCOMPARE(widget.take(u"message"_s).value("text"_L1).toString(), emoji(4000));
        alice.send(operatorMessage(id, u"o2"_s, emoji(4001)));
        QCOMPARE(alice.take(u"error"_s).value("code"_L1).toString(), u"bad_request"_s);
    }

    // Every frame counts against the connection's limiter, one that is not even JSON too: a
    // flood of garbage is slowed down like any other, on both sockets.
    void malformedFramesAreRateLimited_data()
    {
        QTest::addColumn<bool>("operatorSocket");
        QTest::newRow("widget") << false;
        QTest::newRow("operator") << true;
    }

    void malformedFramesAreRateLimited()
    {
        QFETCH(bool, operatorSocket);
        TestServer server;
        WidgetClient widget;
        OperatorClient op;
        JsonSocket &socket = operatorSocket ? static_cast<JsonSocket &>(op) : widget;
        QVERIFY(operatorSocket ? op.connectTo(server, u"alice"_s, u"alice-demo"_s)
                               : widget.connectTo(server));
        constexpr int frames = 100; // far above the burst of 40
        for (int i = 0; i < frames; ++i)
            socket.socket.sendTextMessage(u"{ nope"_s);
        const auto codes = [&] {
            QStringList list;
            for (const QJsonObject &m : std::as_const(socket.received)) {
                if (m.value("type"_L1).toString() == "error"_L1)
                    list.append(m.value("code"_L1).toString());
            }
            return list;
        };
        QTRY_COMPARE(codes().size(), frames);
        QVERIFY(codes().contains(u"bad_request"_s));
        QVERIFY(codes().contains(u"rate_limited"_s));
        QCOMPARE(socket.socket.state(), QAbstractSocket::ConnectedState);
    }

    void heartbeat()
    {
        TestServer server(demoFile(), [](auto &options) { options.heartbeatSeconds = 1; });
        // A client that answers pings (every WebSocket implementation does) stays connected.
        WidgetClient alive;
        QVERIFY(alive.connectTo(server));
        QCOMPARE(alive.welcome.value("heartbeatSeconds"_L1).toInt(), 1);

        // A client that completes the handshake and then stays silent is closed after three
        // intervals.
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, server.server().port());
        QVERIFY(silent.waitForConnected(5000));
        silent.write("GET /v1/socket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\n\r\n");
        QTRY_VERIFY(silent.bytesAvailable() > 0);
        QVERIFY(silent.readLine().startsWith("HTTP/1.1 101"));
        QElapsedTimer timer;
        timer.start();
        QTRY_COMPARE_WITH_TIMEOUT(silent.state(), QAbstractSocket::UnconnectedState, 10000);
        QVERIFY(timer.elapsed() >= 2000);
        QCOMPARE(alive.socket.state(), QAbstractSocket::ConnectedState);
    }

    void operatorSocketChecks()
    {
        TestServer server;
        // No cookie: refused.
        {
            JsonSocket socket;
            QVERIFY(socket.open(QNetworkRequest(server.url(u"/v1/operator/socket"_s, u"ws"_s))));
            QCOMPARE(socket.take(u"error"_s).value("code"_L1).toString(), u"unauthorized"_s);
            QTRY_COMPARE(socket.socket.state(), QAbstractSocket::UnconnectedState);
            QCOMPARE(socket.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        }
        // A foreign Origin: refused; the server's own origin: accepted.
        {
            OperatorClient forged;
            QVERIFY(
                !forged.connectTo(server, u"alice"_s, u"alice-demo"_s, "https://evil.example"_ba));
            QCOMPARE(forged.take(u"error"_s).value("code"_L1).toString(), u"forbidden"_s);
        }
        {
            OperatorClient own;
            const QByteArray origin = server.url({}).toString(QUrl::RemovePath).toLatin1();
            QVERIFY(own.connectTo(server, u"alice"_s, u"alice-demo"_s, origin));
        }
    }

    // A refused socket still open when the server shuts down is deleted with the server (it
    // leaked before, which LeakSanitizer found).
    void refusedSocketFreedAtShutdown()
    {
        auto server = std::make_unique<TestServer>();
        JsonSocket socket;
        QVERIFY(socket.open(QNetworkRequest(server->url(u"/v1/nowhere"_s, u"ws"_s))));
        // The server refused it at once and has not seen the client's answer to the close yet.
        const auto refused = server->server().findChildren<QWebSocket *>();
        QCOMPARE(refused.size(), 1);
        const QPointer<QWebSocket> pending = refused.first();
        server.reset();
        QVERIFY(pending.isNull());
    }

    // The operator's picture (protocol section 8): every frame that names Alice names her
    // picture's id, the widget's and the console's, live, replayed and resumed; the id is
    // served; Bob, who has none, is named without one.
    void operatorPictureInFrames()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        const QString avatar
            = alice.snapshot.value("operator"_L1).toObject().value("avatar"_L1).toString();
        QCOMPARE(avatar.size(), 32);
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        const QJsonObject created = widget.start(u"start-1"_s);
        const QString id = created.value("conversation"_L1).toString();
        QTRY_COMPARE(alice.queue.size(), 1);
        alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
        const QJsonArray events = alice.take(u"conversation"_s)
                                      .value("conversation"_L1)
                                      .toObject()
                                      .value("events"_L1)
                                      .toArray();
        QCOMPARE(events.at(0).toObject().value("avatar"_L1).toString(), avatar);
        QCOMPARE(widget.take(u"joined"_s).value("avatar"_L1).toString(), avatar);

        widget.send(message(u"m1"_s, u"Hi"_s));
        QVERIFY(!alice.take(u"event"_s).value("event"_L1).toObject().contains("avatar"_L1));
        alice.send(operatorMessage(id, u"o1"_s, u"Hello"_s));
        QCOMPARE(widget.take(u"message"_s).value("avatar"_L1).toString(), avatar);

        // Resumed: the welcome and the replayed events name it.
        WidgetClient again;
        QVERIFY(again.connectTo(server, {},
            QJsonObject { { "conversation"_L1, id },
                { "secret"_L1, created.value("secret"_L1).toString() }, { "lastSeq"_L1, 0 } }));
        QCOMPARE(again.welcome.value("conversation"_L1).toObject().value("avatar"_L1).toString(),
            avatar);
        QCOMPARE(again.take(u"joined"_s).value("avatar"_L1).toString(), avatar);
        QVERIFY(!again.take(u"message"_s).contains("avatar"_L1)); // the visitor's
        QCOMPARE(again.take(u"message"_s).value("avatar"_L1).toString(), avatar);

        // Served under that id.
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(
            network.get(QNetworkRequest(server.url(u"/v1/avatars/"_s + avatar + u".png"_s))));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->readAll().startsWith("\x89PNG"));

        // Bob has no picture: his operator object names none.
        OperatorClient bob;
        QVERIFY(bob.connectTo(server, u"bob"_s, u"bob-demo"_s));
        QVERIFY(!bob.snapshot.value("operator"_L1).toObject().contains("avatar"_L1));
    }

    void httpRoutes()
    {
        TestServer server;
        const QUrl config = server.url(u"/v1/config"_s);
        QUrl url = config;
        url.setQuery(u"company="_s + demoCompany);
        const Reply first = httpGet(url);
        QCOMPARE(first.status, 200);
        const QJsonObject body = QJsonDocument::fromJson(first.body).object();
        QCOMPARE(body.value("preset"_L1).toString(), u"podpora"_s);
        QCOMPARE(body.value("defaultLanguage"_L1).toString(), u"cs"_s);
        QCOMPARE(body.value("socket"_L1).toString(), u"/v1/socket"_s);
        QCOMPARE(body.value("phoneRegion"_L1).toString(), u"CZ"_s);
        QVERIFY(!first.etag.isEmpty());
        QCOMPARE(httpGet(url, {}, first.etag).status, 304);

        url.setQuery(u"company={"_s + demoCompany.toUpper() + u"}&preset=support"_s);
        QCOMPARE(httpGet(url).status, 200);
        url.setQuery(u"company=nope"_s);
        QCOMPARE(httpGet(url).status, 400);
        url.setQuery(u"company=00000000-0000-0000-0000-000000000000"_s);
        const Reply unknown = httpGet(url);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(QJsonDocument::fromJson(unknown.body)
                     .object()
                     .value("error"_L1)
                     .toObject()
                     .value("code"_L1)
                     .toString(),
            u"unknown_company"_s);
        url.setQuery(u"company="_s + demoCompany + u"&preset=nope"_s);
        QCOMPARE(httpGet(url).status, 404);

        // Login, me, logout.
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> wrong(
            OperatorClient::post(nam, server.url(u"/v1/operator/login"_s),
                QJsonObject { { "login"_L1, u"alice"_s }, { "password"_L1, u"nope"_s } }));
        QCOMPARE(wrong->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
        std::unique_ptr<QNetworkReply> unknownLogin(
            OperatorClient::post(nam, server.url(u"/v1/operator/login"_s),
                QJsonObject { { "login"_L1, u"mallory"_s }, { "password"_L1, u"nope"_s } }));
        QCOMPARE(unknownLogin->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);

        OperatorClient alice;
        QVERIFY(alice.login(server, u"alice"_s, u"alice-demo"_s));
        const Reply me = httpGet(server.url(u"/v1/operator/me"_s), alice.cookie);
        QCOMPARE(me.status, 200);
        QCOMPARE(QJsonDocument::fromJson(me.body)
                     .object()
                     .value("operator"_L1)
                     .toObject()
                     .value("name"_L1)
                     .toString(),
            u"Alice"_s);
        QCOMPARE(httpGet(server.url(u"/v1/operator/me"_s)).status, 401);
        QNetworkRequest logout(server.url(u"/v1/operator/logout"_s));
        logout.setRawHeader("Cookie"_ba, alice.cookie);
        std::unique_ptr<QNetworkReply> out(nam.post(logout, QByteArray()));
        QSignalSpy finished(out.get(), &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(out->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
        QCOMPARE(httpGet(server.url(u"/v1/operator/me"_s), alice.cookie).status, 401);

        // Too large a body; an unknown route.
        std::unique_ptr<QNetworkReply> huge(
            OperatorClient::post(nam, server.url(u"/v1/operator/login"_s),
                QJsonObject { { "login"_L1, QString(20000, u'a') }, { "password"_L1, u"x"_s } }));
        QCOMPARE(huge->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        QCOMPARE(httpGet(server.url(u"/v1/nothing"_s)).status, 404);

        // The console: served from the resources when they were built in, else 404.
        const bool consoleBuilt = QFile::exists(u":/console/index.html"_s);
        QCOMPARE(httpGet(server.url(u"/console/"_s)).status, consoleBuilt ? 200 : 404);
        QCOMPARE(httpGet(server.url(u"/console/../server.cpp"_s)).status, 404);
        QCOMPARE(httpGet(server.url(u"/console/nothing.js"_s)).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServerConversation)
#include "tst_server_conversation.moc"
