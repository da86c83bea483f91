// Message round trip: the visitor sends, an operator on its socket answers at once, the
// visitor's controller shows the answer (messageAdded). Next to the same exchange with a raw
// visitor socket instead of the controller, through the same server.
#include "benchsupport.h"

#include "serverprocess.h"

#include <owidget/controller.h>

#include <QElapsedTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

QJsonObject eventOf(const QJsonObject &message)
{
    return message.value(u"type"_s).toString() == "event"_L1 ? message.value(u"event"_s).toObject()
                                                             : QJsonObject();
}

// The operator answers every visitor message of `conversation` at once.
void answerEveryMessage(Bench::Operator *op, QString *conversation)
{
    op->onMessage = [op, conversation](const QJsonObject &message) {
        const QString type = message.value(u"type"_s).toString();
        if (type == "conversation"_L1) {
            *conversation = message.value(u"conversation"_s)[u"id"_s].toString();
            return;
        }
        const QJsonObject event = eventOf(message);
        if (event.value(u"type"_s).toString() != "message"_L1
            || event.value(u"from"_s).toString() != "visitor"_L1)
            return;
        op->send({ { u"type"_s, u"message"_s },
            { u"conversation"_s, message.value(u"conversation"_s).toString() },
            { u"clientId"_s, QString(u"re-"_s + event.value(u"clientId"_s).toString()) },
            { u"text"_s, QString(u"re: "_s + event.value(u"text"_s).toString()) } });
    };
}

void endConversation(Bench::Operator *op, const QString &conversation)
{
    op->send({ { u"type"_s, u"end"_s }, { u"conversation"_s, conversation } });
}

// Round trips through a Controller; empty when something did not work.
QList<double> controllerRoundTrips(int count)
{
    Bench::Operator *op = Bench::onlineOperator();
    QString conversation;
    answerEveryMessage(op, &conversation);
    OWidget::Controller controller;
    controller.setServerUrl(Bench::server()->url());
    controller.init(
        Bench::demoCompany(), {}, u"cs"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    controller.connectToServer();
    if (!Bench::waitUntil(
            [&] { return controller.connectionState() == OWidget::ConnectionState::Connected; }))
        return {};
    controller.startChat({ { u"name"_s, u"Bench"_s } });
    if (!Bench::waitUntil([&] { return controller.chatState() == OWidget::ChatState::Waiting; }))
        return {};
    op->send({ { u"type"_s, u"accept"_s } });
    if (!Bench::waitUntil([&] { return controller.chatState() == OWidget::ChatState::Active; }))
        return {};

    int answers = 0;
    QObject::connect(&controller, &OWidget::Controller::messageAdded, &controller,
        [&answers](const OWidget::ChatMessage &message) {
            answers += message.sender == OWidget::ChatMessage::Sender::Operator;
        });
    QList<double> times;
    QElapsedTimer clock;
    for (int i = 0; i < count; ++i) {
        clock.start();
        controller.sendMessage(u"message %1"_s.arg(i));
        if (!Bench::waitUntil([&] { return answers == i + 1; }, 10000))
            return {};
        times.append(double(clock.nsecsElapsed()) / 1e6);
    }
    endConversation(op, conversation);
    Bench::waitUntil([&] { return controller.chatState() == OWidget::ChatState::Ended; }, 10000);
    op->onMessage = nullptr;
    return times;
}

// The same exchange with a raw visitor socket: the floor that the server and the operator set.
QList<double> rawRoundTrips(int count)
{
    Bench::Operator *op = Bench::onlineOperator();
    QString conversation;
    answerEveryMessage(op, &conversation);
    Bench::RawWidget visitor(Bench::socketUrl(Bench::server()->url(), u"v1/socket"_s));
    QString last;
    int answers = 0;
    visitor.onMessage = [&](const QJsonObject &message) {
        last = message.value(u"type"_s).toString();
        if (last == "message"_L1 && message.value(u"from"_s).toString() == "operator"_L1)
            ++answers;
    };
    if (!Bench::waitUntil([&] { return visitor.welcomed(); }))
        return {};
    visitor.send({ { u"type"_s, u"start"_s }, { u"clientId"_s, u"start-1"_s },
        { u"fields"_s, QJsonObject { { u"name"_s, u"Bench"_s } } } });
    if (!Bench::waitUntil([&] { return last == "created"_L1 || last == "queue"_L1; }))
        return {};
    op->send({ { u"type"_s, u"accept"_s } });
    if (!Bench::waitUntil([&] { return last == "joined"_L1; }))
        return {};

    QList<double> times;
    QElapsedTimer clock;
    for (int i = 0; i < count; ++i) {
        clock.start();
        visitor.send({ { u"type"_s, u"message"_s },
            { u"clientId"_s, QUuid::createUuid().toString(QUuid::WithoutBraces) },
            { u"text"_s, u"message %1"_s.arg(i) } });
        if (!Bench::waitUntil([&] { return answers == i + 1; }, 10000))
            return {};
        times.append(double(clock.nsecsElapsed()) / 1e6);
    }
    endConversation(op, conversation);
    Bench::waitUntil([&] { return last == "ended"_L1; }, 10000);
    op->onMessage = nullptr;
    return times;
}

void roundTrip(benchmark::State &state)
{
    const int count = int(state.range(0));
    for (auto _ : state) {
        const QList<double> raw = rawRoundTrips(count);
        const QList<double> own = controllerRoundTrips(count);
        if (raw.size() != count || own.size() != count)
            return Bench::fail(state, u"a round trip did not complete"_s);
        state.SetIterationTime(Bench::percentile(own, 50) / 1000);
        state.counters["p50"] = Bench::percentile(own, 50);
        state.counters["p99"] = Bench::percentile(own, 99);
        state.counters["ref_p50"] = Bench::percentile(raw, 50);
        state.counters["ref_p99"] = Bench::percentile(raw, 99);
        state.counters["n"] = count;
    }
}

} // namespace

void registerRoundTripBenchmarks()
{
    for (int count : { Bench::size(5, 1000), Bench::size(20, 10000) }) {
        benchmark::RegisterBenchmark("round_trip", roundTrip)
            ->Arg(count)
            ->Iterations(1)
            ->UseManualTime()
            ->Unit(benchmark::kMillisecond);
    }
}
