// Delivery under faults: a visitor's controller and an operator exchange thousands of messages,
// the visitor's with a few files among them, and read marks, through the real owidget-server
// while the links are cut, stalled and delayed, the server is killed with SIGKILL, or the host
// program closes and opens again. At the end nothing is lost, nothing shows twice, each file is
// stored once, and both sides see each side's messages in the order they were written.
//
// The faults come every 1–10 seconds of traffic, scaled down so that the test takes under a
// minute. A longer run: OWIDGET_FAULT_MESSAGES=20000 OWIDGET_FAULT_SCALE=1 (faults every 1–10
// real seconds).
#include "faultproxy.h"
#include "filledform.h"
#include "reliableoperator.h"
#include "serverprocess.h"
#include "testimages.h"

#include <owidget/controller.h>

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidgetTest::filledForm;
using OWidgetTest::ReliableOperator;

namespace {

int messagesPerSide()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("OWIDGET_FAULT_MESSAGES", &ok);
    return ok && n > 0 ? n : 1500;
}

double timeScale()
{
    bool ok = false;
    const double scale = qEnvironmentVariable("OWIDGET_FAULT_SCALE").toDouble(&ok);
    return ok && scale > 0 ? scale : 0.1;
}

// A random moment 1–10 seconds of traffic from now, scaled.
int nextFaultMsecs(QRandomGenerator &random)
{
    return int(random.bounded(1000, 10001) * timeScale());
}

// The visitor sends this many pictures among its texts, spread evenly. They are pasted data,
// whose copy the library keeps until the server has it, through a restart of the host program.
constexpr int FilesPerRun = 5;

bool isFile(int index, int count)
{
    const int every = qMax(1, count / FilesPerRun);
    return index % every == every / 2;
}

QString fileName(int index)
{
    return u"f-%1.png"_s.arg(index);
}

// A picture of about 200 kB: its upload takes long enough for faults to fall in it.
QByteArray fileBytes(int index)
{
    QByteArray bytes = TestImages::encoded(64, 48 + index % 16);
    bytes.append(QByteArray(200 * 1024 + index, 'x'));
    return bytes;
}

// How a message reads in the checks: its text, or the name and size of its file.
QString said(const QString &text, const QString &file, qint64 size)
{
    return file.isEmpty() ? text : u"%1 (%2 bytes)"_s.arg(file).arg(size);
}

QString eventSaid(const QJsonObject &event)
{
    const QJsonObject attachment = event[u"attachment"_s].toObject();
    return said(event[u"text"_s].toString(), attachment[u"name"_s].toString(),
        attachment[u"size"_s].toInteger());
}

// What the visitor writes, in order.
QStringList visitorWrites(int count)
{
    QStringList list;
    for (int i = 0; i < count; ++i)
        list.append(
            isFile(i, count) ? said({}, fileName(i), fileBytes(i).size()) : u"v-%1"_s.arg(i));
    return list;
}

// The greatest seq among a visitor's messages: what it has seen when its window is at the end.
qint64 highestSeq(const Controller &visitor)
{
    qint64 seq = 0;
    for (const ChatMessage &message : visitor.messages())
        seq = qMax(seq, message.seq);
    return seq;
}

QStringList numbered(const QString &prefix, int count)
{
    QStringList list;
    for (int i = 0; i < count; ++i)
        list.append(prefix + QString::number(i));
    return list;
}

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private:
    enum class Fault { LinkCuts, ServerKills, HostRestarts };

    std::unique_ptr<Controller> newVisitor(const QUrl &url)
    {
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(url);
        controller->setReconnectBackoff(
            std::chrono::milliseconds(20), std::chrono::milliseconds(400));
        if (!controller->init(ServerProcess::demoCompany()))
            return nullptr;
        controller->connectToServer();
        // The window is open: the visitor reads as messages come (Controller::markRead).
        controller->openChat();
        // The operator's mark never goes back, whatever the links do.
        connect(controller.get(), &Controller::operatorReadSeqChanged, this,
            [this, last = qint64(0)](qint64 seq) mutable {
                m_operatorReadWentBack = m_operatorReadWentBack || seq < last;
                last = seq;
            });
        return controller;
    }

    void exchangeUnder(Fault fault);
    bool m_operatorReadWentBack = false;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QFile::remove(data + u"/owidget/sessions.json"_s);
        QDir(data + u"/owidget-uploads"_s).removeRecursively(); // what a failed run left
    }

    void linkCutStalledAndDelayed() { exchangeUnder(Fault::LinkCuts); }
    void serverKilledAndRestarted() { exchangeUnder(Fault::ServerKills); }
    void hostProgramClosedAndReopened() { exchangeUnder(Fault::HostRestarts); }
    void reconnectStormSpreadsOut();
    void serverKilledBeforeCreatedArrives();
};

// The server stores the conversation and dies before its `created` reaches the widget: the
// widget sends the same start to the restarted server, which answers with that conversation.
// One conversation in the queue, and it is the widget's: accepting it makes the chat active.
void tst_Faults::serverKilledBeforeCreatedArrives()
{
    ServerProcess server;
    QVERIFY2(server.start(), qPrintable(server.error()));
    FaultProxy proxy(quint16(server.url().port()));
    QVERIFY(proxy.listen());
    std::unique_ptr<Controller> visitor = newVisitor(proxy.url());
    QVERIFY(visitor);
    QTRY_COMPARE(visitor->connectionState(), ConnectionState::Connected);
    OperatorClient observer(server.url());
    QVERIFY(observer.connectAs(u"alice"_s, u"alice-demo"_s));

    // Every byte takes a second through the proxy: `created` is still on its way when the
    // server has stored the conversation.
    proxy.setDelay(1000);
    QVERIFY(visitor->startChat(filledForm(*visitor)));
    QTRY_VERIFY_WITH_TIMEOUT(!observer.firstQueued().isEmpty(), 10000);
    const QString id = observer.firstQueued();
    server.kill();
    proxy.cutAll(); // what was in flight, `created` with it, is lost
    proxy.setDelay(0);
    QCOMPARE(visitor->chatState(), ChatState::Starting);
    QVERIFY2(server.restart(), qPrintable(server.error()));

    QTRY_COMPARE_WITH_TIMEOUT(visitor->chatState(), ChatState::Waiting, 15000);
    QCOMPARE(visitor->queuePosition(), 1);
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    QCOMPARE(alice.queue().size(), 1);
    QCOMPARE(alice.firstQueued(), id);
    alice.setAvailability(u"online"_s);
    alice.accept(id);
    QTRY_COMPARE_WITH_TIMEOUT(visitor->chatState(), ChatState::Active, 10000);
}

// 500 widgets lose a server that comes back three seconds later. With the default backoff (the
// first retry at once, then full jitter from 1 s) they come back spread over seconds, not all
// in the same instant.
void tst_Faults::reconnectStormSpreadsOut()
{
    constexpr int Clients = 500;
    ServerProcess server;
    // No rate limit: the spread measured is the widgets' own, not the server's refusals. All
    // 500 come from one address, over the default cap per address.
    server.setExtraArguments(
        { u"--message-rate"_s, u"100000"_s, u"--max-connections-per-address"_s, u"100000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));

    std::vector<std::unique_ptr<Controller>> widgets;
    for (int i = 0; i < Clients; ++i) {
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server.url());
        QVERIFY(controller->init(ServerProcess::demoCompany(), {}, {}, u"client-%1"_s.arg(i)));
        controller->connectToServer();
        widgets.push_back(std::move(controller));
    }
    const auto connected = [&] {
        return int(std::count_if(widgets.cbegin(), widgets.cend(), [](const auto &widget) {
            return widget->connectionState() == ConnectionState::Connected;
        }));
    };
    QTRY_COMPARE_WITH_TIMEOUT(connected(), Clients, 60000);

    server.kill();
    QTRY_COMPARE_WITH_TIMEOUT(connected(), 0, 30000);
    QTest::qWait(3000);
    QElapsedTimer sinceRestart;
    QList<qint64> arrivals;
    for (const auto &widget : widgets) {
        connect(
            widget.get(), &Controller::connectionStateChanged, this, [&](ConnectionState state) {
                if (state == ConnectionState::Connected)
                    arrivals.append(sinceRestart.elapsed());
            });
    }
    QVERIFY2(server.restart(), qPrintable(server.error()));
    sinceRestart.start();
    QTRY_COMPARE_WITH_TIMEOUT(connected(), Clients, 60000);

    std::sort(arrivals.begin(), arrivals.end());
    int busiest = 0; // the most arrivals within any 100 ms
    for (int first = 0, last = 0; last < arrivals.size(); ++last) {
        while (arrivals.at(last) - arrivals.at(first) >= 100)
            ++first;
        busiest = qMax(busiest, last - first + 1);
    }
    const qint64 p10 = arrivals.at(Clients / 10);
    const qint64 p90 = arrivals.at(Clients * 9 / 10);
    qInfo("%d widgets back between %lld and %lld ms after the restart (10%%: %lld ms, 90%%: %lld "
          "ms); at most %d within 100 ms",
        Clients, arrivals.constFirst(), arrivals.constLast(), p10, p90, busiest);
    QVERIFY2(p90 - p10 >= 1000, "the widgets came back within one second of each other");
    QVERIFY2(busiest <= Clients / 5, "a fifth of the widgets came back within 100 ms");
}

void tst_Faults::exchangeUnder(Fault fault)
{
    m_operatorReadWentBack = false;
    const int count = messagesPerSide();
    const quint32 seed = QRandomGenerator::global()->generate();
    QRandomGenerator random(seed);
    qInfo("seed %u, %d messages each way, time scale %g", seed, count, timeScale());

    ServerProcess server;
    // The rate limit is for people; this test writes a message every few milliseconds.
    server.setExtraArguments({ u"--message-rate"_s, u"5000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    FaultProxy proxy(quint16(server.url().port()));
    QVERIFY(proxy.listen());

    ReliableOperator alice(proxy.url());
    alice.login();
    QTRY_VERIFY(alice.isReady());

    std::unique_ptr<Controller> visitor = newVisitor(proxy.url());
    QVERIFY(visitor);
    QTRY_COMPARE(visitor->connectionState(), ConnectionState::Connected);
    QVERIFY(visitor->startChat(filledForm(*visitor)));
    QTRY_COMPARE(visitor->chatState(), ChatState::Waiting);
    // The conversation's id is the queue's; accepting it makes the chat active.
    OperatorClient observer(server.url());
    QVERIFY(observer.connectAs(u"alice"_s, u"alice-demo"_s));
    QTRY_VERIFY(!observer.firstQueued().isEmpty());
    alice.accept(observer.firstQueued());
    QTRY_COMPARE(visitor->chatState(), ChatState::Active);

    // The traffic: each side writes a message every few milliseconds, whatever the links do.
    int visitorSent = 0;
    int operatorSent = 0;
    QTimer traffic;
    traffic.setInterval(8);
    connect(&traffic, &QTimer::timeout, this, [&] {
        if (visitorSent < count && visitor && visitor->chatState() == ChatState::Active) {
            const QString clientId = isFile(visitorSent, count)
                ? visitor->sendAttachment(fileBytes(visitorSent), fileName(visitorSent))
                : visitor->sendMessage(u"v-%1"_s.arg(visitorSent));
            if (!clientId.isEmpty())
                ++visitorSent;
        }
        if (operatorSent < count)
            alice.say(u"o-%1"_s.arg(operatorSent++));
        // Both sides read as they go: read marks ride through the same faults.
        if (visitor)
            visitor->markRead(highestSeq(*visitor));
        alice.markRead();
    });

    // The faults, at random moments.
    QMap<QString, int> faults;
    QTimer faultTimer;
    faultTimer.setSingleShot(true);
    connect(&faultTimer, &QTimer::timeout, this, [&] {
        switch (fault) {
        case Fault::LinkCuts: {
            const int kind = int(random.bounded(10));
            if (kind < 6) {
                proxy.cutAll();
                ++faults[u"links cut"_s];
            } else if (kind < 8) {
                proxy.stall(int(random.bounded(100, 2000)));
                ++faults[u"stalls"_s];
            } else {
                proxy.setDelay(int(random.bounded(0, 80)));
                ++faults[u"delays"_s];
            }
            break;
        }
        case Fault::ServerKills:
            ++faults[u"server kills"_s];
            server.kill();
            QTest::qWait(int(random.bounded(50, 500)));
            if (!server.restart())
                qWarning("the server did not restart: %s", qPrintable(server.error()));
            break;
        case Fault::HostRestarts:
            // The host program closes, sometimes with the link down and messages unsent, and
            // opens again.
            ++faults[u"host restarts"_s];
            if (random.bounded(2)) {
                proxy.cutAll();
                ++faults[u"links cut"_s];
            }
            visitor.reset();
            visitor = newVisitor(proxy.url());
            break;
        }
        faultTimer.start(nextFaultMsecs(random) * (fault == Fault::LinkCuts ? 1 : 4));
    });

    traffic.start();
    faultTimer.start(nextFaultMsecs(random));
    QTRY_VERIFY_WITH_TIMEOUT(visitorSent == count && operatorSent == count, 600000);
    faultTimer.stop();
    traffic.stop();
    proxy.stall(0);
    proxy.setDelay(0);
    QVERIFY2(server.isRunning() || server.restart(), qPrintable(server.error()));

    // Everything arrives once the faults stop.
    const QStringList visitorTexts = visitorWrites(count);
    const QStringList operatorTexts = numbered(u"o-"_s, count);
    const auto seen = [&](ChatMessage::Sender sender) {
        QStringList texts;
        for (const ChatMessage &message : visitor->messages()) {
            if (message.sender == sender)
                texts.append(said(message.text, message.attachment.name, message.attachment.size));
        }
        return texts;
    };
    QTRY_VERIFY_WITH_TIMEOUT(alice.texts(u"visitor"_s).size() >= count, 60000);
    QCOMPARE(alice.texts(u"visitor"_s, eventSaid), visitorTexts);
    QTRY_VERIFY_WITH_TIMEOUT(seen(ChatMessage::Sender::Operator).size() >= count, 60000);
    QCOMPARE(seen(ChatMessage::Sender::Operator), operatorTexts);
    QTRY_VERIFY_WITH_TIMEOUT(alice.allAcknowledged(), 60000);
    QCOMPARE(seen(ChatMessage::Sender::Visitor), visitorTexts);
    const auto allDelivered = [&] {
        const QList<ChatMessage> messages = visitor->messages();
        return std::all_of(messages.cbegin(), messages.cend(), [](const ChatMessage &message) {
            return message.delivery == ChatMessage::Delivery::Delivered;
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(), 60000);
    QSet<qint64> seqs;
    for (const ChatMessage &message : visitor->messages()) {
        QVERIFY2(!seqs.contains(message.seq), qPrintable(u"seq %1 twice"_s.arg(message.seq)));
        seqs.insert(message.seq);
    }

    // Read marks: the last of each side arrives, and no mark ever went back.
    const qint64 last = highestSeq(*visitor);
    visitor->markRead(last);
    QTRY_COMPARE_WITH_TIMEOUT(alice.visitorRead(), last, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(alice.highestSeq(), last, 30000);
    alice.markRead();
    QTRY_COMPARE_WITH_TIMEOUT(visitor->operatorReadSeq(), last, 30000);
    QVERIFY(!alice.visitorReadWentBack());
    QVERIFY(!m_operatorReadWentBack);

    // What the server stored: each message once, in the order written.
    OperatorClient reader(server.url());
    QVERIFY(reader.connectAs(u"alice"_s, u"alice-demo"_s));
    QStringList storedVisitor;
    QStringList storedOperator;
    // The conversation's newest events come with it in the snapshot, the earlier ones in pages.
    const auto readStored = [&] {
        QMap<qint64, QJsonObject> events;
        for (const QJsonObject &m : reader.received()) {
            QJsonArray page;
            if (m[u"type"_s].toString() == "snapshot"_L1) {
                for (const QJsonValue &c : m[u"conversations"_s].toArray()) {
                    if (c[u"id"_s].toString() == alice.conversation())
                        page = c[u"events"_s].toArray();
                }
            } else if (m[u"type"_s].toString() == "events"_L1
                && m[u"conversation"_s].toString() == alice.conversation()) {
                page = m[u"events"_s].toArray();
            }
            for (const QJsonValue &event : std::as_const(page))
                events.insert(event[u"seq"_s].toInteger(), event.toObject());
        }
        storedVisitor.clear();
        storedOperator.clear();
        for (const QJsonObject &event : std::as_const(events)) {
            if (event[u"type"_s].toString() != "message"_L1)
                continue;
            (event[u"from"_s].toString() == "visitor"_L1 ? storedVisitor : storedOperator)
                .append(eventSaid(event));
        }
        return storedVisitor.size() + storedOperator.size();
    };
    QTRY_VERIFY_WITH_TIMEOUT(readStored() >= 2 * count, 30000);
    QCOMPARE(storedVisitor, visitorTexts);
    QCOMPARE(storedOperator, operatorTexts);
    // The visitor's mark is stored with the conversation; a mark costs no seq.
    for (const QJsonObject &m : reader.received()) {
        if (m[u"type"_s].toString() != "snapshot"_L1)
            continue;
        for (const QJsonValue &c : m[u"conversations"_s].toArray()) {
            if (c[u"id"_s].toString() == alice.conversation())
                QCOMPARE(c[u"visitorRead"_s].toInteger(), last);
        }
    }
    QCOMPARE(last, qint64(2 * count + 1)); // joined, then the messages, nothing else
    QCOMPARE(server.storedAttachmentFiles(),
        FilesPerRun); // each upload stored once, whatever was retried

    QStringList injected;
    for (auto it = faults.cbegin(); it != faults.cend(); ++it)
        injected.append(u"%1 %2"_s.arg(it.value()).arg(it.key()));
    qInfo("%d messages, %d of them files, exchanged under %s; %d connections made through the "
          "proxy; 0 lost, 0 shown twice, order kept",
        2 * count, FilesPerRun, qPrintable(injected.join(u", "_s)), proxy.accepted());
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
