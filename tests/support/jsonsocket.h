// A widget's side of the protocol in raw JSON, for tests that drive the real server with
// messages the library would never send: the messages' builders, and a WebSocket that keeps
// every message it received so that a test can wait for one type among others.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTest>
#include <QUrl>
#include <QUuid>
#include <QWebSocket>

#include <algorithm>

#include "serverprocess.h"

namespace OWidgetTest {

inline QString json(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QJsonObject helloObject(const QJsonObject &resume = {})
{
    using namespace Qt::StringLiterals;
    QJsonObject hello { { "type"_L1, u"hello"_s }, { "protocol"_L1, 1 },
        { "company"_L1, ServerProcess::demoCompany() }, { "language"_L1, u"en"_s } };
    if (!resume.isEmpty())
        hello.insert("resume"_L1, resume);
    return hello;
}

inline QJsonObject startObject(const QString &clientId)
{
    using namespace Qt::StringLiterals;
    return QJsonObject { { "type"_L1, u"start"_s }, { "clientId"_L1, clientId },
        { "fields"_L1, QJsonObject { { "name"_L1, u"Jana"_s } } } };
}

// The resident memory of a process, in KiB; -1 when it cannot be read.
inline qint64 residentKiB(qint64 pid)
{
    using namespace Qt::StringLiterals;
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A widget's WebSocket speaking raw JSON, on either listener: every message received, in order.
class JsonSocket : public QObject
{
public:
    JsonSocket()
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        // The test's own self-signed certificate, on a server with --tls-cert.
        connect(&socket, &QWebSocket::sslErrors, this, [this] { socket.ignoreSslErrors(); });
    }

    /// Opens the socket and says hello; true once `welcome` arrived.
    bool connectTo(const QUrl &server, const QJsonObject &resume = {})
    {
        using namespace Qt::StringLiterals;
        QUrl url = server.resolved(QUrl(u"v1/socket"_s));
        url.setScheme(server.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
        socket.open(url);
        if (!QTest::qWaitFor(
                [this] { return socket.state() == QAbstractSocket::ConnectedState; }, 10000))
            return false;
        send(helloObject(resume));
        welcome = take(u"welcome"_s);
        return !welcome.isEmpty();
    }

    void send(const QJsonObject &message) { socket.sendTextMessage(json(message)); }

    /// The first message of that type not taken yet, waiting for it; empty when none came.
    QJsonObject take(const QString &type, int timeout = 10000)
    {
        QJsonObject found;
        static_cast<void>(QTest::qWaitFor(
            [&] {
                for (qsizetype i = 0; i < received.size(); ++i) {
                    if (typeOf(received.at(i)) == type) {
                        found = received.takeAt(i);
                        return true;
                    }
                }
                return false;
            },
            timeout));
        return found;
    }

    qsizetype count(const QString &type) const
    {
        return std::count_if(received.cbegin(), received.cend(),
            [&](const QJsonObject &m) { return typeOf(m) == type; });
    }

    bool has(const QString &type) const { return count(type) > 0; }

    QWebSocket socket;
    QList<QJsonObject> received;
    QJsonObject welcome;

private:
    static QString typeOf(const QJsonObject &message)
    {
        return message.value(QLatin1StringView("type")).toString();
    }
};

// The messages an operator got since `from`, of one type, about one conversation (any when empty).
inline QList<QJsonObject> operatorMessages(
    const OperatorClient &op, const QString &type, const QString &conversation, qsizetype from = 0)
{
    using namespace Qt::StringLiterals;
    QList<QJsonObject> matching;
    const QList<QJsonObject> all = op.received();
    for (qsizetype i = from; i < all.size(); ++i) {
        const QJsonObject &m = all.at(i);
        if (m.value("type"_L1).toString() != type)
            continue;
        const QJsonValue c = m.value("conversation"_L1);
        const QString id = c.isObject() ? c.toObject().value("id"_L1).toString() : c.toString();
        if (conversation.isEmpty() || id == conversation)
            matching.append(m);
    }
    return matching;
}

// Whether an operator has been told that `conversation` ended.
inline bool operatorSawEnd(const OperatorClient &op, const QString &conversation)
{
    using namespace Qt::StringLiterals;
    const auto events = operatorMessages(op, u"event"_s, conversation);
    return std::any_of(events.cbegin(), events.cend(), [](const QJsonObject &m) {
        return m.value("event"_L1).toObject().value("type"_L1).toString() == "ended"_L1;
    });
}

// The texts of the operator's messages a visitor got on one connection, in order.
inline QStringList textsFromOperator(const JsonSocket &visitor)
{
    using namespace Qt::StringLiterals;
    QStringList texts;
    for (const QJsonObject &m : visitor.received) {
        if (m.value("type"_L1).toString() == "message"_L1
            && m.value("from"_L1).toString() == "operator"_L1)
            texts.append(m.value("text"_L1).toString());
    }
    return texts;
}

// The texts of the message events about `conversation` an operator got, in order.
inline QStringList messageTexts(const OperatorClient &op, const QString &conversation)
{
    using namespace Qt::StringLiterals;
    QStringList texts;
    for (const QJsonObject &m : operatorMessages(op, u"event"_s, conversation)) {
        const QJsonObject event = m.value("event"_L1).toObject();
        if (event.value("type"_L1).toString() == "message"_L1)
            texts.append(event.value("text"_L1).toString());
    }
    return texts;
}

// A visitor and an operator still talk: start, accept, a message each way, end.
inline bool othersUnaffected(const QUrl &server, OperatorClient &op)
{
    using namespace Qt::StringLiterals;
    const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces);
    JsonSocket visitor;
    if (!visitor.connectTo(server)) {
        qWarning("a well-behaved visitor got no welcome");
        return false;
    }
    visitor.send(startObject(u"start-"_s + tag));
    const QString id = visitor.take(u"created"_s).value("conversation"_L1).toString();
    if (id.isEmpty()) {
        qWarning("a well-behaved visitor could not start a conversation");
        return false;
    }
    op.accept(id);
    if (!QTest::qWaitFor([&] { return !operatorMessages(op, u"conversation"_s, id).isEmpty(); })
        || visitor.take(u"joined"_s).isEmpty()) {
        qWarning("the operator could not accept %s", qPrintable(id));
        return false;
    }
    visitor.send(QJsonObject { { "type"_L1, u"message"_s },
        { "clientId"_L1, QString(u"m-"_s + tag) }, { "text"_L1, QString(u"hello "_s + tag) } });
    const bool visitorHeard = QTest::qWaitFor([&] {
        const auto events = operatorMessages(op, u"event"_s, id);
        return !events.isEmpty()
            && events.constLast().value("event"_L1).toObject().value("text"_L1).toString()
            == u"hello "_s + tag;
    });
    op.say(id, u"answer "_s + tag);
    const bool operatorHeard
        = visitor.take(u"message"_s).value("text"_L1).toString() == u"answer "_s + tag;
    op.end(id);
    const bool ended = !visitor.take(u"ended"_s).isEmpty();
    if (!visitorHeard || !operatorHeard || !ended)
        qWarning("round trip in %s: visitor heard %d, operator heard %d, ended %d", qPrintable(id),
            visitorHeard, operatorHeard, ended);
    return visitorHeard && operatorHeard && ended;
}

// A row's closing check: the operator goes online, and she and a new visitor still talk.
inline bool onlineAndUnaffected(const QUrl &server, OperatorClient &op)
{
    op.setAvailability(QStringLiteral("online"));
    return othersUnaffected(server, op);
}

} // namespace OWidgetTest
