// Delivery under faults: a visitor's controller and an operator exchange thousands of messages
// through the real owidget-server while the links are cut, stalled and delayed, the server is
// killed with SIGKILL, or the host program closes and opens again. At the end nothing is lost,
// nothing shows twice, and both sides see each side's messages in the order they were written.
//
// The faults come every 1–10 seconds of traffic, scaled down so that the test takes under a
// minute. A longer run: OWIDGET_FAULT_MESSAGES=20000 OWIDGET_FAULT_SCALE=1 (faults every 1–10
// real seconds).
#include "faultproxy.h"
#include "filledform.h"
#include "serverprocess.h"

#include <owidget/controller.h>

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

// An operator as a console is one, which comes back by itself after every fault: it logs in
// again, reads the conversation from the snapshot, and sends again what was not acknowledged,
// with the same client ids.
class ReliableOperator : public QObject
{
public:
    explicit ReliableOperator(const QUrl &server)
        : m_server(server)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &ReliableOperator::onMessage);
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            m_ready = false;
            m_readSent = 0; // sent again on the next link, in case it was lost with this one
            QTimer::singleShot(20, this, &ReliableOperator::login);
        });
    }

    void login()
    {
        QNetworkRequest request(m_server.resolved(QUrl(u"v1/operator/login"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        const QJsonObject body { { u"login"_s, u"alice"_s }, { u"password"_s, u"alice-demo"_s } };
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                openSocket();
            else
                QTimer::singleShot(20, this, &ReliableOperator::login);
        });
    }

    bool isReady() const { return m_ready; }
    QString conversation() const { return m_conversation; }

    void accept(const QString &conversation)
    {
        m_conversation = conversation;
        sendFrame({ { u"type"_s, u"accept"_s }, { u"conversation"_s, conversation } });
    }

    void say(const QString &text)
    {
        const QString clientId = u"o-%1"_s.arg(m_outbox.size());
        m_outbox.append({ clientId, text });
        if (m_ready)
            sendMessage(m_outbox.constLast());
    }

    bool allAcknowledged() const { return m_acked.size() == m_outbox.size(); }

    // Read marks, as a console sends them: the greatest seq it knows of, when it is new.
    qint64 highestSeq() const { return m_highestSeq; }
    void markRead()
    {
        if (!m_ready || m_highestSeq <= m_readSent)
            return;
        m_readSent = m_highestSeq;
        sendFrame({ { u"type"_s, u"read"_s }, { u"conversation"_s, m_conversation },
            { u"seq"_s, m_readSent } });
    }
    /// The visitor's mark as the server told it, and whether it ever went back.
    qint64 visitorRead() const { return m_visitorRead; }
    bool visitorReadWentBack() const { return m_visitorReadWentBack; }

    /// The conversation's messages as this operator has seen them, each seq once, in seq order.
    QStringList texts(const QString &from) const
    {
        QStringList list;
        for (const QJsonObject &event : m_events) {
            if (event[u"from"_s].toString() == from)
                list.append(event[u"text"_s].toString());
        }
        return list;
    }

private:
    struct Outgoing
    {
        QString clientId;
        QString text;
    };

    void openSocket() { m_socket.open(operatorSocketRequest(m_server, m_network.cookieJar())); }

    void onMessage(const QString &text)
    {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = message[u"type"_s].toString();
        if (type == "snapshot"_L1) {
            for (const QJsonValue &c : message[u"conversations"_s].toArray())
                readConversation(c.toObject());
            m_ready = true;
            markRead();
            for (const Outgoing &outgoing : std::as_const(m_outbox)) {
                if (!m_acked.contains(outgoing.clientId))
                    sendMessage(outgoing);
            }
        } else if (type == "conversation"_L1) {
            readConversation(message[u"conversation"_s].toObject());
        } else if (type == "event"_L1 && message[u"conversation"_s].toString() == m_conversation) {
            record(message[u"event"_s].toObject());
        } else if (type == "events"_L1 && message[u"conversation"_s].toString() == m_conversation) {
            // The conversation's earlier events, after its newest came with it.
            for (const QJsonValue &event : message[u"events"_s].toArray())
                record(event.toObject());
        } else if (type == "ack"_L1) {
            m_acked.insert(message[u"clientId"_s].toString());
            m_highestSeq = qMax(m_highestSeq, message[u"seq"_s].toInteger());
        } else if (type == "read"_L1 && message[u"conversation"_s].toString() == m_conversation) {
            // Sent only when the mark moves forward, so each one is greater than the last.
            const qint64 seq = message[u"seq"_s].toInteger();
            m_visitorReadWentBack = m_visitorReadWentBack || seq <= m_visitorRead;
            m_visitorRead = seq;
        }
    }

    void readConversation(const QJsonObject &conversation)
    {
        if (conversation[u"id"_s].toString() != m_conversation)
            return;
        // Stored: after a reconnect or a server restart, never behind what was told before.
        const qint64 read = conversation[u"visitorRead"_s].toInteger();
        m_visitorReadWentBack = m_visitorReadWentBack || read < m_visitorRead;
        m_visitorRead = read;
        for (const QJsonValue &event : conversation[u"events"_s].toArray())
            record(event.toObject());
    }

    void record(const QJsonObject &event)
    {
        m_highestSeq = qMax(m_highestSeq, event[u"seq"_s].toInteger());
        if (event[u"type"_s].toString() == "message"_L1)
            m_events.insert(event[u"seq"_s].toInteger(), event);
    }

    void sendMessage(const Outgoing &outgoing)
    {
        sendFrame({ { u"type"_s, u"message"_s }, { u"conversation"_s, m_conversation },
            { u"clientId"_s, outgoing.clientId }, { u"text"_s, outgoing.text } });
    }

    void sendFrame(const QJsonObject &frame)
    {
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    QUrl m_server;
    QNetworkAccessManager m_network;
    QWebSocket m_socket;
    bool m_ready = false;
    QString m_conversation;
    QList<Outgoing> m_outbox;
    QSet<QString> m_acked;
    QMap<qint64, QJsonObject> m_events; ///< by seq: a replayed event replaces itself
    qint64 m_highestSeq = 0;
    qint64 m_readSent = 0;
    qint64 m_visitorRead = 0;
    bool m_visitorReadWentBack = false;
};

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
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
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
        if (visitorSent < count && visitor && visitor->chatState() == ChatState::Active
            && !visitor->sendMessage(u"v-%1"_s.arg(visitorSent)).isEmpty())
            ++visitorSent;
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
    const QStringList visitorTexts = numbered(u"v-"_s, count);
    const QStringList operatorTexts = numbered(u"o-"_s, count);
    const auto seen = [&](ChatMessage::Sender sender) {
        QStringList texts;
        for (const ChatMessage &message : visitor->messages()) {
            if (message.sender == sender)
                texts.append(message.text);
        }
        return texts;
    };
    QTRY_VERIFY_WITH_TIMEOUT(alice.texts(u"visitor"_s).size() >= count, 60000);
    QCOMPARE(alice.texts(u"visitor"_s), visitorTexts);
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
                .append(event[u"text"_s].toString());
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

    QStringList injected;
    for (auto it = faults.cbegin(); it != faults.cend(); ++it)
        injected.append(u"%1 %2"_s.arg(it.value()).arg(it.key()));
    qInfo("%d messages exchanged under %s; %d connections made through the proxy; 0 lost, "
          "0 shown twice, order kept",
        2 * count, qPrintable(injected.join(u", "_s)), proxy.accepted());
}

QTEST_GUILESS_MAIN(tst_Faults)
#include "tst_faults.moc"
