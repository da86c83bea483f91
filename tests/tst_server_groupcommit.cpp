// The group commit: writes of one pass of the event loop share a transaction; what waits for
// them runs only after the commit, in order, and is told when it failed; anyone else who uses
// the database commits the open batch first, so that nothing uncommitted is read or joined.

#include "serverharness.h"

#include "conversationservice.h"
#include "database.h"
#include "directory.h"
#include "groupcommit.h"
#include "importer.h"
#include "readmarks.h"
#include "serverlimits.h"

#include <QSignalSpy>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace OWidget::Server;

namespace {

// Rows of `events` as another connection sees them: only what is committed.
int committedRows(const QString &path)
{
    int rows = -1;
    {
        auto other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"observer"_s);
        other.setDatabaseName(path);
        QSqlQuery q(other);
        if (other.open() && q.exec(u"SELECT COUNT(*) FROM events"_s) && q.next())
            rows = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(u"observer"_s);
    return rows;
}

bool insertEvent(Database &db, int seq)
{
    QSqlQuery q(db.connection());
    return q.exec(u"INSERT INTO events (conversation, seq, type, at_ms) VALUES ('c-1', %1, "
                  u"'message', 0)"_s.arg(seq));
}

} // namespace

class TestServerGroupCommit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(u"db-%1.sqlite"_s.arg(++m_run));
        QString error;
        m_db = std::make_unique<Database>();
        QVERIFY2(m_db->open(m_path, &error), qPrintable(error));
    }
    void cleanup() { m_db.reset(); }

    void writesOfOnePassShareOneCommit()
    {
        GroupCommit commits(*m_db);
        QStringList answered;
        for (int seq = 1; seq <= 3; ++seq) {
            QVERIFY(commits.begin());
            QVERIFY(insertEvent(*m_db, seq));
            commits.afterCommit([&answered, seq](bool committed) {
                answered.append(u"%1:%2"_s.arg(seq).arg(committed));
            });
        }
        // Nothing is answered, and nothing is on disk for anyone else, before the commit.
        QVERIFY(answered.isEmpty());
        QCOMPARE(committedRows(m_path), 0);
        // The event loop's next pass commits the three at once, and answers them in order.
        QTRY_COMPARE(answered, QStringList({ u"1:1"_s, u"2:1"_s, u"3:1"_s }));
        QCOMPARE(committedRows(m_path), 3);
        QVERIFY(!commits.isOpen());
    }

    void anotherUserCommitsTheBatchFirst()
    {
        GroupCommit commits(*m_db);
        bool answered = false;
        QVERIFY(commits.begin());
        QVERIFY(insertEvent(*m_db, 1));
        commits.afterCommit([&answered](bool committed) { answered = committed; });
        // Another part of the server (a login, an offline message) takes the connection.
        QSqlQuery q(m_db->handle());
        QVERIFY(answered);
        QVERIFY(!commits.isOpen());
        QCOMPARE(committedRows(m_path), 1);
        // And its own transaction is its own.
        QVERIFY(m_db->handle().transaction());
        QVERIFY(m_db->handle().commit());
    }

    void aFailedCommitTellsEveryoneWaiting()
    {
        GroupCommit commits(*m_db);
        QList<bool> answers;
        QVERIFY(commits.begin());
        QVERIFY(insertEvent(*m_db, 1));
        commits.afterCommit([&answers](bool committed) { answers.append(committed); });
        QVERIFY(commits.begin());
        // The transaction goes from under the batch, as a lost connection or a full disk would
        // take it: its commit fails.
        QSqlQuery q(m_db->connection());
        QVERIFY(q.exec(u"ROLLBACK"_s));
        commits.afterCommit([&answers](bool committed) { answers.append(committed); });
        QTRY_COMPARE(answers.size(), 2);
        QCOMPARE(answers, QList<bool>({ false, false }));
        QCOMPARE(committedRows(m_path), 0);
    }

    void nothingOpenIsAnsweredAtOnce()
    {
        GroupCommit commits(*m_db);
        bool answered = false;
        commits.afterCommit([&answered](bool committed) { answered = committed; });
        QVERIFY(answered);
    }

    void aFullBatchIsNotHeld()
    {
        GroupCommit commits(*m_db);
        int answered = 0;
        for (int seq = 1; seq <= Limits::GroupCommitMaxWrites; ++seq) {
            QVERIFY(commits.begin());
            QVERIFY(insertEvent(*m_db, seq));
            commits.afterCommit([&answered](bool) { ++answered; });
        }
        QCOMPARE(answered, Limits::GroupCommitMaxWrites);
        QCOMPARE(committedRows(m_path), Limits::GroupCommitMaxWrites);
    }

    // A side reads each message it sees: its read mark joins the batch of messages beside it,
    // and is told once that batch is committed, rather than committing it early.
    void aReadMarkJoinsTheBatch()
    {
        GroupCommit commits(*m_db);
        ReadMarks marks(*m_db, commits);
        QSignalSpy moved(&marks, &ReadMarks::moved);
        QSqlQuery q(m_db->handle());
        QVERIFY(q.exec(u"INSERT INTO conversations (id, company, preset, group_name, "
                       u"secret_hash, state, language, fields, custom_data, start_client_id, "
                       u"created, last_seq) VALUES ('c-1', 'co', 'p', 'g', 'h', 'active', 'en', "
                       u"'{}', '{}', 's', 0, 0)"_s));
        QVERIFY(commits.begin());
        QVERIFY(insertEvent(*m_db, 1));
        QSqlQuery batch(m_db->connection());
        QVERIFY(batch.exec(u"UPDATE conversations SET last_seq = 1 WHERE id = 'c-1'"_s));
        bool answered = false;
        commits.afterCommit([&answered](bool committed) { answered = committed; });

        // The visitor read the message of the same pass.
        QCOMPARE(
            marks.mark(u"c-1"_s, OWidget::Protocol::Sender::Visitor, 1), ReadMarks::Result::Moved);
        QVERIFY(commits.isOpen());
        QVERIFY(!answered);
        QCOMPARE(committedRows(m_path), 0);
        QCOMPARE(moved.size(), 0);
        // One commit for both, then the mark is told.
        QTRY_COMPARE(moved.size(), 1);
        QVERIFY(answered);
        QCOMPARE(committedRows(m_path), 1);
        QCOMPARE(moved.constFirst().at(2).toLongLong(), 1);
        QCOMPARE(marks.marks(u"c-1"_s).visitor, 1);
        // Beyond the last event, refused within the batch too, and nothing is told.
        QCOMPARE(marks.mark(u"c-1"_s, OWidget::Protocol::Sender::Visitor, 2),
            ReadMarks::Result::BeyondLast);
        QCOMPARE(marks.mark(u"c-1"_s, OWidget::Protocol::Sender::Visitor, 1),
            ReadMarks::Result::Unchanged);
        QTRY_VERIFY(!commits.isOpen());
        QCOMPARE(moved.size(), 1);
    }

    // Visitors leaving together (a closing tab each, or the abandoned ones ended at once): their
    // ends join the open batch like messages, one sync to disk for all, each announced after
    // it, in order, and out of the queue only then.
    void endsOfOnePassShareOneCommit()
    {
        QString error;
        QVERIFY2(Importer(*m_db, Crypto::PasswordCost::Cheap)
                     .importFile(OWidgetTest::demoFile(), &error),
            qPrintable(error));
        Directory directory(*m_db);
        QVERIFY2(directory.load(&error), qPrintable(error));
        ConversationService conversations(*m_db, directory, 60000, 100);
        QVERIFY(conversations.loadQueue());
        QStringList ids;
        for (int i = 0; i < 3; ++i) {
            QString secret;
            auto code = OWidget::Protocol::ErrorCode::Internal;
            bool existing = false;
            const auto c = conversations.start(OWidgetTest::demoCompany, {}, u"en"_s, {}, {},
                u"s%1"_s.arg(i), u"127.0.0.1"_s, &secret, &code, &existing);
            QVERIFY(c);
            ids.append(c->id);
        }
        QSignalSpy appended(&conversations, &ConversationService::eventAppended);
        QSignalSpy dequeued(&conversations, &ConversationService::dequeued);
        for (const QString &id : std::as_const(ids))
            QVERIFY(conversations.end(id, OWidget::Protocol::EndedBy::Visitor));
        // Ended in the batch: a second end is refused, and nothing is on disk or told yet.
        QVERIFY(!conversations.end(ids.constFirst(), OWidget::Protocol::EndedBy::Visitor));
        QCOMPARE(committedRows(m_path), 0);
        QCOMPARE(appended.size(), 0);
        QCOMPARE(conversations.queuePosition(ids.constLast()), 3);

        QTRY_COMPARE(appended.size(), 3);
        QCOMPARE(committedRows(m_path), 3);
        for (int i = 0; i < 3; ++i) {
            const auto conversation = appended.at(i).at(0).value<Conversation>();
            QCOMPARE(conversation.id, ids.at(i));
            QCOMPARE(conversation.state, OWidget::Protocol::ConversationState::Ended);
            QCOMPARE(dequeued.at(i).at(1).toInt(), 1); // each from the front, in turn
        }
        QCOMPARE(conversations.queuePosition(ids.constLast()), 0);
    }

    // The statements of finding and ending a conversation are prepared once, not again for each
    // conversation: ending 900 together used to spend two thirds of its time in SQLite parsing
    // the same SQL. What they write is the same.
    void endsPrepareTheirStatementsOnce()
    {
        QString error;
        QVERIFY2(Importer(*m_db, Crypto::PasswordCost::Cheap)
                     .importFile(OWidgetTest::demoFile(), &error),
            qPrintable(error));
        Directory directory(*m_db);
        QVERIFY2(directory.load(&error), qPrintable(error));
        ConversationService conversations(*m_db, directory, 60000, 100);
        QVERIFY(conversations.loadQueue());
        QStringList ids;
        for (int i = 0; i < 10; ++i) {
            QString secret;
            auto code = OWidget::Protocol::ErrorCode::Internal;
            bool existing = false;
            const auto c = conversations.start(OWidgetTest::demoCompany, {}, u"en"_s, {}, {},
                u"p%1"_s.arg(i), u"127.0.0.%1"_s.arg(i + 1), &secret, &code, &existing);
            QVERIFY(c);
            ids.append(c->id);
        }
        QHash<QString, qint64> lastSeq;
        for (const QString &id : std::as_const(ids))
            lastSeq.insert(id, conversations.find(id)->lastSeq);
        QSignalSpy appended(&conversations, &ConversationService::eventAppended);
        QVERIFY(conversations.find(ids.constFirst()));
        QVERIFY(conversations.end(ids.constFirst(), OWidget::Protocol::EndedBy::Visitor));
        QTRY_COMPARE(appended.size(), 1);
        const int afterOne = m_db->preparedCount();
        for (const QString &id : ids.sliced(1)) {
            QVERIFY(conversations.find(id));
            QVERIFY(conversations.end(id, OWidget::Protocol::EndedBy::Visitor));
        }
        QTRY_COMPARE(appended.size(), 10);
        QCOMPARE(m_db->preparedCount(), afterOne);
        for (const QString &id : std::as_const(ids)) {
            const auto c = conversations.find(id);
            QVERIFY(c);
            QCOMPARE(c->state, OWidget::Protocol::ConversationState::Ended);
            QCOMPARE(c->lastSeq, lastSeq.value(id) + 1);
        }
    }

    // A visitor at its address's maximum of waiting conversations ends one and starts another
    // at once (both frames in one pass): the end, still in the open batch, no longer counts.
    void startRightAfterAnEnd()
    {
        OWidgetTest::TestServer server(
            OWidgetTest::demoFile(), [](ServerOptions &options) { options.waitingPerAddress = 1; });
        OWidgetTest::WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        QVERIFY(!widget.start(u"first"_s).isEmpty());
        widget.send(QJsonObject { { "type"_L1, u"end"_s } });
        const QJsonObject created = widget.start(u"second"_s);
        QVERIFY2(!widget.has(u"error"_s), "the second start was refused");
        QCOMPARE(created.value("clientId"_L1).toString(), u"second"_s);
        QCOMPARE(created.value("queuePosition"_L1).toInt(), 1);
        QVERIFY(!widget.take(u"ended"_s).isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_run = 0;
    std::unique_ptr<Database> m_db;
};

QTEST_GUILESS_MAIN(TestServerGroupCommit)
#include "tst_server_groupcommit.moc"
