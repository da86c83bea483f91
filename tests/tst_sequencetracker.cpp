// The sequence tracker on its own: numbers in, accepted or dropped, with no socket.
#include "sequencetracker_p.h"

#include <QTest>

using OWidget::SequenceTracker;

class tst_SequenceTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsEachNumberOnce_data()
    {
        QTest::addColumn<QList<qint64>>("arriving");
        QTest::addColumn<QList<bool>>("accepted");
        QTest::addColumn<qint64>("contiguous");
        QTest::newRow("in order") << QList<qint64> { 1, 2, 3 } << QList<bool> { true, true, true }
                                  << qint64(3);
        QTest::newRow("repeated") << QList<qint64> { 1, 1, 2, 1, 2 }
                                  << QList<bool> { true, false, true, false, false } << qint64(2);
        QTest::newRow("gap stays open")
            << QList<qint64> { 1, 3, 4 } << QList<bool> { true, true, true } << qint64(1);
        QTest::newRow("gap closes")
            << QList<qint64> { 2, 3, 1 } << QList<bool> { true, true, true } << qint64(3);
        QTest::newRow("repeat past a gap")
            << QList<qint64> { 1, 4, 4, 2 } << QList<bool> { true, true, false, true } << qint64(2);
        QTest::newRow("zero and negative")
            << QList<qint64> { 0, -1, 1 } << QList<bool> { false, false, true } << qint64(1);
    }

    void acceptsEachNumberOnce()
    {
        QFETCH(QList<qint64>, arriving);
        QFETCH(QList<bool>, accepted);
        QFETCH(qint64, contiguous);
        SequenceTracker tracker;
        for (int i = 0; i < arriving.size(); ++i)
            QCOMPARE(tracker.accept(arriving.at(i)), accepted.at(i));
        QCOMPARE(tracker.contiguous(), contiguous);
        for (const qint64 seq : std::as_const(arriving))
            QCOMPARE(tracker.hasSeen(seq), true);
    }

    void hasSeenOnlyWhatWasAccepted()
    {
        SequenceTracker tracker;
        QVERIFY(!tracker.hasSeen(1));
        tracker.accept(1);
        tracker.accept(5);
        QVERIFY(tracker.hasSeen(1));
        QVERIFY(tracker.hasSeen(5));
        QVERIFY(!tracker.hasSeen(2));
        QVERIFY(!tracker.hasSeen(6));
    }

    void aLongGapFoldsAtOnce()
    {
        SequenceTracker tracker;
        for (qint64 seq = 1000; seq > 1; --seq)
            QVERIFY(tracker.accept(seq));
        QCOMPARE(tracker.contiguous(), 0);
        QVERIFY(tracker.accept(1));
        QCOMPARE(tracker.contiguous(), 1000);
    }

    void resetByAssignment()
    {
        SequenceTracker tracker;
        tracker.accept(1);
        tracker.accept(3);
        tracker = {};
        QCOMPARE(tracker.contiguous(), 0);
        QVERIFY(!tracker.hasSeen(3));
        QVERIFY(tracker.accept(1));
    }
};

QTEST_GUILESS_MAIN(tst_SequenceTracker)
#include "tst_sequencetracker.moc"
