// The controller and the chat window against a hostile server: malformed JSON, wrong types,
// missing fields, unknown types, invalid UTF-8, frames and messages over the cap, floods of
// fragments, stalled frames, broken HTTP, a configuration over its cap, markup in every text,
// huge numbers, negative, replayed and out-of-order sequences. Each hostile input is one row;
// after it the server behaves again, and the controller must follow it.
#include "avatar_p.h"
#include "avatarfetcher_p.h"
#include "messagedelegate_p.h"
#include "testserver.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QBuffer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListView>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <QTextDocument>

#include <set>

using namespace Qt::StringLiterals;
using OWidget::ButtonStatus;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidget::Error;

namespace {

constexpr auto Time = "\"2026-11-25T10:15:30.123Z\"";

/// A `message` event from the operator with `seq` and `text` written as raw JSON, so that
/// numbers too large for a double and values of any type can be sent.
QByteArray operatorMessage(
    const QByteArray &seq, const QByteArray &text, const QByteArray &extra = {})
{
    return "{\"type\":\"message\",\"seq\":" + seq + ",\"time\":" + Time
        + ",\"from\":\"operator\",\"name\":\"Alice\",\"text\":" + text + extra + "}";
}

QByteArray quoted(const QString &text)
{
    return QJsonDocument(QJsonArray { text }).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

/// `json` padded with spaces to `size` bytes: still one valid JSON document.
QByteArray padded(const QByteArray &json, qsizetype size)
{
    return json + QByteArray(size - json.size(), ' ');
}

Error lastError(const QSignalSpy &spy)
{
    return spy.isEmpty() ? Error {} : spy.constLast().constFirst().value<Error>();
}

QString errorsSeen(const QSignalSpy &spy)
{
    QStringList seen;
    for (const QList<QVariant> &signal : spy) {
        const auto error = signal.constFirst().value<Error>();
        seen.append(u"%1: %2"_s.arg(int(error.code)).arg(error.message.left(200)));
    }
    return seen.join(u" | "_s);
}

/// `image` as a file in `format` would hold it.
QByteArray imageFile(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

/// A PNG whose header claims `width` × `height` pixels: a small file for a huge image, its
/// header's checksum right so that only the size gives it away.
QByteArray pngClaiming(quint32 width, quint32 height)
{
    QImage one(1, 1, QImage::Format_RGB32);
    one.fill(Qt::blue);
    QByteArray png = imageFile(one, "PNG");
    // The IHDR chunk follows the 8-byte signature: length (4), "IHDR" (4), width, height.
    const auto put = [&png](qsizetype at, quint32 value) {
        for (int i = 0; i < 4; ++i)
            png[at + i] = char((value >> (24 - 8 * i)) & 0xff);
    };
    put(16, width);
    put(20, height);
    quint32 crc = 0xffffffffu;
    for (qsizetype i = 12; i < 29; ++i) { // "IHDR" and its 13 bytes of data
        crc ^= quint8(png.at(i));
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    put(29, ~crc);
    return png;
}

/// What is wrong with the sequence numbers of `messages`: one shown twice, or one not positive.
QString sequenceProblem(const QList<ChatMessage> &messages)
{
    std::set<qint64> seen;
    for (const ChatMessage &message : messages) {
        if (message.delivery != ChatMessage::Delivery::Delivered)
            continue;
        if (message.seq <= 0)
            return u"seq %1 is not positive"_s.arg(message.seq);
        if (!seen.insert(message.seq).second)
            return u"seq %1 is shown twice"_s.arg(message.seq);
    }
    return {};
}

} // namespace

class tst_HostileServer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;
    QMap<QString, int> rowsTried; ///< hostile inputs tried, by test function

    std::unique_ptr<Controller> connectedController()
    {
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        if (!controller->init(TestServer::companyId(), u"support"_s, u"en"_s))
            return nullptr;
        controller->connectToServer();
        return controller;
    }

    // A conversation with Alice (seq 1) and one message from her (seq 2).
    bool activeConversation(Controller &controller)
    {
        if (!QTest::qWaitFor(
                [&] { return controller.connectionState() == ConnectionState::Connected; })
            || !controller.startChat({ { u"name"_s, u"Jana"_s } })
            || !QTest::qWaitFor([&] { return controller.chatState() == ChatState::Waiting; }))
            return false;
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        server->operatorSays(server->lastConversation(), u"before"_s);
        return QTest::qWaitFor([&] { return controller.messages().size() == 1; });
    }

    void countRow() { ++rowsTried[QString::fromLatin1(QTest::currentTestFunction())]; }

    static void addRow(const char *name, const QByteArrayList &frames, Error::Code error,
        const QString &names, const QStringList &added = {}, bool closesLink = false,
        int fragmentBytes = 0)
    {
        QTest::newRow(name) << frames << error << names << added << closesLink << fragmentBytes;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<OWidget::Error>();
        qRegisterMetaType<OWidget::ChatMessage>();
    }

    void init()
    {
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
        server = std::make_unique<TestServer>();
        QVERIFY(server->listen());
    }

    void cleanup() { server.reset(); }

    void cleanupTestCase()
    {
        int total = 0;
        for (auto it = rowsTried.cbegin(); it != rowsTried.cend(); ++it) {
            qInfo("%s: %d hostile inputs", qPrintable(it.key()), it.value());
            total += it.value();
        }
        qInfo("hostile inputs tried: %d", total);
    }

    // ---- Messages on the widget's socket, in a conversation --------------------------------

    void hostileMessage_data()
    {
        QTest::addColumn<QByteArrayList>("frames");
        QTest::addColumn<Error::Code>("error"); ///< NoError: ignored, as the protocol says
        QTest::addColumn<QString>("names");     ///< what the error message must name
        QTest::addColumn<QStringList>("added"); ///< the texts the controller must show
        QTest::addColumn<bool>("closesLink");
        QTest::addColumn<int>("fragmentBytes"); ///< 0: each frame whole, else in frames this big
        const auto bad = Error::Code::MalformedData;
        const auto none = Error::Code::NoError;

        // Malformed JSON
        addRow("not JSON", { "not json" }, bad, u"not valid JSON"_s);
        addRow("truncated object", { "{\"type\":\"status\",\"status\":0" }, bad, u"JSON"_s);
        addRow("empty frame", { "" }, bad, u"JSON"_s);
        addRow("array", { "[{\"type\":\"status\",\"status\":0}]" }, bad, u"not a JSON object"_s);
        addRow("string", { "\"status\"" }, bad, u"JSON"_s);
        addRow("null", { "null" }, bad, u"JSON"_s);
        addRow(
            "garbage after the object", { "{\"type\":\"status\",\"status\":0} x" }, bad, u"JSON"_s);
        addRow("two objects in one frame",
            { "{\"type\":\"status\",\"status\":0}{\"type\":\"status\",\"status\":0}" }, bad,
            u"JSON"_s);
        addRow("NUL after the object", { QByteArray("{\"type\":\"status\",\"status\":0}\0", 29) },
            bad, u"JSON"_s);
        addRow("nested 10,000 deep", { QByteArray(10000, '[') + QByteArray(10000, ']') }, bad,
            u"JSON"_s);
        addRow("single quotes", { "{'type':'status','status':0}" }, bad, u"JSON"_s);
        addRow("comment", { "{\"type\":\"status\",/*x*/\"status\":0}" }, bad, u"JSON"_s);

        // Wrong types
        addRow("type is a number", { "{\"type\":7}" }, bad, u"'type'"_s);
        addRow("type is null", { "{\"type\":null}" }, bad, u"'type'"_s);
        addRow("type is an object", { "{\"type\":{\"x\":1}}" }, bad, u"'type'"_s);
        addRow("status is a string", { "{\"type\":\"status\",\"status\":\"online\"}" }, bad,
            u"'status'"_s);
        addRow("status is true", { "{\"type\":\"status\",\"status\":true}" }, bad, u"'status'"_s);
        addRow(
            "status is a fraction", { "{\"type\":\"status\",\"status\":0.5}" }, bad, u"'status'"_s);
        addRow("status out of range", { "{\"type\":\"status\",\"status\":3}" }, bad, u"'status'"_s);
        addRow("text is a number", { operatorMessage("1000", "42") }, bad, u"'text'"_s);
        addRow("text is an object", { operatorMessage("1000", "{\"html\":\"<b>x</b>\"}") }, bad,
            u"'text'"_s);
        addRow("text is an array", { operatorMessage("1000", "[\"a\"]") }, bad, u"'text'"_s);
        addRow("seq is a string", { operatorMessage("\"1000\"", "\"x\"") }, bad, u"'seq'"_s);

        // A message's attachment (docs/protocol.md section 9): sizes and names as a hostile
        // server may say them, refused as a whole; a sound one is read, its text shown.
        const auto attached = [](const QByteArray &attachment) {
            return operatorMessage("1000", "\"x\"", ",\"attachment\":" + attachment);
        };
        const QByteArray id = "\"id\":\"" + QByteArray(32, 'a') + "\"";
        addRow("attachment sound",
            { attached("{" + id
                + ",\"name\":\"a.png\",\"type\":\"image/png\",\"size\":9,"
                  "\"width\":2,\"height\":3}") },
            none, {}, { u"x"_s });
        addRow("attachment size over 25 MiB",
            { attached("{" + id + ",\"name\":\"a.png\",\"type\":\"image/png\",\"size\":1e12}") },
            bad, u"'attachment.size'"_s);
        addRow("attachment size negative",
            { attached("{" + id + ",\"name\":\"a.png\",\"type\":\"image/png\",\"size\":-1}") }, bad,
            u"'attachment.size'"_s);
        addRow("attachment size a string",
            { attached("{" + id + ",\"name\":\"a.png\",\"type\":\"image/png\",\"size\":\"9\"}") },
            bad, u"'attachment.size'"_s);
        addRow("attachment name of 10,000 characters",
            { attached("{" + id + ",\"name\":\"" + QByteArray(10000, 'n')
                + "\",\"type\":\"text/plain\",\"size\":9}") },
            bad, u"'attachment.name'"_s);
        addRow("attachment name a path",
            { attached("{" + id
                + ",\"name\":\"C:\\\\Windows\\\\evil.dll\",\"type\":\"text/plain\","
                  "\"size\":9}") },
            bad, u"'attachment.name'"_s);
        addRow("attachment name with a newline",
            { attached("{" + id + ",\"name\":\"a\\nb.txt\",\"type\":\"text/plain\",\"size\":9}") },
            bad, u"'attachment.name'"_s);
        addRow("attachment an HTML file",
            { attached("{" + id + ",\"name\":\"a.html\",\"type\":\"text/html\",\"size\":9}") }, bad,
            u"'attachment.type'"_s);
        addRow("attachment a remote URL",
            { attached("{\"id\":\"https://evil.example/x.png\",\"name\":\"a.png\","
                       "\"type\":\"image/png\",\"size\":9}") },
            bad, u"'attachment.id'"_s);
        addRow("attachment 2^31 pixels wide",
            { attached("{" + id
                + ",\"name\":\"a.png\",\"type\":\"image/png\",\"size\":9,"
                  "\"width\":2147483648,\"height\":1}") },
            bad, u"'attachment.width'"_s);
        addRow("from is unknown",
            { "{\"type\":\"message\",\"seq\":1000,\"time\":" + QByteArray(Time)
                + ",\"from\":\"admin\",\"text\":\"x\"}" },
            bad, u"'from'"_s);
        addRow("time is not a time",
            { "{\"type\":\"message\",\"seq\":1000,\"time\":\"yesterday\",\"from\":\"operator\","
              "\"text\":\"x\"}" },
            bad, u"'time'"_s);
        addRow("typing is a string", { "{\"type\":\"typing\",\"active\":\"yes\"}" }, bad,
            u"'active'"_s);
        addRow("operator is an array",
            { "{\"type\":\"joined\",\"seq\":1000,\"time\":" + QByteArray(Time)
                + ",\"operator\":[\"Bob\"]}" },
            bad, u"'operator'"_s);
        addRow("queue position negative", { "{\"type\":\"queue\",\"position\":-1}" }, bad,
            u"'position'"_s);
        addRow("ack with an empty client id",
            { "{\"type\":\"ack\",\"clientId\":\"\",\"seq\":1000,\"time\":" + QByteArray(Time)
                + "}" },
            bad, u"'clientId'"_s);
        addRow("welcome of protocol 2",
            { "{\"type\":\"welcome\",\"protocol\":2,\"status\":0,\"heartbeatSeconds\":15}" }, bad,
            u"'protocol'"_s);
        addRow("error code is a number", { "{\"type\":\"error\",\"code\":400,\"message\":\"x\"}" },
            bad, u"'code'"_s);

        // Missing fields
        addRow("no type", { "{\"status\":0}" }, bad, u"'type' is missing"_s);
        addRow("status without status", { "{\"type\":\"status\"}" }, bad, u"'status'"_s);
        addRow("message without seq",
            { "{\"type\":\"message\",\"time\":" + QByteArray(Time)
                + ",\"from\":\"operator\",\"text\":\"x\"}" },
            bad, u"'seq'"_s);
        addRow("message without text",
            { "{\"type\":\"message\",\"seq\":1000,\"time\":" + QByteArray(Time)
                + ",\"from\":\"operator\"}" },
            bad, u"'text'"_s);
        addRow("message without time",
            { "{\"type\":\"message\",\"seq\":1000,\"from\":\"operator\",\"text\":\"x\"}" }, bad,
            u"'time'"_s);
        addRow("joined without operator",
            { "{\"type\":\"joined\",\"seq\":1000,\"time\":" + QByteArray(Time) + "}" }, bad,
            u"'operator'"_s);
        addRow("ended without by",
            { "{\"type\":\"ended\",\"seq\":1000,\"time\":" + QByteArray(Time) + "}" }, bad,
            u"'by'"_s);
        addRow("created without secret",
            { "{\"type\":\"created\",\"clientId\":\"c\",\"conversation\":\"c-1\","
              "\"queuePosition\":1}" },
            bad, u"'secret'"_s);
        addRow("welcome without heartbeat",
            { "{\"type\":\"welcome\",\"protocol\":1,\"status\":0}" }, bad, u"'heartbeatSeconds'"_s);
        addRow("empty object", { "{}" }, bad, u"'type' is missing"_s);

        // Unknown types and fields: ignored
        addRow("unknown type", { "{\"type\":\"fromTheFuture\"}" }, none, {});
        addRow("unknown type with a seq and text",
            { "{\"type\":\"broadcast\",\"seq\":1000,\"text\":\"hidden\"}" }, none, {});
        addRow("empty type", { "{\"type\":\"\"}" }, none, {});
        addRow("type in capitals",
            { operatorMessage("1000", "\"x\"").replace("message", "MESSAGE") }, none, {});
        addRow("type of markup", { "{\"type\":\"<script>alert(1)</script>\"}" }, none, {});
        addRow("type of 60,000 characters", { "{\"type\":\"" + QByteArray(60000, 'x') + "\"}" },
            none, {});
        addRow("unknown fields beside known ones",
            { operatorMessage("1000", "\"kept\"",
                ",\"html\":\"<b>x</b>\",\"attachment\":{\"url\":\"http://127.0.0.1:1/x\"}") },
            none, {}, { u"kept"_s });

        // Huge numbers
        addRow("seq 2^53", { operatorMessage("9007199254740992", "\"x\"") }, bad, u"'seq'"_s);
        addRow(
            "seq 2^63 - 1", { operatorMessage("9223372036854775807", "\"x\"") }, bad, u"'seq'"_s);
        addRow("seq 2^64", { operatorMessage("18446744073709551616", "\"x\"") }, bad, u"'seq'"_s);
        addRow("seq 1e300", { operatorMessage("1e300", "\"x\"") }, bad, u"'seq'"_s);
        // Valid JSON, but beyond what the JSON reader holds: refused as a number.
        addRow("seq of 400 digits", { operatorMessage(QByteArray(400, '9'), "\"x\"") }, bad,
            u"illegal number"_s);
        addRow("seq 2^53 - 1 is the largest", { operatorMessage("9007199254740991", "\"top\"") },
            none, {}, { u"top"_s });
        addRow("status 1e308", { "{\"type\":\"status\",\"status\":1e308}" }, bad, u"'status'"_s);
        addRow("queue position 1e20", { "{\"type\":\"queue\",\"position\":1e20}" }, bad,
            u"'position'"_s);
        addRow("heartbeat 1e10",
            { "{\"type\":\"welcome\",\"protocol\":1,\"status\":0,\"heartbeatSeconds\":1e10}" }, bad,
            u"'heartbeatSeconds'"_s);
        addRow("ack seq 2^53",
            { "{\"type\":\"ack\",\"clientId\":\"c\",\"seq\":9007199254740992,"
              "\"time\":"
                + QByteArray(Time) + "}" },
            bad, u"'seq'"_s);

        // Negative and zero sequence numbers
        addRow("message seq -1", { operatorMessage("-1", "\"x\"") }, bad, u"'seq'"_s);
        addRow("message seq 0", { operatorMessage("0", "\"x\"") }, bad, u"'seq'"_s);
        addRow("message seq -2^53", { operatorMessage("-9007199254740992", "\"x\"") }, bad,
            u"'seq'"_s);
        addRow("message seq -0.5", { operatorMessage("-0.5", "\"x\"") }, bad, u"'seq'"_s);
        addRow("joined seq -5",
            { "{\"type\":\"joined\",\"seq\":-5,\"time\":" + QByteArray(Time)
                + ",\"operator\":\"Mallory\"}" },
            bad, u"'seq'"_s);
        addRow("ended seq -1",
            { "{\"type\":\"ended\",\"seq\":-1,\"time\":" + QByteArray(Time)
                + ",\"by\":\"operator\"}" },
            bad, u"'seq'"_s);
        addRow("ack seq 0",
            { "{\"type\":\"ack\",\"clientId\":\"c\",\"seq\":0,\"time\":" + QByteArray(Time) + "}" },
            bad, u"'seq'"_s);

        // Replayed and out-of-order sequences: dropped silently, shown once
        addRow(
            "message replayed with other text", { operatorMessage("2", "\"replayed\"") }, none, {});
        addRow("joined replayed with another operator",
            { "{\"type\":\"joined\",\"seq\":1,\"time\":" + QByteArray(Time)
                + ",\"operator\":\"Mallory\"}" },
            none, {});
        addRow("ended replayed over a message's seq",
            { "{\"type\":\"ended\",\"seq\":2,\"time\":" + QByteArray(Time)
                + ",\"by\":\"operator\"}" },
            none, {});
        addRow("same new message twice",
            { operatorMessage("1000", "\"once\""), operatorMessage("1000", "\"once\"") }, none, {},
            { u"once"_s });
        addRow("out of order",
            { operatorMessage("1002", "\"second\""), operatorMessage("1001", "\"first\"") }, none,
            {}, { u"second"_s, u"first"_s });
        addRow("out of order with replays",
            { operatorMessage("1001", "\"a\""), operatorMessage("1003", "\"c\""),
                operatorMessage("1001", "\"a again\""), operatorMessage("1003", "\"c again\""),
                operatorMessage("2", "\"before again\"") },
            none, {}, { u"a"_s, u"c"_s });
        addRow("ack for a message never sent",
            { "{\"type\":\"ack\",\"clientId\":\"nobody\",\"seq\":1000,\"time\":" + QByteArray(Time)
                + "}" },
            none, {});
        // Acknowledgements of the visitor's message "mine", which the server has not acked
        addRow("ack with the seq of an earlier event",
            { "{\"type\":\"ack\",\"clientId\":\"%CLIENT_ID%\",\"seq\":2,\"time\":"
                + QByteArray(Time) + "}" },
            bad, u"sequence number 2"_s, { u"mine"_s });
        addRow("ack twice with two seqs",
            { "{\"type\":\"ack\",\"clientId\":\"%CLIENT_ID%\",\"seq\":1000,\"time\":"
                    + QByteArray(Time) + "}",
                "{\"type\":\"ack\",\"clientId\":\"%CLIENT_ID%\",\"seq\":1001,\"time\":"
                    + QByteArray(Time) + "}" },
            none, {}, { u"mine"_s });
        addRow("own message replayed with the seq of an earlier event",
            { "{\"type\":\"message\",\"seq\":1,\"time\":" + QByteArray(Time)
                + ",\"from\":\"visitor\",\"clientId\":\"%CLIENT_ID%\",\"text\":\"mine\"}" },
            none, {}, { u"mine"_s });
        addRow("queue position while the operator is there",
            { "{\"type\":\"queue\",\"position\":5}" }, none, {});
        addRow("welcome again, with no hello",
            { "{\"type\":\"welcome\",\"protocol\":1,\"status\":1,\"heartbeatSeconds\":15}" }, none,
            {});
        addRow("welcome again, for another conversation",
            { "{\"type\":\"welcome\",\"protocol\":1,\"status\":1,\"heartbeatSeconds\":15,"
              "\"conversation\":{\"id\":\"c-other\",\"state\":\"waiting\",\"operator\":"
              "\"Mallory\",\"queuePosition\":9}}" },
            none, {});
        addRow("created for a start never sent",
            { "{\"type\":\"created\",\"clientId\":\"nobody\",\"conversation\":\"c-x\","
              "\"secret\":\"s\",\"queuePosition\":1}" },
            none, {});

        // Markup in text: kept as text
        addRow("markup in text and name",
            { "{\"type\":\"message\",\"seq\":1000,\"time\":" + QByteArray(Time)
                + ",\"from\":\"operator\",\"name\":\"<i>Alice</i>\",\"text\":"
                + quoted(
                    u"<b>bold</b><script>alert(1)</script><img src=\"http://127.0.0.1:1/x\">"_s)
                + "}" },
            none, {},
            { u"<b>bold</b><script>alert(1)</script><img src=\"http://127.0.0.1:1/x\">"_s });
        addRow("markup in an error message",
            { "{\"type\":\"error\",\"code\":\"bad_request\",\"message\":\"<b>no</b>\"}" },
            Error::Code::Rejected, u"<b>no</b>"_s);

        // Over the limits
        addRow("text of 4,001 characters", { operatorMessage("1000", quoted(QString(4001, u'x'))) },
            bad, u"'text'"_s);
        addRow("text of 4,001 emoji",
            { operatorMessage("1000", quoted(QString(u"😀"_s).repeated(4001))) }, bad, u"'text'"_s);
        addRow("text of 4,000 emoji is allowed",
            { operatorMessage("1000", quoted(QString(u"😀"_s).repeated(4000))) }, none, {},
            { QString(u"😀"_s).repeated(4000) });
        addRow("name of 201 characters",
            { operatorMessage("1000", "\"x\"", ",\"name\":" + quoted(QString(201, u'n'))) }, bad,
            u"'name'"_s);
        addRow("message of 64 KiB is allowed",
            { padded(operatorMessage("1000", "\"padded\""), 64 * 1024) }, none, {},
            { u"padded"_s });
        addRow("message of 64 KiB + 1",
            { padded(operatorMessage("1000", "\"too big\""), 64 * 1024 + 1) },
            Error::Code::TooLarge, {}, {}, true);
        addRow("message of 1 MiB", { padded(operatorMessage("1000", "\"too big\""), 1024 * 1024) },
            Error::Code::TooLarge, {}, {}, true);

        // Fragmented by the server's WebSocket: UTF-8 sequences split between frames
        addRow("message in one-byte fragments", { operatorMessage("1000", "\"in pieces\"") }, none,
            {}, { u"in pieces"_s }, false, 1);
        // The protocol sends every message in one frame. Qt 6.4 decodes each fragment on its
        // own, so a character split between two fragments reads as invalid UTF-8.
        addRow("4,000 emoji in three-byte fragments",
            { operatorMessage("1000", quoted(QString(u"😀"_s).repeated(4000))) }, bad, u"UTF-8"_s,
            {}, true, 3);
        addRow("message of 64 KiB + 1 in 1 KiB fragments",
            { padded(operatorMessage("1000", "\"too big\""), 64 * 1024 + 1) },
            Error::Code::TooLarge, {}, {}, true, 1024);

        // JSON escapes that make no valid text
        addRow("unpaired high surrogate", { operatorMessage("1000", "\"a\\ud800b\"") }, bad,
            u"'text' must be Unicode text"_s);
        addRow("unpaired low surrogate at the end", { operatorMessage("1000", "\"a\\udc00\"") },
            bad, u"'text' must be Unicode text"_s);
        addRow("surrogates in the wrong order", { operatorMessage("1000", "\"\\ude00\\ud83d\"") },
            bad, u"'text' must be Unicode text"_s);
        addRow("unpaired surrogate in a name",
            { operatorMessage("1000", "\"x\"", ",\"name\":\"\\ud800\"") }, bad,
            u"'name' must be Unicode text"_s);
        addRow("escaped surrogate pair is allowed",
            { operatorMessage("1000", "\"\\ud83d\\ude00\"") }, none, {}, { u"😀"_s });
        addRow("NUL escape in text", { operatorMessage("1000", "\"a\\u0000b\"") }, none, {},
            { u"a"_s + QChar(0) + u"b"_s });
    }

    void hostileMessage()
    {
        QFETCH(QByteArrayList, frames);
        QFETCH(Error::Code, error);
        QFETCH(QString, names);
        QFETCH(QStringList, added);
        QFETCH(bool, closesLink);
        QFETCH(int, fragmentBytes);
        countRow();

        auto controller = connectedController();
        QVERIFY(activeConversation(*controller));
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        // Rows about acknowledgements need a message of the visitor's that waits for its ack.
        QByteArray clientId;
        if (frames.join().contains("%CLIENT_ID%")) {
            server->holdAcks = true;
            clientId = controller->sendMessage(u"mine"_s).toLatin1();
            QTRY_COMPARE(server->events(server->lastConversation()).size(), 3);
        }

        for (QByteArray frame : std::as_const(frames)) {
            frame.replace("%CLIENT_ID%", clientId);
            if (fragmentBytes > 0)
                server->sendFragmented(frame, quint64(fragmentBytes));
            else
                server->sendRaw(frame);
        }
        if (closesLink) {
            QTRY_COMPARE(server->hellos(), 2);
            QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        }
        // The server behaves again: a status push, then a message from the operator.
        server->setStatus(2);
        QTRY_COMPARE(controller->status(), ButtonStatus::Busy);
        server->operatorSays(server->lastConversation(), u"after"_s);
        // The operator's message is the last delivered one: a message of the visitor's still
        // waiting for its acknowledgement stays after it.
        const auto lastDelivered = [&] {
            const QList<ChatMessage> messages = controller->messages();
            for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
                if (it->delivery == ChatMessage::Delivery::Delivered)
                    return it->text;
            }
            return QString();
        };
        QTRY_COMPARE(lastDelivered(), u"after"_s);

        if (error == Error::Code::NoError) {
            QVERIFY2(errors.isEmpty(), qPrintable(errorsSeen(errors)));
        } else {
            QVERIFY2(errors.size() == 1, qPrintable(errorsSeen(errors)));
            QCOMPARE(lastError(errors).code, error);
            QVERIFY2(lastError(errors).message.contains(names), qPrintable(errorsSeen(errors)));
        }
        // Each message once, in order; the visitor's still waiting for an ack stay last.
        QStringList texts;
        QStringList pending;
        for (const ChatMessage &message : controller->messages()) {
            texts.append(message.text);
            if (message.delivery == ChatMessage::Delivery::Sending)
                pending.append(message.text);
        }
        QStringList delivered = added;
        for (const QString &text : std::as_const(pending))
            delivered.removeOne(text);
        QCOMPARE(
            texts, QStringList { u"before"_s } + delivered + QStringList { u"after"_s } + pending);
        const QString problem = sequenceProblem(controller->messages());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(controller->chatState(), ChatState::Active);
        QCOMPARE(controller->operatorName(), u"Alice"_s);
        QCOMPARE(controller->queuePosition(), 0);
    }

    // ---- Frames no WebSocket library sends, from a server on a bare TCP socket ------------

    void hostileFrames_data()
    {
        using Raw = RawWebSocketServer;
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<Error::Code>("error");
        QTest::addColumn<QString>("names");
        QTest::addColumn<bool>("closesLink");
        QTest::addColumn<bool>("delivered"); ///< the frames held a status 0 that must be shown
        const QByteArray offline = "{\"type\":\"status\",\"status\":0}";
        const auto bad = Error::Code::MalformedData;
        const auto tooLarge = Error::Code::TooLarge;
        const auto row = [](const char *name, const QByteArray &bytes, Error::Code error,
                             const QString &names, bool closesLink, bool delivered = false) {
            QTest::newRow(name) << bytes << error << names << closesLink << delivered;
        };

        row("valid frame", Raw::frame(Raw::Text, offline), Error::Code::NoError, {}, false, true);
        // Invalid UTF-8 in a text frame
        row("invalid byte 0xFF", Raw::frame(Raw::Text, "{\"type\":\"status\",\"status\":\"\xFF\"}"),
            bad, u"UTF-8"_s, true);
        row("overlong encoding", Raw::frame(Raw::Text, "{\"type\":\"\xC0\xAF\"}"), bad, u"UTF-8"_s,
            true);
        row("encoded surrogate", Raw::frame(Raw::Text, "{\"type\":\"\xED\xA0\x80\"}"), bad,
            u"UTF-8"_s, true);
        row("truncated sequence at the end", Raw::frame(Raw::Text, offline + "\xE2\x82"), bad,
            u"UTF-8"_s, true);
        row("code point above U+10FFFF", Raw::frame(Raw::Text, "{\"type\":\"\xF4\x90\x80\x80\"}"),
            bad, u"UTF-8"_s, true);
        row("invalid UTF-8 in the second fragment",
            Raw::frame(Raw::Text, "{\"type\":\"status\",", false)
                + Raw::frame(Raw::Continuation, "\"status\":\"\xFE\"}"),
            bad, u"UTF-8"_s, true);
        // Binary frames: the protocol has none
        row("binary frame of JSON", Raw::frame(Raw::Binary, offline), bad, u"binary"_s, false);
        row("binary frame of garbage", Raw::frame(Raw::Binary, QByteArray("\x00\xFF\x10", 3)), bad,
            u"binary"_s, false);
        row("empty text frame", Raw::frame(Raw::Text, {}), bad, u"JSON"_s, false);
        // Over the cap
        row("frame of 64 KiB + 1", Raw::frame(Raw::Text, padded(offline, 64 * 1024 + 1)), tooLarge,
            {}, true);
        row("frame header claiming 2^62 bytes",
            Raw::frame(Raw::Text, "x", true, 0, quint64(1) << 62), tooLarge, {}, true);
        row("frame header claiming 2^64 - 1 bytes",
            Raw::frame(Raw::Text, "x", true, 0, ~quint64(0)), bad, u"WebSocket"_s, true);
        row("message of two 40 KiB fragments",
            Raw::fragments(padded(offline, 80 * 1024), 40 * 1024), tooLarge, {}, true);
        // Floods of fragments
        row("10,000 fragments of one byte", Raw::fragments(padded(offline, 10000), 1),
            Error::Code::NoError, {}, false, true);
        row("70,000 fragments of one byte", Raw::fragments(padded(offline, 70000), 1), tooLarge, {},
            true);
        row("fragments with pings between them",
            Raw::frame(Raw::Text, offline.left(10), false) + Raw::frame(Raw::Ping, "p")
                + Raw::frame(Raw::Continuation, offline.mid(10, 10), false)
                + Raw::frame(Raw::Pong, "q") + Raw::frame(Raw::Continuation, offline.mid(20)),
            Error::Code::NoError, {}, false, true);
        row("10,000 empty fragments",
            Raw::frame(Raw::Text, {}, false)
                + Raw::frame(Raw::Continuation, {}, false).repeated(9998)
                + Raw::frame(Raw::Continuation, offline),
            Error::Code::NoError, {}, false, true);
        // Broken framing
        row("continuation with nothing to continue", Raw::frame(Raw::Continuation, offline), bad,
            u"WebSocket"_s, true);
        row("new message inside a fragmented one",
            Raw::frame(Raw::Text, "{", false) + Raw::frame(Raw::Text, offline), bad, u"WebSocket"_s,
            true);
        row("reserved bit set", Raw::frame(Raw::Text, offline, true, 4), bad, u"WebSocket"_s, true);
        row("reserved opcode 3", Raw::frame(3, offline), bad, u"WebSocket"_s, true);
        row("reserved control opcode 0xB", Raw::frame(0xB, {}), bad, u"WebSocket"_s, true);
        row("ping of 126 bytes", Raw::frame(Raw::Ping, QByteArray(126, 'p')), bad, u"WebSocket"_s,
            true);
        row("fragmented ping", Raw::frame(Raw::Ping, "p", false), bad, u"WebSocket"_s, true);
        row("close with code 999", Raw::frame(Raw::Close, QByteArray("\x03\xE7", 2)), bad,
            u"WebSocket"_s, true);
        row("close with one byte", Raw::frame(Raw::Close, "x"), bad, u"WebSocket"_s, true);
        row("an HTTP response instead of a frame", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
            bad, u"WebSocket"_s, true);
        row("unsolicited pong", Raw::frame(Raw::Pong, "hello"), Error::Code::NoError, {}, false);
        row("10,000 pings", Raw::frame(Raw::Ping, "p").repeated(10000), Error::Code::NoError, {},
            false);
        // Conversation events with no conversation: dropped
        row("message with no conversation", Raw::frame(Raw::Text, operatorMessage("1", "\"x\"")),
            Error::Code::NoError, {}, false);
        row("joined with no conversation",
            Raw::frame(Raw::Text,
                "{\"type\":\"joined\",\"seq\":1,\"time\":" + QByteArray(Time)
                    + ",\"operator\":\"Mallory\"}"),
            Error::Code::NoError, {}, false);
        row("ended with no conversation",
            Raw::frame(Raw::Text,
                "{\"type\":\"ended\",\"seq\":1,\"time\":" + QByteArray(Time)
                    + ",\"by\":\"system\"}"),
            Error::Code::NoError, {}, false);
        row("typing and queue with no conversation",
            Raw::frame(Raw::Text, "{\"type\":\"typing\",\"active\":true}")
                + Raw::frame(Raw::Text, "{\"type\":\"queue\",\"position\":7}"),
            Error::Code::NoError, {}, false);
    }

    void hostileFrames()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(Error::Code, error);
        QFETCH(QString, names);
        QFETCH(bool, closesLink);
        QFETCH(bool, delivered);
        countRow();

        RawWebSocketServer raw;
        QVERIFY(raw.listen());
        server->config.insert(u"socket"_s, raw.url().toString());
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(controller->status(), ButtonStatus::Online);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QSignalSpy statuses(controller.get(), &Controller::statusChanged);

        raw.sendBytes(bytes);
        if (closesLink) {
            QTRY_COMPARE(raw.hellos, 2);
            QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        }
        raw.sendBytes(RawWebSocketServer::frame(
            RawWebSocketServer::Text, "{\"type\":\"status\",\"status\":2}"));
        QTRY_COMPARE(controller->status(), ButtonStatus::Busy);
        QCOMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(raw.hellos, closesLink ? 2 : 1);

        if (error == Error::Code::NoError) {
            QVERIFY2(errors.isEmpty(), qPrintable(errorsSeen(errors)));
        } else {
            QVERIFY2(errors.size() == 1, qPrintable(errorsSeen(errors)));
            QCOMPARE(lastError(errors).code, error);
            QVERIFY2(lastError(errors).message.contains(names), qPrintable(errorsSeen(errors)));
        }
        QCOMPARE(statuses.size() == 2, delivered); // offline from the frames, then busy
        QVERIFY(controller->messages().isEmpty());
        QCOMPARE(controller->chatState(), ChatState::NoChat);
        QVERIFY(controller->operatorName().isEmpty());
        QVERIFY(!controller->isOperatorTyping());
        QCOMPARE(controller->queuePosition(), 0);
    }

    // A frame that starts and never ends: the heartbeat gives the link up, and it is tried again.
    void stalledFrame_data()
    {
        using Raw = RawWebSocketServer;
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("header only") << Raw::frame(Raw::Text, {}, true, 0, 100);
        QTest::newRow("half a payload")
            << Raw::frame(Raw::Text, "{\"type\":\"status\",", true, 0, 28);
        QTest::newRow("half an extended length") << QByteArray("\x81\x7E\x01", 3);
        QTest::newRow("half of a 64-bit length") << QByteArray("\x81\x7F\x00\x00\x00", 5);
    }

    void stalledFrame()
    {
        QFETCH(QByteArray, bytes);
        countRow();

        RawWebSocketServer raw;
        QVERIFY(raw.listen());
        raw.heartbeatSeconds = 1;
        server->config.insert(u"socket"_s, raw.url().toString());
        server->config.insert(u"heartbeatSeconds"_s, 1);
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);

        raw.sendBytes(bytes);
        QTRY_COMPARE_WITH_TIMEOUT(raw.hellos, 2, 10000);
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        raw.sendBytes(RawWebSocketServer::frame(
            RawWebSocketServer::Text, "{\"type\":\"status\",\"status\":2}"));
        QTRY_COMPARE(controller->status(), ButtonStatus::Busy);
        QVERIFY2(errors.size() == 1, qPrintable(errorsSeen(errors)));
        QCOMPARE(lastError(errors).code, Error::Code::Timeout);
    }

    // A server that answers pings but never greets: the link is given up as dead, and tried
    // again, rather than waiting for the `welcome` for ever.
    void helloNeverAnswered_data()
    {
        using Raw = RawWebSocketServer;
        QTest::addColumn<bool>("answersHello");
        QTest::addColumn<QByteArray>("answer");
        QTest::newRow("nothing") << false << QByteArray();
        QTest::newRow("a status, no welcome")
            << true << Raw::frame(Raw::Text, "{\"type\":\"status\",\"status\":1}");
        QTest::newRow("an unknown type, no welcome")
            << true << Raw::frame(Raw::Text, "{\"type\":\"hi\"}");
        QTest::newRow("a malformed message, no welcome")
            << true << Raw::frame(Raw::Text, "{\"type\":\"welcome\"}");
    }

    void helloNeverAnswered()
    {
        QFETCH(bool, answersHello);
        QFETCH(QByteArray, answer);
        countRow();

        RawWebSocketServer raw;
        QVERIFY(raw.listen());
        raw.answersHello = answersHello;
        raw.answerToHello = answer;
        server->config.insert(u"socket"_s, raw.url().toString());
        server->config.insert(u"heartbeatSeconds"_s, 1);
        auto controller = connectedController();
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QTRY_COMPARE(raw.hellos, 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            controller->connectionState() == ConnectionState::Reconnecting || raw.hellos > 1,
            10000);
        QVERIFY(controller->connectionState() != ConnectionState::Connected);
        bool timedOut = false;
        for (const QList<QVariant> &signal : std::as_const(errors))
            timedOut = timedOut || signal.constFirst().value<Error>().code == Error::Code::Timeout;
        QVERIFY2(timedOut, qPrintable(errorsSeen(errors)));

        // The server greets again.
        raw.answersHello = true;
        raw.answerToHello.clear();
        QTRY_COMPARE_WITH_TIMEOUT(controller->connectionState(), ConnectionState::Connected, 10000);
        QCOMPARE(controller->status(), ButtonStatus::Online);
    }

    // HTTP that no HTTP server library writes, for the configuration request.
    void hostileHttp_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::addColumn<Error::Code>("error");
        QTest::addColumn<QString>("names");
        const QByteArray good = QJsonDocument(TestServer().config).toJson(QJsonDocument::Compact);
        const QByteArray ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n";
        const auto chunked = [](const QByteArray &body, qsizetype chunkBytes) -> QByteArray {
            QByteArray bytes;
            for (qsizetype offset = 0; offset < body.size(); offset += chunkBytes) {
                const QByteArray chunk = body.mid(offset, chunkBytes);
                bytes += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
            }
            return bytes + "0\r\n\r\n";
        };
        const auto row
            = [](const char *name, const QByteArray &response, Error::Code error,
                  const QString &names) { QTest::newRow(name) << response << error << names; };

        row("4 MiB chunked, with no length",
            ok + "Transfer-Encoding: chunked\r\n\r\n"
                + chunked(padded(good, 4 * 1024 * 1024), 64 * 1024),
            Error::Code::TooLarge, u"262144"_s);
        row("256 KiB + 1 until the connection closes",
            ok + "Connection: close\r\n\r\n" + padded(good, 256 * 1024 + 1), Error::Code::TooLarge,
            u"262144"_s);
        row("a length of 1 GiB and a short body", ok + "Content-Length: 1073741824\r\n\r\n" + good,
            Error::Code::TooLarge, u"262144"_s);
        row("a length shorter than the body", ok + "Content-Length: 10\r\n\r\n" + good,
            Error::Code::MalformedData, u"JSON"_s);
        row("a chunk size that is not a number",
            ok + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + good + "\r\n0\r\n\r\n",
            Error::Code::MalformedData, u"not valid JSON"_s);
        row("not HTTP at all", "SSH-2.0-OpenSSH_9.2\r\n\r\n", Error::Code::NetworkError,
            u"Cannot reach the server"_s);
        row("redirect to a file",
            "HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\nContent-Length: 0\r\n\r\n",
            Error::Code::NetworkError, u"Cannot reach the server"_s);
        row("redirect to javascript:",
            "HTTP/1.1 302 Found\r\nLocation: javascript:alert(1)\r\nContent-Length: 0\r\n\r\n",
            Error::Code::NetworkError, u"Cannot reach the server"_s);
        row("304 to a request with no ETag", "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n",
            Error::Code::MalformedData, u"304"_s);
        row("204 with no body", "HTTP/1.1 204 No Content\r\n\r\n", Error::Code::MalformedData,
            u"JSON"_s);
        const QByteArray html = "<html><img src=\"http://127.0.0.1:1/x\"></html>";
        row("HTML served as JSON",
            ok + "Content-Length: " + QByteArray::number(html.size()) + "\r\n\r\n" + html,
            Error::Code::MalformedData, u"not valid JSON"_s);
        // Only the document has a cap of its own; a long header is the HTTP stack's to judge.
        row("a header of 1 MiB",
            "HTTP/1.1 200 OK\r\nX-Filler: " + QByteArray(1024 * 1024, 'x')
                + "\r\nContent-Length: " + QByteArray::number(good.size()) + "\r\n\r\n" + good,
            Error::Code::NoError, {});
    }

    void hostileHttp()
    {
        QFETCH(QByteArray, response);
        QFETCH(Error::Code, error);
        QFETCH(QString, names);
        countRow();

        RawWebSocketServer raw;
        QVERIFY(raw.listen());
        raw.httpResponse = response;
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(QUrl(u"http://127.0.0.1:%1/"_s.arg(raw.url().port())));
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QVERIFY(controller->init(TestServer::companyId(), u"support"_s, u"en"_s));
        controller->connectToServer();
        if (error == Error::Code::NoError) {
            // A head of 1 MiB is read and parsed first: seconds on a loaded machine.
            QTRY_COMPARE_WITH_TIMEOUT(
                controller->connectionState(), ConnectionState::Connected, 20000);
            QVERIFY2(errors.isEmpty(), qPrintable(errorsSeen(errors)));
            return;
        }
        QTRY_VERIFY(!errors.isEmpty());
        QVERIFY2(errors.constFirst().constFirst().value<Error>().code == error,
            qPrintable(errorsSeen(errors)));
        QVERIFY2(errors.constFirst().constFirst().value<Error>().message.contains(names),
            qPrintable(errorsSeen(errors)));
        QVERIFY(!controller->hasConfig());

        // The server behaves again.
        const QByteArray good = QJsonDocument(server->config).toJson(QJsonDocument::Compact);
        raw.httpResponse = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(good.size()) + "\r\nConnection: close\r\n\r\n" + good;
        if (!Error { error, {} }.isRetryable()) {
            QCOMPARE(controller->connectionState(), ConnectionState::Disconnected);
            controller->connectToServer();
        }
        QTRY_COMPARE_WITH_TIMEOUT(controller->connectionState(), ConnectionState::Connected, 10000);
        QCOMPARE(raw.hellos, 1);
        QCOMPARE(controller->status(), ButtonStatus::Online);
    }

    // ---- The configuration document --------------------------------------------------------

    void hostileConfig_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<Error::Code>("error");
        QTest::addColumn<QString>("names");
        const auto bad = Error::Code::MalformedData;
        const QByteArray good = QJsonDocument(TestServer().config).toJson(QJsonDocument::Compact);
        // The good document with `key` set to `json`, as raw JSON.
        const auto with = [&](const char *key, const QByteArray &json) -> QByteArray {
            QByteArray document = good;
            const QByteArray field = '"' + QByteArray(key) + "\":";
            const qsizetype at = document.indexOf(field);
            if (at < 0)
                return document.chopped(1) + ',' + field + json + '}';
            // Replace the old value: up to the next top-level comma or the end.
            qsizetype end = at + field.size();
            int depth = 0;
            bool inString = false;
            for (; end < document.size(); ++end) {
                const char c = document.at(end);
                if (inString) {
                    if (c == '\\')
                        ++end;
                    else if (c == '"')
                        inString = false;
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if (c == '}' || c == ']') {
                    if (depth-- == 0)
                        break;
                } else if (c == ',' && depth == 0) {
                    break;
                }
            }
            return document.left(at + field.size()) + json + document.mid(end);
        };
        const auto without = [&](const char *key) {
            QJsonObject object = QJsonDocument::fromJson(good).object();
            object.remove(QLatin1StringView(key));
            return QJsonDocument(object).toJson(QJsonDocument::Compact);
        };
        const auto row
            = [](const char *name, const QByteArray &body, Error::Code error, const QString &names,
                  int status = 200) { QTest::newRow(name) << body << status << error << names; };

        row("not JSON", "<html><body>Welcome</body></html>", bad, u"not valid JSON"_s);
        row("empty body", " ", bad, u"JSON"_s);
        row("array", "[" + good + "]", bad, u"not a JSON object"_s);
        row("truncated", good.chopped(20), bad, u"JSON"_s);
        row("invalid UTF-8", with("preset", "\"\xFF\xFE\""), bad, u"UTF-8"_s);
        row("nested 10,000 deep", QByteArray(10000, '[') + QByteArray(10000, ']'), bad, u"JSON"_s);
        row("over the cap by a byte", padded(good, 256 * 1024 + 1), Error::Code::TooLarge,
            u"262144"_s);
        row("4 MiB", padded(good, 4 * 1024 * 1024), Error::Code::TooLarge, u"262144"_s);
        row("at the cap is allowed", padded(good, 256 * 1024), Error::Code::NoError, {});
        // Wrong types
        row("protocol is a string", with("protocol", "\"1\""), bad, u"'protocol'"_s);
        row("protocol 2", with("protocol", "2"), bad, u"'protocol'"_s);
        row("languages is a string", with("languages", "\"en\""), bad, u"'languages'"_s);
        row("heartbeat 1e300", with("heartbeatSeconds", "1e300"), bad, u"'heartbeatSeconds'"_s);
        row("heartbeat -1", with("heartbeatSeconds", "-1"), bad, u"'heartbeatSeconds'"_s);
        row("heartbeat 0", with("heartbeatSeconds", "0"), bad, u"'heartbeatSeconds'"_s);
        row("chat is a string", with("features", "{\"chat\":\"yes\"}"), bad, u"'features.chat'"_s);
        row("fields is an object", with("fields", "{}"), bad, u"'fields'"_s);
        row("colour of a word", with("colors", "{\"online\":\"red\"}"), bad, u"'colors.online'"_s);
        row("colour with markup", with("colors", "{\"accent\":\"#FFF<b>\"}"), bad,
            u"'colors.accent'"_s);
        row("socket is a number", with("socket", "42"), bad, u"'socket'"_s);
        row("texts is an array", with("texts", "[]"), bad, u"'texts'"_s);
        row("offline behaviour unknown", with("offlineBehavior", "\"<b>form</b>\""), bad,
            u"'offlineBehavior'"_s);
        row("phone region of markup", with("phoneRegion", "\"<b>\""), bad, u"'phoneRegion'"_s);
        // Missing fields
        row("no socket", without("socket"), bad, u"'socket' is missing"_s);
        row("no languages", without("languages"), bad, u"'languages' is missing"_s);
        row("no protocol", without("protocol"), bad, u"'protocol' is missing"_s);
        row("no default language", without("defaultLanguage"), bad, u"'defaultLanguage'"_s);
        row("empty object", "{}", bad, u"is missing"_s);
        // Out of the limits
        row("33 languages", with("languages", "[" + QByteArrayList(33, "\"en\"").join(',') + "]"),
            bad, u"'languages'"_s);
        row("title of 1,001 characters",
            with("texts", "{\"en\":{\"title\":" + quoted(QString(1001, u't')) + "}}"), bad,
            u"'texts.en.title'"_s);
        row("17 fields",
            with("fields",
                "[" + QByteArrayList(17, "{\"name\":\"n\",\"type\":\"text\"}").join(',') + "]"),
            bad, u"'fields'"_s);
        row("field name of markup", with("fields", "[{\"name\":\"<b>x</b>\",\"type\":\"text\"}]"),
            bad, u"'fields[0].name'"_s);
        row("texts for a language not offered", with("texts", "{\"de\":{\"title\":\"Hilfe\"}}"),
            bad, u"'texts.de'"_s);
        // A socket the client must not open
        row("socket of javascript:", with("socket", "\"javascript:alert(1)\""), bad, u"'socket'"_s);
        row("socket of file:", with("socket", "\"file:///etc/passwd\""), bad, u"'socket'"_s);
        row("socket of http:", with("socket", "\"http://127.0.0.1:1/x\""), bad, u"'socket'"_s);
        // Errors over HTTP
        row("HTTP 500 with an HTML page", "<html><script>alert(1)</script></html>",
            Error::Code::ServerError, u"HTTP 500"_s, 500);
        row("HTTP 404 with markup in the error",
            "{\"error\":{\"code\":\"unknown_preset\",\"message\":\"<b>gone</b>\"}}",
            Error::Code::UnknownPreset, u"<b>gone</b>"_s, 404);
        row("HTTP 400 with an error of the wrong type", "{\"error\":\"bad\"}",
            Error::Code::Rejected, u"HTTP 400"_s, 400);
    }

    void hostileConfig()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, httpStatus);
        QFETCH(Error::Code, error);
        QFETCH(QString, names);
        countRow();

        server->configBody = body;
        server->configStatus = httpStatus;
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QVERIFY(controller->init(TestServer::companyId(), u"support"_s, u"en"_s));
        controller->connectToServer();

        if (error == Error::Code::NoError) {
            // A head of 1 MiB is read and parsed first: seconds on a loaded machine.
            QTRY_COMPARE_WITH_TIMEOUT(
                controller->connectionState(), ConnectionState::Connected, 20000);
            QVERIFY2(errors.isEmpty(), qPrintable(errorsSeen(errors)));
            return;
        }
        QTRY_VERIFY(!errors.isEmpty());
        QCOMPARE(lastError(errors).code, error);
        QVERIFY2(lastError(errors).message.contains(names), qPrintable(errorsSeen(errors)));
        QVERIFY(!controller->hasConfig());
        QCOMPARE(server->openConnections(), 0);

        // The server behaves again: a retryable error is retried by itself, another waits for
        // the application to connect again.
        server->configBody.clear();
        if (!lastError(errors).isRetryable()) {
            QCOMPARE(controller->connectionState(), ConnectionState::Disconnected);
            controller->connectToServer();
        }
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(controller->status(), ButtonStatus::Online);
        QCOMPARE(controller->config().phoneRegion, u"CZ"_s);
    }

    // ---- What the window shows ------------------------------------------------------------

    // ---- The operator's picture -------------------------------------------------------------

    // What a server serves as the operator's picture, refused whatever it is: the window shows
    // the initials, and the program goes on.
    void hostileAvatar_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<bool>("redirect");

        QImage blue(96, 96, QImage::Format_RGB32);
        blue.fill(Qt::blue);
        const QByteArray png = imageFile(blue, "PNG");
        const auto row
            = [](const char *name, const QByteArray &body, const QByteArray &type = "image/png",
                  bool redirect = false) { QTest::newRow(name) << body << type << redirect; };
        row("a header claiming 20000 × 20000 pixels", pngClaiming(20000, 20000));
        row("a header claiming 1025 × 1 pixels", pngClaiming(1025, 1));
        row("a header claiming 0 × 0 pixels", pngClaiming(0, 0));
        row("larger than 256 KiB", png + QByteArray(256 * 1024, '\0'));
        row("a PNG cut in half", png.left(png.size() / 2));
        row("the signature alone", png.left(8));
        row("a JPEG said to be a PNG", imageFile(blue, "JPEG"));
        row("a GIF said to be a PNG", "GIF89a\x01\x00\x01\x00\x00\x00\x00;"_ba);
        row("HTML", "<html><img src=\"http://127.0.0.1:1/x.png\"></html>"_ba, "text/html");
        row("nothing", QByteArray());
        row("not served (404)", QByteArray("absent"));
        row("a redirect elsewhere", png, "image/png", true);
    }

    void hostileAvatar()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, redirect);
        countRow();
        QTcpServer trap;
        QVERIFY(trap.listen(QHostAddress::LocalHost, 0));
        QSignalSpy trapped(&trap, &QTcpServer::newConnection);

        const QString id = u"fedcba9876543210fedcba9876543210"_s;
        if (body != "absent")
            server->avatars.insert(id, body);
        server->avatarContentType = contentType;
        if (redirect)
            server->avatarRedirect = QUrl(u"http://127.0.0.1:%1/a.png"_s.arg(trap.serverPort()));
        auto controller = connectedController();
        QVERIFY(controller);
        auto *fetcher = controller->findChild<OWidget::AvatarFetcher *>();
        QVERIFY(fetcher);
        QSignalSpy fetched(fetcher, &OWidget::AvatarFetcher::fetched);
        ChatWindow window;
        window.setController(controller.get());
        controller->openChat();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->operatorJoins(server->lastConversation(), u"Alice"_s, id);
        server->operatorSays(server->lastConversation(), u"Hello"_s);

        QTRY_COMPARE(fetched.size(), 1);
        QCOMPARE(fetched.constFirst().at(0).toString(), id);
        QVERIFY(fetched.constFirst().at(1).value<QImage>().isNull());
        QVERIFY(controller->operatorAvatar().isNull());
        QCOMPARE(server->avatarRequests, 1);
        // The initials, in the header and beside her message; the window still draws.
        const auto *avatar = window.findChild<QLabel *>(u"owidgetHeaderAvatar"_s);
        QTRY_VERIFY(avatar && avatar->isVisible());
        const QImage header = avatar->pixmap().toImage();
        QCOMPARE(header.pixelColor(header.width() / 2, 2).rgb(),
            OWidget::Avatar::color(u"Alice"_s).rgb());
        QTRY_COMPARE(controller->messages().size(), 1);
        QVERIFY(!window.grab().isNull());
        // Named again, it is not asked for again.
        server->operatorSays(server->lastConversation(), u"Still there?"_s);
        QTRY_COMPARE(controller->messages().size(), 2);
        QCOMPARE(server->avatarRequests, 1);
        QCOMPARE(trapped.size(), 0);
    }

    // Markup in every text the server sends is shown as it is written, and nothing it names is
    // fetched: a server on this computer waits for a connection that must never come.
    void markupIsShownLiterallyAndNothingIsFetched()
    {
        QTcpServer trap;
        QVERIFY(trap.listen(QHostAddress::LocalHost, 0));
        QSignalSpy fetched(&trap, &QTcpServer::newConnection);
        countRow();
        const QString image = u"<img src=\"http://127.0.0.1:%1/x.png\">"_s.arg(trap.serverPort());
        const QString markup = u"<b>bold</b>"_s + image + u"<script>alert(1)</script>"_s
            + u"<a href=\"http://127.0.0.1:%1/\">link</a>"_s.arg(trap.serverPort());

        QJsonObject texts;
        for (const QString &key : { u"title"_s, u"greeting"_s, u"offline"_s, u"busy"_s })
            texts.insert(key, QString(key + markup));
        server->config.insert(u"texts"_s, QJsonObject { { u"en"_s, texts } });
        QJsonArray fields = server->config.value(u"fields"_s).toArray();
        QJsonObject name = fields.at(0).toObject();
        name.insert(u"label"_s, QJsonObject { { u"en"_s, QString(u"Name"_s + markup) } });
        fields.replace(0, name);
        server->config.insert(u"fields"_s, fields);

        auto controller = connectedController();
        ChatWindow window;
        window.setController(controller.get());
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        controller->openChat();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.grab().isNull());
        const auto *title = window.findChild<QLabel *>(u"owidgetTitle"_s);
        QVERIFY(title);
        QCOMPARE(title->text(), u"title"_s + markup);
        const auto *label = window.findChild<QLabel *>(u"owidgetFieldLabel_name"_s);
        QVERIFY(label);
        QVERIFY2(label->text().contains(markup), qPrintable(label->text()));

        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"<i>Alice</i>"_s + image);
        server->operatorSays(conversation, markup);
        auto *view = window.findChild<QListView *>(u"owidgetMessageView"_s);
        QVERIFY(view);
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QVERIFY(!window.grab().isNull());
        QVERIFY(!view->grab().isNull());

        const QModelIndex message = view->model()->index(0, 0);
        QCOMPARE(message.data().toString(), markup);
        QVERIFY(message.data(Qt::AccessibleTextRole).toString().contains(u"<b>bold</b>"_s));
        QVERIFY(window.findChild<QLabel *>(u"owidgetSubtitle"_s)->text().contains(image));
        const QList<QLabel *> labels = window.findChildren<QLabel *>();
        for (const QLabel *each : labels) {
            QVERIFY2(each->textFormat() == Qt::PlainText, qPrintable(each->objectName()));
            QVERIFY(!each->openExternalLinks());
        }

        // A link whose percent-encoding hides markup: its tooltip must not read as rich text.
        const QString hidden = u"https://example.com/%3Cb%3Ebold%3C/b%3E%3Cimg%20src=%22http://"
                               "127.0.0.1:%1/y.png%22%3E"_s.arg(trap.serverPort());
        server->operatorSays(conversation, u"see "_s + hidden);
        QTRY_COMPARE(view->model()->rowCount(), 2);
        QCOMPARE(view->model()->index(1, 0).data().toString(), u"see "_s + hidden);
        QVERIFY(!view->grab().isNull());
        const auto *delegate = qobject_cast<OWidget::MessageDelegate *>(view->itemDelegate());
        QVERIFY(delegate);
        const QRect link = delegate->linkRect(view->model()->index(1, 0), 0);
        QVERIFY(!link.isEmpty());
        QTest::mouseMove(view->viewport(), link.center());
        QTRY_VERIFY(!view->viewport()->toolTip().isEmpty());
        QVERIFY2(!Qt::mightBeRichText(view->viewport()->toolTip()),
            qPrintable(view->viewport()->toolTip()));

        QVERIFY2(!fetched.wait(500), "the window fetched what the server's markup named");
        QCOMPARE(fetched.size(), 0);
    }
};

QTEST_MAIN(tst_HostileServer)
#include "tst_hostile_server.moc"
