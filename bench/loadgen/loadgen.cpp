// owidget-loadgen: sustained chat load on a running owidget-server, as its clients make it and
// with nothing of the server's or the library's code: bare QWebSockets speaking the JSON of
// docs/protocol.md. Operators log in and go online, N visitors start a conversation each, the
// operators accept them all, then every visitor and every operator conversation writes as fast
// as its acks allow: the next message goes when the last one is acknowledged. Prints one JSON
// object: acknowledged messages a second within the measured window and the ack latency.
//
//   owidget-loadgen --server URL --company GUID --operators K --password P --conversations N
//                   [--servers URL,URL...] [--operator-server URL] [--echo] [--warmup S]
//                   [--seconds S] [--rate R]
//
// Operators are logged in as load1..loadK, all with password P; with --servers, operator i and
// visitor i use the (i mod count)th server, so that a conversation crosses instances; with
// --operator-server, every operator uses that one and the visitors --server. With --echo, the
// round trip instead: each operator answers each visitor message it receives, and each visitor
// sends its next message when the answer arrives; the latency is from the visitor's message
// sent to the answer received. With --rate, an open loop instead: R messages a second offered in
// all, spread over the writers in turn whatever is still unacknowledged, and each latency runs
// from the moment its message was due, so that the figure is what the server adds at that
// throughput, not the writers' count over the throughput (Little's law) as in the closed loop.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

constexpr int Batch = 200; // visitors connecting at once

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QUrl socketUrl(const QUrl &server, const QString &path)
{
    QUrl url = server.resolved(QUrl(path));
    url.setScheme(server.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    return url;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QTimer tick;
    tick.start(100);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(values.size()))) - 1;
    return values.at(size_t(qBound<qsizetype>(0, rank, qsizetype(values.size()) - 1)));
}

// What the run measures: the acks that came within the window, and their latency.
struct Tally
{
    QElapsedTimer clock;
    qint64 windowStartNs = 0;
    qint64 windowEndNs = 0;
    qint64 ackedTotal = 0; ///< over the whole run, warm-up included
    qint64 acked = 0;      ///< within the window
    qint64 errors = 0;
    QString firstError;
    std::vector<double> latencyMs;
    // The same latencies by who wrote: a visitor has a socket of its own, an operator one
    // socket for all of its conversations.
    std::vector<double> visitorMs;
    std::vector<double> operatorMs;
    bool writing = false;
    bool echo = false;     ///< round trips: the operators only answer
    bool openLoop = false; ///< --rate: sent when due, not when the last is acknowledged

    enum class Side { Visitor, Operator };
    void ack(qint64 sentNs, Side side)
    {
        ++ackedTotal;
        const qint64 now = clock.nsecsElapsed();
        if (now >= windowStartNs && now < windowEndNs) {
            ++acked;
            const double ms = double(now - sentNs) / 1e6;
            latencyMs.push_back(ms);
            (side == Side::Visitor ? visitorMs : operatorMs).push_back(ms);
        }
    }
    void error(const QString &text)
    {
        if (errors++ == 0)
            firstError = text;
    }
};

// One conversation's writer on one side: sends, waits for the ack, sends the next.
struct Writer
{
    QString conversation; ///< the operator side names it in every message
    QString prefix;       ///< of the client ids, unique per writer
    qint64 next = 0;
    qint64 sentNs = 0;
    bool waiting = false;
    QHash<qint64, qint64> dueNs; ///< open loop: each unacknowledged message's due time

    QString send(qint64 due)
    {
        ++next;
        dueNs.insert(next, due);
        return prefix + QString::number(next);
    }
    // The open loop's ack: the due time of the message its client id names, or -1.
    qint64 acked(const QString &clientId)
    {
        if (!clientId.startsWith(prefix))
            return -1;
        const auto it = dueNs.constFind(QStringView(clientId).mid(prefix.size()).toLongLong());
        if (it == dueNs.constEnd())
            return -1;
        const qint64 due = *it;
        dueNs.erase(it);
        return due;
    }
};

class Visitor : public QObject
{
public:
    Visitor(const QUrl &server, const QString &company, int index, Tally &tally)
        : m_tally(tally)
    {
        m_writer.prefix = u"v%1-"_s.arg(index);
        connect(&m_socket, &QWebSocket::connected, this, [this, company] {
            m_socket.sendTextMessage(compact(
                { { u"type"_s, u"hello"_s }, { u"protocol"_s, 1 }, { u"company"_s, company },
                    { u"preset"_s, QString() }, { u"language"_s, u"en"_s } }));
        });
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Visitor::onText);
        m_socket.open(socketUrl(server, u"v1/socket"_s));
    }

    bool welcomed = false;
    bool created = false;
    bool joined = false;

    void write()
    {
        if (m_writer.waiting || !m_tally.writing)
            return;
        m_writer.waiting = true;
        m_writer.sentNs = m_tally.clock.nsecsElapsed();
        m_socket.sendTextMessage(compact({ { u"type"_s, u"message"_s },
            { u"clientId"_s, QString(m_writer.prefix + QString::number(++m_writer.next)) },
            { u"text"_s, u"visitor message %1"_s.arg(m_writer.next) } }));
    }

    // The open loop: one message, due at `due`.
    void sendDue(qint64 due)
    {
        const QString clientId = m_writer.send(due);
        m_socket.sendTextMessage(compact({ { u"type"_s, u"message"_s }, { u"clientId"_s, clientId },
            { u"text"_s, u"visitor message %1"_s.arg(m_writer.next) } }));
    }

private:
    void onText(const QString &text)
    {
        // The operator's messages are most of what comes: told apart without parsing.
        if (text.startsWith(R"({"from":"operator")"_L1)) {
            if (m_tally.echo && m_writer.waiting) {
                // The answer to the message sent: one round trip.
                m_writer.waiting = false;
                m_tally.ack(m_writer.sentNs, Tally::Side::Visitor);
                write();
            }
            return;
        }
        if (text.contains(R"("type":"typing")"_L1))
            return;
        const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = m.value(u"type"_s).toString();
        if (type == "welcome"_L1) {
            welcomed = true;
            m_socket.sendTextMessage(compact({ { u"type"_s, u"start"_s },
                { u"clientId"_s, QString(m_writer.prefix + u"start"_s) },
                { u"fields"_s, QJsonObject() } }));
        } else if (type == "created"_L1) {
            created = true;
        } else if (type == "joined"_L1) {
            joined = true;
        } else if (type == "ack"_L1) {
            if (m_tally.echo)
                return; // stored; the round trip ends with the answer
            if (m_tally.openLoop) {
                const qint64 due = m_writer.acked(m.value(u"clientId"_s).toString());
                if (due >= 0)
                    m_tally.ack(due, Tally::Side::Visitor);
                return;
            }
            m_writer.waiting = false;
            m_tally.ack(m_writer.sentNs, Tally::Side::Visitor);
            write();
        } else if (type == "error"_L1) {
            m_writer.waiting = false;
            m_tally.error(text);
            if (!m_tally.openLoop)
                write();
        }
    }

    QWebSocket m_socket;
    Tally &m_tally;
    Writer m_writer;
};

class Operator : public QObject
{
public:
    Operator(const QUrl &server, const QString &login, Tally &tally)
        : m_server(server)
        , m_login(login)
        , m_tally(tally)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Operator::onText);
    }

    bool connectWith(const QString &password)
    {
        QNetworkRequest request(m_server.resolved(QUrl(u"v1/operator/login"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        std::unique_ptr<QNetworkReply> reply(m_network.post(request,
            QJsonDocument(QJsonObject { { u"login"_s, m_login }, { u"password"_s, password } })
                .toJson()));
        if (!waitUntil([&] { return reply->isFinished(); }, 30000)
            || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return false;
        QNetworkRequest upgrade(socketUrl(m_server, u"v1/operator/socket"_s));
        const auto cookies = m_network.cookieJar()->cookiesForUrl(m_server);
        QStringList pairs;
        for (const QNetworkCookie &cookie : cookies)
            pairs.append(QString::fromUtf8(cookie.toRawForm(QNetworkCookie::NameAndValueOnly)));
        upgrade.setRawHeader("Cookie", pairs.join(u"; "_s).toUtf8());
        m_socket.open(upgrade);
        if (!waitUntil([this] { return m_snapshot; }, 30000))
            return false;
        send({ { u"type"_s, u"availability"_s }, { u"state"_s, u"online"_s } });
        return true;
    }

    void accept(int count)
    {
        for (int i = 0; i < count; ++i)
            send({ { u"type"_s, u"accept"_s } });
    }

    qsizetype conversations() const { return m_writers.size(); }

    // The open loop: one message in conversation `index`, due at `due`.
    void sendDue(qsizetype index, qint64 due)
    {
        Writer &writer = m_writers[size_t(index)];
        const QString clientId = writer.send(due);
        send({ { u"type"_s, u"message"_s }, { u"conversation"_s, writer.conversation },
            { u"clientId"_s, clientId },
            { u"text"_s, u"operator message %1"_s.arg(writer.next) } });
    }

    void writeAll()
    {
        if (m_tally.echo)
            return; // they answer only
        for (Writer &writer : m_writers)
            write(writer);
    }

private:
    void send(const QJsonObject &message) { m_socket.sendTextMessage(compact(message)); }

    void write(Writer &writer)
    {
        if (writer.waiting || !m_tally.writing)
            return;
        writer.waiting = true;
        writer.sentNs = m_tally.clock.nsecsElapsed();
        send({ { u"type"_s, u"message"_s }, { u"conversation"_s, writer.conversation },
            { u"clientId"_s, QString(writer.prefix + QString::number(++writer.next)) },
            { u"text"_s, u"operator message %1"_s.arg(writer.next) } });
    }

    // Answers a visitor's message at once, whether the last answer was acknowledged or not.
    void answer(const QString &text)
    {
        const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
        if (m.value(u"event"_s).toObject().value(u"type"_s).toString() != "message"_L1)
            return;
        const auto at = m_index.constFind(m.value(u"conversation"_s).toString());
        if (at == m_index.constEnd())
            return;
        Writer &writer = m_writers[size_t(*at)];
        writer.waiting = false;
        write(writer);
    }

    void onText(const QString &text)
    {
        // The visitors' messages are most of what comes: told apart without parsing.
        if (text.startsWith(R"({"conversation")"_L1) && text.contains(R"("type":"event")"_L1)) {
            if (m_tally.echo && m_tally.writing && text.contains(R"("from":"visitor")"_L1))
                answer(text);
            return;
        }
        const QJsonObject m = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = m.value(u"type"_s).toString();
        if (type == "snapshot"_L1) {
            m_snapshot = true;
        } else if (type == "conversation"_L1) {
            const QString id = m.value(u"conversation"_s).toObject().value(u"id"_s).toString();
            m_index.insert(id, m_writers.size());
            Writer writer;
            writer.conversation = id;
            writer.prefix = m_login + u'-' + id + u'-';
            m_writers.push_back(std::move(writer));
        } else if (type == "ack"_L1) {
            const auto at = m_index.constFind(m.value(u"conversation"_s).toString());
            if (at == m_index.constEnd())
                return;
            Writer &writer = m_writers[size_t(*at)];
            if (m_tally.openLoop) {
                const qint64 due = writer.acked(m.value(u"clientId"_s).toString());
                if (due >= 0)
                    m_tally.ack(due, Tally::Side::Operator);
                return;
            }
            writer.waiting = false;
            if (m_tally.echo)
                return; // the visitor counts the round trip
            m_tally.ack(writer.sentNs, Tally::Side::Operator);
            write(writer);
        } else if (type == "error"_L1) {
            // Several instances: another instance's operator took the oldest waiting one at the
            // same moment. Not an error of the load: the next oldest is asked for.
            if (!m_tally.writing && m.value(u"code"_s).toString() == "conflict"_L1) {
                send({ { u"type"_s, u"accept"_s } });
                return;
            }
            const auto at = m_index.constFind(m.value(u"conversation"_s).toString());
            m_tally.error(text);
            if (at != m_index.constEnd() && !m_tally.openLoop) {
                m_writers[size_t(*at)].waiting = false;
                write(m_writers[size_t(*at)]);
            }
        }
    }

    QUrl m_server;
    QString m_login;
    Tally &m_tally;
    QNetworkAccessManager m_network;
    QWebSocket m_socket;
    bool m_snapshot = false;
    std::vector<Writer> m_writers;
    QHash<QString, qsizetype> m_index;
};

int fail(const QString &message)
{
    std::fprintf(stderr, "owidget-loadgen: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption serverOption(u"server"_s, u"The server's URL."_s, u"url"_s);
    const QCommandLineOption serversOption(
        u"servers"_s, u"Several instances' URLs, comma-separated."_s, u"urls"_s);
    const QCommandLineOption operatorServerOption(u"operator-server"_s,
        u"The instance every operator uses (the visitors use --server)."_s, u"url"_s);
    const QCommandLineOption echoOption(
        u"echo"_s, u"Round trips: operators answer each visitor message."_s);
    const QCommandLineOption companyOption(u"company"_s, u"The company's GUID."_s, u"guid"_s);
    const QCommandLineOption operatorsOption(
        u"operators"_s, u"Operators load1..loadK."_s, u"k"_s, u"20"_s);
    const QCommandLineOption passwordOption(
        u"password"_s, u"The operators' password."_s, u"password"_s);
    const QCommandLineOption conversationsOption(
        u"conversations"_s, u"Conversations at once."_s, u"n"_s, u"1000"_s);
    const QCommandLineOption warmupOption(
        u"warmup"_s, u"Seconds written before the window."_s, u"s"_s, u"2"_s);
    const QCommandLineOption secondsOption(
        u"seconds"_s, u"Seconds of the measured window."_s, u"s"_s, u"10"_s);
    const QCommandLineOption rateOption(u"rate"_s,
        u"An open loop: messages offered a second, in all, whatever is unacknowledged."_s, u"r"_s);
    parser.addOptions({ serverOption, serversOption, operatorServerOption, echoOption,
        companyOption, operatorsOption, passwordOption, conversationsOption, warmupOption,
        secondsOption, rateOption });
    parser.process(app);

    QList<QUrl> servers;
    const QString list
        = parser.isSet(serversOption) ? parser.value(serversOption) : parser.value(serverOption);
    for (const QString &url : list.split(u',', Qt::SkipEmptyParts))
        servers.append(QUrl(url.endsWith(u'/') ? url : url + u'/'));
    const int operatorCount = parser.value(operatorsOption).toInt();
    const int conversations = parser.value(conversationsOption).toInt();
    const double warmup = parser.value(warmupOption).toDouble();
    const double seconds = parser.value(secondsOption).toDouble();
    if (servers.isEmpty() || !parser.isSet(companyOption) || !parser.isSet(passwordOption)
        || operatorCount < 1 || conversations < 1 || seconds <= 0)
        return fail(u"--server (or --servers), --company and --password are required"_s);

    Tally tally;
    tally.clock.start();
    tally.echo = parser.isSet(echoOption);
    const double rate = parser.value(rateOption).toDouble();
    tally.openLoop = rate > 0 && !tally.echo;
    std::vector<std::unique_ptr<Operator>> operators;
    for (int i = 0; i < operatorCount; ++i) {
        const QUrl server = parser.isSet(operatorServerOption)
            ? QUrl(parser.value(operatorServerOption))
            : servers.at(i % servers.size());
        operators.push_back(std::make_unique<Operator>(server, u"load%1"_s.arg(i + 1), tally));
        if (!operators.back()->connectWith(parser.value(passwordOption)))
            return fail(u"operator load%1 could not log in and connect"_s.arg(i + 1));
    }

    std::vector<std::unique_ptr<Visitor>> visitors;
    const QString company = parser.value(companyOption);
    for (int opened = 0; opened < conversations;) {
        const int next = qMin(conversations, opened + Batch);
        for (; opened < next; ++opened) {
            visitors.push_back(std::make_unique<Visitor>(
                servers.at(opened % servers.size()), company, opened, tally));
        }
        if (!waitUntil(
                [&] {
                    return std::all_of(
                        visitors.begin(), visitors.end(), [](const auto &v) { return v->created; });
                },
                120000))
            return fail(
                u"not every visitor's conversation was created: %1"_s.arg(tally.firstError));
    }

    // Each operator takes its share of the queue, the oldest first.
    for (int i = 0; i < operatorCount; ++i)
        operators[size_t(i)]->accept(
            conversations / operatorCount + (i < conversations % operatorCount ? 1 : 0));
    const bool allJoined = waitUntil(
        [&] {
            return std::all_of(
                visitors.begin(), visitors.end(), [](const auto &v) { return v->joined; });
        },
        120000);
    if (!allJoined)
        return fail(u"not every conversation was accepted: %1"_s.arg(tally.firstError));

    tally.writing = true;
    tally.windowStartNs = tally.clock.nsecsElapsed() + qint64(warmup * 1e9);
    tally.windowEndNs = tally.windowStartNs + qint64(seconds * 1e9);
    // The open loop's writers, taken in turn: each visitor, then each operator conversation.
    std::vector<std::function<void(qint64)>> writers;
    QTimer offer;
    qint64 offered = 0;
    if (tally.openLoop) {
        for (auto &visitor : visitors)
            writers.push_back([v = visitor.get()](qint64 due) { v->sendDue(due); });
        for (auto &op : operators) {
            for (qsizetype i = 0; i < op->conversations(); ++i)
                writers.push_back([o = op.get(), i](qint64 due) { o->sendDue(i, due); });
        }
        const qint64 startNs = tally.clock.nsecsElapsed();
        const double intervalNs = 1e9 / rate;
        // Every millisecond, what has come due since: each message at its own due time.
        QObject::connect(&offer, &QTimer::timeout, &offer, [&] {
            const qint64 now = tally.clock.nsecsElapsed();
            while (tally.writing && !writers.empty()) {
                const qint64 due = startNs + qint64(double(offered) * intervalNs);
                if (due > now)
                    break;
                writers[size_t(offered % qint64(writers.size()))](due);
                ++offered;
            }
        });
        offer.setTimerType(Qt::PreciseTimer);
        offer.start(1);
    } else {
        for (auto &visitor : visitors)
            visitor->write();
        for (auto &op : operators)
            op->writeAll();
    }
    waitUntil([&] { return tally.clock.nsecsElapsed() >= tally.windowEndNs; },
        int((warmup + seconds) * 1000) + 5000);
    tally.writing = false;
    offer.stop();
    // What is in flight is acknowledged before the run ends, so that the total is complete.
    waitUntil([] { return false; }, 2000);

    const QJsonObject result {
        { u"conversations"_s, conversations },
        { u"operators"_s, operatorCount },
        { u"instances"_s, servers.size() },
        { u"echo"_s, tally.echo },
        { u"rate"_s, tally.openLoop ? rate : 0.0 },
        { u"seconds"_s, seconds },
        { u"acked"_s, tally.acked },
        { u"acked_total"_s, tally.ackedTotal },
        { u"per_second"_s, double(tally.acked) / seconds },
        { u"p50_ms"_s, percentile(tally.latencyMs, 50) },
        { u"p99_ms"_s, percentile(tally.latencyMs, 99) },
        { u"visitor_acked"_s, qint64(tally.visitorMs.size()) },
        { u"visitor_p50_ms"_s, percentile(tally.visitorMs, 50) },
        { u"visitor_p99_ms"_s, percentile(tally.visitorMs, 99) },
        { u"operator_acked"_s, qint64(tally.operatorMs.size()) },
        { u"operator_p50_ms"_s, percentile(tally.operatorMs, 50) },
        { u"operator_p99_ms"_s, percentile(tally.operatorMs, 99) },
        { u"errors"_s, tally.errors },
        { u"first_error"_s, tally.firstError },
    };
    std::printf("%s\n", qPrintable(compact(result)));
    return 0;
}
