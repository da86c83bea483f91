// What happens in a conversation reaches the sessions that hold it, and only them: the
// subscribers by conversation on their own, and what a widget's session is handed while other
// visitors talk, type, read and leave the queue (counted by the server at debug level).

#include "serverharness.h"

#include "conversationservice.h"
#include "conversationsubscribers.h"

#include <QLoggingCategory>
#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;
using OWidget::Server::Conversation;
using OWidget::Server::ConversationSubscriber;
using OWidget::Server::ConversationSubscribers;
namespace Protocol = OWidget::Protocol;

namespace {

// Notes what it is handed.
class Recorder : public ConversationSubscriber
{
public:
    void eventAppended(const Conversation &conversation, const Protocol::Event &event) override
    {
        events.append(conversation.id + u'#' + QString::number(event.seq));
        if (onEvent)
            onEvent();
    }
    void queueMoved(int from) override { moves.append(from); }
    void typingChanged(bool, bool active) override { typing.append(active); }
    void readMarkMoved(Protocol::Sender, qint64 seq) override { marks.append(seq); }

    QStringList events;
    QList<int> moves;
    QList<bool> typing;
    QList<qint64> marks;
    std::function<void()> onEvent;
};

Conversation waitingIn(const QString &id, const QString &group)
{
    Conversation c;
    c.id = id;
    c.company = u"acme"_s;
    c.group = group;
    c.state = Protocol::ConversationState::Waiting;
    return c;
}

Protocol::Event eventOf(Protocol::EventType type, qint64 seq)
{
    Protocol::Event e;
    e.type = type;
    e.seq = seq;
    return e;
}

// The server's `widget_handed` lines, by the peer's port: what each widget's session was
// handed by the time it disconnected.
QHash<quint16, qint64> handed;
QtMessageHandler previousHandler = nullptr;

void noteHanded(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    static const QRegularExpression line(u"event=widget_handed peer=.*:(\\d+) handed=(\\d+)"_s);
    if (const auto match = line.match(text); match.hasMatch()) {
        handed.insert(match.captured(1).toUShort(), match.captured(2).toLongLong());
        return;
    }
    // The rest of the debug level (every message's text) stays out of the test's output.
    if (type != QtDebugMsg && previousHandler)
        previousHandler(type, context, text);
}

// What the session of `widget` was handed, once it has noticed the close.
qint64 handedTo(WidgetClient &widget)
{
    const quint16 port = widget.socket.localPort();
    widget.socket.close();
    if (!QTest::qWaitFor([&] { return handed.contains(port); }, 10000))
        return -1;
    return handed.value(port);
}

QJsonObject visitorMessage(const QString &clientId)
{
    return QJsonObject { { "type"_L1, u"message"_s }, { "clientId"_L1, clientId },
        { "text"_L1, u"hello"_s } };
}

} // namespace

class TestServerSubscribers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"owidget.server.debug=true"_s);
        previousHandler = qInstallMessageHandler(noteHanded);
    }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }

    // Each conversation's events, typing and read marks reach its own subscribers only.
    void routedByConversation()
    {
        ConversationSubscribers subscribers;
        Recorder a;
        Recorder b;
        Recorder alsoB; // a second tab on the same conversation
        subscribers.subscribe(waitingIn(u"c-a"_s, u"support"_s), &a);
        subscribers.subscribe(waitingIn(u"c-b"_s, u"support"_s), &b);
        subscribers.subscribe(waitingIn(u"c-b"_s, u"support"_s), &alsoB);
        for (qint64 seq = 1; seq <= 3; ++seq)
            subscribers.deliverEvent(
                waitingIn(u"c-b"_s, u"support"_s), eventOf(Protocol::EventType::Message, seq));
        subscribers.deliverTyping(u"c-b"_s, true, true);
        subscribers.deliverReadMark(u"c-b"_s, Protocol::Sender::Operator, 3);
        subscribers.deliverEvent(
            waitingIn(u"c-x"_s, u"support"_s), eventOf(Protocol::EventType::Message, 1));

        QVERIFY(a.events.isEmpty() && a.typing.isEmpty() && a.marks.isEmpty());
        const QStringList inOrder { u"c-b#1"_s, u"c-b#2"_s, u"c-b#3"_s };
        QCOMPARE(b.events, inOrder);
        QCOMPARE(alsoB.events, inOrder);
        QCOMPARE(b.typing, QList<bool> { true });
        QCOMPARE(b.marks, QList<qint64> { 3 });

        subscribers.unsubscribe(u"c-b"_s, &b);
        subscribers.deliverEvent(
            waitingIn(u"c-b"_s, u"support"_s), eventOf(Protocol::EventType::Message, 4));
        QCOMPARE(b.events.size(), 3);
        QCOMPARE(alsoB.events.size(), 4);
        subscribers.unsubscribe(u"c-b"_s, &alsoB);
        QCOMPARE(subscribers.subscriberCount(u"c-b"_s), 0);
    }

    // One that lets go while it is handed an event (a slow reader dropped) is handed nothing
    // more, and the others still are.
    void unsubscribedWhileHanded()
    {
        ConversationSubscribers subscribers;
        Recorder first;
        Recorder second;
        const Conversation c = waitingIn(u"c-a"_s, u"support"_s);
        subscribers.subscribe(c, &first);
        subscribers.subscribe(c, &second);
        first.onEvent = [&] { subscribers.unsubscribe(c.id, &second); };
        subscribers.deliverEvent(c, eventOf(Protocol::EventType::Message, 1));
        QCOMPARE(first.events.size(), 1);
        QVERIFY(second.events.isEmpty());
    }

    // Many leaving a queue in one pass: one call to each of those still waiting in that queue,
    // with the front-most place left; none to other queues or to those that left.
    void queueMovesOncePerPass()
    {
        ConversationSubscribers subscribers;
        std::vector<std::unique_ptr<Recorder>> support;
        for (int i = 0; i < 10; ++i) {
            support.push_back(std::make_unique<Recorder>());
            subscribers.subscribe(waitingIn(u"c-%1"_s.arg(i), u"support"_s), support.back().get());
        }
        Recorder sales;
        subscribers.subscribe(waitingIn(u"c-s"_s, u"sales"_s), &sales);
        // Joined (accepted on another server, its dequeued not counted here): out of the queue.
        subscribers.deliverEvent(
            waitingIn(u"c-9"_s, u"support"_s), eventOf(Protocol::EventType::Joined, 1));
        for (int i = 7; i >= 2; --i)
            subscribers.deliverDequeued(waitingIn(u"c-%1"_s.arg(i), u"support"_s), i + 1);
        QVERIFY(support.at(8)->moves.isEmpty()); // told once the pass is over
        QTRY_COMPARE(support.at(8)->moves, QList<int> { 3 });
        QCOMPARE(support.at(0)->moves, QList<int> { 3 });
        QCOMPARE(support.at(1)->moves, QList<int> { 3 });
        for (int i = 2; i <= 7; ++i)
            QVERIFY(support.at(size_t(i))->moves.isEmpty());
        QVERIFY(support.at(9)->moves.isEmpty());
        QVERIFY(sales.moves.isEmpty());
        QCoreApplication::processEvents();
        QCOMPARE(support.at(8)->moves.size(), 1);
    }

    // Through the real server: a visitor's session is handed what happens in its own
    // conversation, nothing of another visitor's conversation with an operator.
    void sessionHandedItsOwnOnly()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        WidgetClient quiet;
        QVERIFY(quiet.connectTo(server));
        QCOMPARE(quiet.start(u"quiet-start"_s).value("queuePosition"_L1).toInt(), 1);
        WidgetClient talking;
        QVERIFY(talking.connectTo(server));
        const QString id = talking.start(u"talk-start"_s).value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());

        alice.send(QJsonObject { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } });
        QVERIFY(!talking.take(u"joined"_s).isEmpty());
        constexpr int rounds = 10;
        for (int i = 0; i < rounds; ++i) {
            talking.send(visitorMessage(u"m%1"_s.arg(i)));
            QVERIFY(!talking.take(u"ack"_s).isEmpty());
            talking.send(QJsonObject { { "type"_L1, u"typing"_s }, { "active"_L1, true } });
            alice.send(QJsonObject {
                { "type"_L1, u"typing"_s }, { "conversation"_L1, id }, { "active"_L1, true } });
            QVERIFY(!talking.take(u"typing"_s).isEmpty());
            alice.send(QJsonObject { { "type"_L1, u"message"_s }, { "conversation"_L1, id },
                { "clientId"_L1, u"o%1"_s.arg(i) }, { "text"_L1, u"hi"_s } });
            const qint64 seq = talking.take(u"message"_s).value("seq"_L1).toInteger();
            QVERIFY(seq > 0);
            talking.send(QJsonObject { { "type"_L1, u"read"_s }, { "seq"_L1, seq } });
            alice.send(QJsonObject {
                { "type"_L1, u"read"_s }, { "conversation"_L1, id }, { "seq"_L1, seq } });
            QVERIFY(!talking.take(u"read"_s).isEmpty());
        }
        talking.send(QJsonObject { { "type"_L1, u"end"_s } });
        QVERIFY(!talking.take(u"ended"_s).isEmpty());

        // The conversation ahead of it left the queue once it was accepted: at most that move.
        const qint64 quietHanded = handedTo(quiet);
        qInfo("the quiet visitor's session was handed %lld while the other talked", quietHanded);
        QVERIFY2(quietHanded >= 0, "the server logged no widget_handed line");
        QVERIFY2(quietHanded <= 1, qPrintable(QString::number(quietHanded)));
        // The talking one: its events (joined, 20 messages, ended), typing and read marks.
        const qint64 talkingHanded = handedTo(talking);
        QVERIFY2(talkingHanded >= 2 + 2 * rounds, qPrintable(QString::number(talkingHanded)));
    }

    // Visitors ahead ending together: those behind are handed one queue move, those ending
    // their own end, none the others'.
    void endingTogetherHandedOnce()
    {
        TestServer server(demoFile(), [](OWidget::Server::ServerOptions &options) {
            options.messageRate = 1000;
            options.waitingPerAddress = 1000;
        });
        constexpr int ahead = 20;
        std::vector<std::unique_ptr<WidgetClient>> visitors;
        for (int i = 0; i <= ahead; ++i) {
            visitors.push_back(std::make_unique<WidgetClient>());
            QVERIFY(visitors.back()->connectTo(server));
            QCOMPARE(
                visitors.back()->start(u"s%1"_s.arg(i)).value("queuePosition"_L1).toInt(), i + 1);
        }
        for (int i = 0; i < ahead; ++i)
            visitors.at(size_t(i))->send(QJsonObject { { "type"_L1, u"end"_s } });
        WidgetClient &last = *visitors.back();
        const auto place = [&] {
            int position = 0;
            for (const QJsonObject &m : std::as_const(last.received)) {
                if (m.value("type"_L1).toString() == "queue"_L1)
                    position = m.value("position"_L1).toInt();
            }
            return position;
        };
        QTRY_COMPARE_WITH_TIMEOUT(place(), 1, 10000);
        for (int i = 0; i < ahead; ++i)
            QVERIFY(!visitors.at(size_t(i))->take(u"ended"_s).isEmpty());

        const qint64 lastHanded = handedTo(last);
        qInfo("%d ahead ended together: the last one's session was handed %lld", ahead, lastHanded);
        QVERIFY2(
            lastHanded >= 1 && lastHanded <= ahead / 4, qPrintable(QString::number(lastHanded)));
        for (int i = 0; i < ahead; ++i) {
            const qint64 h = handedTo(*visitors.at(size_t(i)));
            // Its own end, and maybe a move of the queue from before it left.
            QVERIFY2(h >= 1 && h <= 1 + ahead / 4, qPrintable(u"%1: %2"_s.arg(i).arg(h)));
        }
    }
};

QTEST_GUILESS_MAIN(TestServerSubscribers)
#include "tst_server_subscribers.moc"
