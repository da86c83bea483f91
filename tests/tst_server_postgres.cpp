// The real owidget-server on a real PostgreSQL 15 (a private cluster the test starts): a
// conversation, a restart that keeps it, pruning, imports, simultaneous starts and the schema
// version, the refused and the unreachable databases, and /v1/health while PostgreSQL runs,
// after it stopped and once it is back. And the message path's duplicate handling, on both
// databases.
#include "database.h"
#include "instances.h"
#include "jsonsocket.h"
#include "postgresprocess.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

struct HttpAnswer
{
    int status = 0;
    QJsonObject body;
};

HttpAnswer get(const QUrl &url)
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url)));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 15000))
        return {};
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        QJsonDocument::fromJson(reply->readAll()).object() };
}

struct Run
{
    int exitCode = -1;
    QString output;
};

// owidget-server with `arguments`, to its exit.
Run runServer(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStringLiteral(OWIDGET_SERVER_BINARY), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return { -1, u"did not exit: "_s + QString::fromUtf8(process.readAll()) };
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAll()) };
}

QString demoFile()
{
    return QStringLiteral(OWIDGET_SOURCE_DIR "/server/demo/demo.json");
}

QJsonObject messageObject(const QString &clientId, const QString &text)
{
    return { { "type"_L1, u"message"_s }, { "clientId"_L1, clientId }, { "text"_L1, text } };
}

// The texts of the `message` events a visitor received, in order.
QStringList messageTexts(const JsonSocket &visitor)
{
    QStringList texts;
    for (const QJsonObject &m : visitor.received) {
        if (m.value("type"_L1).toString() == "message"_L1)
            texts.append(m.value("text"_L1).toString());
    }
    return texts;
}

} // namespace

class tst_ServerPostgres : public QObject
{
    Q_OBJECT

private:
    // A server on a new database of the private cluster, with the demo data.
    bool startServer(ServerProcess &server, QString *name = nullptr)
    {
        const QString database = m_postgres.createDatabase();
        if (name)
            *name = database;
        if (database.isEmpty()) {
            qWarning("%s", qPrintable(m_postgres.error()));
            return false;
        }
        useDatabase(server, m_postgres, database);
        if (!server.start()) {
            qWarning("%s", qPrintable(server.error()));
            return false;
        }
        return true;
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

    // A visitor and an operator talk; the server restarts; the visitor resumes and gets every
    // event again, in order, and both go on talking.
    void conversationSurvivesRestart()
    {
        ServerProcess server;
        QVERIFY(startServer(server));
        auto alice = std::make_unique<OperatorClient>(server.url());
        QVERIFY(alice->connectAs(u"alice"_s, u"alice-demo"_s));
        alice->setAvailability(u"online"_s);

        JsonSocket visitor;
        QVERIFY(visitor.connectTo(server.url()));
        visitor.send(startObject(u"start-pg"_s));
        const QJsonObject created = visitor.take(u"created"_s);
        const QString id = created.value("conversation"_L1).toString();
        const QString secret = created.value("secret"_L1).toString();
        QVERIFY(!id.isEmpty());
        alice->accept(id);
        QVERIFY(!visitor.take(u"joined"_s).isEmpty());
        visitor.send(messageObject(u"m-1"_s, u"Dobrý den, žluťoučký kůň"_s));
        QCOMPARE(visitor.take(u"ack"_s).value("seq"_L1).toInt(), 2);
        QTRY_VERIFY(!operatorMessages(*alice, u"event"_s, id).isEmpty());
        alice->say(id, u"Hello from Alice"_s);
        QCOMPARE(visitor.take(u"message"_s).value("text"_L1).toString(), u"Hello from Alice"_s);

        alice.reset();
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.restart(), qPrintable(server.error()));

        JsonSocket resumed;
        QVERIFY(resumed.connectTo(server.url(),
            { { "conversation"_L1, id }, { "secret"_L1, secret }, { "lastSeq"_L1, 0 } }));
        const QJsonObject conversation = resumed.welcome.value("conversation"_L1).toObject();
        QCOMPARE(conversation.value("state"_L1).toString(), u"active"_s);
        QCOMPARE(conversation.value("operator"_L1).toString(), u"Alice"_s);
        QTRY_COMPARE(messageTexts(resumed),
            QStringList({ u"Dobrý den, žluťoučký kůň"_s, u"Hello from Alice"_s }));
        // The same clientId again is recognized, not stored twice.
        resumed.send(messageObject(u"m-1"_s, u"Dobrý den, žluťoučký kůň"_s));
        QCOMPARE(resumed.take(u"ack"_s).value("seq"_L1).toInt(), 2);

        OperatorClient aliceAgain(server.url());
        QVERIFY(aliceAgain.connectAs(u"alice"_s, u"alice-demo"_s));
        // Her snapshot holds the conversation with every message, read from PostgreSQL.
        QStringList stored;
        const QJsonArray conversations
            = aliceAgain.received(u"snapshot"_s).constFirst()[u"conversations"_s].toArray();
        for (const QJsonValue &c : conversations) {
            if (c[u"id"_s].toString() != id)
                continue;
            for (const QJsonValue &event : c[u"events"_s].toArray()) {
                if (event[u"type"_s].toString() == "message"_L1)
                    stored.append(event[u"text"_s].toString());
            }
        }
        QCOMPARE(stored, QStringList({ u"Dobrý den, žluťoučký kůň"_s, u"Hello from Alice"_s }));
        // A clientId of its own: the first socket's "op-1" is stored already.
        aliceAgain.send({ { "type"_L1, u"message"_s }, { "conversation"_L1, id },
            { "clientId"_L1, u"op-again"_s }, { "text"_L1, u"Still here"_s } });
        QTRY_VERIFY(messageTexts(resumed).contains(u"Still here"_s));
        QVERIFY(othersUnaffected(server.url(), aliceAgain));
    }

    // The message path's statements (a sequence number, the duplicate check and the
    // conversation in one UPDATE ... RETURNING) on both databases: a message resent with its
    // client id, in the same batch as the first or later, is answered with the first one's seq
    // and stored and announced once; the same client id from the other side is a message of its
    // own; a duplicate leaves no gap in the sequence.
    void duplicatesAnsweredWithTheFirstSeq_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }
    void duplicatesAnsweredWithTheFirstSeq()
    {
        QFETCH(bool, postgres);
        ServerProcess server;
        if (postgres) {
            QVERIFY(startServer(server));
        } else {
            QVERIFY2(server.start(), qPrintable(server.error()));
        }
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        JsonSocket visitor;
        QVERIFY(visitor.connectTo(server.url()));
        visitor.send(startObject(u"start-dup"_s));
        const QJsonObject created = visitor.take(u"created"_s);
        const QString id = created.value("conversation"_L1).toString();
        QVERIFY(!id.isEmpty());
        alice.accept(id);
        QCOMPARE(visitor.take(u"joined"_s).value("seq"_L1).toInt(), 1);

        // Sent at once, so that the repeat meets the first in one open batch.
        visitor.send(messageObject(u"m-a"_s, u"first"_s));
        visitor.send(messageObject(u"m-b"_s, u"second"_s));
        visitor.send(messageObject(u"m-a"_s, u"first"_s));
        QList<std::pair<QString, int>> acks;
        for (int i = 0; i < 3; ++i) {
            const QJsonObject ack = visitor.take(u"ack"_s);
            acks.append({ ack.value("clientId"_L1).toString(), ack.value("seq"_L1).toInt() });
        }
        std::sort(acks.begin(), acks.end());
        QCOMPARE(acks,
            (QList<std::pair<QString, int>> { { u"m-a"_s, 2 }, { u"m-a"_s, 2 }, { u"m-b"_s, 3 } }));
        // Later, after its commit.
        visitor.send(messageObject(u"m-a"_s, u"first"_s));
        QCOMPARE(visitor.take(u"ack"_s).value("seq"_L1).toInt(), 2);

        // The same client id from both sides: two messages.
        visitor.send(messageObject(u"x-1"_s, u"from the visitor"_s));
        QCOMPARE(visitor.take(u"ack"_s).value("seq"_L1).toInt(), 4);
        const auto operatorAcks = [&] {
            QList<int> seqs;
            for (const QJsonObject &m : alice.received(u"ack"_s))
                seqs.append(m.value("seq"_L1).toInt());
            return seqs;
        };
        const QJsonObject fromAlice { { "type"_L1, u"message"_s }, { "conversation"_L1, id },
            { "clientId"_L1, u"x-1"_s }, { "text"_L1, u"from the operator"_s } };
        alice.send(fromAlice);
        QTRY_COMPARE(operatorAcks(), QList<int>({ 5 }));
        alice.send(fromAlice);
        QTRY_COMPARE(operatorAcks(), QList<int>({ 5, 5 }));

        // No gap after the duplicates.
        visitor.send(messageObject(u"m-c"_s, u"third"_s));
        QCOMPARE(visitor.take(u"ack"_s).value("seq"_L1).toInt(), 6);
        QTRY_COMPARE(messageTexts(alice, id),
            QStringList({ u"first"_s, u"second"_s, u"from the visitor"_s, u"third"_s }));
        QCOMPARE(messageTexts(visitor), QStringList({ u"from the operator"_s }));

        // Every event once, in order, as a resuming visitor reads them back.
        JsonSocket resumed;
        QVERIFY(resumed.connectTo(server.url(),
            { { "conversation"_L1, id }, { "secret"_L1, created.value("secret"_L1) },
                { "lastSeq"_L1, 0 } }));
        QTRY_COMPARE(messageTexts(resumed),
            QStringList({ u"first"_s, u"second"_s, u"from the visitor"_s, u"from the operator"_s,
                u"third"_s }));
    }

    // Beyond what a company keeps, the oldest offline messages are pruned, on PostgreSQL too.
    void offlineItemsPruned()
    {
        ServerProcess server;
        server.setExtraArguments(
            { u"--offline-per-hour"_s, u"1000"_s, u"--offline-keep"_s, u"5"_s });
        QString database;
        QVERIFY(startServer(server, &database));
        JsonSocket visitor;
        QVERIFY(visitor.connectTo(server.url()));
        for (int i = 0; i < 8; ++i) {
            visitor.send({ { "type"_L1, u"leaveMessage"_s }, { "clientId"_L1, u"p-%1"_s.arg(i) },
                { "fields"_L1, QJsonObject { { "name"_L1, u"Jana"_s } } },
                { "text"_L1, u"p-%1"_s.arg(i) } });
            QVERIFY(!visitor.take(u"received"_s).isEmpty());
        }
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.restart(), qPrintable(server.error()));
        // Pruned as the server starts.
        QTRY_COMPARE(
            m_postgres.query(database, u"SELECT body FROM offline_items ORDER BY created, body"_s),
            u"p-3\np-4\np-5\np-6\np-7"_s);
    }

    // --import-only fills the database and exits; a file with an error changes nothing.
    void importOnly()
    {
        const QString database = m_postgres.createDatabase();
        QVERIFY2(!database.isEmpty(), qPrintable(m_postgres.error()));
        const auto environment = m_postgres.environment(PostgresProcess::password());
        const QStringList db { u"--db"_s, m_postgres.url(database) };
        Run run = runServer(
            db + QStringList { u"--import"_s, demoFile(), u"--import-only"_s }, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QCOMPARE(m_postgres.query(database, u"SELECT version FROM schema_version"_s),
            QString::number(OWidget::Server::Database::latestSchemaVersion()));
        QCOMPARE(m_postgres.query(database, u"SELECT login FROM operators ORDER BY login"_s),
            u"alice\nbob\ncarol"_s);

        // Again: the company is replaced, not doubled.
        run = runServer(
            db + QStringList { u"--import"_s, demoFile(), u"--import-only"_s }, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        QCOMPARE(m_postgres.query(database, u"SELECT count(*) FROM operators"_s), u"3"_s);

        QTemporaryDir dir;
        QFile broken(dir.filePath(u"broken.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"companies": [{"id": "not-a-guid", "name": "X"}]})");
        broken.close();
        run = runServer(
            db + QStringList { u"--import"_s, broken.fileName(), u"--import-only"_s }, environment);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(u"broken.json"_s), qPrintable(run.output));
        QCOMPARE(m_postgres.query(database, u"SELECT count(*) FROM operators"_s), u"3"_s);
    }

    // Servers that start at once on a new database migrate it once, one after the other, and
    // all come up (several instances of one service share a database).
    void simultaneousStartsMigrateOnce()
    {
        const QString database = m_postgres.createDatabase();
        QVERIFY2(!database.isEmpty(), qPrintable(m_postgres.error()));
        std::vector<std::unique_ptr<QProcess>> servers;
        for (int i = 0; i < 4; ++i) {
            auto &server = servers.emplace_back(std::make_unique<QProcess>());
            server->setProcessEnvironment(m_postgres.environment(PostgresProcess::password()));
            server->setProcessChannelMode(QProcess::MergedChannels);
            server->setProgram(QStringLiteral(OWIDGET_SERVER_BINARY));
            server->setArguments(
                { u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, m_postgres.url(database) });
        }
        for (auto &server : servers)
            server->start();
        QByteArray outputs[4];
        const auto up = [&] {
            int listening = 0;
            for (size_t i = 0; i < servers.size(); ++i) {
                outputs[i] += servers.at(i)->readAll();
                listening += outputs[i].contains("listening on") ? 1 : 0;
            }
            return listening;
        };
        const auto exited = [&] {
            return std::any_of(servers.cbegin(), servers.cend(),
                [](const auto &server) { return server->state() == QProcess::NotRunning; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(up() == 4 || exited(), 20000);
        QVERIFY2(
            up() == 4, QByteArray(outputs[0] + outputs[1] + outputs[2] + outputs[3]).constData());
        for (auto &server : servers) {
            server->terminate();
            QVERIFY(server->waitForFinished(15000));
            QCOMPARE(server->exitCode(), 0);
        }
        QCOMPARE(m_postgres.query(database, u"SELECT version FROM schema_version"_s),
            QString::number(OWidget::Server::Database::latestSchemaVersion()));
    }

    // A database migrated by a newer server is refused, naming both versions.
    void newerSchemaRefused()
    {
        const QString database = m_postgres.createDatabase();
        QVERIFY2(!database.isEmpty(), qPrintable(m_postgres.error()));
        const auto environment = m_postgres.environment(PostgresProcess::password());
        const QStringList db { u"--db"_s, m_postgres.url(database) };
        Run run = runServer(
            db + QStringList { u"--import"_s, demoFile(), u"--import-only"_s }, environment);
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        bool ok = false;
        m_postgres.query(database, u"UPDATE schema_version SET version = 99"_s, &ok);
        QVERIFY2(ok, qPrintable(m_postgres.error()));

        ServerProcess server;
        useDatabase(server, m_postgres, database);
        QVERIFY(!server.start());
        const QString expected
            = u"the database has schema version 99, newer than this server's %1"_s.arg(
                OWidget::Server::Database::latestSchemaVersion());
        QVERIFY2(server.error().contains(expected), qPrintable(server.error()));
        QCOMPARE(m_postgres.query(database, u"SELECT version FROM schema_version"_s), u"99"_s);
    }

    // The password from a file named by --db-password-file, with no PGPASSWORD.
    void passwordFromFile()
    {
        const QString database = m_postgres.createDatabase();
        QVERIFY2(!database.isEmpty(), qPrintable(m_postgres.error()));
        QTemporaryDir dir;
        QFile file(dir.filePath(u"password"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(PostgresProcess::password().toUtf8() + '\n');
        file.close();
        ServerProcess server;
        server.setDatabase(m_postgres.url(database));
        server.setEnvironment(m_postgres.environment({}));
        server.setExtraArguments({ u"--db-password-file"_s, file.fileName() });
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        QVERIFY(othersUnaffected(server.url(), alice));
    }

    // Every way --db can be wrong ends the server at once with a message that says what is
    // wrong, and never repeats a password.
    void badDatabaseRefused_data()
    {
        QTest::addColumn<QString>("location");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("expected");

        const QString port = QString::number(m_postgres.port());
        const QString good = PostgresProcess::password();
        QTest::newRow("password in the URL")
            << u"postgresql://owidget:%1@127.0.0.1:%2/postgres"_s.arg(good, port) << QString()
            << u"the URL holds a password, which is refused"_s;
        QTest::newRow("password as a parameter")
            << u"postgresql://owidget@127.0.0.1:%2/postgres?password=%1"_s.arg(good, port)
            << QString() << u"the URL holds a password, which is refused"_s;
        QTest::newRow("no user") << u"postgresql://127.0.0.1:%1/postgres"_s.arg(port) << good
                                 << u"the URL names no user"_s;
        QTest::newRow("no database") << u"postgresql://owidget@127.0.0.1:%1/"_s.arg(port) << good
                                     << u"the URL names no database"_s;
        QTest::newRow("unknown parameter")
            << u"postgresql://owidget@127.0.0.1:%1/postgres?host=elsewhere"_s.arg(port) << good
            << u"unknown URL parameter 'host'"_s;
        QTest::newRow("unknown engine") << u"mysql://owidget@127.0.0.1:%1/postgres"_s.arg(port)
                                        << good << u"unknown database type 'mysql'"_s;
        QTest::newRow("not a URL")
            << u"postgresql://owidget@127.0.0.1:99999/postgres"_s << good << u"not a valid URL"_s;
        QTest::newRow("wrong password")
            << m_postgres.url(u"postgres"_s) << u"not-the-password"_s
            << u"cannot connect to the PostgreSQL database 'postgres' at 127.0.0.1:%1 as "
               u"'owidget': "_s.arg(port);
        QTest::newRow("no password") << m_postgres.url(u"postgres"_s) << QString()
                                     << u"cannot connect to the PostgreSQL database"_s;
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 nobody = closed.serverPort();
        closed.close();
        QTest::newRow("nothing listening")
            << u"postgresql://owidget@127.0.0.1:%1/postgres"_s.arg(nobody) << good
            << u"cannot connect to the PostgreSQL database 'postgres' at 127.0.0.1:%1"_s.arg(
                   nobody);
    }

    void badDatabaseRefused()
    {
        QFETCH(QString, location);
        QFETCH(QString, password);
        QFETCH(QString, expected);
        const Run run = runServer({ u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s, location },
            m_postgres.environment(password));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(expected), qPrintable(run.output));
        QVERIFY2(!run.output.contains(PostgresProcess::password()), qPrintable(run.output));
        QVERIFY2(!run.output.contains(u"listening on"_s), qPrintable(run.output));
    }

    // /v1/health on SQLite: the schema version, and no word of where the data is. A load
    // balancer's checks from one address are never refused as too many.
    void healthOnSqlite()
    {
        ServerProcess server;
        server.setExtraArguments({ u"--message-rate"_s, u"2"_s });
        QVERIFY2(server.start(), qPrintable(server.error()));
        const QUrl health = server.url().resolved(QUrl(u"v1/health"_s));
        for (int i = 0; i < 10; ++i) {
            const HttpAnswer answer = get(health);
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.body,
                QJsonObject({ { "status"_L1, u"ok"_s },
                    { "schemaVersion"_L1, OWidget::Server::Database::latestSchemaVersion() } }));
        }
        // Other routes are: the same address is over its rate now.
        QTRY_COMPARE(get(server.url().resolved(QUrl(u"v1/config?company=x"_s))).status, 429);
    }

    // /v1/health answers 200 while PostgreSQL answers, 503 once it stopped, and 200 again
    // once it is back, when the server talks to it again.
    void healthFollowsPostgres()
    {
        ServerProcess server;
        QVERIFY(startServer(server));
        const QUrl health = server.url().resolved(QUrl(u"v1/health"_s));
        HttpAnswer answer = get(health);
        QCOMPARE(answer.status, 200);
        QCOMPARE(answer.body,
            QJsonObject({ { "status"_L1, u"ok"_s },
                { "schemaVersion"_L1, OWidget::Server::Database::latestSchemaVersion() } }));

        QVERIFY2(m_postgres.stop(), qPrintable(m_postgres.error()));
        answer = get(health);
        QCOMPARE(answer.status, 503);
        QCOMPARE(answer.body.value("status"_L1).toString(), u"unavailable"_s);
        const QByteArray text = QJsonDocument(answer.body).toJson();
        QVERIFY2(!text.contains("owidget_") && !text.contains("127.0.0.1"), text.constData());
        QVERIFY(server.isRunning());

        QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
        QTRY_COMPARE_WITH_TIMEOUT(get(health).status, 200, 20000);
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        QVERIFY(othersUnaffected(server.url(), alice));
    }
};

QTEST_GUILESS_MAIN(tst_ServerPostgres)
#include "tst_server_postgres.moc"
