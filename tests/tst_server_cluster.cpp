// Several real owidget-server processes on one PostgreSQL database (a private cluster the test
// starts), serving as one: a visitor on one instance and an operator on another chat, see the
// same status and the same queue positions, each other's read marks and the visitor's rating;
// availability survives a restart, and an instance killed with SIGKILL loses its operators'
// presence after its heartbeat timeout, not their availability; a dropped notification connection
// comes back and catches up.
#include "faultproxy.h"
#include "instances.h"
#include "jsonsocket.h"
#include "postgresprocess.h"
#include "server.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

QJsonObject messageObject(const QString &clientId, const QString &text)
{
    return { { "type"_L1, u"message"_s }, { "clientId"_L1, clientId }, { "text"_L1, text } };
}

// A widget on `preset` of the demo company, after its welcome.
bool connectWidget(JsonSocket &widget, const QUrl &server, const QString &preset)
{
    QUrl url = server.resolved(QUrl(u"v1/socket"_s));
    url.setScheme(u"ws"_s);
    widget.socket.open(url);
    if (!QTest::qWaitFor(
            [&] { return widget.socket.state() == QAbstractSocket::ConnectedState; }, 10000))
        return false;
    QJsonObject hello = helloObject();
    hello.insert("preset"_L1, preset);
    widget.send(hello);
    widget.welcome = widget.take(u"welcome"_s);
    return !widget.welcome.isEmpty();
}

// The sequence numbers of the events a visitor got (acks too when `acks`), in order.
QList<qint64> visitorSeqs(const JsonSocket &visitor, bool acks = false)
{
    QList<qint64> seqs;
    for (const QJsonObject &m : visitor.received) {
        if (m.contains("seq"_L1) && (acks || m.value("type"_L1).toString() != "ack"_L1))
            seqs.append(m.value("seq"_L1).toInteger());
    }
    return seqs;
}

// The newest status a widget was told: its welcome's, or the last `status` since.
int lastStatus(const JsonSocket &widget)
{
    int status = widget.welcome.value("status"_L1).toInt(-1);
    for (const QJsonObject &m : widget.received) {
        if (m.value("type"_L1).toString() == "status"_L1)
            status = m.value("status"_L1).toInt();
    }
    return status;
}

} // namespace

class tst_ServerCluster : public QObject
{
    Q_OBJECT

private:
    bool startServers(std::vector<std::unique_ptr<ServerProcess>> &servers, int count,
        const QStringList &arguments = {}, QString *database = nullptr)
    {
        return startInstances(m_postgres, servers, count, arguments, database);
    }

    PostgresProcess m_postgres;

private Q_SLOTS:
    void initTestCase()
    {
        // Never skipped: without PostgreSQL this test fails and says what to install.
        QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s),
            "Qt's PostgreSQL driver is not installed: install the Debian package "
            "libqt6sql6-psql (scripts/test.sh installs it)");
        QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
    }

    // A visitor on A and an operator on B: status, queue, accept, messages both ways, typing
    // both ways, the end.
    void chatAcrossInstances()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2));
        const QUrl a = servers.at(0)->url();
        const QUrl b = servers.at(1)->url();

        JsonSocket visitor;
        QVERIFY(visitor.connectTo(a));
        QCOMPARE(lastStatus(visitor), 0);

        OperatorClient alice(b);
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        // Alice's availability on B reaches the widget on A.
        QTRY_COMPARE_WITH_TIMEOUT(lastStatus(visitor), 1, 10000);

        visitor.send(startObject(u"start-a"_s));
        const QString id = visitor.take(u"created"_s).value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());
        // The conversation started on A joins the queue alice sees on B.
        QTRY_COMPARE_WITH_TIMEOUT(alice.firstQueued(), id, 10000);

        alice.accept(id);
        QTRY_VERIFY(!operatorMessages(alice, u"conversation"_s, id).isEmpty());
        QCOMPARE(visitor.take(u"joined"_s).value("operator"_L1).toString(), u"Alice"_s);
        QTRY_VERIFY(alice.queue().isEmpty());

        visitor.send(messageObject(u"m-1"_s, u"Dobrý den"_s));
        QVERIFY(!visitor.take(u"ack"_s).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(messageTexts(alice, id), QStringList { u"Dobrý den"_s }, 10000);
        alice.say(id, u"Hello from B"_s);
        QCOMPARE(visitor.take(u"message"_s).value("text"_L1).toString(), u"Hello from B"_s);

        visitor.send({ { "type"_L1, u"typing"_s }, { "active"_L1, true } });
        QTRY_VERIFY_WITH_TIMEOUT(!operatorMessages(alice, u"typing"_s, id).isEmpty(), 10000);
        QCOMPARE(operatorMessages(alice, u"typing"_s, id).constFirst().value("active"_L1).toBool(),
            true);
        alice.send(
            { { "type"_L1, u"typing"_s }, { "conversation"_L1, id }, { "active"_L1, true } });
        QCOMPARE(visitor.take(u"typing"_s).value("active"_L1).toBool(), true);

        visitor.send({ { "type"_L1, u"end"_s } });
        QCOMPARE(visitor.take(u"ended"_s).value("by"_L1).toString(), u"visitor"_s);
        QTRY_VERIFY_WITH_TIMEOUT(operatorSawEnd(alice, id), 10000);
        // Nothing twice: each message once on each side.
        QCOMPARE(messageTexts(alice, id), QStringList { u"Dobrý den"_s });
        QCOMPARE(textsFromOperator(visitor), QStringList {}); // the one taken above, no copy
    }

    // Read marks and ratings cross instances as messages do: the visitor on A, the operator on
    // B; each side's read mark reaches the other side, and the visitor's rating reaches the
    // operator, each once.
    void readMarksAndRatingAcrossInstances()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2));
        JsonSocket visitor;
        QVERIFY(visitor.connectTo(servers.at(0)->url()));
        OperatorClient alice(servers.at(1)->url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        visitor.send(startObject(u"marks"_s));
        const QString id = visitor.take(u"created"_s).value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(alice.firstQueued(), id, 10000);
        alice.accept(id);
        QVERIFY(!visitor.take(u"joined"_s).isEmpty());

        visitor.send(messageObject(u"m-1"_s, u"first"_s));
        const qint64 visitorSeq = visitor.take(u"ack"_s).value("seq"_L1).toInteger();
        QVERIFY(visitorSeq > 0);
        QTRY_COMPARE_WITH_TIMEOUT(messageTexts(alice, id), QStringList { u"first"_s }, 10000);
        alice.say(id, u"answer"_s);
        const qint64 operatorSeq = visitor.take(u"message"_s).value("seq"_L1).toInteger();
        QVERIFY(operatorSeq > visitorSeq);

        // The visitor's mark, stored on A, reaches the operator on B.
        visitor.send({ { "type"_L1, u"read"_s }, { "seq"_L1, operatorSeq } });
        QTRY_COMPARE_WITH_TIMEOUT(operatorMessages(alice, u"read"_s, id).size(), 1, 10000);
        QCOMPARE(operatorMessages(alice, u"read"_s, id).constFirst().value("seq"_L1).toInteger(),
            operatorSeq);
        // The operator's mark, stored on B, reaches the visitor on A.
        alice.send(
            { { "type"_L1, u"read"_s }, { "conversation"_L1, id }, { "seq"_L1, visitorSeq } });
        QCOMPARE(visitor.take(u"read"_s).value("seq"_L1).toInteger(), visitorSeq);

        visitor.send({ { "type"_L1, u"end"_s } });
        QVERIFY(!visitor.take(u"ended"_s).isEmpty());
        visitor.send({ { "type"_L1, u"rate"_s }, { "clientId"_L1, u"rate-1"_s }, { "score"_L1, 4 },
            { "comment"_L1, u"Quick"_s } });
        QCOMPARE(visitor.take(u"rated"_s).value("score"_L1).toInt(), 4);
        // The rating, stored on A, reaches the operator on B.
        QTRY_COMPARE_WITH_TIMEOUT(operatorMessages(alice, u"rated"_s, {}).size(), 1, 10000);
        const QJsonObject item
            = operatorMessages(alice, u"rated"_s, {}).constFirst().value("item"_L1).toObject();
        QCOMPARE(item.value("conversation"_L1).toString(), id);
        QCOMPARE(item.value("score"_L1).toInt(), 4);
        QCOMPARE(item.value("comment"_L1).toString(), u"Quick"_s);

        // Once each: a later change from each instance arrives after them (notifications of
        // one instance arrive in order), and nothing came twice by then.
        visitor.send(
            { { "type"_L1, u"rate"_s }, { "clientId"_L1, u"rate-1"_s }, { "score"_L1, 4 } });
        QCOMPARE(visitor.take(u"rated"_s).value("score"_L1).toInt(), 4);
        JsonSocket second;
        QVERIFY(second.connectTo(servers.at(0)->url()));
        second.send(startObject(u"marks-later"_s));
        const QString later = second.take(u"created"_s).value("conversation"_L1).toString();
        QTRY_COMPARE_WITH_TIMEOUT(alice.firstQueued(), later, 10000);
        QCOMPARE(operatorMessages(alice, u"read"_s, id).size(), 1);
        QCOMPARE(operatorMessages(alice, u"rated"_s, {}).size(), 1);
        QCOMPARE(visitor.count(u"read"_s), 0); // the one taken above, no copy
    }

    // Each instance notes the newest event it announced of each open conversation. A
    // conversation that goes without its end announced there (here: its rows deleted from the
    // database, as a retention job would) is dropped from that note within a heartbeat, rather
    // than kept for the life of the process.
    void closedConversationsForgotten()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QString database;
        QVERIFY(startServers(servers, 2, { u"--instance-timeout"_s, u"1"_s }, &database));
        JsonSocket visitor;
        QVERIFY(visitor.connectTo(servers.at(0)->url()));
        OperatorClient alice(servers.at(1)->url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        visitor.send(startObject(u"forgotten"_s));
        const QString id = visitor.take(u"created"_s).value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());
        alice.accept(id);
        QVERIFY(!visitor.take(u"joined"_s).isEmpty());
        visitor.send(messageObject(u"m-1"_s, u"hello"_s));
        QTRY_COMPARE_WITH_TIMEOUT(messageTexts(alice, id), QStringList { u"hello"_s }, 10000);
        const QByteArray forgotten = "event=announced_forgotten conversation=" + id.toUtf8();
        QVERIFY(!servers.at(1)->log().contains(forgotten)); // open: kept

        bool ok = false;
        m_postgres.query(database,
            u"DELETE FROM events WHERE conversation = '%1'; DELETE FROM conversations WHERE id "
            u"= '%1'"_s.arg(id),
            &ok);
        QVERIFY(ok);
        QTRY_VERIFY_WITH_TIMEOUT(servers.at(1)->log().contains(forgotten), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(servers.at(0)->log().contains(forgotten), 10000);
    }

    // An operator at capacity on one instance makes the widgets on the other busy, and free
    // again when the chat ends.
    void activeChatsAcrossInstances()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2));
        const QUrl a = servers.at(0)->url();
        const QUrl b = servers.at(1)->url();
        // carol: group sales only, one chat at most; the preset "support" queues to sales.
        OperatorClient carol(b);
        QVERIFY(carol.connectAs(u"carol"_s, u"carol-demo"_s));
        carol.setAvailability(u"online"_s);

        JsonSocket visitor;
        QVERIFY(connectWidget(visitor, a, u"support"_s));
        QTRY_COMPARE_WITH_TIMEOUT(lastStatus(visitor), 1, 10000);

        // The preset "support" requires an e-mail address too.
        QJsonObject start = startObject(u"cap-1"_s);
        start.insert("fields"_L1,
            QJsonObject { { "name"_L1, u"Jana"_s }, { "email"_L1, u"jana@example.com"_s } });
        visitor.send(start);
        const QString id = visitor.take(u"created"_s).value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(carol.firstQueued(), id, 10000);
        carol.accept(id);
        QVERIFY(!visitor.take(u"joined"_s).isEmpty());
        // At capacity on B: busy on A.
        QTRY_COMPARE_WITH_TIMEOUT(lastStatus(visitor), 2, 10000);
        carol.end(id);
        QVERIFY(!visitor.take(u"ended"_s).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(lastStatus(visitor), 1, 10000);
    }

    // Positions counted over the conversations of every instance: the same whichever
    // instance a visitor is on, and moving up on both when one is accepted.
    void queuePositionsAgree()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2));
        const QUrl a = servers.at(0)->url();
        const QUrl b = servers.at(1)->url();

        JsonSocket w1, w2, w3;
        QVERIFY(w1.connectTo(a));
        QVERIFY(w2.connectTo(b));
        QVERIFY(w3.connectTo(a));
        w1.send(startObject(u"q-1"_s));
        QCOMPARE(w1.take(u"created"_s).value("queuePosition"_L1).toInt(), 1);
        // B must have heard of the first before the second starts there.
        OperatorClient bobOnB(b);
        QVERIFY(bobOnB.connectAs(u"bob"_s, u"bob-demo"_s));
        QTRY_COMPARE(bobOnB.queue().size(), 1);
        w2.send(startObject(u"q-2"_s));
        QCOMPARE(w2.take(u"created"_s).value("queuePosition"_L1).toInt(), 2);
        OperatorClient bobOnA(a);
        QVERIFY(bobOnA.connectAs(u"bob"_s, u"bob-demo"_s));
        QTRY_COMPARE(bobOnA.queue().size(), 2);
        w3.send(startObject(u"q-3"_s));
        const QString third = w3.take(u"created"_s).value("conversation"_L1).toString();
        QTRY_COMPARE(bobOnB.queue().size(), 3);
        QCOMPARE(bobOnA.queue(), bobOnB.queue());

        // Bob on B takes the oldest (on A): the visitors behind it move up, on both.
        bobOnB.send({ { "type"_L1, u"accept"_s } });
        QVERIFY(!w1.take(u"joined"_s).isEmpty());
        QCOMPARE(w2.take(u"queue"_s).value("position"_L1).toInt(), 1);
        QCOMPARE(w3.take(u"queue"_s).value("position"_L1).toInt(), 2);
        QTRY_COMPARE(bobOnA.queue().size(), 2);
        QCOMPARE(bobOnA.queue(), bobOnB.queue());
        QCOMPARE(bobOnA.queue().at(1).toObject().value("id"_L1).toString(), third);
    }

    // Even while an instance hears nothing of the others (its listening connection cut, not
    // yet back), the positions it gives are the database's.
    void queuePositionsWithoutNotifications()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QString database;
        QVERIFY(startServers(servers, 2, {}, &database));
        JsonSocket w1, w2;
        QVERIFY(w1.connectTo(servers.at(0)->url()));
        QVERIFY(w2.connectTo(servers.at(1)->url()));
        bool ok = false;
        const QString killed = m_postgres.query(database,
            u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"_s
                % database % u"' AND application_name = 'owidget-listen'"_s,
            &ok);
        QVERIFY2(ok, qPrintable(m_postgres.error()));
        QVERIFY2(killed.trimmed().toInt() >= 1, qPrintable(killed));
        w1.send(startObject(u"first"_s));
        QCOMPARE(w1.take(u"created"_s).value("queuePosition"_L1).toInt(), 1);
        w2.send(startObject(u"second"_s));
        QCOMPARE(w2.take(u"created"_s).value("queuePosition"_L1).toInt(), 2);
        // An operator on B sees both, in order, and takes the oldest: the one on A.
        OperatorClient bob(servers.at(1)->url());
        QVERIFY(bob.connectAs(u"bob"_s, u"bob-demo"_s));
        QCOMPARE(bob.queue().size(), 2);
        bob.send({ { "type"_L1, u"accept"_s } });
        QVERIFY(!w1.take(u"joined"_s).isEmpty());
        QCOMPARE(w2.take(u"queue"_s).value("position"_L1).toInt(), 1);
    }

    // A server dies (SIGKILL) while its visitor waits, and the visitor never comes back: a
    // server on the same database, with no other alive, ends the conversation once it has
    // been held by none for the abandon time, as one server does after a restart.
    void orphanedWaitingConversationEnds()
    {
        const QString database = m_postgres.createDatabase();
        QVERIFY2(!database.isEmpty(), qPrintable(m_postgres.error()));
        QString id;
        {
            ServerProcess dying;
            useDatabase(dying, m_postgres, database);
            QVERIFY2(dying.start(), qPrintable(dying.error()));
            JsonSocket visitor;
            QVERIFY(visitor.connectTo(dying.url()));
            visitor.send(startObject(u"orphan"_s));
            id = visitor.take(u"created"_s).value("conversation"_L1).toString();
            QVERIFY(!id.isEmpty());
            dying.kill();
        }
        OWidget::Server::ServerOptions options;
        options.databasePath = m_postgres.url(database);
        options.databasePassword = PostgresProcess::password();
        options.port = 0;
        options.passwordCost = OWidget::Server::Crypto::PasswordCost::Cheap;
        options.abandonWaitingMs = 300;
        options.instanceTimeoutMs = 1000;
        OWidget::Server::Server survivor(options);
        QString error;
        QVERIFY2(survivor.listen(&error), qPrintable(error));
        const QString state = u"SELECT state FROM conversations WHERE id = '%1'"_s.arg(id);
        QTRY_COMPARE_WITH_TIMEOUT(m_postgres.query(database, state).trimmed(), u"ended"_s, 10000);
        const QString by = u"SELECT ended_by FROM events WHERE conversation = '%1' AND type = "
                           u"'ended'"_s.arg(id);
        QCOMPARE(m_postgres.query(database, by).trimmed(), u"system"_s);
    }

    // The availability an operator chose is stored: after every instance restarted, it is
    // what their next socket starts with.
    void availabilitySurvivesRestart()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2));
        {
            OperatorClient alice(servers.at(0)->url());
            QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
            QCOMPARE(
                alice.received(u"snapshot"_s).constFirst().value("availability"_L1), u"offline"_s);
            alice.setAvailability(u"busy"_s);
            QTRY_VERIFY(!alice.received(u"availability"_s).isEmpty());
        }
        for (auto &server : servers) {
            QCOMPARE(server->stop(), 0);
            QVERIFY2(server->restart(), qPrintable(server->error()));
        }
        OperatorClient alice(servers.at(1)->url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        QCOMPARE(alice.received(u"snapshot"_s).constFirst().value("availability"_L1), u"busy"_s);
        JsonSocket widget;
        QVERIFY(widget.connectTo(servers.at(0)->url()));
        QCOMPARE(lastStatus(widget), 2);
    }

    // An instance killed with SIGKILL cannot say its operators left: the others count them
    // as gone once its heartbeat is older than --instance-timeout, and their availability is
    // kept for when they come back on another instance.
    void killedInstanceLosesPresence()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 2, { u"--instance-timeout"_s, u"2"_s }));
        OperatorClient alice(servers.at(0)->url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        JsonSocket widget;
        QVERIFY(widget.connectTo(servers.at(1)->url()));
        QTRY_COMPARE_WITH_TIMEOUT(lastStatus(widget), 1, 10000);

        servers.at(0)->kill();
        QElapsedTimer gone;
        gone.start();
        QTRY_COMPARE_WITH_TIMEOUT(lastStatus(widget), 0, 15000);
        // Not before the timeout: a heartbeat late by less is no death.
        QVERIFY2(gone.elapsed() >= 1000, qPrintable(QString::number(gone.elapsed())));

        OperatorClient again(servers.at(1)->url());
        QVERIFY(again.connectAs(u"alice"_s, u"alice-demo"_s));
        QCOMPARE(again.received(u"snapshot"_s).constFirst().value("availability"_L1), u"online"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastStatus(widget), 1, 10000);
    }

    // The connection an instance listens on is cut by PostgreSQL: it connects again, and
    // the visitor on it gets what the operator on the other instance wrote meanwhile, once
    // and in order.
    void listeningConnectionReconnects()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QString database;
        QVERIFY(startServers(servers, 2, { u"--instance-timeout"_s, u"2"_s }, &database));
        JsonSocket visitor;
        QVERIFY(visitor.connectTo(servers.at(0)->url()));
        OperatorClient alice(servers.at(1)->url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        visitor.send(startObject(u"relisten"_s));
        const QString id = visitor.take(u"created"_s).value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());
        alice.accept(id);
        QVERIFY(!visitor.take(u"joined"_s).isEmpty());

        // Every listening connection of the database: A's and B's.
        bool ok = false;
        const QString killed = m_postgres.query(database,
            u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '"_s
                % database % u"' AND application_name = 'owidget-listen'"_s,
            &ok);
        QVERIFY2(ok, qPrintable(m_postgres.error()));
        QVERIFY2(killed.trimmed().toInt() >= 1, qPrintable(killed));
        // Written while neither instance hears the other: each side still gets it once.
        visitor.send(messageObject(u"v-gap"_s, u"v-gap"_s));
        QVERIFY(!visitor.take(u"ack"_s).isEmpty());
        alice.say(id, u"one"_s);
        alice.say(id, u"two"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            textsFromOperator(visitor), QStringList({ u"one"_s, u"two"_s }), 15000);
        alice.say(id, u"three"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            textsFromOperator(visitor), QStringList({ u"one"_s, u"two"_s, u"three"_s }), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(messageTexts(alice, id), QStringList { u"v-gap"_s }, 10000);
        visitor.send(messageObject(u"v-after"_s, u"v-after"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            messageTexts(alice, id), QStringList({ u"v-gap"_s, u"v-after"_s }), 10000);
    }

    // Three instances behind a balancer (the fault proxy): a visitor on A, the operator on B.
    // A is killed with SIGKILL mid-conversation, with a message of each side in flight; the
    // balancer sends the visitor's next connection to C, where it resumes from the last
    // sequence number it saw and sends its unacknowledged message again. Every message
    // arrives exactly once, in order, on both sides.
    void failoverAfterKill()
    {
        std::vector<std::unique_ptr<ServerProcess>> servers;
        QVERIFY(startServers(servers, 3, { u"--message-rate"_s, u"1000"_s }));
        FaultProxy balancer(quint16(servers.at(0)->url().port()));
        QVERIFY(balancer.listen());

        OperatorClient alice(servers.at(1)->url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        JsonSocket visitor;
        QVERIFY(visitor.connectTo(balancer.url()));
        visitor.send(startObject(u"failover"_s));
        const QJsonObject created = visitor.take(u"created"_s);
        const QString id = created.value("conversation"_L1).toString();
        const QString secret = created.value("secret"_L1).toString();
        QVERIFY(!id.isEmpty());
        alice.accept(id);
        QTRY_VERIFY(visitor.has(u"joined"_s));

        QStringList expectedFromVisitor;
        QStringList expectedFromAlice;
        for (int i = 1; i <= 5; ++i) {
            const QString v = u"v-%1"_s.arg(i);
            visitor.send(messageObject(v, v));
            expectedFromVisitor.append(v);
            QTRY_COMPARE(visitor.count(u"ack"_s), i);
            const QString o = u"o-%1"_s.arg(i);
            alice.say(id, o);
            expectedFromAlice.append(o);
            QTRY_COMPARE_WITH_TIMEOUT(textsFromOperator(visitor).size(), i, 10000);
        }
        // In flight when A dies: the visitor's may or may not be stored, it has no ack.
        visitor.send(messageObject(u"v-6"_s, u"v-6"_s));
        expectedFromVisitor.append(u"v-6"_s);
        alice.say(id, u"o-6"_s);
        expectedFromAlice.append(u"o-6"_s);
        servers.at(0)->kill();
        balancer.setServerPort(quint16(servers.at(2)->url().port()));
        QTRY_VERIFY(visitor.socket.state() == QAbstractSocket::UnconnectedState);
        const bool v6Acked = visitor.count(u"ack"_s) == 6;
        const QList<qint64> before = visitorSeqs(visitor);
        const QList<qint64> seen = visitorSeqs(visitor, true);
        const qint64 lastSeq = seen.isEmpty() ? 0 : *std::max_element(seen.cbegin(), seen.cend());

        JsonSocket resumed;
        QVERIFY(resumed.connectTo(balancer.url(),
            { { "conversation"_L1, id }, { "secret"_L1, secret }, { "lastSeq"_L1, lastSeq } }));
        if (!v6Acked)
            resumed.send(messageObject(u"v-6"_s, u"v-6"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            textsFromOperator(visitor) + textsFromOperator(resumed), expectedFromAlice, 10000);
        resumed.send(messageObject(u"v-7"_s, u"v-7"_s));
        expectedFromVisitor.append(u"v-7"_s);
        alice.say(id, u"o-7"_s);
        expectedFromAlice.append(u"o-7"_s);

        QTRY_COMPARE_WITH_TIMEOUT(messageTexts(alice, id), expectedFromVisitor, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            textsFromOperator(visitor) + textsFromOperator(resumed), expectedFromAlice, 10000);
        // The sequence numbers the visitor saw only grow, across both connections.
        const QList<qint64> seqs = before + visitorSeqs(resumed);
        for (qsizetype i = 1; i < seqs.size(); ++i)
            QVERIFY2(seqs.at(i) > seqs.at(i - 1), qPrintable(QString::number(seqs.at(i))));
        QTest::qWait(0);
        QCOMPARE(messageTexts(alice, id), expectedFromVisitor);
    }
};

QTEST_GUILESS_MAIN(tst_ServerCluster)
#include "tst_server_cluster.moc"
