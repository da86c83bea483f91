// What the real owidget-server writes and stores for one client, under abuse: offline items
// within quotas and a console snapshot of bounded size, a resume replay that pins bounded
// memory however long the conversation, a client's messages kept in order past a refusal.
// Many writes at once are tst_server_turns'. After each row a well-behaved visitor and operator
// still talk.

#include "jsonsocket.h"
#include "rawhttp.h"
#include "rawwebsocket.h"
#include "serverprocess.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>
#include <set>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

QJsonObject leaveMessageObject(const QString &clientId, const QString &text)
{
    return { { "type"_L1, u"leaveMessage"_s }, { "clientId"_L1, clientId },
        { "fields"_L1, QJsonObject { { "name"_L1, u"Jana"_s } } }, { "text"_L1, text } };
}

using Visitor = JsonSocket;

// Leaves `count` offline messages over `sockets` connections, then waits for every answer;
// the messages' texts are "<prefix><n>". Returns the answers, `received` or `error`.
QList<QJsonObject> leaveMessages(
    const QUrl &server, int count, int sockets, const QString &prefix, const QString &padding = {})
{
    std::vector<std::unique_ptr<Visitor>> visitors;
    for (int i = 0; i < sockets; ++i) {
        visitors.push_back(std::make_unique<Visitor>());
        if (!visitors.back()->connectTo(server))
            return {};
    }
    for (int i = 0; i < count; ++i) {
        visitors.at(size_t(i % sockets))
            ->send(leaveMessageObject(
                prefix + QString::number(i), prefix + QString::number(i) + padding));
    }
    QList<QJsonObject> answers;
    const auto answered = [&] {
        qsizetype n = 0;
        for (const auto &v : visitors)
            n += v->count(u"received"_s) + v->count(u"error"_s);
        return n;
    };
    static_cast<void>(QTest::qWaitFor([&] { return answered() >= count; }, 60000));
    for (const auto &v : visitors)
        answers.append(v->received);
    return answers;
}

} // namespace

class TestServerFlow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void offlineQuotaPerAddress();
    void operatorSnapshotBounded();
    void offlineItemsPruned();
    void resumeReplayBounded_data();
    void resumeReplayBounded();
    void resumeReplayExactlyOnce();
    void messagesKeepTheirOrderPastARefusal();
    void operatorHistoryPaged();
    void waitingPerAddress();

private:
    QTemporaryDir m_dir;
    QStringList m_tlsArguments;
};

// A self-signed certificate for the rows on the TLS listener.
void TestServerFlow::initTestCase()
{
    QString cert;
    QString key;
    QVERIFY2(makeCertificate(m_dir, &cert, &key), "openssl is needed to make a test certificate");
    m_tlsArguments = { u"--tls-cert"_s, cert, u"--tls-key"_s, key };
}

// One address leaving offline messages over many sockets: stored up to its quota, the rest
// refused with rate_limited, nothing stored half; the console's snapshot holds what was stored.
void TestServerFlow::offlineQuotaPerAddress()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));

    constexpr int sent = 60;
    constexpr int quota = 10; // the server's default --offline-per-hour
    const QList<QJsonObject> answers = leaveMessages(server.url(), sent, 6, u"om-"_s);
    int received = 0;
    int limited = 0;
    for (const QJsonObject &a : answers) {
        received += a.value("type"_L1).toString() == "received"_L1;
        limited += a.value("code"_L1).toString() == "rate_limited"_L1
            && a.value("clientId"_L1).toString().startsWith("om-"_L1);
    }
    qInfo("offline quota: %d sent from one address, %d received, %d rate_limited", sent, received,
        limited);
    QCOMPARE(received, quota);
    QCOMPARE(limited, sent - quota);

    // A repeated client id of a stored one is answered as before, and stored once.
    Visitor again;
    QVERIFY(again.connectTo(server.url()));
    const QJsonObject firstReceived = [&] {
        for (const QJsonObject &a : answers) {
            if (a.value("type"_L1).toString() == "received"_L1)
                return a;
        }
        return QJsonObject();
    }();
    const QString storedId = firstReceived.value("clientId"_L1).toString();
    again.send(leaveMessageObject(storedId, storedId));
    QCOMPARE(again.take(u"received"_s).value("clientId"_L1).toString(), storedId);

    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    const QJsonObject snapshot = alice.received(u"snapshot"_s).value(0);
    QCOMPARE(snapshot.value("offlineMessages"_L1).toArray().size(), quota);
    QVERIFY(onlineAndUnaffected(server.url(), alice));
}

// Many offline messages stored (a deployer's generous quota): an operator's login is sent the
// newest of them and the count of the rest, and the operator stays connected.
void TestServerFlow::operatorSnapshotBounded()
{
    ServerProcess server;
    server.setExtraArguments(
        { u"--message-rate"_s, u"1000"_s, u"--offline-per-hour"_s, u"100000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));

    constexpr int stored = 600;
    const QString padding(3000, QChar(0x4e2d)); // 9,000 bytes of UTF-8 each
    const auto receivedCount = [](const QList<QJsonObject> &answers) {
        return std::count_if(answers.cbegin(), answers.cend(),
            [](const QJsonObject &a) { return a.value("type"_L1).toString() == "received"_L1; });
    };
    QCOMPARE(
        receivedCount(leaveMessages(server.url(), stored - 1, 8, u"big-"_s, padding)), stored - 1);
    QCOMPARE(receivedCount(leaveMessages(server.url(), 1, 1, u"newest-"_s, padding)), 1);

    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    const qint64 snapshotBytes = alice.bytesReceived();
    const QJsonObject snapshot = alice.received(u"snapshot"_s).value(0);
    const QJsonArray items = snapshot.value("offlineMessages"_L1).toArray();
    const qint64 more = snapshot.value("offlineMessagesMore"_L1).toInteger();
    qInfo("snapshot: %lld bytes with %lld of %d offline messages (%lld more)", snapshotBytes,
        qint64(items.size()), stored, more);
    QVERIFY2(items.size() <= 100, qPrintable(u"%1 items in the snapshot"_s.arg(items.size())));
    QCOMPARE(items.size() + more, qint64(stored));
    // The newest are the ones shown.
    QVERIFY(items.last().toObject().value("text"_L1).toString().startsWith("newest-0"_L1));
    QVERIFY(snapshotBytes < 100 * 10000 + 64 * 1024);

    QVERIFY(onlineAndUnaffected(server.url(), alice));
    QVERIFY(alice.isConnected());
}

// Beyond what a company keeps, the oldest are pruned (at start, then periodically).
void TestServerFlow::offlineItemsPruned()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s, u"--offline-per-hour"_s, u"100000"_s,
        u"--offline-keep"_s, u"50"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    constexpr int stored = 80;
    // Over one socket, so that they are stored in the order they are sent.
    QCOMPARE(leaveMessages(server.url(), stored, 1, u"p-"_s).size(), qsizetype(stored));
    QCOMPARE(server.stop(), 0);
    QVERIFY2(server.restart(), qPrintable(server.error()));

    OperatorClient alice(server.url());
    // Waited for, then checked once: each try is a login of its own.
    QVERIFY(QTest::qWaitFor(
        [&] {
            OperatorClient probe(server.url());
            if (!probe.connectAs(u"alice"_s, u"alice-demo"_s))
                return false;
            const QJsonObject s = probe.received(u"snapshot"_s).value(0);
            return s.value("offlineMessages"_L1).toArray().size()
                + s.value("offlineMessagesMore"_L1).toInteger()
                == 50;
        },
        20000));
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    const QJsonArray items
        = alice.received(u"snapshot"_s).value(0).value("offlineMessages"_L1).toArray();
    std::set<QString> texts;
    for (const QJsonValue &v : items)
        texts.insert(v.toObject().value("text"_L1).toString());
    QCOMPARE(texts.size(), size_t(50));
    QVERIFY(texts.count(u"p-%1"_s.arg(stored - 1)) == 1);
    QVERIFY(texts.count(u"p-%1"_s.arg(stored - 50)) == 1);
    QVERIFY(texts.count(u"p-%1"_s.arg(stored - 51)) == 0);
}

namespace {

// A conversation of `messages` operator messages of 12,000 bytes each; its id and secret.
struct LongConversation
{
    QString id;
    QString secret;
    qint64 lastSeq = 0;
};

LongConversation longConversation(const QUrl &server, OperatorClient &alice, int messages)
{
    Visitor visitor;
    if (!visitor.connectTo(server))
        return {};
    visitor.send(startObject(u"long"_s));
    const QJsonObject created = visitor.take(u"created"_s);
    LongConversation c { created.value("conversation"_L1).toString(),
        created.value("secret"_L1).toString() };
    alice.accept(c.id);
    if (!QTest::qWaitFor(
            [&] { return !operatorMessages(alice, u"conversation"_s, c.id).isEmpty(); }))
        return {};
    const QString text(4000, QChar(0x4e2d));
    const qsizetype acksBefore = alice.received(u"ack"_s).size();
    for (int i = 0; i < messages; ++i) {
        alice.say(c.id, text);
        if (i % 100 == 99
            && !QTest::qWaitFor(
                [&] { return alice.received(u"ack"_s).size() - acksBefore > i - 100; }, 30000))
            return {};
    }
    if (!QTest::qWaitFor(
            [&] { return alice.received(u"ack"_s).size() - acksBefore == messages; }, 60000))
        return {};
    c.lastSeq = alice.received(u"ack"_s).constLast().value("seq"_L1).toInteger();
    return c;
}

QJsonObject resumeObject(const LongConversation &c, qint64 lastSeq = 0)
{
    return { { "conversation"_L1, c.id }, { "secret"_L1, c.secret }, { "lastSeq"_L1, lastSeq } };
}

} // namespace

void TestServerFlow::resumeReplayBounded_data()
{
    QTest::addColumn<bool>("tls");
    QTest::newRow("plain") << false;
    QTest::newRow("tls") << true;
}

// Clients that resume a long conversation from its start and never read: the server's memory
// grows by at most what the unsent-bytes limit allows each, not by the conversation's size.
void TestServerFlow::resumeReplayBounded()
{
    QFETCH(bool, tls);
    ServerProcess server;
    server.setExtraArguments(
        QStringList { u"--message-rate"_s, u"1000"_s } + (tls ? m_tlsArguments : QStringList()));
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    constexpr int messages = 1000; // 12 MB of history
    const LongConversation c = longConversation(server.url(), alice, messages);
    QVERIFY(!c.id.isEmpty());

    constexpr int clients = 8;
    const qint64 rssBefore = residentKiB(server.processId());
    std::vector<std::unique_ptr<QSslSocket>> stalled;
    for (int i = 0; i < clients; ++i) {
        auto socket = std::make_unique<QSslSocket>();
        QVERIFY(connectWithSmallReceiveBuffer(*socket, quint16(server.url().port())));
        if (tls) {
            socket->setPeerVerifyMode(QSslSocket::VerifyNone);
            socket->startClientEncryption();
            QVERIFY(QTest::qWaitFor([&] { return socket->isEncrypted(); }, 10000));
        }
        QByteArray head;
        const auto exchange = [&](const QByteArray &bytes, const QByteArray &until) {
            socket->write(bytes);
            return QTest::qWaitFor([&] {
                head += socket->read(4096);
                return head.contains(until);
            });
        };
        QVERIFY(exchange(upgradeRequest(server.url()), "\r\n\r\n"));
        // From the welcome on, it reads nothing.
        socket->setReadBufferSize(4096);
        QVERIFY(
            exchange(clientFrame(0x1, json(helloObject(resumeObject(c))).toUtf8()), "\"welcome\""));
        stalled.push_back(std::move(socket));
    }
    // A round trip through the server after the resumes: it has written what it will.
    QVERIFY(othersUnaffected(server.url(), alice));
    const qint64 rssAfter = residentKiB(server.processId());
    const qint64 grownKiB = rssAfter - rssBefore;
    qInfo("resume replay: %d clients not reading a %d-message conversation (%d MB); server RSS "
          "%lld -> %lld KiB (+%lld)",
        clients, messages, messages * 12 / 1000, rssBefore, rssAfter, grownKiB);
    // Each may pin at most the 4 MiB unsent-bytes limit; and some room for the allocator.
    const qint64 boundKiB = clients * 4 * 1024 + 16 * 1024;
    QVERIFY2(grownKiB < boundKiB,
        qPrintable(
            u"the server grew by %1 KiB for %2 stalled clients"_s.arg(grownKiB).arg(clients)));
    QVERIFY(alice.isConnected());
}

// A client that reads gets the replay and the live events that arrive during it, each event
// exactly once, in order.
void TestServerFlow::resumeReplayExactlyOnce()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    const LongConversation c = longConversation(server.url(), alice, 400);
    QVERIFY(!c.id.isEmpty());

    Visitor reader;
    QVERIFY(reader.connectTo(server.url(), resumeObject(c, 5)));
    // Live messages while the replay is still being written.
    constexpr int live = 100;
    for (int i = 0; i < live; ++i)
        alice.say(c.id, u"live %1"_s.arg(i));
    const qint64 last = c.lastSeq + live;
    QTRY_VERIFY_WITH_TIMEOUT(
        std::any_of(reader.received.cbegin(), reader.received.cend(),
            [&](const QJsonObject &m) { return m.value("seq"_L1).toInteger() == last; }),
        60000);
    QList<qint64> seqs;
    for (const QJsonObject &m : std::as_const(reader.received)) {
        if (m.contains("seq"_L1))
            seqs.append(m.value("seq"_L1).toInteger());
    }
    QCOMPARE(seqs.size(), qsizetype(last - 5));
    for (qsizetype i = 0; i < seqs.size(); ++i)
        QCOMPARE(seqs.at(i), 6 + i);
    const auto lastEvent = std::find_if(reader.received.crbegin(), reader.received.crend(),
        [](const QJsonObject &m) { return m.contains("seq"_L1); });
    QCOMPARE(lastEvent->value("text"_L1).toString(), u"live %1"_s.arg(live - 1));
    QVERIFY(othersUnaffected(server.url(), alice));
}

// A client that resumes and writes more than the server holds during the replay gets the rest
// refused; the messages it writes after the replay are refused too until the refused ones come
// again, so none overtakes them: the conversation keeps the order the visitor wrote.
void TestServerFlow::messagesKeepTheirOrderPastARefusal()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    const LongConversation c = longConversation(server.url(), alice, 400);
    QVERIFY(!c.id.isEmpty());

    // Resumed from the start and not read: the replay stays unfinished meanwhile.
    QTcpSocket socket;
    QVERIFY(connectWithSmallReceiveBuffer(socket, quint16(server.url().port())));
    QByteArray bytes;
    const auto readUntil = [&](const QByteArray &until) {
        return QTest::qWaitFor([&] {
            bytes += socket.readAll();
            return bytes.contains(until);
        });
    };
    socket.write(upgradeRequest(server.url()));
    QVERIFY(readUntil("\r\n\r\n"));
    bytes.remove(0, bytes.indexOf("\r\n\r\n") + 4);
    socket.setReadBufferSize(4096);
    socket.write(clientFrame(0x1, json(helloObject(resumeObject(c))).toUtf8()));
    QVERIFY(readUntil("\"welcome\""));
    const auto say = [&](const QString &clientId) {
        socket.write(clientFrame(0x1,
            json({ { "type"_L1, u"message"_s }, { "clientId"_L1, clientId },
                     { "text"_L1, clientId } })
                .toUtf8()));
    };
    constexpr int held = 64; // the server's Limits::MaxRequestsDuringReplay
    for (int i = 0; i < held + 2; ++i)
        say(u"m-%1"_s.arg(i));

    // Read on: the replay ends, the held messages are stored, the two after refused.
    const int roomy = 1 << 20; // a 4 KiB window takes a minute for the replay's megabytes
    ::setsockopt(int(socket.socketDescriptor()), SOL_SOCKET, SO_RCVBUF, &roomy, sizeof roomy);
    socket.setReadBufferSize(0);
    QMap<QString, QJsonObject> answers; // by client id, the latest
    const auto answered = [&](const QString &clientId, const QString &type) {
        return QTest::qWaitFor(
            [&] {
                bytes += socket.readAll();
                for (const QByteArray &m : takeServerMessages(bytes)) {
                    const QJsonObject o = QJsonDocument::fromJson(m).object();
                    if (o.contains("clientId"_L1))
                        answers.insert(o.value("clientId"_L1).toString(), o);
                }
                const QJsonObject a = answers.value(clientId);
                return a.value("type"_L1).toString() == type
                    && (type != "error"_L1 || a.value("code"_L1).toString() == "rate_limited"_L1);
            },
            60000);
    };
    QVERIFY(answered(u"m-%1"_s.arg(held - 1), u"ack"_s));
    QVERIFY(answered(u"m-%1"_s.arg(held), u"error"_s));
    QVERIFY(answered(u"m-%1"_s.arg(held + 1), u"error"_s));

    // Written after the replay, before the refused ones come again: refused as well.
    say(u"m-%1"_s.arg(held + 2));
    QVERIFY(answered(u"m-%1"_s.arg(held + 2), u"error"_s));
    // Sent again in order, with one already stored among them: each stored once, in order.
    for (int i = held - 1; i < held + 3; ++i)
        say(u"m-%1"_s.arg(i));
    QVERIFY(answered(u"m-%1"_s.arg(held + 2), u"ack"_s));
    qint64 previous = 0;
    for (int i = 0; i < held + 3; ++i) {
        const QJsonObject ack = answers.value(u"m-%1"_s.arg(i));
        QCOMPARE(ack.value("type"_L1).toString(), u"ack"_s);
        QVERIFY2(ack.value("seq"_L1).toInteger() > previous, qPrintable(json(ack)));
        previous = ack.value("seq"_L1).toInteger();
    }
    QCOMPARE(previous, c.lastSeq + held + 3);
    QVERIFY(othersUnaffected(server.url(), alice));
}

namespace {

// The session cookie of a login, as `name=value`.
QByteArray loginCookie(const QUrl &server, const QString &login, const QString &password)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(server.resolved(QUrl(u"v1/operator/login"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    std::unique_ptr<QNetworkReply> reply(nam.post(request,
        QJsonDocument(QJsonObject { { "login"_L1, login }, { "password"_L1, password } })
            .toJson()));
    static_cast<void>(QTest::qWaitFor([&] { return reply->isFinished(); }, 15000));
    const QByteArray setCookie = reply->rawHeader("Set-Cookie"_ba);
    return setCookie.left(setCookie.indexOf(';'));
}

} // namespace

// Consoles of an operator with a long conversation that log in and never read: the server's
// memory grows by at most the unsent-bytes limit each. A console that reads gets every event
// of it once: the newest with the conversation, the earlier ones in pages.
void TestServerFlow::operatorHistoryPaged()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    constexpr int messages = 1000; // 12 MB of history
    const LongConversation c = longConversation(server.url(), alice, messages);
    QVERIFY(!c.id.isEmpty());
    const QByteArray cookie = loginCookie(server.url(), u"alice"_s, u"alice-demo"_s);
    QVERIFY(!cookie.isEmpty());

    constexpr int consoles = 8;
    const qint64 rssBefore = residentKiB(server.processId());
    std::vector<std::unique_ptr<QTcpSocket>> stalled;
    for (int i = 0; i < consoles; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QVERIFY(connectWithSmallReceiveBuffer(*socket, quint16(server.url().port())));
        QByteArray head;
        socket->write(
            upgradeRequest(server.url(), "/v1/operator/socket", "Cookie: " + cookie + "\r\n"));
        QVERIFY(QTest::qWaitFor([&] {
            head += socket->read(4096);
            // The snapshot's first key (a message's keys are written in order).
            return head.contains("{\"availability\"");
        }));
        // From the snapshot's first bytes on, it reads nothing.
        socket->setReadBufferSize(4096);
        stalled.push_back(std::move(socket));
    }
    // A round trip through the server after the logins: it has written what it will.
    QVERIFY(othersUnaffected(server.url(), alice));
    const qint64 rssAfter = residentKiB(server.processId());
    const qint64 grownKiB = rssAfter - rssBefore;
    qInfo("operator history: %d consoles not reading a %d-message conversation; server RSS "
          "%lld -> %lld KiB (+%lld)",
        consoles, messages, rssBefore, rssAfter, grownKiB);
    const qint64 boundKiB = consoles * 4 * 1024 + 16 * 1024;
    QVERIFY2(grownKiB < boundKiB,
        qPrintable(
            u"the server grew by %1 KiB for %2 stalled consoles"_s.arg(grownKiB).arg(consoles)));

    // A console that reads: every event once.
    OperatorClient reader(server.url());
    QVERIFY(reader.connectAs(u"alice"_s, u"alice-demo"_s));
    const auto seqs = [&] {
        QList<qint64> all;
        for (const QJsonObject &m : reader.received()) {
            const QString type = m.value("type"_L1).toString();
            QJsonArray events;
            if (type == "snapshot"_L1) {
                for (const QJsonValue &v : m.value("conversations"_L1).toArray()) {
                    if (v.toObject().value("id"_L1).toString() == c.id)
                        events = v.toObject().value("events"_L1).toArray();
                }
            } else if (type == "events"_L1 && m.value("conversation"_L1).toString() == c.id) {
                events = m.value("events"_L1).toArray();
            }
            for (const QJsonValue &e : std::as_const(events))
                all.append(e.toObject().value("seq"_L1).toInteger());
        }
        std::sort(all.begin(), all.end());
        return all;
    };
    QTRY_COMPARE_WITH_TIMEOUT(seqs().size(), qsizetype(c.lastSeq), 30000);
    const QList<qint64> all = seqs();
    for (qsizetype i = 0; i < all.size(); ++i)
        QCOMPARE(all.at(i), i + 1);
}

// One address may keep only so many conversations waiting; others still start theirs.
void TestServerFlow::waitingPerAddress()
{
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.error()));
    constexpr int cap = 10; // the server's default --waiting-per-address
    std::vector<std::unique_ptr<Visitor>> visitors;
    int created = 0;
    int limited = 0;
    for (int i = 0; i < cap + 3; ++i) {
        visitors.push_back(std::make_unique<Visitor>());
        Visitor &v = *visitors.back();
        QVERIFY(v.connectTo(server.url()));
        v.send(startObject(u"w%1"_s.arg(i)));
        QTRY_VERIFY(v.count(u"created"_s) + v.count(u"error"_s) > 0);
        created += v.count(u"created"_s) > 0;
        limited += v.take(u"error"_s, 0).value("code"_L1).toString() == "rate_limited"_L1;
    }
    QCOMPARE(created, cap);
    QCOMPARE(limited, 3);

    // Once one of them is no longer waiting, the address may start another.
    visitors.front()->send(QJsonObject { { "type"_L1, u"end"_s } });
    QVERIFY(!visitors.front()->take(u"ended"_s).isEmpty());
    Visitor next;
    QVERIFY(next.connectTo(server.url()));
    next.send(startObject(u"next"_s));
    QVERIFY(!next.take(u"created"_s).isEmpty());
    for (auto &v : visitors)
        v->send(QJsonObject { { "type"_L1, u"end"_s } });
    next.send(QJsonObject { { "type"_L1, u"end"_s } });
    QVERIFY(!next.take(u"ended"_s).isEmpty());

    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    QVERIFY(onlineAndUnaffected(server.url(), alice));
}

QTEST_GUILESS_MAIN(TestServerFlow)
#include "tst_server_flow.moc"
