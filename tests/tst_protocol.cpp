// The v1 wire codec (docs/protocol.md, section 3) without a socket: every server message decoded
// with all its fields, malformed frames refused with an error that names the field, text kept
// verbatim, and the client's messages encoded as compact JSON.
#include "protocol_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidget;
using namespace OWidget::Protocol;

Q_DECLARE_METATYPE(OWidget::Protocol::ConversationState)

namespace {

const QDateTime exampleTime(QDate(2026, 11, 25), QTime(10, 15, 30, 123), Qt::UTC);

/// The message `frame` decodes to, if it is a T; else nullopt and the reason in `why`.
template<typename T> std::optional<T> decodeAs(const QByteArray &frame, QString *why)
{
    const auto result = decodeServerMessage(frame);
    if (const auto *error = std::get_if<DecodeError>(&result)) {
        *why = error->message;
        return std::nullopt;
    }
    const ServerMessage &message = std::get<ServerMessage>(result);
    if (const T *typed = std::get_if<T>(&message))
        return *typed;
    *why = u"decoded to another message type (variant index %1)"_s.arg(message.index());
    return std::nullopt;
}

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// A `message` event with `text`, everything else valid.
QByteArray messageWithText(const QString &text)
{
    return toJson({ { "type"_L1, u"message"_s }, { "seq"_L1, 2 },
        { "time"_L1, u"2026-11-25T10:15:30.123Z"_s }, { "from"_L1, u"operator"_s },
        { "name"_L1, u"Alice"_s }, { "text"_L1, text } });
}

/// A valid `typing` frame of exactly `size` bytes, padded with a field the codec does not know.
QByteArray typingFrameOfSize(qsizetype size)
{
    const QByteArray head = R"({"type":"typing","active":true,"pad":")"_ba;
    const QByteArray tail = R"("})"_ba;
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

QJsonObject parseJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return {};
    return document.object();
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Server → client, happy
    void welcome_data();
    void welcome();
    void status_data();
    void status();
    void created();
    void queue();
    void joined();
    void message_data();
    void message();
    void ended_data();
    void ended();
    void ack();
    void typing_data();
    void typing();
    void received();
    void rated();
    void readMark_data();
    void readMark();
    void welcomeCarriesOperatorRead_data();
    void welcomeCarriesOperatorRead();
    void operatorAvatar_data();
    void operatorAvatar();
    void serverError_data();
    void serverError();
    void unknownFieldsAreIgnored();
    void limitsAreInclusive_data();
    void limitsAreInclusive();
    void textIsKeptVerbatim_data();
    void textIsKeptVerbatim();

    // Server → client, rainy
    void malformedFrameIsRefused_data();
    void malformedFrameIsRefused();
    void malformedAvatarIsRefused_data();
    void malformedAvatarIsRefused();

    // HTTP error bodies and codes
    void errorBody_data();
    void errorBody();
    void errorCodeFor_data();
    void errorCodeFor();

    // Client → server
    void encodeHello();
    void encodeHelloWithoutResume();
    void encodeStart();
    void encodeMessage_data();
    void encodeMessage();
    void encodeTyping();
    void encodeEnd();
    void encodeLeaveMessage();
    void encodeCallbackRequest();

    // The server's side: what the server and the test server encode, the client decodes
    void serverMessagesRoundTrip_data();
    void serverMessagesRoundTrip();
};

void TestProtocol::welcome_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ButtonStatus>("status");
    QTest::addColumn<int>("heartbeatSeconds");
    QTest::addColumn<bool>("hasConversation");
    QTest::addColumn<ConversationState>("state");
    QTest::addColumn<QString>("operatorName");
    QTest::addColumn<int>("queuePosition");

    QTest::newRow("no conversation")
        << R"({"type":"welcome","protocol":1,"status":0,"heartbeatSeconds":30})"_ba
        << ButtonStatus::Offline << 30 << false << ConversationState::Waiting << QString() << 0;
    QTest::newRow("waiting") << R"({"type":"welcome","protocol":1,"status":2,"heartbeatSeconds":15,
              "conversation":{"id":"c-81f0","state":"waiting","operator":"","queuePosition":4}})"_ba
                             << ButtonStatus::Busy << 15 << true << ConversationState::Waiting
                             << QString() << 4;
    QTest::newRow("active") << R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":15,
              "conversation":{"id":"c-81f0","state":"active","operator":"Alice","queuePosition":0}})"_ba
                            << ButtonStatus::Online << 15 << true << ConversationState::Active
                            << u"Alice"_s << 0;
    QTest::newRow("ended") << R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":300,
              "conversation":{"id":"c-81f0","state":"ended","operator":"Bob","queuePosition":0}})"_ba
                           << ButtonStatus::Online << 300 << true << ConversationState::Ended
                           << u"Bob"_s << 0;
}

void TestProtocol::welcome()
{
    QFETCH(QByteArray, frame);
    QFETCH(ButtonStatus, status);
    QFETCH(int, heartbeatSeconds);
    QFETCH(bool, hasConversation);
    QFETCH(ConversationState, state);
    QFETCH(QString, operatorName);
    QFETCH(int, queuePosition);

    QString why;
    const auto welcome = decodeAs<Welcome>(frame, &why);
    QVERIFY2(welcome, qPrintable(why));
    QCOMPARE(buttonStatus(welcome->status), status);
    QCOMPARE(welcome->heartbeatSeconds, heartbeatSeconds);
    QCOMPARE(welcome->conversation.has_value(), hasConversation);
    if (hasConversation) {
        QCOMPARE(welcome->conversation->id, u"c-81f0"_s);
        QCOMPARE(welcome->conversation->state, state);
        QCOMPARE(welcome->conversation->operatorName, operatorName);
        QCOMPARE(welcome->conversation->queuePosition, queuePosition);
    }
}

void TestProtocol::status_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<ButtonStatus>("status");

    QTest::newRow("offline") << R"({"type":"status","status":0})"_ba << ButtonStatus::Offline;
    QTest::newRow("online") << R"({"type":"status","status":1})"_ba << ButtonStatus::Online;
    QTest::newRow("busy") << R"({"type":"status","status":2})"_ba << ButtonStatus::Busy;
}

void TestProtocol::status()
{
    QFETCH(QByteArray, frame);
    QFETCH(ButtonStatus, status);

    QString why;
    const auto update = decodeAs<StatusUpdate>(frame, &why);
    QVERIFY2(update, qPrintable(why));
    QCOMPARE(buttonStatus(update->status), status);
}

void TestProtocol::created()
{
    QString why;
    const auto created = decodeAs<Created>(
        R"({"type":"created","clientId":"6b0","conversation":"c-81f0","secret":"k3","queuePosition":3})"_ba,
        &why);
    QVERIFY2(created, qPrintable(why));
    QCOMPARE(created->clientId, u"6b0"_s);
    QCOMPARE(created->conversation, u"c-81f0"_s);
    QCOMPARE(created->secret, u"k3"_s);
    QCOMPARE(created->queuePosition, 3);
}

void TestProtocol::queue()
{
    QString why;
    const auto queue = decodeAs<QueueUpdate>(R"({"type":"queue","position":2})"_ba, &why);
    QVERIFY2(queue, qPrintable(why));
    QCOMPARE(queue->position, 2);
}

void TestProtocol::joined()
{
    QString why;
    const auto joined = decodeAs<Joined>(
        R"({"type":"joined","seq":1,"time":"2026-11-25T10:15:30.123Z","operator":"Alice"})"_ba,
        &why);
    QVERIFY2(joined, qPrintable(why));
    QCOMPARE(joined->seq, qint64(1));
    QCOMPARE(joined->time, exampleTime);
    QCOMPARE(joined->operatorName, u"Alice"_s);
}

void TestProtocol::message_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qint64>("seq");
    QTest::addColumn<ChatMessage::Sender>("from");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("text");

    QTest::newRow("operator")
        << R"({"type":"message","seq":2,"time":"2026-11-25T10:15:30.123Z","from":"operator",
              "name":"Alice","text":"Hello!"})"_ba
        << qint64(2) << ChatMessage::Sender::Operator << u"Alice"_s << QString() << u"Hello!"_s;
    QTest::newRow("visitor")
        << R"({"type":"message","seq":3,"time":"2026-11-25T10:15:30.123Z","from":"visitor",
              "clientId":"77a","text":"Hi"})"_ba
        << qint64(3) << ChatMessage::Sender::Visitor << QString() << u"77a"_s << u"Hi"_s;
    QTest::newRow("an attachment of another protocol, ignored")
        << R"({"type":"message","seq":5,"time":"2026-11-25T10:15:30.123Z","from":"operator",
              "name":"Alice","text":"kept","attachment":{"url":"http://127.0.0.1:1/x"}})"_ba
        << qint64(5) << ChatMessage::Sender::Operator << u"Alice"_s << QString() << u"kept"_s;
    QTest::newRow("unicode and escapes")
        << R"({"type":"message","seq":4,"time":"2026-11-25T10:15:30.123Z","from":"operator",
              "name":"Jiří","text":"Dobrý den 👋\nřádek \"dva\""})"_ba
        << qint64(4) << ChatMessage::Sender::Operator << u"Jiří"_s << QString()
        << u"Dobrý den 👋\nřádek \"dva\""_s;
}

void TestProtocol::message()
{
    QFETCH(QByteArray, frame);
    QFETCH(qint64, seq);
    QFETCH(ChatMessage::Sender, from);
    QFETCH(QString, name);
    QFETCH(QString, clientId);
    QFETCH(QString, text);

    QString why;
    const auto message = decodeAs<MessageEvent>(frame, &why);
    QVERIFY2(message, qPrintable(why));
    QCOMPARE(message->seq, seq);
    QCOMPARE(message->time, exampleTime);
    QCOMPARE(chatSender(message->from), from);
    QCOMPARE(message->name, name);
    QCOMPARE(message->clientId, clientId);
    QCOMPARE(message->text, text);
}

void TestProtocol::ended_data()
{
    QTest::addColumn<QString>("by");

    QTest::newRow("operator") << u"operator"_s;
    QTest::newRow("visitor") << u"visitor"_s;
    QTest::newRow("system") << u"system"_s;
}

void TestProtocol::ended()
{
    QFETCH(QString, by);

    QString why;
    const auto ended
        = decodeAs<Ended>(toJson({ { "type"_L1, u"ended"_s }, { "seq"_L1, 4 },
                              { "time"_L1, u"2026-11-25T10:15:30.123Z"_s }, { "by"_L1, by } }),
            &why);
    QVERIFY2(ended, qPrintable(why));
    QCOMPARE(ended->seq, qint64(4));
    QCOMPARE(ended->time, exampleTime);
    QCOMPARE(Protocol::name(ended->by), by);
}

void TestProtocol::ack()
{
    QString why;
    const auto ack = decodeAs<Ack>(
        R"({"type":"ack","clientId":"77a","seq":3,"time":"2026-11-25T10:15:30.123Z"})"_ba, &why);
    QVERIFY2(ack, qPrintable(why));
    QCOMPARE(ack->clientId, u"77a"_s);
    QCOMPARE(ack->seq, qint64(3));
    QCOMPARE(ack->time, exampleTime);
}

void TestProtocol::typing_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("active");

    QTest::newRow("active") << R"({"type":"typing","active":true})"_ba << true;
    QTest::newRow("stopped") << R"({"type":"typing","active":false})"_ba << false;
}

void TestProtocol::typing()
{
    QFETCH(QByteArray, frame);
    QFETCH(bool, active);

    QString why;
    const auto typing = decodeAs<Typing>(frame, &why);
    QVERIFY2(typing, qPrintable(why));
    QCOMPARE(typing->active, active);
}

void TestProtocol::received()
{
    QString why;
    const auto received = decodeAs<Received>(R"({"type":"received","clientId":"91c"})"_ba, &why);
    QVERIFY2(received, qPrintable(why));
    QCOMPARE(received->clientId, u"91c"_s);
}

void TestProtocol::rated()
{
    QString why;
    const auto rated = decodeAs<Rated>(R"({"type":"rated","clientId":"5e2","score":4})"_ba, &why);
    QVERIFY2(rated, qPrintable(why));
    QCOMPARE(rated->clientId, u"5e2"_s);
    QCOMPARE(rated->score, 4);
}

void TestProtocol::readMark_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qint64>("seq");
    QTest::newRow("one") << R"({"type":"read","seq":1})"_ba << qint64(1);
    QTest::newRow("2^53-1") << R"({"type":"read","seq":9007199254740991})"_ba << MaxSeq;
}

void TestProtocol::readMark()
{
    QFETCH(QByteArray, frame);
    QFETCH(qint64, seq);
    QString why;
    const auto read = decodeAs<ReadMark>(frame, &why);
    QVERIFY2(read, qPrintable(why));
    QCOMPARE(read->seq, seq);
}

// The operator's read mark rides in the welcome's conversation, so that a resumed window shows
// "Seen" again; a server without read marks leaves it out, which reads as nothing read.
void TestProtocol::welcomeCarriesOperatorRead_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<qint64>("operatorRead");
    const QByteArray head = R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":15,
        "conversation":{"id":"c-1","state":"active","operator":"Alice","queuePosition":0)"_ba;
    QTest::newRow("absent") << head + "}}" << qint64(0);
    QTest::newRow("zero") << head + R"(,"operatorRead":0}})" << qint64(0);
    QTest::newRow("seven") << head + R"(,"operatorRead":7}})" << qint64(7);
}

void TestProtocol::welcomeCarriesOperatorRead()
{
    QFETCH(QByteArray, frame);
    QFETCH(qint64, operatorRead);
    QString why;
    const auto welcome = decodeAs<Welcome>(frame, &why);
    QVERIFY2(welcome, qPrintable(why));
    QVERIFY(welcome->conversation);
    QCOMPARE(welcome->conversation->operatorRead, operatorRead);
}

// The operator's picture: an optional id in every frame that names the operator. A server
// without pictures leaves it out, which reads as none.
void TestProtocol::operatorAvatar_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("avatar");
    const QByteArray id = "0123456789abcdef0123456789abcdef";
    const QByteArray welcome = R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":15,
        "conversation":{"id":"c-1","state":"active","operator":"Alice","queuePosition":0)"_ba;
    const QByteArray joined
        = R"({"type":"joined","seq":1,"time":"2026-11-25T10:15:30.123Z","operator":"Alice")"_ba;
    const QByteArray message = R"({"type":"message","seq":2,"time":"2026-11-25T10:15:30.123Z",
        "from":"operator","name":"Alice","text":"Hi")"_ba;

    QTest::newRow("welcome without") << welcome + "}}" << QString();
    QTest::newRow("welcome with") << welcome + R"(,"avatar":")" + id + R"("}})"
                                  << QString::fromLatin1(id);
    QTest::newRow("joined without") << joined + "}" << QString();
    QTest::newRow("joined with") << joined + R"(,"avatar":")" + id + R"("})"
                                 << QString::fromLatin1(id);
    QTest::newRow("message without") << message + "}" << QString();
    QTest::newRow("message with") << message + R"(,"avatar":")" + id + R"("})"
                                  << QString::fromLatin1(id);
}

void TestProtocol::operatorAvatar()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, avatar);

    const auto decoded = decodeServerMessage(frame);
    if (const auto *error = std::get_if<DecodeError>(&decoded))
        QFAIL(qPrintable(error->message));
    const ServerMessage &message = std::get<ServerMessage>(decoded);
    if (const auto *welcome = std::get_if<Welcome>(&message)) {
        QVERIFY(welcome->conversation);
        QCOMPARE(welcome->conversation->operatorAvatar, avatar);
    } else if (const auto *joined = std::get_if<Joined>(&message)) {
        QCOMPARE(joined->operatorAvatar, avatar);
    } else if (const auto *event = std::get_if<MessageEvent>(&message)) {
        QCOMPARE(event->avatar, avatar);
    } else {
        QFAIL("another type of message");
    }
    // Encoded again, the id is there only when there is one.
    const QByteArray again = encode(message);
    QCOMPARE(again.contains("\"avatar\""), !avatar.isEmpty());
    QCOMPARE(decodeServerMessage(again).index(), decoded.index());
}

void TestProtocol::serverError_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("clientId");

    QTest::newRow("with clientId")
        << R"({"type":"error","code":"bad_request","message":"field 'text' must be a string",
              "clientId":"77a"})"_ba
        << u"bad_request"_s << u"field 'text' must be a string"_s << u"77a"_s;
    QTest::newRow("without clientId")
        << R"({"type":"error","code":"resume_rejected","message":"expired"})"_ba
        << u"resume_rejected"_s << u"expired"_s << QString();
}

void TestProtocol::serverError()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, clientId);

    QString why;
    const auto error = decodeAs<ServerError>(frame, &why);
    QVERIFY2(error, qPrintable(why));
    QCOMPARE(error->code, code);
    QCOMPARE(error->message, message);
    QCOMPARE(error->clientId, clientId);
}

void TestProtocol::unknownFieldsAreIgnored()
{
    QString why;
    const auto welcome = decodeAs<Welcome>(
        R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":15,"motd":{"a":[1]},
            "conversation":{"id":"c-1","state":"active","operator":"Alice","queuePosition":0,
                            "extra":null}})"_ba,
        &why);
    QVERIFY2(welcome, qPrintable(why));
    QCOMPARE(welcome->conversation->operatorName, u"Alice"_s);
}

void TestProtocol::limitsAreInclusive_data()
{
    QTest::addColumn<QByteArray>("frame");

    QTest::newRow("text of 4000 characters") << messageWithText(QString(MaxTextLength, u'a'));
    // 4000 characters outside the BMP are 8000 UTF-16 units: the limit counts characters.
    QString emoji;
    for (int i = 0; i < MaxTextLength; ++i)
        emoji += u"😀"_s;
    QTest::newRow("text of 4000 emoji") << messageWithText(emoji);
    QTest::newRow("largest seq")
        << R"({"type":"joined","seq":9007199254740991,"time":"2026-11-25T10:15:30.123Z","operator":"A"})"_ba;
    QTest::newRow("time without milliseconds")
        << R"({"type":"joined","seq":1,"time":"2026-11-25T10:15:30Z","operator":"A"})"_ba;
    QTest::newRow("frame of 64 KiB") << typingFrameOfSize(MaxMessageBytes);
    QTest::newRow("heartbeat of 1 second")
        << R"({"type":"welcome","protocol":1,"status":0,"heartbeatSeconds":1})"_ba;
}

void TestProtocol::limitsAreInclusive()
{
    QFETCH(QByteArray, frame);

    const auto result = decodeServerMessage(frame);
    const auto *error = std::get_if<DecodeError>(&result);
    QVERIFY2(!error, error ? qPrintable(error->message) : "");
}

void TestProtocol::textIsKeptVerbatim_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("script") << u"<script>alert('x')</script>"_s;
    QTest::newRow("markup and entities") << u"<b>bold</b> &amp; &lt;i&gt; &#x41;"_s;
    QTest::newRow("image handler") << u"<img src=x onerror=\"alert(1)\">"_s;
    QTest::newRow("link") << u"<a href=\"javascript:alert(1)\">click</a>"_s;
    QTest::newRow("control characters") << u"line\r\n\ttab \u202Eevil"_s;
    QTest::newRow("whitespace only") << u"   "_s;
}

void TestProtocol::textIsKeptVerbatim()
{
    QFETCH(QString, text);

    QString why;
    const auto message = decodeAs<MessageEvent>(
        toJson({ { "type"_L1, u"message"_s }, { "seq"_L1, 2 },
            { "time"_L1, u"2026-11-25T10:15:30.123Z"_s }, { "from"_L1, u"operator"_s },
            { "name"_L1, text }, { "text"_L1, text } }),
        &why);
    QVERIFY2(message, qPrintable(why));
    QCOMPARE(message->text, text);
    QCOMPARE(message->name, text);

    const auto joined = decodeAs<Joined>(
        toJson({ { "type"_L1, u"joined"_s }, { "seq"_L1, 1 },
            { "time"_L1, u"2026-11-25T10:15:30.123Z"_s }, { "operator"_L1, text } }),
        &why);
    QVERIFY2(joined, qPrintable(why));
    QCOMPARE(joined->operatorName, text);

    const QJsonObject sent = parseJson(encode(VisitorMessage { u"c1"_s, text }));
    QCOMPARE(sent.value("text"_L1).toString(), text);
}

void TestProtocol::malformedFrameIsRefused_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("expected"); // a part of the error's message

    const QByteArray welcome
        = R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":15)"_ba;
    const QByteArray joined = R"({"type":"joined","seq":1,"time":"2026-11-25T10:15:30.123Z")"_ba;
    const QByteArray operatorMessage
        = R"({"type":"message","time":"2026-11-25T10:15:30.123Z","from":"operator","name":"A")"_ba;

    // A message's attachment, as a hostile server may say it.
    const auto attached = [](const QByteArray &attachment) -> QByteArray {
        return R"({"type":"message","seq":2,"time":"2026-11-25T10:15:30.123Z","from":"operator",
            "name":"A","text":"","attachment":)"_ba
            + attachment + '}';
    };
    const QByteArray id = "\"" + QByteArray(AttachmentIdLength, 'a') + "\"";
    QTest::newRow("attachment not an object")
        << attached(id) << u"field 'attachment' must be an object"_s;
    QTest::newRow("attachment with an id of null")
        << attached(R"({"id":null,"name":"a.png","type":"image/png","size":1})"_ba)
        << u"field 'attachment.id'"_s;
    QTest::newRow("attachment id a path")
        << attached(R"({"id":"../../../../etc/passwd/aaaaaaaaaaaaaa","name":"a.png",
            "type":"image/png","size":1})"_ba)
        << u"field 'attachment.id' must be at most 32 characters"_s;
    QTest::newRow("attachment over 25 MiB") << attached(
        R"({"id":)"_ba + id + R"(,"name":"a.png","type":"image/png",
            "size":26214401})"_ba) << u"field 'attachment.size'"_s;
    QTest::newRow("attachment of no size")
        << attached(R"({"id":)"_ba + id + R"(,"name":"a.png","type":"image/png","size":0})"_ba)
        << u"field 'attachment.size'"_s;
    QTest::newRow("attachment size 2^64")
        << attached(R"({"id":)"_ba + id + R"(,"name":"a.png","type":"image/png",
            "size":18446744073709551616})"_ba)
        << u"field 'attachment.size'"_s;
    QTest::newRow("attachment name a path") << attached(
        R"({"id":)"_ba + id + R"(,"name":"../../.bashrc","type":"text/plain",
            "size":5})"_ba) << u"field 'attachment.name' must be a file name"_s;
    QTest::newRow("attachment name with a bidi override")
        << attached(R"({"id":)"_ba + id + R"(,"name":"invoice\u202efdp.exe",
            "type":"application/pdf","size":5})"_ba)
        << u"field 'attachment.name' must be a file name"_s;
    QTest::newRow("attachment name 256 characters") << attached(R"({"id":)"_ba + id
        + R"(,"name":")"_ba + QByteArray(256, 'n') + R"(","type":"text/plain","size":5})"_ba)
                                                    << u"field 'attachment.name'"_s;
    QTest::newRow("attachment name empty")
        << attached(R"({"id":)"_ba + id + R"(,"name":"","type":"text/plain","size":5})"_ba)
        << u"field 'attachment.name'"_s;
    QTest::newRow("attachment of an unknown type")
        << attached(R"({"id":)"_ba + id + R"(,"name":"a.html","type":"text/html","size":5})"_ba)
        << u"field 'attachment.type' must be one of"_s;
    QTest::newRow("attachment's pixels on a PDF")
        << attached(R"({"id":)"_ba + id + R"(,"name":"a.pdf","type":"application/pdf",
            "size":5,"width":10,"height":10})"_ba)
        << u"field 'attachment.width' is given for a file that is not an image"_s;
    QTest::newRow("attachment 70000 pixels wide")
        << attached(R"({"id":)"_ba + id + R"(,"name":"a.png","type":"image/png",
            "size":5,"width":70000,"height":10})"_ba)
        << u"field 'attachment.width'"_s;
    QTest::newRow("attachment with a width alone") << attached(
        R"({"id":)"_ba + id + R"(,"name":"a.png","type":"image/png",
            "size":5,"width":10})"_ba) << u"field 'attachment.height'"_s;

    // The frame itself
    QTest::newRow("empty") << QByteArray() << u"not valid JSON"_s;
    QTest::newRow("truncated JSON") << R"({"type":"status",)"_ba << u"not valid JSON"_s;
    QTest::newRow("garbage after object") << R"({"type":"end"} x)"_ba << u"not valid JSON"_s;
    QTest::newRow("array") << R"([{"type":"status","status":1}])"_ba << u"not a JSON object"_s;
    QTest::newRow("invalid UTF-8 byte") << R"({"type":"typing","active":true,"x":"a)"_ba + "\xff"
            + R"("})"_ba << u"not valid UTF-8"_s;
    QTest::newRow("overlong UTF-8") << R"({"type":"typing","active":true,"x":")"_ba + "\xc0\xaf"
            + R"("})"_ba << u"not valid UTF-8"_s;
    QTest::newRow("UTF-8 surrogate")
        << R"({"type":"typing","active":true,"x":")"_ba + "\xed\xa0\x80" + R"("})"_ba
        << u"not valid UTF-8"_s;
    QTest::newRow("unpaired surrogate escape")
        << operatorMessage + R"(,"seq":2,"text":"a\ud800b"})"_ba
        << u"message: field 'text' must be Unicode text"_s;
    QTest::newRow("unpaired low surrogate escape")
        << R"({"type":"joined","seq":1,"time":"2026-11-25T10:15:30.123Z","operator":"\udc00"})"_ba
        << u"joined: field 'operator' must be Unicode text"_s;
    QTest::newRow("over 64 KiB") << typingFrameOfSize(MaxMessageBytes + 1)
                                 << u"over the limit of 65536 bytes"_s;
    QTest::newRow("type missing") << R"({"status":1})"_ba << u"field 'type' is missing"_s;
    QTest::newRow("type not a string")
        << R"({"type":7,"status":1})"_ba << u"field 'type' must be a string"_s;
    QTest::newRow("type null") << R"({"type":null})"_ba << u"field 'type' must be a string"_s;
    QTest::newRow("unknown type") << R"({"type":"bogus"})"_ba << u"unknown type 'bogus'"_s;

    // welcome and status
    QTest::newRow("welcome: protocol 2")
        << R"({"type":"welcome","protocol":2,"status":1,"heartbeatSeconds":15})"_ba
        << u"welcome: field 'protocol'"_s;
    QTest::newRow("welcome: status missing")
        << R"({"type":"welcome","protocol":1,"heartbeatSeconds":15})"_ba
        << u"welcome: field 'status' is missing"_s;
    QTest::newRow("welcome: status 3")
        << R"({"type":"welcome","protocol":1,"status":3,"heartbeatSeconds":15})"_ba
        << u"field 'status' must be an integer from 0 to 2"_s;
    QTest::newRow("welcome: status a string")
        << R"({"type":"welcome","protocol":1,"status":"1","heartbeatSeconds":15})"_ba
        << u"field 'status'"_s;
    QTest::newRow("welcome: heartbeat 0")
        << R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":0})"_ba
        << u"field 'heartbeatSeconds'"_s;
    QTest::newRow("welcome: heartbeat 301")
        << R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":301})"_ba
        << u"field 'heartbeatSeconds'"_s;
    QTest::newRow("welcome: heartbeat missing")
        << R"({"type":"welcome","protocol":1,"status":1})"_ba
        << u"field 'heartbeatSeconds' is missing"_s;
    QTest::newRow("welcome: conversation an array")
        << welcome + R"(,"conversation":[]})"_ba << u"field 'conversation' must be an object"_s;
    QTest::newRow("welcome: conversation state unknown")
        << welcome
            + R"(,"conversation":{"id":"c","state":"paused","operator":"","queuePosition":0}})"_ba
        << u"field 'conversation.state' must be one of"_s;
    QTest::newRow("welcome: conversation id missing")
        << welcome + R"(,"conversation":{"state":"active","operator":"A","queuePosition":0}})"_ba
        << u"field 'conversation.id' is missing"_s;
    QTest::newRow("welcome: negative queue position") << welcome
            + R"(,"conversation":{"id":"c","state":"waiting","operator":"","queuePosition":-1}})"_ba
                                                      << u"field 'conversation.queuePosition'"_s;
    QTest::newRow("status: -1") << R"({"type":"status","status":-1})"_ba << u"field 'status'"_s;
    QTest::newRow("status: 1.5") << R"({"type":"status","status":1.5})"_ba << u"field 'status'"_s;

    // created and queue
    QTest::newRow("created: clientId missing")
        << R"({"type":"created","conversation":"c","secret":"k","queuePosition":1})"_ba
        << u"created: field 'clientId' is missing"_s;
    QTest::newRow("created: clientId over 64")
        << R"({"type":"created","clientId":")"_ba + QByteArray(65, 'a')
            + R"(","conversation":"c","secret":"k","queuePosition":1})"_ba
        << u"field 'clientId' must be at most 64 characters"_s;
    QTest::newRow("created: secret empty")
        << R"({"type":"created","clientId":"a","conversation":"c","secret":"","queuePosition":1})"_ba
        << u"field 'secret' must not be empty"_s;
    QTest::newRow("created: conversation a number")
        << R"({"type":"created","clientId":"a","conversation":5,"secret":"k","queuePosition":1})"_ba
        << u"field 'conversation' must be a string"_s;
    QTest::newRow("queue: -1") << R"({"type":"queue","position":-1})"_ba
                               << u"queue: field 'position'"_s;
    QTest::newRow("queue: a string")
        << R"({"type":"queue","position":"2"})"_ba << u"queue: field 'position'"_s;

    // Sequenced events
    QTest::newRow("joined: seq 0")
        << R"({"type":"joined","seq":0,"time":"2026-11-25T10:15:30.123Z","operator":"A"})"_ba
        << u"joined: field 'seq' must be a positive integer"_s;
    QTest::newRow("joined: seq negative")
        << R"({"type":"joined","seq":-3,"time":"2026-11-25T10:15:30.123Z","operator":"A"})"_ba
        << u"joined: field 'seq' must be a positive integer"_s;
    QTest::newRow("joined: time missing")
        << R"({"type":"joined","seq":1,"operator":"A"})"_ba << u"field 'time' is missing"_s;
    QTest::newRow("joined: time not a time")
        << R"({"type":"joined","seq":1,"time":"yesterday","operator":"A"})"_ba
        << u"field 'time' must be an ISO 8601 time"_s;
    QTest::newRow("joined: time a number")
        << R"({"type":"joined","seq":1,"time":1764065730,"operator":"A"})"_ba
        << u"field 'time' must be a string"_s;
    QTest::newRow("joined: operator over 200")
        << joined + R"(,"operator":")"_ba + QByteArray(201, 'a') + R"("})"_ba
        << u"field 'operator' must be at most 200 characters"_s;
    QTest::newRow("joined: operator null")
        << joined + R"(,"operator":null})"_ba << u"field 'operator' must be a string"_s;
    QTest::newRow("message: seq missing")
        << operatorMessage + R"(,"text":"x"})"_ba << u"message: field 'seq' is missing"_s;
    QTest::newRow("message: seq 2^53")
        << operatorMessage + R"(,"seq":9007199254740992,"text":"x"})"_ba
        << u"message: field 'seq' must be a positive integer"_s;
    QTest::newRow("message: seq huge") << operatorMessage + R"(,"seq":1e300,"text":"x"})"_ba
                                       << u"message: field 'seq' must be a positive integer"_s;
    QTest::newRow("message: seq a fraction")
        << operatorMessage + R"(,"seq":2.5,"text":"x"})"_ba
        << u"message: field 'seq' must be a positive integer"_s;
    QTest::newRow("message: seq a string") << operatorMessage + R"(,"seq":"2","text":"x"})"_ba
                                           << u"message: field 'seq' must be a positive integer"_s;
    QTest::newRow("message: from unknown")
        << R"({"type":"message","seq":2,"time":"2026-11-25T10:15:30.123Z","from":"bot","text":"x"})"_ba
        << u"field 'from' must be one of 'operator', 'visitor'"_s;
    QTest::newRow("message: text over 4000") << messageWithText(QString(MaxTextLength + 1, u'a'))
                                             << u"field 'text' must be at most 4000 characters"_s;
    QTest::newRow("message: text missing")
        << operatorMessage + R"(,"seq":2})"_ba << u"field 'text' is missing"_s;
    QTest::newRow("message: text an object")
        << operatorMessage + R"(,"seq":2,"text":{"html":"<b>x</b>"}})"_ba
        << u"field 'text' must be a string"_s;
    QTest::newRow("message: clientId over 64")
        << R"({"type":"message","seq":3,"time":"2026-11-25T10:15:30.123Z","from":"visitor","clientId":")"_ba
            + QByteArray(65, 'c') + R"(","text":"x"})"_ba
        << u"field 'clientId'"_s;
    QTest::newRow("message: name over 200")
        << R"({"type":"message","seq":2,"time":"2026-11-25T10:15:30.123Z","from":"operator","name":")"_ba
            + QByteArray(201, 'n') + R"(","text":"x"})"_ba
        << u"field 'name'"_s;
    QTest::newRow("ended: by unknown")
        << R"({"type":"ended","seq":4,"time":"2026-11-25T10:15:30.123Z","by":"aliens"})"_ba
        << u"ended: field 'by' must be one of"_s;
    QTest::newRow("ended: by missing")
        << R"({"type":"ended","seq":4,"time":"2026-11-25T10:15:30.123Z"})"_ba
        << u"ended: field 'by' is missing"_s;
    QTest::newRow("ended: time empty")
        << R"({"type":"ended","seq":4,"time":"","by":"system"})"_ba << u"ended: field 'time'"_s;

    // Replies
    QTest::newRow("ack: clientId missing")
        << R"({"type":"ack","seq":3,"time":"2026-11-25T10:15:30.123Z"})"_ba
        << u"ack: field 'clientId' is missing"_s;
    QTest::newRow("ack: seq 0")
        << R"({"type":"ack","clientId":"a","seq":0,"time":"2026-11-25T10:15:30.123Z"})"_ba
        << u"ack: field 'seq'"_s;
    QTest::newRow("read: seq missing")
        << R"({"type":"read"})"_ba << u"read: field 'seq' is missing"_s;
    QTest::newRow("read: seq 0") << R"({"type":"read","seq":0})"_ba << u"read: field 'seq'"_s;
    QTest::newRow("read: seq a string")
        << R"({"type":"read","seq":"4"})"_ba << u"read: field 'seq'"_s;
    QTest::newRow("read: seq over 2^53-1")
        << R"({"type":"read","seq":9007199254740992})"_ba << u"read: field 'seq'"_s;
    QTest::newRow("welcome: operatorRead negative")
        << R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":15,
        "conversation":{"id":"c-1","state":"active","operator":"A","queuePosition":0,"operatorRead":-1}})"_ba
        << u"field 'conversation.operatorRead'"_s;
    QTest::newRow("ack: time missing")
        << R"({"type":"ack","clientId":"a","seq":3})"_ba << u"ack: field 'time' is missing"_s;
    QTest::newRow("typing: a string") << R"({"type":"typing","active":"yes"})"_ba
                                      << u"typing: field 'active' must be true or false"_s;
    QTest::newRow("typing: a number")
        << R"({"type":"typing","active":1})"_ba << u"typing: field 'active'"_s;
    QTest::newRow("typing: missing")
        << R"({"type":"typing"})"_ba << u"typing: field 'active' is missing"_s;
    QTest::newRow("received: clientId empty")
        << R"({"type":"received","clientId":""})"_ba << u"received: field 'clientId'"_s;
    QTest::newRow("rated: score 6")
        << R"({"type":"rated","clientId":"r","score":6})"_ba << u"rated: field 'score'"_s;
    QTest::newRow("rated: score missing")
        << R"({"type":"rated","clientId":"r"})"_ba << u"rated: field 'score' is missing"_s;
    QTest::newRow("rated: clientId missing")
        << R"({"type":"rated","score":1})"_ba << u"rated: field 'clientId' is missing"_s;
    QTest::newRow("error: code missing")
        << R"({"type":"error","message":"x"})"_ba << u"error: field 'code' is missing"_s;
    QTest::newRow("error: code a number")
        << R"({"type":"error","code":404,"message":"x"})"_ba << u"error: field 'code'"_s;
    QTest::newRow("error: message missing")
        << R"({"type":"error","code":"internal"})"_ba << u"error: field 'message' is missing"_s;
}

void TestProtocol::malformedFrameIsRefused()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, expected);

    const auto result = decodeServerMessage(frame);
    const auto *error = std::get_if<DecodeError>(&result);
    QVERIFY2(error, "the frame was accepted");
    QVERIFY2(error->message.contains(expected),
        qPrintable(u"'%1' does not contain '%2'"_s.arg(error->message, expected)));
    // Only a well-formed message of an unknown type may be ignored quietly.
    QCOMPARE(error->unknownType, expected.startsWith(u"unknown type"_s));
}

void TestProtocol::errorBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("isError");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("full")
        << R"({"error":{"code":"unknown_company","message":"No company with id 6f1c"}})"_ba << true
        << u"unknown_company"_s << u"No company with id 6f1c"_s;
    QTest::newRow("no message") << R"({"error":{"code":"internal"}})"_ba << true << u"internal"_s
                                << QString();
    QTest::newRow("HTML page") << "<html><body>502 Bad Gateway</body></html>"_ba << false
                               << QString() << QString();
    QTest::newRow("empty") << QByteArray() << false << QString() << QString();
    QTest::newRow("no error object")
        << R"({"code":"internal"})"_ba << false << QString() << QString();
    QTest::newRow("error a string")
        << R"({"error":"internal"})"_ba << false << QString() << QString();
    QTest::newRow("code missing") << R"({"error":{"message":"x"}})"_ba << false << QString()
                                  << QString();
    QTest::newRow("code a number")
        << R"({"error":{"code":500}})"_ba << false << QString() << QString();
}

void TestProtocol::errorBody()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, isError);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const std::optional<ServerError> error = parseErrorBody(body);
    QCOMPARE(error.has_value(), isError);
    if (error) {
        QCOMPARE(error->code, code);
        QCOMPARE(error->message, message);
    }
}

void TestProtocol::errorCodeFor_data()
{
    QTest::addColumn<QString>("protocolCode");
    QTest::addColumn<Error::Code>("code");

    QTest::newRow("unknown_company") << u"unknown_company"_s << Error::Code::UnknownCompany;
    QTest::newRow("unknown_preset") << u"unknown_preset"_s << Error::Code::UnknownPreset;
    QTest::newRow("bad_request") << u"bad_request"_s << Error::Code::Rejected;
    QTest::newRow("too_large") << u"too_large"_s << Error::Code::TooLarge;
    QTest::newRow("rate_limited") << u"rate_limited"_s << Error::Code::RateLimited;
    QTest::newRow("resume_rejected") << u"resume_rejected"_s << Error::Code::ResumeRejected;
    QTest::newRow("protocol_version") << u"protocol_version"_s << Error::Code::UnsupportedProtocol;
    QTest::newRow("internal") << u"internal"_s << Error::Code::ServerError;
    QTest::newRow("not_in_conversation") << u"not_in_conversation"_s << Error::Code::Rejected;
    QTest::newRow("unknown") << u"teapot"_s << Error::Code::Rejected;
    QTest::newRow("case matters") << u"INTERNAL"_s << Error::Code::Rejected;
    QTest::newRow("empty") << QString() << Error::Code::Rejected;
}

void TestProtocol::errorCodeFor()
{
    QFETCH(QString, protocolCode);
    QFETCH(Error::Code, code);

    QCOMPARE(Protocol::errorCodeFor(protocolCode), code);
}

void TestProtocol::encodeHello()
{
    const QByteArray json = encode(Hello { u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s, u"support"_s,
        u"cs"_s, ResumeRequest { u"c-81f0"_s, u"k3"_s, MaxSeq } });
    QVERIFY(!json.contains('\n'));
    QVERIFY(!json.contains(' '));

    const QJsonObject hello = parseJson(json);
    QCOMPARE(hello.value("type"_L1).toString(), u"hello"_s);
    QCOMPARE(hello.value("protocol"_L1).toInteger(), qint64(Version));
    QCOMPARE(hello.value("company"_L1).toString(), u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
    QCOMPARE(hello.value("preset"_L1).toString(), u"support"_s);
    QCOMPARE(hello.value("language"_L1).toString(), u"cs"_s);
    const QJsonObject resume = hello.value("resume"_L1).toObject();
    QCOMPARE(resume.value("conversation"_L1).toString(), u"c-81f0"_s);
    QCOMPARE(resume.value("secret"_L1).toString(), u"k3"_s);
    QCOMPARE(resume.value("lastSeq"_L1).toInteger(), MaxSeq);
}

void TestProtocol::encodeHelloWithoutResume()
{
    const QJsonObject hello
        = parseJson(encode(Hello { u"6f1c"_s, QString(), u"en"_s, std::nullopt }));
    QCOMPARE(hello.value("type"_L1).toString(), u"hello"_s);
    QVERIFY(!hello.contains("resume"_L1));
    // An empty preset is sent as an empty string: the company's default.
    QVERIFY(hello.value("preset"_L1).isString());
    QCOMPARE(hello.value("preset"_L1).toString(), QString());
}

void TestProtocol::encodeStart()
{
    const QVariantMap fields { { u"name"_s, u"Jana"_s }, { u"phone"_s, u"+420 777 666 555"_s } };
    const QVariantMap customData { { u"customerNo"_s, 12345 }, { u"vip"_s, true },
        { u"note"_s, u"<b>not html</b>"_s } };
    const QJsonObject start
        = parseJson(encode(Start { u"6b0"_s, stringMap(fields), stringMap(customData), u"cs"_s }));

    QCOMPARE(start.value("type"_L1).toString(), u"start"_s);
    QCOMPARE(start.value("clientId"_L1).toString(), u"6b0"_s);
    QCOMPARE(start.value("language"_L1).toString(), u"cs"_s);
    QCOMPARE(start.value("fields"_L1).toObject().toVariantMap(), fields);
    const QJsonObject custom = start.value("customData"_L1).toObject();
    QCOMPARE(custom.size(), 3);
    // Values are sent as strings, whatever their type in the map.
    QCOMPARE(custom.value("customerNo"_L1), QJsonValue(u"12345"_s));
    QCOMPARE(custom.value("vip"_L1), QJsonValue(u"true"_s));
    QCOMPARE(custom.value("note"_L1), QJsonValue(u"<b>not html</b>"_s));
}

void TestProtocol::encodeMessage_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("plain") << u"Hi"_s;
    QTest::newRow("unicode") << u"Dobrý den 👋"_s;
    QTest::newRow("quotes and newlines") << u"say \"hi\"\n\\end"_s;
    QTest::newRow("script") << u"<script>alert(1)</script>"_s;
}

void TestProtocol::encodeMessage()
{
    QFETCH(QString, text);

    const QByteArray json = encode(VisitorMessage { u"77a"_s, text });
    QVERIFY(!json.contains('\n'));
    const QJsonObject message = parseJson(json);
    QCOMPARE(message.size(), 3);
    QCOMPARE(message.value("type"_L1).toString(), u"message"_s);
    QCOMPARE(message.value("clientId"_L1).toString(), u"77a"_s);
    QCOMPARE(message.value("text"_L1).toString(), text);
}

void TestProtocol::encodeTyping()
{
    QCOMPARE(encode(VisitorTyping { true }), R"({"active":true,"type":"typing"})"_ba);
    QCOMPARE(encode(VisitorTyping { false }), R"({"active":false,"type":"typing"})"_ba);
}

void TestProtocol::encodeEnd()
{
    QCOMPARE(encode(EndConversation {}), R"({"type":"end"})"_ba);
}

void TestProtocol::encodeLeaveMessage()
{
    const QVariantMap fields { { u"name"_s, u"Jana"_s }, { u"email"_s, u"jana@example.com"_s } };
    const QJsonObject message
        = parseJson(encode(LeaveMessage { u"91c"_s, stringMap(fields), u"Please call me."_s }));

    QCOMPARE(message.size(), 4);
    QCOMPARE(message.value("type"_L1).toString(), u"leaveMessage"_s);
    QCOMPARE(message.value("clientId"_L1).toString(), u"91c"_s);
    QCOMPARE(message.value("fields"_L1).toObject().toVariantMap(), fields);
    QCOMPARE(message.value("text"_L1).toString(), u"Please call me."_s);
}

void TestProtocol::encodeCallbackRequest()
{
    const QVariantMap fields { { u"name"_s, u"Jana"_s } };
    const QJsonObject request
        = parseJson(encode(CallbackRequest { u"91d"_s, stringMap(fields), u"+420 777 666 555"_s }));

    QCOMPARE(request.size(), 4);
    QCOMPARE(request.value("type"_L1).toString(), u"callbackRequest"_s);
    QCOMPARE(request.value("clientId"_L1).toString(), u"91d"_s);
    QCOMPARE(request.value("fields"_L1).toObject().toVariantMap(), fields);
    QCOMPARE(request.value("phone"_L1).toString(), u"+420 777 666 555"_s);
}

void TestProtocol::serverMessagesRoundTrip_data()
{
    QTest::addColumn<QByteArray>("frame");

    const auto row = [](const char *name, const ServerMessage &message) {
        QTest::newRow(name) << encode(message);
    };
    row("welcome", Welcome { Status::Busy, 30, std::nullopt });
    row("welcome resumed",
        Welcome { Status::Online, 15,
            ConversationInfo { u"c-1"_s, ConversationState::Waiting, QString(), 3 } });
    row("status", StatusUpdate { Status::Offline });
    row("created", Created { u"6b0"_s, u"c-1"_s, u"k3"_s, 2 });
    row("queue", QueueUpdate { 1 });
    row("joined", Joined { 1, exampleTime, u"Jiří"_s });
    row("operator message",
        MessageEvent { 2, exampleTime, Sender::Operator, u"Jiří"_s, QString(), u"Dobrý den 👋"_s });
    row("visitor message",
        MessageEvent { MaxSeq, exampleTime, Sender::Visitor, QString(), u"77a"_s, u"<b>hi</b>"_s });
    row("ended", Ended { 4, exampleTime, EndedBy::System });
    row("ack", Ack { u"77a"_s, 3, exampleTime });
    row("typing", Typing { true });
    row("received", Received { u"91c"_s });
    row("rated", Rated { u"5e2"_s, 0 });
    row("rated 5 stars", Rated { u"5e2"_s, MaxStars });
    row("read", ReadMark { 5 });
    row("read at the limit", ReadMark { MaxSeq });
    row("welcome with the operator's read mark",
        Welcome { Status::Online, 15,
            ConversationInfo { u"c-1"_s, ConversationState::Active, u"Alice"_s, 0, 9 } });
    const QString avatar = u"0123456789abcdef0123456789abcdef"_s;
    row("welcome with the operator's picture",
        Welcome { Status::Online, 15,
            ConversationInfo { u"c-1"_s, ConversationState::Active, u"Alice"_s, 0, 0, avatar } });
    row("joined with a picture", Joined { 1, exampleTime, u"Alice"_s, avatar });
    row("operator message with a picture",
        MessageEvent { 2, exampleTime, Sender::Operator, u"Alice"_s, QString(), u"Hi"_s, avatar });
    row("error", ServerError::from(ErrorCode::NotInConversation, u"no conversation"_s, u"77a"_s));
    const AttachmentInfo image { QString(AttachmentIdLength, u'a'), u"Snímek 👋.png"_s,
        u"image/png"_s, 48213, 1280, 720 };
    const AttachmentInfo file { QString(AttachmentIdLength, u'-'), u"Faktura.pdf"_s,
        u"application/pdf"_s, MaxAttachmentBytes, 0, 0 };
    row("operator message with an image",
        MessageEvent {
            5, exampleTime, Sender::Operator, u"Jiří"_s, QString(), u"Tady"_s, QString(), image });
    row("visitor message of a file alone",
        MessageEvent {
            6, exampleTime, Sender::Visitor, QString(), u"77b"_s, QString(), QString(), file });
}

// An id, never a URL nor anything else: a client builds the address from its own server's.
void TestProtocol::malformedAvatarIsRefused_data()
{
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("expected");

    const QByteArray joined
        = R"({"type":"joined","seq":1,"time":"2026-11-25T10:15:30.123Z","operator":"A","avatar":)"_ba;
    const QByteArray message = R"({"type":"message","seq":2,"time":"2026-11-25T10:15:30.123Z",
        "from":"operator","name":"A","text":"Hi","avatar":)"_ba;
    const QByteArray welcome = R"({"type":"welcome","protocol":1,"status":1,"heartbeatSeconds":15,
        "conversation":{"id":"c-1","state":"active","operator":"A","queuePosition":0,"avatar":)"_ba;
    const QString hex = u"must be 32 lower-case hexadecimal digits"_s;

    QTest::newRow("joined: a URL")
        << joined + R"("https://evil.example/a.png"})" << u"joined: field 'avatar' "_s + hex;
    QTest::newRow("joined: a long URL")
        << joined + R"("https://evil.example/0123456789abcdef0123456789abcdef.png"})"
        << u"joined: field 'avatar' must be at most 32 characters"_s;
    QTest::newRow("joined: upper case")
        << joined + R"("0123456789ABCDEF0123456789ABCDEF"})" << u"joined: field 'avatar' "_s + hex;
    QTest::newRow("joined: 31 digits")
        << joined + R"("0123456789abcdef0123456789abcde"})" << u"joined: field 'avatar' "_s + hex;
    QTest::newRow("joined: a path")
        << joined + R"("../../../etc/passwd/0123456789"})" << u"joined: field 'avatar' "_s + hex;
    QTest::newRow("joined: empty") << joined + R"(""})" << u"joined: field 'avatar' "_s + hex;
    QTest::newRow("joined: a number")
        << joined + R"(12})" << u"joined: field 'avatar' must be a string"_s;
    QTest::newRow("joined: null") << joined + R"(null})"
                                  << u"joined: field 'avatar' must be a string"_s;
    QTest::newRow("message: not hexadecimal") << message + R"("0123456789abcdef0123456789abcdeg"})"
                                              << u"message: field 'avatar' "_s + hex;
    QTest::newRow("welcome: not hexadecimal") << welcome + R"("0123456789abcdef0123456789abcde."}})"
                                              << u"welcome: field 'conversation.avatar' "_s + hex;
}

void TestProtocol::malformedAvatarIsRefused()
{
    QFETCH(QByteArray, frame);
    QFETCH(QString, expected);

    const auto result = decodeServerMessage(frame);
    const auto *error = std::get_if<DecodeError>(&result);
    QVERIFY2(error, "accepted");
    QVERIFY2(error->message.contains(expected), qPrintable(error->message));
    QCOMPARE(error->code, ErrorCode::BadRequest);
}

// What the module encodes, it decodes to the same values: the server and the client agree.
void TestProtocol::serverMessagesRoundTrip()
{
    QFETCH(QByteArray, frame);

    const auto decoded = decodeServerMessage(frame);
    if (const auto *error = std::get_if<DecodeError>(&decoded))
        QFAIL(qPrintable(error->message));
    QCOMPARE(encode(std::get<ServerMessage>(decoded)), frame);
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
