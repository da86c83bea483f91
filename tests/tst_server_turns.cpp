// Many writes at once on the real owidget-server: what operators are sent as a queue changes,
// visitors ending together, and an operator's burst among visitors' messages. The server takes
// writes a share of each pass of the event loop, in turn (RequestPacer), so that none holds the
// loop for long and each writer waits as long as the others. After each row a well-behaved
// visitor and operator still talk.

#include "jsonsocket.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <limits>
#include <memory>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

using Visitor = JsonSocket;

class TestServerTurns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queueBroadcastLinear();
    void visitorsAheadEndTogether();
    void endsTakeTurns();
    void operatorTakesTurnsWithVisitors();
};

// Many waiting conversations: what a logged-in operator is sent grows with the number of
// changes, not with its square; and when they all end at once, a reading operator stays.
void TestServerTurns::queueBroadcastLinear()
{
    ServerProcess server;
    // Every visitor comes from 127.0.0.1: more than the default cap of connections per address.
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s, u"--waiting-per-address"_s,
        u"100000"_s, u"--max-connections-per-address"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));

    constexpr int batch = 150;
    std::vector<std::unique_ptr<Visitor>> visitors;
    QList<qint64> bytes;
    for (int round = 0; round < 2; ++round) {
        const qint64 before = alice.bytesReceived();
        for (int i = 0; i < batch; ++i) {
            visitors.push_back(std::make_unique<Visitor>());
            Visitor &v = *visitors.back();
            QVERIFY(v.connectTo(server.url()));
            v.send(startObject(u"q%1"_s.arg(visitors.size())));
            QVERIFY(!v.take(u"created"_s).isEmpty());
        }
        QTRY_COMPARE(alice.queue().size(), qsizetype(visitors.size()));
        bytes.append(alice.bytesReceived() - before);
    }
    qInfo("queue: the operator got %lld bytes for the first %d waiting, %lld for the next %d",
        bytes.at(0), batch, bytes.at(1), batch);
    // The same number of changes costs about the same, however long the queue already is.
    QVERIFY2(bytes.at(1) < bytes.at(0) * 3 / 2,
        qPrintable(u"%1 bytes, then %2"_s.arg(bytes.at(0)).arg(bytes.at(1))));
    // Positions as the operator sees them are the queue's.
    const QJsonArray queue = alice.queue();
    for (qsizetype i = 0; i < queue.size(); ++i)
        QCOMPARE(queue.at(i).toObject().value("position"_L1).toInt(), int(i + 1));

    // All of them end at once.
    const qint64 before = alice.bytesReceived();
    for (auto &v : visitors)
        v->send(QJsonObject { { "type"_L1, u"end"_s } });
    QTRY_VERIFY_WITH_TIMEOUT(alice.queue().isEmpty() || !alice.isConnected(), 60000);
    qInfo("queue: %d ended together; the operator got %lld bytes and is %s", 2 * batch,
        alice.bytesReceived() - before, alice.isConnected() ? "connected" : "dropped");
    QVERIFY2(alice.isConnected(), "the operator was dropped");
    QVERIFY(onlineAndUnaffected(server.url(), alice));
}

// Many visitors ahead in the queue end together: the last one is told its new place once or a
// few times, not once for each who left (which, for each of the n behind, made n² messages and
// held the event loop for seconds), and the place it is told last is right.
void TestServerTurns::visitorsAheadEndTogether()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s, u"--waiting-per-address"_s,
        u"100000"_s, u"--max-connections-per-address"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    constexpr int ahead = 200;
    std::vector<std::unique_ptr<Visitor>> visitors;
    for (int i = 0; i <= ahead; ++i) {
        visitors.push_back(std::make_unique<Visitor>());
        Visitor &v = *visitors.back();
        QVERIFY(v.connectTo(server.url()));
        v.send(startObject(u"a%1"_s.arg(i)));
        QCOMPARE(v.take(u"created"_s).value("queuePosition"_L1).toInt(), i + 1);
    }
    Visitor &last = *visitors.back();
    const auto updates = [&] {
        QList<int> positions;
        for (const QJsonObject &message : std::as_const(last.received)) {
            if (message.value("type"_L1).toString() == "queue"_L1)
                positions.append(message.value("position"_L1).toInt());
        }
        return positions;
    };
    const qsizetype before = updates().size();
    for (int i = 0; i < ahead; ++i)
        visitors[size_t(i)]->send(QJsonObject { { "type"_L1, u"end"_s } });
    QTRY_VERIFY_WITH_TIMEOUT(!updates().isEmpty() && updates().constLast() == 1, 60000);
    const qsizetype told = updates().size() - before;
    qInfo("%d ahead ended together: the last visitor was told its place %lld times", ahead,
        qlonglong(told));
    QVERIFY2(told <= ahead / 4, qPrintable(QString::number(told)));
    QVERIFY(alice.isConnected());
    QVERIFY(onlineAndUnaffected(server.url(), alice));
}

// Many visitors end together: their ends are handled a share a pass of the event loop (16,
// the server's WritesPerPass), the rest in later passes, so that one pass never holds the loop
// for all of them and everyone else is served in between. A visitor behind them is told its
// place once a commit, and one commit holds the writes of at most two shares: its place falls
// by at most 32 at a time. Before, all the ends read in one pass were handled in it (900 of
// them held the loop for a second, and a normal client's hello waited behind them), and the
// place fell by the hundreds at once.
void TestServerTurns::endsTakeTurns()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s, u"--waiting-per-address"_s,
        u"100000"_s, u"--max-connections-per-address"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    constexpr int ahead = 200;
    constexpr int mostAtOnce = 2 * 16;
    std::vector<std::unique_ptr<Visitor>> visitors;
    for (int i = 0; i <= ahead; ++i) {
        visitors.push_back(std::make_unique<Visitor>());
        Visitor &v = *visitors.back();
        QVERIFY(v.connectTo(server.url()));
        v.send(startObject(u"t%1"_s.arg(i)));
        QCOMPARE(v.take(u"created"_s).value("queuePosition"_L1).toInt(), i + 1);
    }
    Visitor &last = *visitors.back();
    const auto places = [&] {
        QList<int> positions { ahead + 1 };
        for (const QJsonObject &message : std::as_const(last.received)) {
            if (message.value("type"_L1).toString() == "queue"_L1)
                positions.append(message.value("position"_L1).toInt());
        }
        return positions;
    };
    for (int i = 0; i < ahead; ++i)
        visitors[size_t(i)]->send(QJsonObject { { "type"_L1, u"end"_s } });
    QTRY_VERIFY_WITH_TIMEOUT(places().constLast() == 1, 60000);
    const QList<int> told = places();
    int largest = 0;
    for (qsizetype i = 1; i < told.size(); ++i)
        largest = qMax(largest, told.at(i - 1) - told.at(i));
    qInfo("%d ahead ended together: the last visitor was told its place %lld times, the largest "
          "step %d",
        ahead, qlonglong(told.size() - 1), largest);
    QVERIFY2(largest <= mostAtOnce,
        qPrintable(u"its place fell by %1 at once: %2"_s.arg(largest).arg(told.size())));
    // Every one of them ended, and was told so.
    for (int i = 0; i < ahead; ++i)
        QVERIFY(!visitors[size_t(i)]->take(u"ended"_s).isEmpty());
    QVERIFY(alice.isConnected());
    QVERIFY(onlineAndUnaffected(server.url(), alice));
}

// An operator's burst of messages takes turns with the visitors' writes: each pass of the event
// loop has a share of writes (the server's WritesPerPass), of which an operator takes as many a
// turn as the conversations it writes in and each visitor one. A visitor's message written right
// after the operator's burst of 300 in three conversations is stored after a few of them, not
// behind all of them. Before, an operator's writes took no share: the burst went in the passes
// that read it, and the visitor's message waited behind it all (in the sustained chat load,
// visitors' acks came after 4.7 s against the operators' 0.18 s).
void TestServerTurns::operatorTakesTurnsWithVisitors()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    constexpr int conversations = 3; // alice's maxChats in the demo company
    std::vector<std::unique_ptr<Visitor>> visitors;
    QStringList ids;
    for (int i = 0; i < conversations; ++i) {
        visitors.push_back(std::make_unique<Visitor>());
        QVERIFY(visitors.back()->connectTo(server.url()));
        visitors.back()->send(startObject(u"turns-%1"_s.arg(i)));
        ids.append(visitors.back()->take(u"created"_s).value("conversation"_L1).toString());
        QVERIFY(!ids.constLast().isEmpty());
        alice.accept(ids.constLast());
        QVERIFY(!visitors.back()->take(u"joined"_s).isEmpty());
    }
    // The operator's messages of one round the first visitor got, before a seq.
    Visitor &first = *visitors.front();
    const auto fromOperator = [&](int round, int beforeSeq) {
        const QString prefix = u"round %1 "_s.arg(round);
        return std::count_if(first.received.cbegin(), first.received.cend(), [&](const auto &m) {
            return m.value("type"_L1).toString() == "message"_L1
                && m.value("from"_L1).toString() == "operator"_L1
                && m.value("text"_L1).toString().startsWith(prefix)
                && m.value("seq"_L1).toInt() < beforeSeq;
        });
    };
    // Three rounds: in one of them the visitor's message may reach the server before the burst,
    // which shows nothing; in all three, it was stored behind the whole burst before.
    constexpr int burst = 100;
    for (int round = 0; round < 3; ++round) {
        for (int n = 0; n < burst; ++n) {
            for (const QString &id : std::as_const(ids))
                alice.say(id, u"round %1 burst %2"_s.arg(round).arg(n));
        }
        // The visitor writes once the burst is written to the network, all of it.
        alice.flush();
        const QString clientId = u"after-burst-%1"_s.arg(round);
        first.send({ { "type"_L1, u"message"_s }, { "clientId"_L1, clientId },
            { "text"_L1, u"written after the burst"_s } });
        const QJsonObject ack = first.take(u"ack"_s, 60000);
        QCOMPARE(ack.value("clientId"_L1).toString(), clientId);
        QTRY_COMPARE_WITH_TIMEOUT(
            alice.received(u"ack"_s).size(), (round + 1) * conversations * burst, 60000);
        const int seq = ack.value("seq"_L1).toInt();
        QTRY_COMPARE_WITH_TIMEOUT(
            fromOperator(round, std::numeric_limits<int>::max()), burst, 60000);
        const auto ahead = fromOperator(round, seq);
        qInfo("round %d: the visitor's message was stored after %lld of the operator's %d in "
              "its conversation",
            round, qlonglong(ahead), burst);
        QVERIFY2(ahead < burst / 2, qPrintable(QString::number(ahead)));
    }
    for (const QString &id : std::as_const(ids))
        alice.end(id);
    QVERIFY(onlineAndUnaffected(server.url(), alice));
}

QTEST_GUILESS_MAIN(TestServerTurns)
#include "tst_server_turns.moc"
