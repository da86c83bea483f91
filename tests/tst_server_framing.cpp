// The front layer's request-head parser on its own (server/httpframing.cpp): every head a
// lenient parser would guess at is refused with the status the front layer answers with.

#include "httpframing.h"

#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::Server::HeadRefusal;
using OWidget::Server::HostPolicy;
using OWidget::Server::RequestHead;

class TestServerFraming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void heads_data();
    void heads();
    void hosts_data();
    void hosts();
};

void TestServerFraming::heads_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<int>("status"); // 0: accepted
    QTest::addColumn<qint64>("length");
    const QByteArray get = "GET /v1/config?company=x HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"_ba;
    const QByteArray post = "POST /v1/operator/login HTTP/1.1\r\nHost: localhost\r\n"_ba;
    QTest::newRow("GET") << get + "\r\n" << 0 << qint64(0);
    QTest::newRow("HTTP/1.0") << "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n"_ba << 0 << qint64(0);
    QTest::newRow("POST with a length") << post + "Content-Length: 42\r\n\r\n" << 0 << qint64(42);
    QTest::newRow("length 0") << post + "Content-Length: 0\r\n\r\n" << 0 << qint64(0);
    QTest::newRow("value with spaces around") << post + "Content-Length:   7  \r\n\r\n"
                                              << 0 << qint64(7);
    QTest::newRow("WebSocket upgrade")
        << get + "Upgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\r\n"
        << 0 << qint64(0);
    QTest::newRow("two lengths, same value")
        << post + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n"
        << 400 << qint64(0);
    QTest::newRow("a list as length") << post + "Content-Length: 2, 2\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("+5") << post + "Content-Length: +5\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("-1") << post + "Content-Length: -1\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("hex") << post + "Content-Length: 0x10\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("empty length") << post + "Content-Length:\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("2^64") << post + "Content-Length: 18446744073709551616\r\n\r\n"
                          << 400 << qint64(0);
    QTest::newRow("over the body limit") << post + "Content-Length: 16385\r\n\r\n"
                                         << 413 << qint64(0);
    QTest::newRow("chunked") << post + "Transfer-Encoding: chunked\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("identity") << post + "Transfer-Encoding: identity\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("length and chunked")
        << post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
        << 400 << qint64(0);
    QTest::newRow("bare LF") << "GET / HTTP/1.1\nHost: localhost\n\n"_ba << 400 << qint64(0);
    QTest::newRow("bare LF inside")
        << "GET / HTTP/1.1\r\nHost: localhost\nX: y\r\n\r\n"_ba << 400 << qint64(0);
    QTest::newRow("bare CR") << "GET / HTTP/1.1\r\nHost: localhost\rX: y\r\n\r\n"_ba << 400
                             << qint64(0);
    QTest::newRow("folded line") << get + "X-A: a\r\n b\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("space before colon") << get + "X-A : a\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("no colon") << get + "X-A a\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("control character") << get + "X-A: a\x01"_ba + "\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("NUL") << get + QByteArray("X-A: a\0b\r\n\r\n", 12) << 400 << qint64(0);
    QTest::newRow("HTTP/1.0 without Host") << "OPTIONS / HTTP/1.0\r\n\r\n"_ba << 0 << qint64(0);
    QTest::newRow("no Host") << "GET / HTTP/1.1\r\n\r\n"_ba << 400 << qint64(0);
    QTest::newRow("two Hosts") << get + "Host: 127.0.0.1:8080\r\n\r\n" << 400 << qint64(0);
    QTest::newRow("foreign Host") << "GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n"_ba << 421
                                  << qint64(0);
    QTest::newRow("absolute target")
        << "GET http://127.0.0.1/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba << 400 << qint64(0);
    QTest::newRow("authority target")
        << "CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba << 400 << qint64(0);
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\nHost: localhost\r\n\r\n"_ba << 400 << qint64(0);
    QTest::newRow("HTTP/0.9") << "GET /\r\n\r\n"_ba << 400 << qint64(0);
    QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\nHost: localhost\r\n\r\n"_ba << 400
                                << qint64(0);
    QTest::newRow("leading empty line")
        << "\r\nGET / HTTP/1.1\r\nHost: localhost\r\n\r\n"_ba << 400 << qint64(0);
    QTest::newRow("upgrade to h2c, declined")
        << get + "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n\r\n"
        << 0 << qint64(0);
    QTest::newRow("upgrade without Connection") << get + "Upgrade: websocket\r\n\r\n"
                                                << 400 << qint64(0);
    QTest::newRow("upgrade by POST") << post + "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
                                     << 400 << qint64(0);
    QTest::newRow("65 header lines") << [&] {
        QByteArray head = get;
        for (int i = 0; i < 64; ++i)
            head += "X-" + QByteArray::number(i) + ": v\r\n";
        return QByteArray(head + "\r\n");
    }() << 431 << qint64(0);
}

void TestServerFraming::heads()
{
    QFETCH(QByteArray, head);
    QFETCH(int, status);
    QFETCH(qint64, length);
    RequestHead parsed;
    HeadRefusal refusal;
    const bool accepted = OWidget::Server::parseRequestHead(head, HostPolicy(), &parsed, &refusal);
    QVERIFY2((accepted ? 0 : refusal.status) == status, refusal.reason.constData());
    if (accepted)
        QCOMPARE(parsed.contentLength, length);
}

void TestServerFraming::hosts_data()
{
    QTest::addColumn<QStringList>("publicHosts");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    const QStringList none;
    const QStringList named { u"chat.example.com"_s };
    QTest::newRow("IPv4") << none << "127.0.0.1:8080"_ba << true;
    QTest::newRow("IPv4, no port") << none << "10.1.2.3"_ba << true;
    QTest::newRow("IPv6") << none << "[::1]:8080"_ba << true;
    QTest::newRow("localhost") << none << "LocalHost:1"_ba << true;
    QTest::newRow("a name, none configured") << none << "evil.example:8080"_ba << false;
    QTest::newRow("a name under localhost") << none << "localhost.evil.example"_ba << false;
    QTest::newRow("port not a number") << none << "127.0.0.1:80a"_ba << false;
    QTest::newRow("empty port") << none << "127.0.0.1:"_ba << false;
    QTest::newRow("empty") << none << ""_ba << false;
    QTest::newRow("user info") << none << "evil@127.0.0.1"_ba << false;
    QTest::newRow("configured name") << named << "Chat.Example.com:443"_ba << true;
    QTest::newRow("configured, an IP") << named << "127.0.0.1:8080"_ba << false;
    QTest::newRow("configured, another name") << named << "example.com"_ba << false;
}

void TestServerFraming::hosts()
{
    QFETCH(QStringList, publicHosts);
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    QCOMPARE(HostPolicy(publicHosts).allows(host), allowed);
}

QTEST_APPLESS_MAIN(TestServerFraming)
#include "tst_server_framing.moc"
