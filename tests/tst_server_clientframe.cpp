// The server's decoding of one client frame (server/clientframe.h), with no socket: the same
// function the widget and operator sessions call, and that fuzz/ drives.

#include "clientframe.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidget::Server;

Q_DECLARE_METATYPE(OWidget::Server::WidgetMessageType)
Q_DECLARE_METATYPE(OWidget::Server::OperatorMessageType)

class TestServerClientFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void widgetFrame_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<WidgetMessageType>("type");
        QTest::addColumn<bool>("typeIsString");
        QTest::newRow("hello") << u"{\"type\":\"hello\",\"protocol\":1}"_s
                               << WidgetMessageType::Hello << true;
        QTest::newRow("start") << u"{\"type\":\"start\"}"_s << WidgetMessageType::Start << true;
        QTest::newRow("message") << u"{\"type\":\"message\",\"text\":\"hi\"}"_s
                                 << WidgetMessageType::Message << true;
        QTest::newRow("typing") << u"{\"type\":\"typing\"}"_s << WidgetMessageType::Typing << true;
        QTest::newRow("end") << u"{\"type\":\"end\"}"_s << WidgetMessageType::End << true;
        QTest::newRow("leaveMessage")
            << u"{\"type\":\"leaveMessage\"}"_s << WidgetMessageType::LeaveMessage << true;
        QTest::newRow("callbackRequest")
            << u"{\"type\":\"callbackRequest\"}"_s << WidgetMessageType::CallbackRequest << true;
        QTest::newRow("unknown") << u"{\"type\":\"accept\"}"_s << WidgetMessageType::Unknown
                                 << true;
        QTest::newRow("case matters")
            << u"{\"type\":\"Hello\"}"_s << WidgetMessageType::Unknown << true;
        QTest::newRow("type a number") << u"{\"type\":1}"_s << WidgetMessageType::Unknown << false;
        QTest::newRow("no type") << u"{}"_s << WidgetMessageType::Unknown << false;
    }
    void widgetFrame()
    {
        QFETCH(QString, frame);
        QFETCH(WidgetMessageType, type);
        QFETCH(bool, typeIsString);
        const auto decoded = decodeWidgetFrame(frame);
        QVERIFY(std::holds_alternative<WidgetMessage>(decoded));
        const auto &message = std::get<WidgetMessage>(decoded);
        QCOMPARE(message.type, type);
        QCOMPARE(message.typeIsString, typeIsString);
    }

    void operatorFrame_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<OperatorMessageType>("type");
        QTest::newRow("availability") << u"{\"type\":\"availability\",\"state\":\"online\"}"_s
                                      << OperatorMessageType::Availability;
        QTest::newRow("accept") << u"{\"type\":\"accept\"}"_s << OperatorMessageType::Accept;
        QTest::newRow("message") << u"{\"type\":\"message\"}"_s << OperatorMessageType::Message;
        QTest::newRow("typing") << u"{\"type\":\"typing\"}"_s << OperatorMessageType::Typing;
        QTest::newRow("end") << u"{\"type\":\"end\"}"_s << OperatorMessageType::End;
        QTest::newRow("widget's hello")
            << u"{\"type\":\"hello\"}"_s << OperatorMessageType::Unknown;
        QTest::newRow("type an array") << u"{\"type\":[\"end\"]}"_s << OperatorMessageType::Unknown;
    }
    void operatorFrame()
    {
        QFETCH(QString, frame);
        QFETCH(OperatorMessageType, type);
        const auto decoded = decodeOperatorFrame(frame);
        QVERIFY(std::holds_alternative<OperatorMessage>(decoded));
        QCOMPARE(std::get<OperatorMessage>(decoded).type, type);
    }

    void badFrame_data()
    {
        QTest::addColumn<QString>("frame");
        QTest::addColumn<QString>("code");
        QTest::newRow("empty") << QString() << u"bad_request"_s;
        QTest::newRow("not JSON") << u"hello"_s << u"bad_request"_s;
        QTest::newRow("array") << u"[{\"type\":\"hello\"}]"_s << u"bad_request"_s;
        QTest::newRow("string") << u"\"hello\""_s << u"bad_request"_s;
        QTest::newRow("two objects") << u"{}{}"_s << u"bad_request"_s;
        QTest::newRow("truncated") << u"{\"type\":\"hel"_s << u"bad_request"_s;
        QTest::newRow("trailing garbage") << u"{\"type\":\"end\"}x"_s << u"bad_request"_s;
        QTest::newRow("64 KiB + 1") << QString(64 * 1024 + 1, u' ') << u"too_large"_s;
        // 30000 characters of 3 bytes each: under the cap in characters, over it in UTF-8.
        QTest::newRow("64 KiB in UTF-8")
            << (u"{\"text\":\""_s + QString(30000, QChar(0x20AC)) + u"\"}"_s) << u"too_large"_s;
    }
    void badFrame()
    {
        QFETCH(QString, frame);
        QFETCH(QString, code);
        const auto widget = decodeWidgetFrame(frame);
        QVERIFY(std::holds_alternative<FrameError>(widget));
        QCOMPARE(std::get<FrameError>(widget).code, code);
        QVERIFY(!std::get<FrameError>(widget).message.isEmpty());
        const auto op = decodeOperatorFrame(frame);
        QVERIFY(std::holds_alternative<FrameError>(op));
        QCOMPARE(std::get<FrameError>(op).code, code);
    }
};

QTEST_GUILESS_MAIN(TestServerClientFrame)
#include "tst_server_clientframe.moc"
