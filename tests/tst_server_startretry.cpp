// A `start` whose `created` was lost with its connection, retried on a new connection, to the
// same real owidget-server or to another one on the same PostgreSQL database: with the secret
// the widget chose it gets the conversation it made, never a second one; with another secret or
// none it makes a new one, so that knowing a client id is not enough to take a conversation.
#include "instances.h"
#include "jsonsocket.h"
#include "postgresprocess.h"
#include "serverprocess.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

const QString secretA = u"retry-secret-AAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s;
const QString secretB = u"retry-secret-BBBBBBBBBBBBBBBBBBBBBBBBBBBB"_s;

QJsonObject startWithSecret(const QString &clientId, const QString &secret)
{
    QJsonObject start = startObject(clientId);
    if (!secret.isEmpty())
        start.insert("secret"_L1, secret);
    return start;
}

} // namespace

class tst_ServerStartRetry : public QObject
{
    Q_OBJECT

private:
    // `count` servers on one database: a SQLite file of the first's own (one server only), or a
    // new database of the private PostgreSQL cluster.
    bool startServers(
        std::vector<std::unique_ptr<ServerProcess>> &servers, int count, bool postgres)
    {
        m_database.clear();
        if (postgres)
            return startInstances(m_postgres, servers, count, {}, &m_database);
        Q_ASSERT(count == 1);
        servers.push_back(std::make_unique<ServerProcess>());
        if (servers.back()->start())
            return true;
        qWarning("%s", qPrintable(servers.back()->error()));
        return false;
    }

    // The conversations stored, as the database has them (-1 when it cannot be read).
    int conversationCount(const ServerProcess &server)
    {
        const QString sql = u"SELECT count(*) FROM conversations"_s;
        if (!m_database.isEmpty()) {
            bool ok = false;
            const QString count = m_postgres.query(m_database, sql, &ok).trimmed();
            return ok ? count.toInt() : -1;
        }
        int count = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"count"_s);
            db.setDatabaseName(server.databasePath());
            QSqlQuery q(db);
            if (db.open() && q.exec(sql) && q.next())
                count = q.value(0).toInt();
        }
        QSqlDatabase::removeDatabase(u"count"_s);
        return count;
    }

    // Sends a start on a new connection and cuts the connection once the conversation is
    // stored, before `created` is read: the widget never learns of it.
    void startAndLoseCreated(const QUrl &server, const ServerProcess &counted, int before)
    {
        JsonSocket lost;
        QVERIFY(lost.connectTo(server));
        lost.send(startWithSecret(u"retried"_s, secretA));
        QTRY_COMPARE_WITH_TIMEOUT(conversationCount(counted), before + 1, 10000);
        lost.socket.abort();
    }

    PostgresProcess m_postgres;
    QString m_database; ///< the PostgreSQL database of the servers of the test, if any

private Q_SLOTS:
    void initTestCase()
    {
        // Never skipped: without PostgreSQL this test fails and says what to install.
        QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s),
            "Qt's PostgreSQL driver is not installed: install the Debian package "
            "libqt6sql6-psql (scripts/test.sh installs it)");
        QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
    }

    void retriedStartGetsTheSameConversation_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
    void retriedStartGetsTheSameConversation()
    {
        QFETCH(bool, postgres);
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 1, postgres));
        const ServerProcess &server = *servers.front();
        startAndLoseCreated(server.url(), server, 0);
        if (QTest::currentTestFailed())
            return;

        JsonSocket retry;
        QVERIFY(retry.connectTo(server.url()));
        retry.send(startWithSecret(u"retried"_s, secretA));
        const QJsonObject created = retry.take(u"created"_s);
        QCOMPARE(created.value("clientId"_L1).toString(), u"retried"_s);
        QCOMPARE(created.value("secret"_L1).toString(), secretA);
        QCOMPARE(created.value("queuePosition"_L1).toInt(), 1);
        const QString id = created.value("conversation"_L1).toString();
        QVERIFY(id.startsWith(u"c-"_s));
        QCOMPARE(conversationCount(server), 1);
        // The conversation is the widget's: its secret resumes it.
        JsonSocket resumed;
        QVERIFY(resumed.connectTo(server.url(),
            { { "conversation"_L1, id }, { "secret"_L1, secretA }, { "lastSeq"_L1, 0 } }));
        QCOMPARE(resumed.welcome.value("conversation"_L1).toObject().value("id"_L1).toString(), id);

        // The same client id with another secret, or none, is someone else's start.
        JsonSocket other;
        QVERIFY(other.connectTo(server.url()));
        other.send(startWithSecret(u"retried"_s, secretB));
        const QString otherId = other.take(u"created"_s).value("conversation"_L1).toString();
        QVERIFY(!otherId.isEmpty());
        QVERIFY(otherId != id);
        JsonSocket none;
        QVERIFY(none.connectTo(server.url()));
        none.send(startObject(u"retried"_s));
        const QJsonObject noneCreated = none.take(u"created"_s);
        QVERIFY(!noneCreated.value("conversation"_L1).toString().isEmpty());
        QVERIFY(noneCreated.value("conversation"_L1).toString() != id);
        QVERIFY(noneCreated.value("secret"_L1).toString() != secretA);
        QCOMPARE(conversationCount(server), 3);
    }

    // The retry goes to the other instance, after an operator there accepted the conversation:
    // the same `created`, then what happened meanwhile.
    void retryOnAnotherInstance()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2, true));
        const QUrl a = servers.at(0)->url();
        const QUrl b = servers.at(1)->url();
        OperatorClient alice(b);
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);

        startAndLoseCreated(a, *servers.front(), 0);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(!alice.firstQueued().isEmpty(), 10000);
        const QString id = alice.firstQueued();
        alice.accept(id);
        QTRY_VERIFY_WITH_TIMEOUT(!operatorMessages(alice, u"conversation"_s, id).isEmpty(), 10000);

        JsonSocket retry;
        QVERIFY(retry.connectTo(b));
        retry.send(startWithSecret(u"retried"_s, secretA));
        const QJsonObject created = retry.take(u"created"_s);
        QCOMPARE(created.value("conversation"_L1).toString(), id);
        QCOMPARE(created.value("queuePosition"_L1).toInt(), 0);
        QCOMPARE(retry.take(u"joined"_s).value("operator"_L1).toString(), u"Alice"_s);
        QCOMPARE(conversationCount(*servers.front()), 1);
    }

    // The same start on two instances at once: one conversation, both told of it.
    void racingStartsMakeOne()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2, true));
        for (int round = 0; round < 5; ++round) {
            const QString clientId = u"raced-%1"_s.arg(round);
            JsonSocket first;
            JsonSocket second;
            QVERIFY(first.connectTo(servers.at(0)->url()));
            QVERIFY(second.connectTo(servers.at(1)->url()));
            first.send(startWithSecret(clientId, secretA));
            second.send(startWithSecret(clientId, secretA));
            const QString one = first.take(u"created"_s).value("conversation"_L1).toString();
            const QString two = second.take(u"created"_s).value("conversation"_L1).toString();
            QVERIFY(!one.isEmpty());
            QCOMPARE(two, one);
            QCOMPARE(conversationCount(*servers.front()), round + 1);
        }
    }
};

QTEST_MAIN(tst_ServerStartRetry)
#include "tst_server_startretry.moc"
