// The request pacer alone: who gets a turn in one pass of the event loop. A pass is one firing
// of the pacer's zero timer, so each processEvents() below runs at most one.

#include "requestpacer.h"

#include <QCoreApplication>
#include <QTest>

using namespace OWidget::Server;
using After = RequestPacer::After;

class TestServerRequestPacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void turnsTakeTheShareInOrder();
    void endingEmptyTurnsDoNotEndThePass();
    void shareGoesRoundWhileItLasts();
};

// Three owners with a write each, two writes a pass: the first two in the first pass, the third
// in the next.
void TestServerRequestPacer::turnsTakeTheShareInOrder()
{
    RequestPacer pacer(2);
    QObject owners[3];
    QList<int> handled;
    for (int i = 0; i < 3; ++i) {
        pacer.wait(&owners[i], [&, i] {
            if (!pacer.tryTake())
                return After::GoesOn;
            handled.append(i);
            return After::Done;
        });
    }
    QCoreApplication::processEvents();
    QCOMPARE(handled, QList<int>({ 0, 1 }));
    QCoreApplication::processEvents();
    QCOMPARE(handled, QList<int>({ 0, 1, 2 }));
}

// Owners whose requests are all gone by their turn (handled without a write) end it taking
// nothing: the owners behind them still get their turn in the same pass.
void TestServerRequestPacer::endingEmptyTurnsDoNotEndThePass()
{
    RequestPacer pacer(16);
    QObject empty[3];
    QObject writer;
    int emptyTurns = 0;
    bool written = false;
    for (QObject &owner : empty) {
        pacer.wait(&owner, [&] {
            ++emptyTurns;
            return After::Done;
        });
    }
    pacer.wait(&writer, [&] {
        written = pacer.tryTake();
        return After::Done;
    });
    QCoreApplication::processEvents();
    QCOMPARE(emptyTurns, 3);
    QVERIFY2(written, "the writer behind three empty turns waited for another pass");
}

// Two owners with five writes each and a share of eight: they take turns, one write each, round
// after round in the same pass, until the share is spent; the rest wait for the next pass.
void TestServerRequestPacer::shareGoesRoundWhileItLasts()
{
    RequestPacer pacer(8);
    QObject owners[2];
    int left[2] = { 5, 5 };
    QList<int> handled;
    for (int i = 0; i < 2; ++i) {
        pacer.wait(&owners[i], [&, i] {
            if (!pacer.tryTake())
                return After::GoesOn;
            handled.append(i);
            return --left[i] > 0 ? After::NextTurn : After::Done;
        });
    }
    QCoreApplication::processEvents();
    QCOMPARE(handled, QList<int>({ 0, 1, 0, 1, 0, 1, 0, 1 }));
    QCoreApplication::processEvents();
    QCOMPARE(handled.size(), 10);
}

QTEST_GUILESS_MAIN(TestServerRequestPacer)
#include "tst_server_requestpacer.moc"
