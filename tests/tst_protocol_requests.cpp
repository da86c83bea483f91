// What clients send, decoded by the protocol module with no socket: decodeWidgetRequest and
// decodeOperatorRequest, the entry points of the server's widget and operator sessions (and of
// fuzz/). Happy and rainy rows for both, and encode → decode round trips.

#include "protocol/errors.h"
#include "protocol/limits.h"
#include "protocol/operatormessages.h"
#include "protocol/widgetrequests.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidget::Protocol;

Q_DECLARE_METATYPE(OWidget::Protocol::ErrorCode)

namespace {

// JSON written with single quotes, for readable rows.
QByteArray q(const char *json)
{
    return QByteArray(json).replace('\'', '"');
}

const QByteArray company = "6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_ba;

QByteArray hello(const QByteArray &more = {})
{
    return q("{'type':'hello','protocol':1,'company':'") + company + '"' + more + '}';
}

// 4000 characters, each two UTF-16 units: the limit is in code points.
QString emoji(int count)
{
    QString text;
    for (int i = 0; i < count; ++i)
        text.append(QChar::fromUcs4(0x1F600));
    return text;
}

struct ClientIdOf
{
    QString operator()(const Start &r) const { return r.clientId; }
    QString operator()(const VisitorMessage &r) const { return r.clientId; }
    QString operator()(const LeaveMessage &r) const { return r.clientId; }
    QString operator()(const CallbackRequest &r) const { return r.clientId; }
    QString operator()(const Rate &r) const { return r.clientId; }
    template<typename Request> QString operator()(const Request &) const { return {}; }
};

QByteArray message(const QString &text)
{
    return q("{'type':'message','clientId':'m1','text':'") + text.toUtf8() + "\"}";
}

} // namespace

class TestProtocolRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void widgetRequest_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("index"); // the WidgetRequest alternative
        QTest::addColumn<QString>("clientId");

        QTest::newRow("hello") << hello() << 0 << QString();
        QTest::newRow("hello, preset null") << hello(q(",'preset':null")) << 0 << QString();
        QTest::newRow("hello, braces and capitals")
            << q("{'type':'hello','protocol':1,'company':'{6F1C9A4E-3C1B-4D0E-9A57-2B5D8E7F1A20}'}")
            << 0 << QString();
        QTest::newRow("start") << q("{'type':'start','clientId':'s1','fields':{'name':'J'},"
                                    "'customData':{'plan':'gold'},'language':'cs'}")
                               << 1 << u"s1"_s;
        QTest::newRow("start with a secret of 22 characters")
            << q("{'type':'start','clientId':'s1','secret':'AZaz09-_AZaz09-_AZaz09'}") << 1
            << u"s1"_s;
        QTest::newRow("start with a secret of 128 characters")
            << q("{'type':'start','clientId':'s1','secret':'") + QByteArray(MaxSecretLength, 'k')
                + "\"}"
            << 1 << u"s1"_s;
        QTest::newRow("message") << message(u"hi"_s) << 2 << u"m1"_s;
        QTest::newRow("message of 4000 emoji") << message(emoji(MaxTextLength)) << 2 << u"m1"_s;
        QTest::newRow("message with a NUL") << message(u"a\\u0000b"_s) << 2 << u"m1"_s;
        QTest::newRow("message of an attachment alone")
            << q("{'type':'message','clientId':'m1','attachment':'") + QByteArray(32, 'A') + "\"}"
            << 2 << u"m1"_s;
        QTest::newRow("message of an attachment and blank text")
            << q("{'type':'message','clientId':'m1','text':' ','attachment':'")
                + QByteArray(32, '_') + "\"}"
            << 2 << u"m1"_s;
        QTest::newRow("typing") << q("{'type':'typing','active':true}") << 3 << QString();
        QTest::newRow("end") << q("{'type':'end'}") << 4 << QString();
        QTest::newRow("leaveMessage")
            << q("{'type':'leaveMessage','clientId':'l1','text':'call me'}") << 5 << u"l1"_s;
        QTest::newRow("read") << q("{'type':'read','seq':12}") << 8 << QString();
        QTest::newRow("read at 2^53-1")
            << q("{'type':'read','seq':9007199254740991}") << 8 << QString();
        QTest::newRow("callbackRequest")
            << q("{'type':'callbackRequest','clientId':'c1','phone':'+420 123 456 789'}") << 6
            << u"c1"_s;
        QTest::newRow("rate") << q("{'type':'rate','clientId':'r1','score':4,'comment':'ok'}") << 7
                              << u"r1"_s;
        QTest::newRow("rate 0, no comment")
            << q("{'type':'rate','clientId':'r1','score':0}") << 7 << u"r1"_s;
        QTest::newRow("rate, comment of 1000 emoji")
            << q("{'type':'rate','clientId':'r1','score':5,'comment':'") + emoji(1000).toUtf8()
                + "\"}"
            << 7 << u"r1"_s;
    }
    void widgetRequest()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, index);
        QFETCH(QString, clientId);
        const auto decoded = decodeWidgetRequest(frame);
        if (const auto *error = std::get_if<DecodeError>(&decoded))
            QFAIL(qPrintable(error->message));
        const WidgetRequest &request = std::get<WidgetRequest>(decoded);
        QCOMPARE(int(request.index()), index);
        const QString decodedId = std::visit(ClientIdOf(), request);
        QCOMPARE(decodedId, clientId);
    }

    void trimmedText()
    {
        const auto decoded = decodeWidgetRequest(message(u"  hi \\n"_s));
        QVERIFY(std::holds_alternative<WidgetRequest>(decoded));
        QCOMPARE(std::get<VisitorMessage>(std::get<WidgetRequest>(decoded)).text, u"hi"_s);
    }

    void startSecret()
    {
        const auto decoded = decodeWidgetRequest(
            q("{'type':'start','clientId':'s1','secret':'AZaz09-_AZaz09-_AZaz09'}"));
        QVERIFY(std::holds_alternative<WidgetRequest>(decoded));
        QCOMPARE(
            std::get<Start>(std::get<WidgetRequest>(decoded)).secret, u"AZaz09-_AZaz09-_AZaz09"_s);
        // Without one the frame is the one a server before the field reads.
        QVERIFY(!encode(Start { u"s1"_s, {}, {}, {} }).contains("secret"));
    }

    void badStartSecretNamesTheField()
    {
        const auto decoded
            = decodeWidgetRequest(q("{'type':'start','clientId':'s1','secret':'short'}"));
        QVERIFY(std::holds_alternative<DecodeError>(decoded));
        const QString message = std::get<DecodeError>(decoded).message;
        QVERIFY2(message.contains(u"'secret'"_s), qPrintable(message));
        QVERIFY2(message.contains(u"base64url"_s), qPrintable(message));
    }

    void malformedResumeIsAResume()
    {
        // A resume the server cannot read is rejected like a wrong secret, not as a bad hello.
        const auto decoded = decodeWidgetRequest(hello(q(",'resume':{'conversation':5}")));
        QVERIFY(std::holds_alternative<WidgetRequest>(decoded));
        const Hello &h = std::get<Hello>(std::get<WidgetRequest>(decoded));
        QVERIFY(h.resume);
        QVERIFY(h.resume->conversation.isEmpty());
    }

    void badWidgetRequest_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<bool>("unknownType");
        QTest::addColumn<QString>("clientId"); // echoed in the error

        const auto row
            = [](const char *name, const QByteArray &frame, ErrorCode code = ErrorCode::BadRequest,
                  bool unknown = false, const QString &clientId = {}) {
                  QTest::newRow(name) << frame << code << unknown << clientId;
              };
        // What the server's old frame decoder refused, kept.
        row("empty", QByteArray());
        row("not JSON", "hello"_ba);
        row("array", q("[{'type':'hello'}]"));
        row("string", q("'hello'"));
        row("two objects", "{}{}"_ba);
        row("truncated", q("{'type':'hel"));
        row("trailing garbage", q("{'type':'end'}x"));
        row("not UTF-8", "{\"type\":\"end\",\"x\":\"\xff\"}"_ba);
        row("64 KiB + 1", QByteArray(MaxMessageBytes + 1, ' '), ErrorCode::TooLarge);
        row("64 KiB in UTF-8", q("{'text':'") + QString(30000, QChar(0x20AC)).toUtf8() + "\"}",
            ErrorCode::TooLarge);
        row("no type", "{}"_ba);
        row("type a number", q("{'type':1}"));
        row("unknown type", q("{'type':'accept','clientId':'a1'}"), ErrorCode::BadRequest, true,
            u"a1"_s);
        row("case matters", q("{'type':'Hello'}"), ErrorCode::BadRequest, true);
        // Every field checked.
        row("protocol 2", q("{'type':'hello','protocol':2,'company':'") + company + "\"}",
            ErrorCode::ProtocolVersion);
        row("protocol 1.5", q("{'type':'hello','protocol':1.5,'company':'") + company + "\"}",
            ErrorCode::ProtocolVersion);
        row("protocol a string", q("{'type':'hello','protocol':'1','company':'") + company + "\"}");
        row("company not a GUID",
            "{\"type\":\"hello\",\"protocol\":1,\"company\":\"' OR 1=1\"}"_ba);
        row("preset an object", hello(q(",'preset':{}")));
        row("language not a tag", hello(q(",'language':'english!'")));
        row("clientId 65 characters", message(u"hi"_s).replace("m1", QByteArray(65, 'c')));
        row("clientId a number", q("{'type':'message','clientId':7,'text':'hi'}"));
        row("text only whitespace", message(u" \\t "_s), ErrorCode::BadRequest, false, u"m1"_s);
        row("attachment id too short",
            q("{'type':'message','clientId':'m1','attachment':'") + QByteArray(31, 'A') + "\"}",
            ErrorCode::BadRequest, false, u"m1"_s);
        row("attachment id with a slash",
            q("{'type':'message','clientId':'m1','attachment':'../") + QByteArray(29, 'A') + "\"}",
            ErrorCode::BadRequest, false, u"m1"_s);
        row("attachment id a number", q("{'type':'message','clientId':'m1','attachment':7}"),
            ErrorCode::BadRequest, false, u"m1"_s);
        row("attachment and text 4001 characters",
            q("{'type':'message','clientId':'m1','attachment':'") + QByteArray(32, 'A')
                + q("','text':'") + QByteArray(MaxTextLength + 1, 'a') + "\"}",
            ErrorCode::BadRequest, false, u"m1"_s);
        row("text 4001 characters", message(QString(MaxTextLength + 1, u'a')),
            ErrorCode::BadRequest, false, u"m1"_s);
        row("text 4001 emoji", message(emoji(MaxTextLength + 1)), ErrorCode::BadRequest, false,
            u"m1"_s);
        row("text a lone surrogate", message(u"\\ud800"_s), ErrorCode::BadRequest, false, u"m1"_s);
        row("typing active a string", q("{'type':'typing','active':'yes'}"));
        row("start fields an array", q("{'type':'start','clientId':'s','fields':[]}"),
            ErrorCode::BadRequest, false, u"s"_s);
        row("start field 201 characters",
            q("{'type':'start','clientId':'s','fields':{'name':'") + QByteArray(201, 'n') + "\"}}",
            ErrorCode::BadRequest, false, u"s"_s);
        row(
            "start 17 fields",
            []() -> QByteArray {
                QByteArray fields;
                for (int i = 0; i <= MaxFields; ++i)
                    fields += (i ? ",\"f"_ba : "\"f"_ba) + QByteArray::number(i) + "\":\"v\"";
                return q("{'type':'start','clientId':'s','fields':{") + fields + "}}";
            }(),
            ErrorCode::BadRequest, false, u"s"_s);
        row("start customData empty name",
            q("{'type':'start','clientId':'s','customData':{'':'x'}}"), ErrorCode::BadRequest,
            false, u"s"_s);
        row("start language a number", q("{'type':'start','clientId':'s','language':5}"),
            ErrorCode::BadRequest, false, u"s"_s);
        row("start secret 21 characters",
            q("{'type':'start','clientId':'s','secret':'") + QByteArray(MinSecretLength - 1, 'k')
                + "\"}",
            ErrorCode::BadRequest, false, u"s"_s);
        row("start secret 129 characters",
            q("{'type':'start','clientId':'s','secret':'") + QByteArray(MaxSecretLength + 1, 'k')
                + "\"}",
            ErrorCode::BadRequest, false, u"s"_s);
        row("start secret in base64, not base64url",
            q("{'type':'start','clientId':'s','secret':'abcdefghijklmnopqrstu+/='}"),
            ErrorCode::BadRequest, false, u"s"_s);
        row("start secret empty", q("{'type':'start','clientId':'s','secret':''}"),
            ErrorCode::BadRequest, false, u"s"_s);
        row("start secret a number", q("{'type':'start','clientId':'s','secret':5}"),
            ErrorCode::BadRequest, false, u"s"_s);
        row("callback phone a script",
            q("{'type':'callbackRequest','clientId':'c','phone':'<script>'}"),
            ErrorCode::BadRequest, false, u"c"_s);
        row("callback phone 33 characters",
            q("{'type':'callbackRequest','clientId':'c','phone':'") + QByteArray(33, '1') + "\"}",
            ErrorCode::BadRequest, false, u"c"_s);
        row("leaveMessage text a number", q("{'type':'leaveMessage','clientId':'l','text':1}"),
            ErrorCode::BadRequest, false, u"l"_s);
        row("rate score missing", q("{'type':'rate','clientId':'r'}"), ErrorCode::BadRequest, false,
            u"r"_s);
        row("rate score 6", q("{'type':'rate','clientId':'r','score':6}"), ErrorCode::BadRequest,
            false, u"r"_s);
        row("rate score -1", q("{'type':'rate','clientId':'r','score':-1}"), ErrorCode::BadRequest,
            false, u"r"_s);
        row("rate score 4.5", q("{'type':'rate','clientId':'r','score':4.5}"),
            ErrorCode::BadRequest, false, u"r"_s);
        row("rate score a string", q("{'type':'rate','clientId':'r','score':'5'}"),
            ErrorCode::BadRequest, false, u"r"_s);
        row("rate no clientId", q("{'type':'rate','score':5}"));
        row("rate comment a number", q("{'type':'rate','clientId':'r','score':5,'comment':5}"),
            ErrorCode::BadRequest, false, u"r"_s);
        row("rate comment 1001 emoji",
            q("{'type':'rate','clientId':'r','score':5,'comment':'") + emoji(1001).toUtf8() + "\"}",
            ErrorCode::BadRequest, false, u"r"_s);
        row("read without seq", q("{'type':'read'}"));
        row("read seq 0", q("{'type':'read','seq':0}"));
        row("read seq negative", q("{'type':'read','seq':-3}"));
        row("read seq a fraction", q("{'type':'read','seq':1.5}"));
        row("read seq a string", q("{'type':'read','seq':'7'}"));
        row("read seq over 2^53-1", q("{'type':'read','seq':9007199254740992}"));
    }
    // A refused read mark says which field is wrong, so that a client's author finds it.
    void badReadMarkNamesSeq_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("fromOperator");
        QTest::newRow("widget") << q("{'type':'read','seq':'x'}") << false;
        QTest::newRow("operator") << q("{'type':'read','conversation':'c-1','seq':0}") << true;
    }
    void badReadMarkNamesSeq()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, fromOperator);
        const QString message = fromOperator
            ? std::get<OperatorDecodeError>(decodeOperatorRequest(frame)).error.message
            : std::get<DecodeError>(decodeWidgetRequest(frame)).message;
        QVERIFY2(message.contains(u"seq"_s), qPrintable(message));
    }
    void badWidgetRequest()
    {
        QFETCH(QByteArray, frame);
        QFETCH(ErrorCode, code);
        QFETCH(bool, unknownType);
        QFETCH(QString, clientId);
        const auto decoded = decodeWidgetRequest(frame);
        QVERIFY(std::holds_alternative<DecodeError>(decoded));
        const DecodeError &error = std::get<DecodeError>(decoded);
        QCOMPARE(error.code, code);
        QCOMPARE(error.unknownType, unknownType);
        QCOMPARE(error.clientId, clientId);
        QVERIFY(error.message.startsWith(u"message: "_s));
    }

    void operatorRequest_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<int>("index"); // the OperatorRequest alternative
        QTest::newRow("availability") << q("{'type':'availability','state':'away'}") << 0;
        QTest::newRow("accept the oldest") << q("{'type':'accept'}") << 1;
        QTest::newRow("accept one") << q("{'type':'accept','conversation':'c-1'}") << 1;
        QTest::newRow("message") << q(
            "{'type':'message','conversation':'c-1','clientId':'o1','text':'hi'}")
                                 << 2;
        QTest::newRow("typing") << q("{'type':'typing','conversation':'c-1','active':false}") << 3;
        QTest::newRow("end") << q("{'type':'end','conversation':'c-1'}") << 4;
        QTest::newRow("read") << q("{'type':'read','conversation':'c-1','seq':3}") << 5;
    }
    void operatorRequest()
    {
        QFETCH(QByteArray, frame);
        QFETCH(int, index);
        const auto decoded = decodeOperatorRequest(frame);
        if (const auto *error = std::get_if<OperatorDecodeError>(&decoded))
            QFAIL(qPrintable(error->error.message));
        QCOMPARE(int(std::get<OperatorRequest>(decoded).index()), index);
    }

    void badOperatorRequest_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<QString>("conversation"); // echoed in the error
        QTest::addColumn<QString>("clientId");
        const auto row
            = [](const char *name, const QByteArray &frame, ErrorCode code = ErrorCode::BadRequest,
                  const QString &conversation = {}, const QString &clientId = {}) {
                  QTest::newRow(name) << frame << code << conversation << clientId;
              };
        row("empty", QByteArray());
        row("not JSON", "{ nope"_ba);
        row("array", "[]"_ba);
        row("70 KiB", q("{'type':'typing','x':'") + QByteArray(70 * 1024, 'x') + "\"}",
            ErrorCode::TooLarge);
        row("no type", "{}"_ba);
        row("type an array", q("{'type':['end']}"));
        row("widget's hello", q("{'type':'hello'}"));
        row("availability a number", q("{'type':'availability','state':1}"));
        row("availability unknown", q("{'type':'availability','state':'god'}"));
        row("accept conversation a number", q("{'type':'accept','conversation':1}"));
        row("end without conversation", q("{'type':'end'}"));
        row("end conversation an array", q("{'type':'end','conversation':['c-1']}"));
        row("typing active a string", q("{'type':'typing','conversation':'c-1','active':'y'}"),
            ErrorCode::BadRequest, u"c-1"_s);
        row("message clientId 65 characters",
            q("{'type':'message','conversation':'c-1','clientId':'") + QByteArray(65, 'c')
                + q("','text':'a'}"),
            ErrorCode::BadRequest, u"c-1"_s, QString(MaxIdLength, u'c'));
        row("message text 4001 characters",
            q("{'type':'message','conversation':'c-1','clientId':'o','text':'")
                + QByteArray(MaxTextLength + 1, 'a') + "\"}",
            ErrorCode::BadRequest, u"c-1"_s, u"o"_s);
        row("message text whitespace",
            q("{'type':'message','conversation':'c-1','clientId':'o','text':'  '}"),
            ErrorCode::BadRequest, u"c-1"_s, u"o"_s);
        row("read without conversation", q("{'type':'read','seq':3}"));
        row("read without seq", q("{'type':'read','conversation':'c-1'}"), ErrorCode::BadRequest,
            u"c-1"_s);
        row("read seq 0", q("{'type':'read','conversation':'c-1','seq':0}"), ErrorCode::BadRequest,
            u"c-1"_s);
        row("read seq a string", q("{'type':'read','conversation':'c-1','seq':'3'}"),
            ErrorCode::BadRequest, u"c-1"_s);
        row("read seq over 2^53-1",
            q("{'type':'read','conversation':'c-1','seq':9007199254740992}"), ErrorCode::BadRequest,
            u"c-1"_s);
    }
    void badOperatorRequest()
    {
        QFETCH(QByteArray, frame);
        QFETCH(ErrorCode, code);
        QFETCH(QString, conversation);
        QFETCH(QString, clientId);
        const auto decoded = decodeOperatorRequest(frame);
        QVERIFY(std::holds_alternative<OperatorDecodeError>(decoded));
        const OperatorDecodeError &error = std::get<OperatorDecodeError>(decoded);
        QCOMPARE(error.error.code, code);
        QCOMPARE(error.conversation, conversation);
        QCOMPARE(error.error.clientId, clientId);
        QVERIFY(!error.error.message.isEmpty());
    }

    // What a client encodes, the server decodes to the same request.
    void widgetRoundTrip_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < 15; ++i)
            QTest::newRow(qPrintable(QString::number(i))) << i;
    }
    void widgetRoundTrip()
    {
        QFETCH(int, row);
        const QList<WidgetRequest> requests {
            Hello { QString::fromLatin1(company), u"support"_s, u"cs"_s, std::nullopt },
            Hello {
                QString::fromLatin1(company), {}, {}, ResumeRequest { u"c-1"_s, u"s"_s, MaxSeq } },
            Start { u"s1"_s, { { u"name"_s, u"Jana"_s } }, { { u"plan"_s, u"gold"_s } }, u"en"_s },
            VisitorMessage { u"m1"_s, emoji(MaxTextLength) },
            VisitorTyping { true },
            EndConversation {},
            LeaveMessage { u"l1"_s, { { u"email"_s, u"j@example.com"_s } }, u"call me"_s },
            CallbackRequest { u"c1"_s, {}, u"+420 123 456 789"_s },
            Rate { u"r1"_s, 5, emoji(MaxRatingCommentLength) },
            Rate { u"r2"_s, 0, {} },
            VisitorRead { 1 },
            VisitorRead { MaxSeq },
            Start { u"s2"_s, {}, {}, {}, QString(MaxSecretLength, u'k') },
            VisitorMessage { u"m2"_s, {}, QString(AttachmentIdLength, u'x') },
            VisitorMessage { u"m3"_s, u"see"_s, QString(AttachmentIdLength, u'-') },
        };
        const QByteArray encoded = encode(requests.at(row));
        const auto decoded = decodeWidgetRequest(encoded);
        if (const auto *error = std::get_if<DecodeError>(&decoded))
            QFAIL(qPrintable(error->message));
        QCOMPARE(encode(std::get<WidgetRequest>(decoded)), encoded);
    }

    void operatorRoundTrip_data()
    {
        QTest::addColumn<int>("row");
        for (int i = 0; i < 9; ++i)
            QTest::newRow(qPrintable(QString::number(i))) << i;
    }
    void operatorRoundTrip()
    {
        QFETCH(int, row);
        const QList<OperatorRequest> requests {
            SetAvailability { Availability::Busy },
            AcceptConversation {},
            AcceptConversation { u"c-1"_s },
            OperatorMessage { u"c-1"_s, u"o1"_s, u"hello there"_s },
            OperatorTyping { u"c-1"_s, true },
            OperatorEnd { u"c-1"_s },
            OperatorRead { u"c-1"_s, 1 },
            OperatorRead { u"c-1"_s, MaxSeq },
            OperatorMessage { u"c-1"_s, u"o2"_s, {}, QString(AttachmentIdLength, u'Z') },
        };
        const QByteArray encoded = encode(requests.at(row));
        const auto decoded = decodeOperatorRequest(encoded);
        if (const auto *error = std::get_if<OperatorDecodeError>(&decoded))
            QFAIL(qPrintable(error->error.message));
        QCOMPARE(encode(std::get<OperatorRequest>(decoded)), encoded);
    }
};

QTEST_GUILESS_MAIN(TestProtocolRequests)
#include "tst_protocol_requests.moc"
