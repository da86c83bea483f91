// Hostile clients against the real owidget-server: oversized and malformed messages, bytes that
// are not WebSocket frames, wrong resume secrets, other visitors' conversations, floods, slow
// readers, half-open connections, and the console's routes without a session or from a foreign
// Origin. After every row the server is still running and a well-behaved visitor and operator
// still talk to each other: the abuser is limited, everyone else is unaffected.

#include "jsonsocket.h"
#include "rawhttp.h"
#include "rawwebsocket.h"
#include "serverprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

// How many hostile inputs the rows sent, for the summary at the end.
int hostileInputs = 0;

QJsonObject messageObject(const QString &clientId, const QString &text)
{
    return QJsonObject { { "type"_L1, u"message"_s }, { "clientId"_L1, clientId },
        { "text"_L1, text } };
}

QUrl socketUrl(const QUrl &server, const QString &path)
{
    QUrl url = server.resolved(QUrl(path));
    url.setScheme(u"ws"_s);
    return url;
}

// A WebSocket speaking raw JSON, a widget's (or a console's, opened on the operator socket):
// every message received, in order.
class Visitor : public JsonSocket
{
public:
    Visitor()
    {
        connect(&socket, &QWebSocket::connected, this, [this] { wasConnected = true; });
    }

    bool open(const QUrl &server, const QNetworkRequest &request = {})
    {
        QNetworkRequest r = request;
        if (r.url().isEmpty())
            r.setUrl(socketUrl(server, u"v1/socket"_s));
        socket.open(r);
        // A refused socket may be connected and closed again before anyone looks.
        return QTest::qWaitFor([this] { return wasConnected; }, 10000);
    }

    /// Opens the socket and says hello; true once `welcome` arrived.
    bool connectTo(const QUrl &server, const QJsonObject &resume = {})
    {
        if (!open(server))
            return false;
        send(helloObject(resume));
        welcome = take(u"welcome"_s);
        return !welcome.isEmpty();
    }

    QJsonObject start(const QString &clientId)
    {
        send(startObject(clientId));
        return take(u"created"_s);
    }

    bool closed()
    {
        return QTest::qWaitFor(
            [this] { return socket.state() == QAbstractSocket::UnconnectedState; }, 10000);
    }

    bool wasConnected = false;
};

// A TCP connection that has completed the WebSocket handshake on /v1/socket, for frames the
// QWebSocket client would never send.
bool rawWebSocket(QTcpSocket &socket, const QUrl &server)
{
    socket.connectToHost(QHostAddress::LocalHost, quint16(server.port()));
    if (!socket.waitForConnected(5000))
        return false;
    socket.write(upgradeRequest(server));
    QByteArray head;
    const bool upgraded = QTest::qWaitFor(
        [&] {
            head += socket.readAll();
            return head.contains("\r\n\r\n");
        },
        5000);
    return upgraded && head.startsWith("HTTP/1.1 101");
}

// Reads whatever the server sends until it closes the connection; false when it does not.
bool closedByServer(QTcpSocket &socket, QByteArray *data = nullptr, int timeout = 10000)
{
    QByteArray all;
    const bool closed = QTest::qWaitFor(
        [&] {
            all += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeout);
    all += socket.readAll();
    if (data)
        *data = all;
    return closed;
}

// The unmasked frames a server sent, decoded enough to read their text and close codes.
struct ServerFrame
{
    quint8 opcode = 0;
    QByteArray payload;
};

QList<ServerFrame> serverFrames(const QByteArray &data)
{
    QList<ServerFrame> frames;
    qsizetype at = 0;
    while (at + 2 <= data.size()) {
        const quint8 opcode = quint8(data.at(at)) & 0x0f;
        quint64 length = quint8(data.at(at + 1)) & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (at + 4 > data.size())
                break;
            length = (quint64(quint8(data.at(at + 2))) << 8) | quint8(data.at(at + 3));
            header = 4;
        } else if (length == 127) {
            if (at + 10 > data.size())
                break;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | quint8(data.at(at + 2 + i));
            header = 10;
        }
        if (at + header + qsizetype(length) > data.size())
            break;
        frames.append({ opcode, data.mid(at + header, qsizetype(length)) });
        at += header + qsizetype(length);
    }
    return frames;
}

int closeCodeOf(const QList<ServerFrame> &frames)
{
    for (const ServerFrame &f : frames) {
        if (f.opcode == 0x8 && f.payload.size() >= 2)
            return (quint8(f.payload.at(0)) << 8) | quint8(f.payload.at(1));
    }
    return -1;
}

struct HttpReply
{
    int status = 0;
    QJsonObject body;
    QByteArray setCookie;
};

HttpReply http(const QUrl &url, const QByteArray &method, const QByteArray &body = {},
    const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    std::unique_ptr<QNetworkReply> reply(nam.sendCustomRequest(request, method, body));
    static_cast<void>(QTest::qWaitFor([&] { return reply->isFinished(); }, 15000));
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        QJsonDocument::fromJson(reply->readAll()).object(), reply->rawHeader("Set-Cookie"_ba) };
}

QString errorCode(const HttpReply &reply)
{
    return reply.body.value("error"_L1).toObject().value("code"_L1).toString();
}

} // namespace

class TestServerHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void oversizedMessages_data();
    void oversizedMessages();
    void malformedBeforeHello_data();
    void malformedBeforeHello();
    void malformedAfterHello_data();
    void malformedAfterHello();
    void malformedFrames_data();
    void malformedFrames();
    void unmaskedFrames_data();
    void unmaskedFrames();
    void otherVisitorsConversation();
    void otherOperatorsConversation();
    void messageFlood();
    void halfOpenConnections();
    void hugeBody();
    void garbageHttp_data();
    void garbageHttp();
    void consoleWithoutSession_data();
    void consoleWithoutSession();
    void operatorSocketForgedOrigin_data();
    void operatorSocketForgedOrigin();
    void loginForgedOrigin_data();
    void loginForgedOrigin();
    void operatorMalformed_data();
    void operatorMalformed();
    void loginFlood();
    void slowReader();
    void slowOperator();

private:
    bool serverRunning(const ServerProcess &server) const;
    bool othersUnaffected(ServerProcess &server, OperatorClient &op);

    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<OperatorClient> m_alice;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_tlsServer; // started by the rows that need one
    int m_rounds = 0;
};

void TestServerHostile::initTestCase()
{
    m_server = std::make_unique<ServerProcess>();
    QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    m_alice = std::make_unique<OperatorClient>(m_server->url());
    QVERIFY(m_alice->connectAs(u"alice"_s, u"alice-demo"_s));
    m_alice->setAvailability(u"online"_s);
}

void TestServerHostile::cleanupTestCase()
{
    qInfo("hostile inputs tried: %d; well-behaved round trips after them: %d", hostileInputs,
        m_rounds);
    m_alice.reset();
    if (m_tlsServer)
        QCOMPARE(m_tlsServer->stop(), 0);
    if (m_server)
        QCOMPARE(m_server->stop(), 0); // and it still shuts down cleanly
}

// After every row: the server process lives, and a visitor and an operator still talk.
void TestServerHostile::cleanup()
{
    QVERIFY2(serverRunning(*m_server), "the server exited");
    QVERIFY(othersUnaffected(*m_server, *m_alice));
}

bool TestServerHostile::serverRunning(const ServerProcess &server) const
{
    const qint64 pid = server.processId();
    // QProcess forgets the id once the process has finished.
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

bool TestServerHostile::othersUnaffected(ServerProcess &server, OperatorClient &op)
{
    if (!OWidgetTest::othersUnaffected(server.url(), op))
        return false;
    ++m_rounds;
    return true;
}

// Messages over the protocol's 64 KiB, and over the 1 MiB Qt itself refuses.
void TestServerHostile::oversizedMessages_data()
{
    QTest::addColumn<int>("characters");
    QTest::addColumn<bool>("multiByte");
    QTest::addColumn<bool>("beforeHello");
    QTest::newRow("64 KiB + 1 before hello") << 64 * 1024 + 1 << false << true;
    QTest::newRow("70 KiB after hello") << 70 * 1024 << false << false;
    // Under 64 Ki characters, over 64 KiB in UTF-8.
    QTest::newRow("30 Ki three-byte characters") << 30 * 1024 << true << false;
    QTest::newRow("2 MiB, over Qt's own cap") << 2 * 1024 * 1024 << false << false;
}

void TestServerHostile::oversizedMessages()
{
    QFETCH(int, characters);
    QFETCH(bool, multiByte);
    QFETCH(bool, beforeHello);
    Visitor visitor;
    if (beforeHello)
        QVERIFY(visitor.open(m_server->url()));
    else
        QVERIFY(visitor.connectTo(m_server->url()));
    const QString padding(characters, multiByte ? QChar(0x4e2d) : u'a');
    visitor.send(messageObject(u"big"_s, padding));
    ++hostileInputs;
    QVERIFY(visitor.closed());
    QCOMPARE(visitor.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    if (characters < 1024 * 1024) // over Qt's cap, Qt closes before the server sees anything
        QCOMPARE(visitor.take(u"error"_s, 0).value("code"_L1).toString(), u"too_large"_s);
    QVERIFY(!visitor.has(u"ack"_s));
}

void TestServerHostile::malformedBeforeHello_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("not json") << u"{ nope"_s << u"bad_request"_s;
    QTest::newRow("array") << u"[1,2,3]"_s << u"bad_request"_s;
    QTest::newRow("string") << u"\"hello\""_s << u"bad_request"_s;
    QTest::newRow("null") << u"null"_s << u"bad_request"_s;
    QTest::newRow("empty") << QString() << u"bad_request"_s;
    QTest::newRow("message first") << json(messageObject(u"x"_s, u"hi"_s)) << u"bad_request"_s;
    QTest::newRow("type not a string") << u"{\"type\":1,\"protocol\":1,\"company\":\"%1\"}"_s.arg(
        ServerProcess::demoCompany()) << u"bad_request"_s;
    QTest::newRow("protocol a string")
        << u"{\"type\":\"hello\",\"protocol\":\"1\",\"company\":\"%1\"}"_s.arg(
               ServerProcess::demoCompany())
        << u"bad_request"_s;
    QTest::newRow("protocol 1.5") << u"{\"type\":\"hello\",\"protocol\":1.5,\"company\":\"%1\"}"_s
                                         .arg(ServerProcess::demoCompany())
                                  << u"protocol_version"_s;
    QTest::newRow("protocol huge")
        << u"{\"type\":\"hello\",\"protocol\":1e308,\"company\":\"%1\"}"_s.arg(
               ServerProcess::demoCompany())
        << u"protocol_version"_s;
    QTest::newRow("company a number")
        << u"{\"type\":\"hello\",\"protocol\":1,\"company\":42}"_s << u"bad_request"_s;
    QTest::newRow("company SQL")
        << u"{\"type\":\"hello\",\"protocol\":1,\"company\":\"' OR 1=1 --\"}"_s << u"bad_request"_s;
    QTest::newRow("preset an object")
        << u"{\"type\":\"hello\",\"protocol\":1,\"company\":\"%1\",\"preset\":{}}"_s.arg(
               ServerProcess::demoCompany())
        << u"bad_request"_s;
    QTest::newRow("preset of another kind")
        << u"{\"type\":\"hello\",\"protocol\":1,\"company\":\"%1\",\"preset\":\"../../etc\"}"_s.arg(
               ServerProcess::demoCompany())
        << u"unknown_preset"_s;
    QTest::newRow("language 1000 characters")
        << u"{\"type\":\"hello\",\"protocol\":1,\"company\":\"%1\",\"language\":\"%2\"}"_s.arg(
               ServerProcess::demoCompany(), QString(1000, u'x'))
        << u"bad_request"_s;
    QTest::newRow("nested 5000 deep")
        << QString(QString(5000, u'[') + QString(5000, u']')) << u"bad_request"_s;
}

// Anything but a good hello first: an error, then close code 1008.
void TestServerHostile::malformedBeforeHello()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    Visitor visitor;
    QVERIFY(visitor.open(m_server->url()));
    visitor.socket.sendTextMessage(text);
    ++hostileInputs;
    QCOMPARE(visitor.take(u"error"_s).value("code"_L1).toString(), code);
    QVERIFY(visitor.closed());
    QCOMPARE(visitor.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(!visitor.has(u"welcome"_s));
}

void TestServerHostile::malformedAfterHello_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    const auto row
        = [](const char *name, const QString &text, const QString &code = u"bad_request"_s) {
              QTest::newRow(name) << text << code;
          };
    row("not json", u"{ nope"_s);
    row("trailing garbage", u"{\"type\":\"typing\",\"active\":true} x"_s);
    row("array", u"[{\"type\":\"message\"}]"_s);
    row("number", u"42"_s);
    row("no type", u"{}"_s);
    row("type null", u"{\"type\":null}"_s);
    row("type an object", u"{\"type\":{\"type\":\"message\"}}"_s);
    row("unknown type", u"{\"type\":\"dance\"}"_s);
    row("type 10000 characters", u"{\"type\":\"%1\"}"_s.arg(QString(10000, u't')));
    row("hello twice", json(helloObject()));
    row("clientId a number", u"{\"type\":\"message\",\"clientId\":7,\"text\":\"hi\"}"_s);
    row("clientId empty", u"{\"type\":\"message\",\"clientId\":\"\",\"text\":\"hi\"}"_s);
    row("clientId 65 characters", json(messageObject(QString(65, u'c'), u"hi"_s)));
    row("text an array", u"{\"type\":\"message\",\"clientId\":\"x\",\"text\":[\"hi\"]}"_s);
    row("text null", u"{\"type\":\"message\",\"clientId\":\"x\",\"text\":null}"_s);
    row("text only whitespace", json(messageObject(u"x"_s, u" \t\n "_s)));
    row("text 4001 characters", json(messageObject(u"x"_s, QString(4001, u'a'))));
    row("text without conversation", json(messageObject(u"x"_s, u"hi"_s)),
        u"not_in_conversation"_s);
    row("text with NULs, no conversation",
        u"{\"type\":\"message\",\"clientId\":\"x\",\"text\":\"a\\u0000b\"}"_s,
        u"not_in_conversation"_s);
    // Half of a surrogate pair is no character: docs/protocol.md makes such a string an error,
    // which the client refuses too, so the message is refused before its conversation is looked
    // for.
    row("lone surrogate escape",
        u"{\"type\":\"message\",\"clientId\":\"x\",\"text\":\"\\ud800\"}"_s);
    row("typing active a string", u"{\"type\":\"typing\",\"active\":\"yes\"}"_s);
    row("typing without conversation", u"{\"type\":\"typing\",\"active\":true}"_s,
        u"not_in_conversation"_s);
    row("end without conversation", u"{\"type\":\"end\"}"_s, u"not_in_conversation"_s);
    row("start without clientId", u"{\"type\":\"start\",\"fields\":{\"name\":\"J\"}}"_s);
    row("start fields an array", u"{\"type\":\"start\",\"clientId\":\"s\",\"fields\":[]}"_s);
    row("start fields not strings",
        u"{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{\"name\":{\"a\":1}}}"_s);
    row("start field 201 characters",
        u"{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{\"name\":\"%1\"}}"_s.arg(
            QString(201, u'n')));
    row("start 2000 fields", [] {
        QJsonObject fields;
        for (int i = 0; i < 2000; ++i)
            fields.insert(u"f%1"_s.arg(i), u"v"_s);
        return json(QJsonObject {
            { "type"_L1, u"start"_s }, { "clientId"_L1, u"s"_s }, { "fields"_L1, fields } });
    }());
    row("start customData a string",
        u"{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{\"name\":\"J\"},\"customData\":\"x\"}"_s);
    row("start 33 customData entries", [] {
        QJsonObject custom;
        for (int i = 0; i < 33; ++i)
            custom.insert(u"k%1"_s.arg(i), u"v"_s);
        QJsonObject start = startObject(u"s"_s);
        start.insert("customData"_L1, custom);
        return json(start);
    }());
    row("start customData empty name",
        u"{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{\"name\":\"J\"},\"customData\":{\"\":\"x\"}}"_s);
    row("start language a number",
        u"{\"type\":\"start\",\"clientId\":\"s\",\"fields\":{\"name\":\"J\"},\"language\":5}"_s);
    row("callback phone a script",
        u"{\"type\":\"callbackRequest\",\"clientId\":\"c\",\"phone\":\"<script>\"}"_s);
    row("callback phone 33 characters",
        u"{\"type\":\"callbackRequest\",\"clientId\":\"c\",\"phone\":\"%1\"}"_s.arg(
            QString(33, u'1')));
    row("leaveMessage text a number",
        u"{\"type\":\"leaveMessage\",\"clientId\":\"l\",\"text\":1}"_s);
}

// After hello, a malformed message is answered with an error and otherwise ignored.
void TestServerHostile::malformedAfterHello()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    Visitor visitor;
    QVERIFY(visitor.connectTo(m_server->url()));
    visitor.socket.sendTextMessage(text);
    ++hostileInputs;
    QCOMPARE(visitor.take(u"error"_s).value("code"_L1).toString(), code);
    QVERIFY(!visitor.has(u"created"_s));
    QVERIFY(!visitor.has(u"received"_s));
    // The connection lives on and still works.
    visitor.send(QJsonObject { { "type"_L1, u"typing"_s }, { "active"_L1, true } });
    QCOMPARE(visitor.take(u"error"_s).value("code"_L1).toString(), u"not_in_conversation"_s);
    QCOMPARE(visitor.socket.state(), QAbstractSocket::ConnectedState);
}

// Bytes a WebSocket library would not send: invalid UTF-8, lying lengths, bad opcodes.
void TestServerHostile::malformedFrames_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("hello");
    // -1: any close; 0: bad_request and the connection stays; -2: either
    QTest::addColumn<int>("closeCode");
    QTest::newRow("invalid UTF-8 before hello")
        << clientFrame(0x1, "{\"type\":\"hello\",\"x\":\"\xff\xfe\"}"_ba) << false << 1007;
    QTest::newRow("overlong UTF-8 after hello")
        << clientFrame(0x1, "{\"type\":\"typing\",\"active\":\"\xc0\xaf\"}"_ba) << true << 1007;
    QTest::newRow("UTF-16 surrogate in UTF-8")
        << clientFrame(0x1, "{\"type\":\"dance\",\"x\":\"\xed\xa0\x80\"}"_ba) << true << 1007;
    QTest::newRow("length 2^62, few bytes")
        << clientFrame(0x1, "{}"_ba, true, quint64(1) << 62) << true << -1;
    QTest::newRow("length 2^63 (invalid)")
        << clientFrame(0x1, "{}"_ba, true, quint64(1) << 63) << true << -1;
    QTest::newRow("reserved opcode 3") << clientFrame(0x3, "x"_ba) << true << 1002;
    QTest::newRow("continuation with no start") << clientFrame(0x0, "x"_ba) << true << 1002;
    QTest::newRow("control frame of 126 bytes")
        << clientFrame(0x9, QByteArray(126, 'p')) << true << 1002;
    QTest::newRow("fragmented ping") << clientFrame(0x9, "p"_ba, false) << true << 1002;
    QTest::newRow("reserved bits set") << [] {
        QByteArray f = clientFrame(0x1, "{}"_ba);
        f[0] = char(quint8(f.at(0)) | 0x70);
        return f;
    }() << true << 1002;
    QTest::newRow("unmasked frame") << [] {
        QByteArray f;
        f.append(char(0x81));
        f.append(char(2));
        f.append("{}");
        return f;
    }() << true << 1002;
    QTest::newRow("100 fragments of 1 KiB, 100 KiB in all") << [] {
        QByteArray bytes = clientFrame(0x1, "{\"type\":\"typing\",\"x\":\""_ba, false);
        for (int i = 0; i < 100; ++i)
            bytes += clientFrame(0x0, QByteArray(1024, 'a'), false);
        bytes += clientFrame(0x0, "\"}"_ba, true);
        return bytes;
    }() << true << 1009;
    QTest::newRow("fragments over 1 MiB in all") << [] {
        QByteArray bytes = clientFrame(0x1, "{\"x\":\""_ba, false);
        for (int i = 0; i < 20; ++i)
            bytes += clientFrame(0x0, QByteArray(64 * 1024, 'a'), false);
        return bytes;
    }() << true << 1009;
    QTest::newRow("close with a reason of invalid UTF-8")
        << clientFrame(0x8, "\x03\xe8\xff\xff"_ba) << true << -1;
    QTest::newRow("binary message") << clientFrame(0x2, "\x00\x01\x02"_ba) << true << 0;
}

void TestServerHostile::malformedFrames()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, hello);
    QFETCH(int, closeCode);
    QTcpSocket socket;
    QVERIFY(rawWebSocket(socket, m_server->url()));
    if (hello) {
        socket.write(clientFrame(0x1, json(helloObject()).toUtf8()));
        QByteArray answer;
        QVERIFY(QTest::qWaitFor([&] {
            answer += socket.readAll();
            return answer.contains("welcome");
        }));
    }
    socket.write(bytes);
    ++hostileInputs;
    if (closeCode == 0 || closeCode == -2) {
        // Not a protocol error to the server: answered with bad_request.
        QByteArray answer;
        QVERIFY(QTest::qWaitFor([&] {
            answer += socket.readAll();
            return answer.contains("bad_request")
                || socket.state() == QAbstractSocket::UnconnectedState;
        }));
        if (closeCode == 0)
            QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        return;
    }
    QByteArray data;
    QVERIFY2(closedByServer(socket, &data), "the server kept the connection open");
    if (closeCode > 0)
        QCOMPARE(closeCodeOf(serverFrames(data)), closeCode);
}

// An unmasked client frame (RFC 6455 5.1) closes the connection with 1002 on either listener,
// whether it comes first or behind valid frames whose bytes reach the server in odd pieces, some
// of them split in the middle of a header, so that where each frame begins matters.
void TestServerHostile::unmaskedFrames_data()
{
    QTest::addColumn<int>("listener");
    QTest::addColumn<int>("validFrames");
    for (const Listener listener : { Plain, Tls }) {
        const char *name = listener == Tls ? "TLS" : "plain";
        QTest::addRow("%s, alone", name) << int(listener) << 0;
        QTest::addRow("%s, after 6 valid frames in pieces", name) << int(listener) << 6;
    }
}

void TestServerHostile::unmaskedFrames()
{
    QFETCH(int, listener);
    QFETCH(int, validFrames);
    QUrl server = m_server->url();
    if (listener == Tls) {
        if (!m_tlsServer) {
            QString cert;
            QString key;
            QVERIFY2(makeCertificate(m_dir, &cert, &key), "openssl must be installed");
            auto tls = std::make_unique<ServerProcess>();
            tls->setExtraArguments({ u"--tls-cert"_s, cert, u"--tls-key"_s, key });
            QVERIFY2(tls->start(), qPrintable(tls->error()));
            m_tlsServer = std::move(tls);
        }
        server = m_tlsServer->url();
        QCOMPARE(server.scheme(), u"https"_s);
    }
    const auto socket = connectRaw(server, Listener(listener));
    QVERIFY(socket);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->write(upgradeRequest(server));
    QByteArray data;
    QVERIFY(QTest::qWaitFor([&] {
        data += socket->readAll();
        return data.contains("\r\n\r\n");
    }));
    QVERIFY(data.startsWith("HTTP/1.1 101 "));
    data.remove(0, data.indexOf("\r\n\r\n") + 4);

    // Pings whose payloads hold bytes that read like unmasked headers (0x81 0x02) at every
    // offset a lost reader could land on; the server answers each with a pong.
    QByteArray bytes;
    for (int i = 0; i < validFrames; ++i)
        bytes += clientFrame(0x9, QByteArray(i, 'p') + "\x81\x02{}\x81\x02"_ba);
    bytes += "\x81\x02{}"_ba;
    ++hostileInputs;
    // Pieces of 1, 2, 3, ... bytes, each written and sent before the next.
    qsizetype at = 0;
    for (qsizetype piece = 1; at < bytes.size(); ++piece) {
        socket->write(bytes.mid(at, piece));
        at += piece;
        QVERIFY(QTest::qWaitFor([&] { return socket->bytesToWrite() == 0; }));
    }
    QVERIFY2(readUntilClosed(*socket, &data), "the server kept the connection open");
    const QList<ServerFrame> frames = serverFrames(data);
    const auto pongs = std::count_if(
        frames.cbegin(), frames.cend(), [](const ServerFrame &f) { return f.opcode == 0xa; });
    QCOMPARE(pongs, validFrames);
    QCOMPARE(closeCodeOf(frames), 1002);
}

// A second visitor who knows the victim's conversation id gets nothing of it, and changes
// nothing in it.
void TestServerHostile::otherVisitorsConversation()
{
    Visitor victim;
    QVERIFY(victim.connectTo(m_server->url()));
    const QJsonObject created = victim.start(u"victim-start"_s);
    const QString id = created.value("conversation"_L1).toString();
    const QString secret = created.value("secret"_L1).toString();
    QVERIFY(!id.isEmpty());
    m_alice->accept(id);
    QVERIFY(!victim.take(u"joined"_s).isEmpty());
    victim.send(messageObject(u"v1"_s, u"my card number is 1234"_s));
    QCOMPARE(victim.take(u"ack"_s).value("seq"_L1).toInt(), 2);
    m_alice->say(id, u"thanks, noted"_s);
    QCOMPARE(victim.take(u"message"_s).value("seq"_L1).toInt(), 3);

    Visitor own; // the attacker's own conversation, whose secret is genuine
    QVERIFY(own.connectTo(m_server->url()));
    const QJsonObject ownCreated = own.start(u"attacker-start"_s);
    const QString ownId = ownCreated.value("conversation"_L1).toString();
    const QString ownSecret = ownCreated.value("secret"_L1).toString();
    QVERIFY(!ownId.isEmpty());

    const qsizetype aliceBefore = m_alice->received().size();
    const QList<QJsonObject> resumes {
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, u"wrong"_s }, { "lastSeq"_L1, 0 } },
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, QString() }, { "lastSeq"_L1, 0 } },
        QJsonObject { { "conversation"_L1, id }, { "lastSeq"_L1, 0 } },
        QJsonObject {
            { "conversation"_L1, id }, { "secret"_L1, QJsonValue() }, { "lastSeq"_L1, 0 } },
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, 0 }, { "lastSeq"_L1, 0 } },
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, QJsonArray { secret.left(8) } } },
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, ownSecret }, { "lastSeq"_L1, 0 } },
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, secret.left(secret.size() - 1) } },
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, QString(secret + u'x') } },
        QJsonObject { { "conversation"_L1, id },
            { "secret"_L1, secret.toUpper() == secret ? secret.toLower() : secret.toUpper() } },
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, QString(60000, u'k') } },
        QJsonObject { { "conversation"_L1, id.toUpper() }, { "secret"_L1, ownSecret } },
        QJsonObject { { "conversation"_L1, QString(id + u"' OR '1'='1"_s) },
            { "secret"_L1, u"' OR '1'='1"_s } },
        QJsonObject { { "conversation"_L1, ownId }, { "secret"_L1, secret }, { "lastSeq"_L1, -5 } },
        QJsonObject {
            { "conversation"_L1, id }, { "secret"_L1, u"wrong"_s }, { "lastSeq"_L1, 1e300 } },
        QJsonObject { { "conversation"_L1, QJsonArray { id } }, { "secret"_L1, secret.left(4) } },
    };
    for (const QJsonObject &resume : resumes) {
        Visitor attacker;
        QVERIFY(attacker.connectTo(m_server->url(), resume));
        ++hostileInputs;
        QVERIFY2(!attacker.welcome.contains("conversation"_L1), qPrintable(json(resume).left(200)));
        QCOMPARE(attacker.take(u"error"_s).value("code"_L1).toString(), u"resume_rejected"_s);
        // Into the victim's conversation with its id in every field it might be read from.
        QJsonObject intrusion = messageObject(u"a1"_s, u"the attacker writes"_s);
        intrusion.insert("conversation"_L1, id);
        attacker.send(intrusion);
        QCOMPARE(attacker.take(u"error"_s).value("code"_L1).toString(), u"not_in_conversation"_s);
        attacker.send(QJsonObject {
            { "type"_L1, u"typing"_s }, { "active"_L1, true }, { "conversation"_L1, id } });
        QCOMPARE(attacker.take(u"error"_s).value("code"_L1).toString(), u"not_in_conversation"_s);
        attacker.send(QJsonObject { { "type"_L1, u"end"_s }, { "conversation"_L1, id } });
        QCOMPARE(attacker.take(u"error"_s).value("code"_L1).toString(), u"not_in_conversation"_s);
        // A start that repeats the victim's start client id is a new conversation, not theirs.
        const QJsonObject hijack = attacker.start(u"victim-start"_s);
        QVERIFY(hijack.value("conversation"_L1).toString() != id);
        QVERIFY(hijack.value("secret"_L1).toString() != secret);
        hostileInputs += 4;
        for (const QJsonObject &m : std::as_const(attacker.received)) {
            const QString type = m.value("type"_L1).toString();
            QVERIFY2(type != "message"_L1 && type != "joined"_L1 && type != "ended"_L1
                    && type != "typing"_L1,
                qPrintable(json(m)));
            QVERIFY2(!json(m).contains("1234"_L1), qPrintable(json(m)));
        }
        attacker.send(QJsonObject { { "type"_L1, u"end"_s } });
        QVERIFY(!attacker.take(u"ended"_s).isEmpty());
    }

    // The attacker inside its own conversation names the victim's: its message stays its own.
    QJsonObject crossing = messageObject(u"cross"_s, u"crossing over"_s);
    crossing.insert("conversation"_L1, id);
    own.send(crossing);
    ++hostileInputs;
    QVERIFY(!own.take(u"ack"_s).isEmpty());

    // Nothing reached the victim or its operator, and its history is what it was.
    QVERIFY(!victim.has(u"message"_s));
    QVERIFY(!victim.has(u"typing"_s));
    QVERIFY(!victim.has(u"ended"_s));
    QVERIFY(operatorMessages(*m_alice, u"event"_s, id, aliceBefore).isEmpty());
    QVERIFY(operatorMessages(*m_alice, u"typing"_s, id, aliceBefore).isEmpty());
    Visitor again;
    QVERIFY(again.connectTo(m_server->url(),
        QJsonObject { { "conversation"_L1, id }, { "secret"_L1, secret }, { "lastSeq"_L1, 0 } }));
    QCOMPARE(again.welcome.value("conversation"_L1).toObject().value("state"_L1).toString(),
        u"active"_s);
    QCOMPARE(again.take(u"joined"_s).value("seq"_L1).toInt(), 1);
    const QJsonObject first = again.take(u"message"_s);
    const QJsonObject second = again.take(u"message"_s);
    QCOMPARE(first.value("text"_L1).toString(), u"my card number is 1234"_s);
    QCOMPARE(second.value("text"_L1).toString(), u"thanks, noted"_s);
    QVERIFY(!again.has(u"message"_s));
    // The genuine visitor still writes to it.
    victim.send(messageObject(u"v2"_s, u"still mine"_s));
    QCOMPARE(victim.take(u"ack"_s).value("seq"_L1).toInt(), 4);
    m_alice->end(id);
    QVERIFY(!victim.take(u"ended"_s).isEmpty());
    own.send(QJsonObject { { "type"_L1, u"end"_s } });
}

// An operator of the company who did not accept a conversation cannot read or write it.
void TestServerHostile::otherOperatorsConversation()
{
    Visitor victim;
    QVERIFY(victim.connectTo(m_server->url()));
    const QString id = victim.start(u"v"_s).value("conversation"_L1).toString();
    m_alice->accept(id);
    QVERIFY(!victim.take(u"joined"_s).isEmpty());

    OperatorClient bob(m_server->url());
    QVERIFY(bob.connectAs(u"bob"_s, u"bob-demo"_s));
    const QList<QJsonObject> attempts {
        { { "type"_L1, u"message"_s }, { "conversation"_L1, id }, { "clientId"_L1, u"b1"_s },
            { "text"_L1, u"bob was here"_s } },
        { { "type"_L1, u"typing"_s }, { "conversation"_L1, id }, { "active"_L1, true } },
        { { "type"_L1, u"end"_s }, { "conversation"_L1, id } },
        { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } },
        { { "type"_L1, u"message"_s }, { "conversation"_L1, 5 }, { "clientId"_L1, u"b2"_s },
            { "text"_L1, u"x"_s } },
        { { "type"_L1, u"end"_s }, { "conversation"_L1, QJsonArray { id } } },
    };
    for (const QJsonObject &attempt : attempts) {
        const qsizetype errors = bob.received(u"error"_s).size();
        bob.send(attempt);
        ++hostileInputs;
        QTRY_COMPARE(bob.received(u"error"_s).size(), errors + 1);
    }
    const QStringList codes = [&] {
        QStringList list;
        for (const QJsonObject &e : bob.received(u"error"_s))
            list.append(e.value("code"_L1).toString());
        return list;
    }();
    QCOMPARE(codes,
        QStringList({ u"not_found"_s, u"not_found"_s, u"not_found"_s, u"conflict"_s,
            u"bad_request"_s, u"bad_request"_s }));
    QVERIFY(!victim.has(u"message"_s));
    QVERIFY(!victim.has(u"ended"_s));
    // Errors echo the id bob sent; nothing else names the conversation.
    for (const QJsonObject &m : bob.received()) {
        if (m.value("type"_L1).toString() != "error"_L1)
            QVERIFY2(!json(m).contains(id), qPrintable(json(m)));
    }
    m_alice->end(id);
    QVERIFY(!victim.take(u"ended"_s).isEmpty());
}

// One visitor floods; it gets rate_limited, and a second visitor's messages all reach the
// operator, in order.
void TestServerHostile::messageFlood()
{
    Visitor flooder;
    QVERIFY(flooder.connectTo(m_server->url()));
    const QString floodId = flooder.start(u"flood"_s).value("conversation"_L1).toString();
    Visitor polite;
    QVERIFY(polite.connectTo(m_server->url()));
    const QString politeId = polite.start(u"polite"_s).value("conversation"_L1).toString();
    m_alice->accept(floodId);
    m_alice->accept(politeId);
    QVERIFY(!flooder.take(u"joined"_s).isEmpty());
    QVERIFY(!polite.take(u"joined"_s).isEmpty());
    const qsizetype aliceBefore = m_alice->received().size();

    constexpr int rounds = 30;
    constexpr int floodPerRound = 50;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < rounds; ++i) {
        for (int j = 0; j < floodPerRound; ++j)
            flooder.send(messageObject(u"f%1-%2"_s.arg(i).arg(j), u"spam"_s));
        hostileInputs += floodPerRound;
        polite.send(messageObject(u"p%1"_s.arg(i), u"polite %1"_s.arg(i)));
        const QJsonObject ack = polite.take(u"ack"_s);
        QCOMPARE(ack.value("clientId"_L1).toString(), u"p%1"_s.arg(i));
    }
    // Every flood message is answered: stored and acknowledged, or refused as rate_limited.
    const auto answered = [&] {
        int acks = 0;
        int limited = 0;
        for (const QJsonObject &m : std::as_const(flooder.received)) {
            if (m.value("type"_L1).toString() == "ack"_L1)
                ++acks;
            else if (m.value("code"_L1).toString() == "rate_limited"_L1)
                ++limited;
        }
        return std::pair { acks, limited };
    };
    QTRY_COMPARE_WITH_TIMEOUT(answered().first + answered().second, rounds * floodPerRound, 20000);
    const auto [acks, limited] = answered();
    const double seconds = double(elapsed.elapsed()) / 1000.0;
    qInfo("flood: %d messages in %.2f s, %d stored, %d rate_limited", rounds * floodPerRound,
        seconds, acks, limited);
    // The bucket: a burst of 40, then 20 a second (and one for rounding).
    QVERIFY2(acks <= 40 + int(20 * seconds) + 1, qPrintable(u"%1 stored"_s.arg(acks)));
    QVERIFY(limited > 0);
    for (const QJsonObject &m : std::as_const(flooder.received)) {
        if (m.value("code"_L1).toString() == "rate_limited"_L1)
            QVERIFY(m.value("clientId"_L1).toString().startsWith(u'f'));
    }

    // The polite visitor's messages reached the operator, all of them, in order.
    QStringList politeTexts;
    qint64 lastSeq = 0;
    for (const QJsonObject &e : operatorMessages(*m_alice, u"event"_s, politeId, aliceBefore)) {
        const QJsonObject event = e.value("event"_L1).toObject();
        QVERIFY(event.value("seq"_L1).toInteger() > lastSeq);
        lastSeq = event.value("seq"_L1).toInteger();
        politeTexts.append(event.value("text"_L1).toString());
    }
    QStringList expected;
    for (int i = 0; i < rounds; ++i)
        expected.append(u"polite %1"_s.arg(i));
    QCOMPARE(politeTexts, expected);
    QTRY_COMPARE(operatorMessages(*m_alice, u"event"_s, floodId, aliceBefore).size(), acks);
    m_alice->end(floodId);
    m_alice->end(politeId);
    QVERIFY(!polite.take(u"ended"_s).isEmpty());
    QVERIFY(!flooder.take(u"ended"_s, 20000).isEmpty());
}

// Connections that start an upgrade and never finish it do not hold up anybody else, and are
// closed in the end.
void TestServerHostile::halfOpenConnections()
{
    const QUrl url = m_server->url();
    const QByteArray request = upgradeRequest(url);
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < 64; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, quint16(url.port()));
        QVERIFY(socket->waitForConnected(5000));
        // From the request line alone to all of it but the final blank line.
        socket->write(request.left(1 + i * (request.size() - 3) / 63));
        QVERIFY(socket->waitForBytesWritten(5000));
        sockets.push_back(std::move(socket));
        ++hostileInputs;
    }
    QVERIFY(othersUnaffected(*m_server, *m_alice));
    QVERIFY(serverRunning(*m_server));
    // The server gives up on them (after 30 s without writing to them): they do not hold its
    // descriptors for good. None was ever upgraded.
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(sockets.cbegin(), sockets.cend(),
                                 [](const auto &socket) {
                                     return socket->state() == QAbstractSocket::UnconnectedState;
                                 }),
        90000);
    for (const auto &socket : sockets)
        QVERIFY(!socket->readAll().startsWith("HTTP/1.1 101"));
}

void TestServerHostile::hugeBody()
{
    const qint64 rssBefore = residentKiB(m_server->processId());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_server->url().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write("POST /v1/operator/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 "Content-Type: application/json\r\nContent-Length: 200000000\r\n\r\n");
    ++hostileInputs;
    const QByteArray chunk(64 * 1024, 'a');
    constexpr qint64 total = 100 * 1024 * 1024;
    qint64 sent = 0;
    QByteArray answer;
    while (sent < total && socket.state() == QAbstractSocket::ConnectedState) {
        // Never more than 1 MiB in flight from this side, so that a closed connection shows.
        if (socket.bytesToWrite() < 1024 * 1024) {
            socket.write(chunk);
            sent += chunk.size();
        }
        socket.waitForBytesWritten(100);
        answer += socket.readAll();
    }
    const qint64 rssAfter = residentKiB(m_server->processId());
    qInfo("huge body: the server took %lld of %lld bytes; RSS %lld -> %lld KiB", sent, total,
        rssBefore, rssAfter);
    QVERIFY2(sent < total, "the server read a body of 100 MiB");
    QVERIFY2(rssAfter - rssBefore < 32 * 1024, "the server kept the body in memory");
    QVERIFY(!answer.startsWith("HTTP/1.1 2"));
}

void TestServerHostile::garbageHttp_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("binary noise") << QByteArray("\x00\xff\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", 13);
    QTest::newRow("TLS client hello on plain HTTP") << QByteArray::fromHex(
        "160301020001000200030300000000000000000000000000000000000000000000000000000000");
    QTest::newRow("request line of 1 MiB") << QByteArray("GET /" + QByteArray(1024 * 1024, 'a'));
    QTest::newRow("header of 1 MiB") << QByteArray(
        "GET /v1/config HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(1024 * 1024, 'b'));
    QTest::newRow("10000 headers") << [] {
        QByteArray r = "GET /v1/config HTTP/1.1\r\nHost: x\r\n";
        for (int i = 0; i < 10000; ++i)
            r += "X-H" + QByteArray::number(i) + ": v\r\n";
        return QByteArray(r + "\r\n");
    }();
    QTest::newRow("negative content length")
        << "POST /v1/operator/login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n{}"_ba;
    QTest::newRow("content length 2^64")
        << "POST /v1/operator/login HTTP/1.1\r\nHost: x\r\nContent-Length: 18446744073709551617\r\n\r\n{}"_ba;
    QTest::newRow("bad chunked encoding")
        << "POST /v1/operator/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba;
    QTest::newRow("upgrade with no key")
        << "GET /v1/socket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"_ba;
    QTest::newRow("upgrade, version 99")
        << "GET /v1/socket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 99\r\n\r\n"_ba;
    QTest::newRow("HTTP/0.9") << "GET /\r\n\r\n"_ba;
}

// Bytes that are no HTTP request: the connection is answered or closed, and that is all.
void TestServerHostile::garbageHttp()
{
    QFETCH(QByteArray, bytes);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_server->url().port()));
    QVERIFY(socket.waitForConnected(5000));
    socket.write(bytes);
    ++hostileInputs;
    QByteArray answer;
    static_cast<void>(QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState || !answer.isEmpty();
        },
        3000));
    QVERIFY2(!answer.startsWith("HTTP/1.1 101"), answer.left(200).constData());
    QVERIFY2(!answer.startsWith("HTTP/1.1 2"), answer.left(200).constData());
}

void TestServerHostile::consoleWithoutSession_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("cookie");
    const QByteArray forged = "owidget_session=" + QByteArray(43, 'A');
    QTest::newRow("me, no cookie") << "GET"_ba << u"v1/operator/me"_s << QByteArray();
    QTest::newRow("me, forged token") << "GET"_ba << u"v1/operator/me"_s << forged;
    QTest::newRow("me, empty token") << "GET"_ba << u"v1/operator/me"_s << "owidget_session="_ba;
    QTest::newRow("me, 8 KiB token") << "GET"_ba << u"v1/operator/me"_s
                                     << QByteArray("owidget_session=" + QByteArray(8192, 'x'));
    QTest::newRow("me, token with quotes and semicolons")
        << "GET"_ba << u"v1/operator/me"_s << "owidget_session=\"'; DROP TABLE sessions; --"_ba;
    QTest::newRow("me, another cookie's name")
        << "GET"_ba << u"v1/operator/me"_s << QByteArray("session=" + QByteArray(43, 'A'));
}

// The operator's routes without a valid session: 401, and the socket refused with 1008.
void TestServerHostile::consoleWithoutSession()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, cookie);
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!cookie.isEmpty())
        headers.append({ "Cookie"_ba, cookie });
    const HttpReply reply = http(m_server->url().resolved(QUrl(path)), method, {}, headers);
    ++hostileInputs;
    QCOMPARE(reply.status, 401);
    QCOMPARE(errorCode(reply), u"unauthorized"_s);
    QVERIFY(!reply.body.contains("operator"_L1));

    QNetworkRequest upgrade(socketUrl(m_server->url(), u"v1/operator/socket"_s));
    if (!cookie.isEmpty())
        upgrade.setRawHeader("Cookie"_ba, cookie);
    Visitor socket;
    ++hostileInputs;
    if (cookie.size() > 4096) {
        // Qt's handshake refuses a header line this long by itself: no socket at all.
        QVERIFY(!socket.open(m_server->url(), upgrade));
        return;
    }
    QVERIFY(socket.open(m_server->url(), upgrade));
    QCOMPARE(socket.take(u"error"_s).value("code"_L1).toString(), u"unauthorized"_s);
    QVERIFY(socket.closed());
    QCOMPARE(socket.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(!socket.has(u"snapshot"_s));
}

namespace {

// A real session's cookie, logged in as the console does.
QByteArray loginCookie(const QUrl &server, const QByteArray &origin = {},
    const QByteArray &credentials = R"({"login":"carol","password":"carol-demo"})"_ba)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!origin.isEmpty())
        headers.append({ "Origin"_ba, origin });
    const HttpReply reply
        = http(server.resolved(QUrl(u"v1/operator/login"_s)), "POST"_ba, credentials, headers);
    return reply.status == 200 ? reply.setCookie.split(';').value(0) : QByteArray();
}

void foreignOrigins(const QUrl &server)
{
    QTest::addColumn<QByteArray>("origin");
    const QByteArray own = "http://127.0.0.1:" + QByteArray::number(server.port());
    QTest::newRow("another site") << "https://evil.example"_ba;
    QTest::newRow("null") << "null"_ba;
    QTest::newRow("the right host, https")
        << QByteArray("https://127.0.0.1:" + QByteArray::number(server.port()));
    QTest::newRow("the right host, another port")
        << QByteArray("http://127.0.0.1:" + QByteArray::number(server.port() + 1));
    QTest::newRow("a longer host") << QByteArray(own + ".evil.example");
    QTest::newRow("with a user") << QByteArray(
        "http://evil.example@127.0.0.1:" + QByteArray::number(server.port()));
    QTest::newRow("own origin and a path") << QByteArray(own + "/console/");
    QTest::newRow("own origin twice") << QByteArray(own + ", " + own);
    QTest::newRow("localhost, not the Host")
        << QByteArray("http://localhost:" + QByteArray::number(server.port()));
}

} // namespace

void TestServerHostile::operatorSocketForgedOrigin_data()
{
    foreignOrigins(m_server->url());
}

// With a valid session but from a page of another origin, the operator socket is refused.
void TestServerHostile::operatorSocketForgedOrigin()
{
    QFETCH(QByteArray, origin);
    const QByteArray cookie = loginCookie(m_server->url());
    QVERIFY(!cookie.isEmpty());
    QNetworkRequest upgrade(socketUrl(m_server->url(), u"v1/operator/socket"_s));
    upgrade.setRawHeader("Cookie"_ba, cookie);
    upgrade.setRawHeader("Origin"_ba, origin);
    Visitor socket;
    QVERIFY(socket.open(m_server->url(), upgrade));
    ++hostileInputs;
    QCOMPARE(socket.take(u"error"_s).value("code"_L1).toString(), u"forbidden"_s);
    QVERIFY(socket.closed());
    QCOMPARE(socket.socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QVERIFY(!socket.has(u"snapshot"_s));

    // The same session from the server's own origin is served.
    QNetworkRequest own = upgrade;
    own.setRawHeader("Origin"_ba, "http://127.0.0.1:" + QByteArray::number(m_server->url().port()));
    Visitor console;
    QVERIFY(console.open(m_server->url(), own));
    QVERIFY(!console.take(u"snapshot"_s).isEmpty());
}

void TestServerHostile::loginForgedOrigin_data()
{
    foreignOrigins(m_server->url());
}

// A page of another origin cannot log a browser in (login CSRF) or out, nor read `me`.
void TestServerHostile::loginForgedOrigin()
{
    QFETCH(QByteArray, origin);
    const QUrl login = m_server->url().resolved(QUrl(u"v1/operator/login"_s));
    const HttpReply forged = http(login, "POST"_ba,
        R"({"login":"carol","password":"carol-demo"})"_ba, { { "Origin"_ba, origin } });
    ++hostileInputs;
    QCOMPARE(forged.status, 403);
    QCOMPARE(errorCode(forged), u"forbidden"_s);
    QVERIFY(forged.setCookie.isEmpty());

    const QByteArray cookie = loginCookie(m_server->url());
    QVERIFY(!cookie.isEmpty());
    const QUrl me = m_server->url().resolved(QUrl(u"v1/operator/me"_s));
    const HttpReply read
        = http(me, "GET"_ba, {}, { { "Cookie"_ba, cookie }, { "Origin"_ba, origin } });
    ++hostileInputs;
    QCOMPARE(read.status, 403);
    QVERIFY(!read.body.contains("operator"_L1));
    const HttpReply logout = http(m_server->url().resolved(QUrl(u"v1/operator/logout"_s)),
        "POST"_ba, {}, { { "Cookie"_ba, cookie }, { "Origin"_ba, origin } });
    ++hostileInputs;
    QCOMPARE(logout.status, 403);
    // The session survived the forged logout; the server's own origin is served.
    const QByteArray own = "http://127.0.0.1:" + QByteArray::number(m_server->url().port());
    QCOMPARE(http(me, "GET"_ba, {}, { { "Cookie"_ba, cookie }, { "Origin"_ba, own } }).status, 200);
    QVERIFY(!loginCookie(m_server->url(), own).isEmpty());
}

void TestServerHostile::operatorMalformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    const auto row
        = [](const char *name, const QString &text, const QString &code = u"bad_request"_s) {
              QTest::newRow(name) << text << code;
          };
    row("not json", u"{ nope"_s);
    row("array", u"[]"_s);
    row("no type", u"{}"_s);
    row("unknown type", u"{\"type\":\"sudo\"}"_s);
    row("availability a number", u"{\"type\":\"availability\",\"state\":1}"_s);
    row("availability unknown", u"{\"type\":\"availability\",\"state\":\"god\"}"_s);
    row("accept conversation a number", u"{\"type\":\"accept\",\"conversation\":1}"_s);
    row("accept unknown conversation", u"{\"type\":\"accept\",\"conversation\":\"c-x\"}"_s,
        u"not_found"_s);
    row("message clientId 65 characters",
        u"{\"type\":\"message\",\"conversation\":\"c-x\",\"clientId\":\"%1\",\"text\":\"a\"}"_s.arg(
            QString(65, u'c')));
    row("message text 4001 characters",
        u"{\"type\":\"message\",\"conversation\":\"c-x\",\"clientId\":\"c\",\"text\":\"%1\"}"_s.arg(
            QString(4001, u'a')));
    row("message to an unknown conversation",
        u"{\"type\":\"message\",\"conversation\":\"c-x\",\"clientId\":\"c\",\"text\":\"a\"}"_s,
        u"not_found"_s);
    row("typing active a string",
        u"{\"type\":\"typing\",\"conversation\":\"c-x\",\"active\":\"y\"}"_s);
    row("end without conversation", u"{\"type\":\"end\"}"_s);
    row("70 KiB", u"{\"type\":\"typing\",\"x\":\"%1\"}"_s.arg(QString(70 * 1024, u'x')),
        u"too_large"_s);
}

// A logged-in operator's malformed messages: an error each, and the socket lives on (but for
// one over 64 KiB, closed with 1009).
void TestServerHostile::operatorMalformed()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    const QByteArray cookie = loginCookie(m_server->url());
    QVERIFY(!cookie.isEmpty());
    QNetworkRequest upgrade(socketUrl(m_server->url(), u"v1/operator/socket"_s));
    upgrade.setRawHeader("Cookie"_ba, cookie);
    Visitor console;
    QVERIFY(console.open(m_server->url(), upgrade));
    QVERIFY(!console.take(u"snapshot"_s).isEmpty());
    console.socket.sendTextMessage(text);
    ++hostileInputs;
    QCOMPARE(console.take(u"error"_s).value("code"_L1).toString(), code);
    if (code == "too_large"_L1) {
        QVERIFY(console.closed());
        QCOMPARE(console.socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        return;
    }
    console.send(QJsonObject { { "type"_L1, u"availability"_s }, { "state"_L1, u"away"_s } });
    QCOMPARE(console.take(u"availability"_s).value("state"_L1).toString(), u"away"_s);
}

// Guessing passwords: each check holds the server for about 0.1 s, so an address gets 10 failed
// logins, then one a second; everyone else goes on (the round trip after the row).
void TestServerHostile::loginFlood()
{
    QNetworkAccessManager nam;
    QNetworkRequest request(m_server->url().resolved(QUrl(u"v1/operator/login"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    constexpr int attempts = 40;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < attempts; ++i) {
        const QByteArray body
            = R"({"login":"alice","password":"guess-)" + QByteArray::number(i) + R"("})";
        replies.emplace_back(nam.post(request, body));
    }
    hostileInputs += attempts;
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                 [](const auto &reply) { return reply->isFinished(); }),
        60000);
    const double seconds = double(elapsed.elapsed()) / 1000.0;
    int refused = 0;
    int limited = 0;
    for (const auto &reply : replies) {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        refused += status == 401;
        limited += status == 429;
    }
    qInfo("login flood: %d wrong passwords in %.2f s, %d checked, %d rate_limited", attempts,
        seconds, refused, limited);
    QCOMPARE(refused + limited, attempts);
    QVERIFY2(refused <= 10 + int(seconds) + 1, qPrintable(u"%1 checked"_s.arg(refused)));
    // The right password gets in again once the address has waited.
    QTRY_VERIFY_WITH_TIMEOUT(!loginCookie(m_server->url()).isEmpty(), 15000);
}

// A visitor that never reads while its operator writes to it: the server drops it rather than
// keep everything it cannot send, and everyone else goes on.
void TestServerHostile::slowReader()
{
    // A server of its own, whose rate limit lets the operator write fast.
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);

    QTcpSocket slow;
    QVERIFY(connectWithSmallReceiveBuffer(slow, quint16(server.url().port())));
    QByteArray head;
    const auto exchange = [&](const QByteArray &bytes, const QByteArray &until) {
        slow.write(bytes);
        return QTest::qWaitFor([&] {
            head += slow.readAll();
            return head.contains(until);
        });
    };
    QVERIFY(exchange(upgradeRequest(server.url()), "\r\n\r\n"));
    QVERIFY(exchange(clientFrame(0x1, json(helloObject()).toUtf8()), "\"welcome\""));
    QVERIFY(exchange(clientFrame(0x1, json(startObject(u"slow"_s)).toUtf8()), "\"created\""));
    const QJsonObject created = [&] {
        for (const ServerFrame &f : serverFrames(head.mid(head.indexOf("\r\n\r\n") + 4))) {
            const QJsonObject o = QJsonDocument::fromJson(f.payload).object();
            if (o.value("type"_L1).toString() == "created"_L1)
                return o;
        }
        return QJsonObject();
    }();
    const QString id = created.value("conversation"_L1).toString();
    QVERIFY(!id.isEmpty());
    alice.accept(id);
    QTRY_VERIFY(!operatorMessages(alice, u"conversation"_s, id).isEmpty());

    // From now on the slow visitor reads nothing: Qt keeps at most 4 KiB, the kernel little more.
    slow.setReadBufferSize(4096);
    const qint64 rssBefore = residentKiB(server.processId());
    const QString text(4000, QChar(0x4e2d)); // 12,000 bytes of UTF-8
    constexpr int messages = 1500;
    for (int i = 0; i < messages; ++i) {
        alice.say(id, text);
        if (i % 100 == 99) // the operator's own socket must not pile up either
            QTRY_VERIFY_WITH_TIMEOUT(alice.received(u"ack"_s).size() > i - 100, 30000);
    }
    hostileInputs += 1;
    QTRY_COMPARE_WITH_TIMEOUT(
        alice.received(u"ack"_s).size() + alice.received(u"error"_s).size(), messages, 60000);
    const qint64 rssAfter = residentKiB(server.processId());
    qInfo("slow reader: %d messages of 12,000 bytes written to it; server RSS %lld -> %lld KiB",
        messages, rssBefore, rssAfter);

    QVERIFY(othersUnaffected(server, alice));
    QVERIFY(serverRunning(server));

    // The slow visitor finds the connection closed once it reads again, long before it has
    // received everything that was written to it.
    slow.setReadBufferSize(0);
    QByteArray rest;
    QVERIFY2(closedByServer(slow, &rest, 20000), "the server kept the slow reader");
    qInfo("slow reader: received %lld of %d bytes before the server dropped it",
        qint64(head.size() + rest.size()), messages * 12000);
    QVERIFY(head.size() + rest.size() < qint64(messages) * 12000);
}

// An operator's console that never reads while its visitor writes: dropped the same way.
void TestServerHostile::slowOperator()
{
    ServerProcess server;
    server.setExtraArguments({ u"--message-rate"_s, u"1000"_s });
    QVERIFY2(server.start(), qPrintable(server.error()));
    const QByteArray cookie
        = loginCookie(server.url(), {}, R"({"login":"bob","password":"bob-demo"})"_ba);
    QVERIFY(!cookie.isEmpty());

    QTcpSocket slow;
    QVERIFY(connectWithSmallReceiveBuffer(slow, quint16(server.url().port())));
    QByteArray head;
    const auto exchange = [&](const QByteArray &bytes, const QByteArray &until) {
        slow.write(bytes);
        return QTest::qWaitFor([&] {
            head += slow.readAll();
            return head.contains(until);
        });
    };
    QVERIFY(exchange(
        upgradeRequest(server.url(), "/v1/operator/socket"_ba, "Cookie: " + cookie + "\r\n"),
        "\"type\":\"snapshot\""));
    const QByteArray online = R"({"type":"availability","state":"online"})"_ba;
    QVERIFY(exchange(clientFrame(0x1, online), "\"type\":\"availability\""));
    Visitor visitor;
    QVERIFY(visitor.connectTo(server.url()));
    const QString id = visitor.start(u"v"_s).value("conversation"_L1).toString();
    QVERIFY(!id.isEmpty());
    const QJsonObject accept { { "type"_L1, u"accept"_s }, { "conversation"_L1, id } };
    QVERIFY(exchange(clientFrame(0x1, json(accept).toUtf8()), "\"type\":\"conversation\""));
    QVERIFY(!visitor.take(u"joined"_s).isEmpty());

    // From now on the console reads nothing.
    slow.setReadBufferSize(4096);
    const QString text(4000, QChar(0x4e2d)); // 12,000 bytes of UTF-8
    constexpr int messages = 1500;
    const auto answered = [&] {
        qsizetype count = 0;
        for (const QJsonObject &m : std::as_const(visitor.received))
            count += m.value("type"_L1).toString() == "ack"_L1 || m.value("code"_L1).isString();
        return count;
    };
    for (int i = 0; i < messages; ++i) {
        visitor.send(messageObject(u"m%1"_s.arg(i), text));
        if (i % 100 == 99)
            QTRY_VERIFY_WITH_TIMEOUT(answered() > i - 100, 30000);
    }
    hostileInputs += 1;
    QTRY_COMPARE_WITH_TIMEOUT(answered(), messages, 60000);

    OperatorClient alice(server.url());
    QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
    alice.setAvailability(u"online"_s);
    QVERIFY(othersUnaffected(server, alice));
    QVERIFY(serverRunning(server));

    slow.setReadBufferSize(0);
    QByteArray rest;
    QVERIFY2(closedByServer(slow, &rest, 20000), "the server kept the slow console");
    qInfo("slow console: received %lld of %d bytes before the server dropped it",
        qint64(head.size() + rest.size()), messages * 12000);
    QVERIFY(head.size() + rest.size() < qint64(messages) * 12000);
}

QTEST_GUILESS_MAIN(TestServerHostile)
#include "tst_server_hostile.moc"
