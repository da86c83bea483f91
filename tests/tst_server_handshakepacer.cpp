// The pacer of TLS handshakes on its own (server/handshakepacer.cpp): a few started per pass of
// the event loop, one address after another, and those that waited past the deadline given
// back, each exactly once.

#include "handshakepacer.h"

#include <QSet>
#include <QTest>

#include <functional>
#include <memory>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace OWidget::Server;

namespace {

// Records what the pacer did with each connection; the descriptors are only labels here.
struct Recorder
{
    QList<qintptr> started;
    QList<int> remaining;
    QList<qintptr> expired;
    std::function<void()> onStart;

    std::unique_ptr<HandshakePacer> pacer(int perPass, int deadlineMs)
    {
        return std::make_unique<HandshakePacer>(
            perPass, deadlineMs,
            [this](const HandshakePacer::Connection &connection, int remainingMs) {
                started.append(connection.descriptor);
                remaining.append(remainingMs);
                if (onStart)
                    onStart();
            },
            [this](const HandshakePacer::Connection &connection) {
                expired.append(connection.descriptor);
            });
    }
};

HandshakePacer::Connection from(const char *address, qintptr descriptor)
{
    return { descriptor, QHostAddress(QString::fromLatin1(address)), std::nullopt, false };
}

// Both ends of a local stream socket: the pacer watches `ours` as it would an accepted TCP
// connection, and the test writes the client's first bytes into `theirs`.
struct SocketPair
{
    int ours = -1;
    int theirs = -1;

    SocketPair()
    {
        int ends[2] = { -1, -1 };
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, ends) == 0) {
            ours = ends[0];
            theirs = ends[1];
        }
    }
    ~SocketPair()
    {
        ::close(ours);
        ::close(theirs);
    }
    bool hello() const { return ::write(theirs, "\x16\x03\x01", 3) == 3; }
};

} // namespace

class TestServerHandshakePacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void othersServedDuringBurst();
    void roundRobinOverAddresses();
    void lateAddressNotBehindBurst();
    void overdueClosedUnstarted();
    void waitingGivenBackWhenGone();
    void startedOnlyOnceHelloCame();
    void silentKeepsPlaceOthersOfItsAddressStart();
    void silentClosedUnstartedAtDeadline();
    void silentGivenBackWhenGone();
};

// A burst of handshakes from one address is started a few per pass: an event posted when the
// first starts (another client's request) is handled long before the burst is through.
void TestServerHandshakePacer::othersServedDuringBurst()
{
    Recorder recorder;
    const auto pacer = recorder.pacer(4, 60000);
    for (int i = 0; i < 400; ++i)
        pacer->enqueue(from("127.0.0.2", i));
    QCOMPARE(pacer->waiting(), 400);
    // When the first handshake starts, another client's request arrives.
    qsizetype startedWhenServed = -1;
    recorder.onStart = [&] {
        if (recorder.started.size() == 1) {
            QMetaObject::invokeMethod(
                this, [&] { startedWhenServed = recorder.started.size(); }, Qt::QueuedConnection);
        }
    };
    QTRY_COMPARE(recorder.started.size(), 400);
    QTRY_VERIFY(startedWhenServed > 0);
    QVERIFY2(startedWhenServed <= 3 * 4, qPrintable(QString::number(startedWhenServed)));
    QCOMPARE(pacer->waiting(), 0);
    QVERIFY(recorder.expired.isEmpty());
    for (int remaining : std::as_const(recorder.remaining))
        QVERIFY(remaining > 0 && remaining <= 60000);
}

// Each address gets its turn: a burst from one is interleaved with the few of the others, in
// the order each address's connections came.
void TestServerHandshakePacer::roundRobinOverAddresses()
{
    Recorder recorder;
    const auto pacer = recorder.pacer(2, 60000);
    for (int i = 0; i < 6; ++i)
        pacer->enqueue(from("127.0.0.2", 100 + i));
    pacer->enqueue(from("127.0.0.3", 200));
    pacer->enqueue(from("127.0.0.4", 300));
    pacer->enqueue(from("127.0.0.3", 201));
    QTRY_COMPARE(recorder.started.size(), 9);
    const QList<qintptr> expected { 100, 200, 300, 101, 201, 102, 103, 104, 105 };
    QCOMPARE(recorder.started, expected);
}

// An address that arrives while another's burst is under way is started within one round.
void TestServerHandshakePacer::lateAddressNotBehindBurst()
{
    Recorder recorder;
    const auto pacer = recorder.pacer(4, 60000);
    for (int i = 0; i < 300; ++i)
        pacer->enqueue(from("127.0.0.2", i));
    QTRY_VERIFY(recorder.started.size() >= 8);
    const qsizetype before = recorder.started.size();
    pacer->enqueue(from("127.0.0.1", 1000));
    QTRY_VERIFY(recorder.started.contains(1000));
    QVERIFY(recorder.started.indexOf(1000) <= before + 4);
    QTRY_COMPARE(recorder.started.size(), 301);
}

// Connections that waited past the handshake deadline are never started, and given back once.
void TestServerHandshakePacer::overdueClosedUnstarted()
{
    Recorder recorder;
    const auto pacer = recorder.pacer(4, 0);
    for (int i = 0; i < 20; ++i)
        pacer->enqueue(from(i % 2 ? "127.0.0.2" : "::1", i));
    QTRY_COMPARE(recorder.expired.size(), 20);
    QCOMPARE(QSet<qintptr>(recorder.expired.cbegin(), recorder.expired.cend()).size(), 20);
    QVERIFY(recorder.started.isEmpty());
    QCOMPARE(pacer->waiting(), 0);
}

// When the pacer goes (the server stopping), what still waits is given back, once each.
void TestServerHandshakePacer::waitingGivenBackWhenGone()
{
    Recorder recorder;
    auto pacer = recorder.pacer(4, 60000);
    for (int i = 0; i < 10; ++i)
        pacer->enqueue(from("127.0.0.2", i));
    pacer.reset();
    QCOMPARE(recorder.expired.size(), 10);
    QVERIFY(recorder.started.isEmpty());
}

// A burst whose hellos are still on their way is not started ahead of them: when they all come
// in one pass, only the few started in that pass compute their signatures in the next, not every
// connection started while the pacer waited. A connection starts once its first bytes came.
void TestServerHandshakePacer::startedOnlyOnceHelloCame()
{
    Recorder recorder;
    const auto pacer = recorder.pacer(4, 60000);
    pacer->setStartWhenReadable(true);
    std::vector<std::unique_ptr<SocketPair>> silent;
    for (int i = 0; i < 40; ++i) {
        silent.push_back(std::make_unique<SocketPair>());
        QVERIFY(silent.back()->ours >= 0);
        pacer->enqueue(from("127.0.1.2", silent.back()->ours));
    }
    SocketPair normal;
    pacer->enqueue(from("127.0.0.1", normal.ours));
    QVERIFY(normal.hello());
    // Only the connection whose hello came is started; the silent ones still wait.
    QTRY_COMPARE(recorder.started, QList<qintptr> { normal.ours });
    QCOMPARE(pacer->waiting(), 40);
    // Their hellos come together: each is then started, a few a pass, none twice.
    for (const auto &pair : silent)
        QVERIFY(pair->hello());
    QTRY_COMPARE(recorder.started.size(), 41);
    QCOMPARE(QSet<qintptr>(recorder.started.cbegin(), recorder.started.cend()).size(), 41);
    QCOMPARE(pacer->waiting(), 0);
    QVERIFY(recorder.expired.isEmpty());
}

// A silent connection does not hold back the connections of its own address behind it.
void TestServerHandshakePacer::silentKeepsPlaceOthersOfItsAddressStart()
{
    Recorder recorder;
    const auto pacer = recorder.pacer(4, 60000);
    pacer->setStartWhenReadable(true);
    SocketPair first, second, third;
    for (const SocketPair *pair : { &first, &second, &third })
        pacer->enqueue(from("127.0.0.2", pair->ours));
    QVERIFY(third.hello());
    QTRY_COMPARE(recorder.started, QList<qintptr> { third.ours });
    QVERIFY(second.hello());
    QTRY_COMPARE(recorder.started, (QList<qintptr> { third.ours, second.ours }));
    QCOMPARE(pacer->waiting(), 1);
}

// A connection that never sends its hello is never started, and is given back at its deadline,
// once, with no pass of the event loop needed in between.
void TestServerHandshakePacer::silentClosedUnstartedAtDeadline()
{
    Recorder recorder;
    const auto pacer = recorder.pacer(4, 200);
    pacer->setStartWhenReadable(true);
    SocketPair silent, talking;
    pacer->enqueue(from("127.0.0.2", silent.ours));
    pacer->enqueue(from("127.0.0.3", talking.ours));
    QVERIFY(talking.hello());
    QTRY_COMPARE(recorder.expired, QList<qintptr> { silent.ours });
    QCOMPARE(recorder.started, QList<qintptr> { talking.ours });
    QCOMPARE(pacer->waiting(), 0);
}

// When the pacer goes, the silent connections it watched are given back, once each.
void TestServerHandshakePacer::silentGivenBackWhenGone()
{
    Recorder recorder;
    auto pacer = recorder.pacer(4, 60000);
    pacer->setStartWhenReadable(true);
    SocketPair first, second;
    pacer->enqueue(from("127.0.0.2", first.ours));
    pacer->enqueue(from("127.0.0.3", second.ours));
    QCoreApplication::processEvents();
    pacer.reset();
    QCOMPARE(recorder.expired.size(), 2);
    QVERIFY(recorder.started.isEmpty());
}

QTEST_GUILESS_MAIN(TestServerHandshakePacer)
#include "tst_server_handshakepacer.moc"
