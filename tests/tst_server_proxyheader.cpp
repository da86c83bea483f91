// The PROXY protocol header's parser on its own (server/proxyheader.cpp), byte by byte as it
// may arrive, and the key every per-address limit counts a client under (clientaddress.cpp).

#include "clientaddress.h"
#include "proxyheader.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidget::Server;
using State = ProxyHeader::Parsed::State;

namespace {

QByteArray v2(quint8 command, quint8 family, const QByteArray &body)
{
    QByteArray header("\r\n\r\n\0\r\nQUIT\n", 12);
    header.append(char(command));
    header.append(char(family));
    header.append(char(body.size() >> 8));
    header.append(char(body.size() & 0xff));
    return header + body;
}

const QByteArray v4Body("\xcb\x00\x71\x07\x7f\x00\x00\x01\x9c\x40\x01\xbb", 12);

} // namespace

class TestServerProxyHeader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headers_data();
    void headers();
    void arrivesInPieces();
    void keys_data();
    void keys();
};

void TestServerProxyHeader::headers_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("state");
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<QString>("address"); // empty: none (the balancer's own connection)
    QTest::addColumn<int>("port");
    const QByteArray get = "GET / HTTP/1.1\r\n\r\n"_ba;
    const QByteArray v1 = "PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r\n"_ba;
    QTest::newRow("v1 TCP4, then a request")
        << v1 + get << int(State::Complete) << v1.size() << u"203.0.113.7"_s << 51234;
    const QByteArray v16 = "PROXY TCP6 2001:db8::7 2001:db8::1 51234 443\r\n"_ba;
    QTest::newRow("v1 TCP6") << v16 << int(State::Complete) << v16.size() << u"2001:db8::7"_s
                             << 51234;
    const QByteArray unknown = "PROXY UNKNOWN\r\n"_ba;
    QTest::newRow("v1 UNKNOWN") << unknown << int(State::Complete) << unknown.size() << QString()
                                << 0;
    QTest::newRow("v1 TCP4 with an IPv6 address")
        << "PROXY TCP4 2001:db8::7 192.0.2.1 1 2\r\n"_ba << int(State::Invalid) << qsizetype(0)
        << QString() << 0;
    QTest::newRow("v1 port over 65535") << "PROXY TCP4 203.0.113.7 192.0.2.1 65536 2\r\n"_ba
                                        << int(State::Invalid) << qsizetype(0) << QString() << 0;
    QTest::newRow("v1 signed port") << "PROXY TCP4 203.0.113.7 192.0.2.1 +1 2\r\n"_ba
                                    << int(State::Invalid) << qsizetype(0) << QString() << 0;
    QTest::newRow("v1 missing a field") << "PROXY TCP4 203.0.113.7 192.0.2.1 1\r\n"_ba
                                        << int(State::Invalid) << qsizetype(0) << QString() << 0;
    QTest::newRow("v1 ended by LF alone") << "PROXY TCP4 203.0.113.7 192.0.2.1 1 2\n"_ba
                                          << int(State::Invalid) << qsizetype(0) << QString() << 0;
    QTest::newRow("v1 longer than 107 bytes")
        << "PROXY TCP4 "_ba + QByteArray(120, '1') << int(State::Invalid) << qsizetype(0)
        << QString() << 0;
    const QByteArray ipv4 = v2(0x21, 0x11, v4Body + "\x04\x00\x01x"_ba);
    QTest::newRow("v2 IPv4 with a TLV, then a request")
        << ipv4 + get << int(State::Complete) << ipv4.size() << u"203.0.113.7"_s << 40000;
    QByteArray v6Body(36, '\0');
    v6Body[0] = char(0x20);
    v6Body[1] = char(0x01);
    v6Body[2] = char(0x0d);
    v6Body[3] = char(0xb8);
    v6Body[15] = char(0x07);
    v6Body[32] = char(0x9c);
    v6Body[33] = char(0x40);
    const QByteArray ipv6 = v2(0x21, 0x21, v6Body);
    QTest::newRow("v2 IPv6") << ipv6 << int(State::Complete) << ipv6.size() << u"2001:db8::7"_s
                             << 40000;
    const QByteArray local = v2(0x20, 0x00, {});
    QTest::newRow("v2 LOCAL") << local + get << int(State::Complete) << local.size() << QString()
                              << 0;
    QTest::newRow("v2 version 3") << v2(0x31, 0x11, v4Body) << int(State::Invalid) << qsizetype(0)
                                  << QString() << 0;
    QTest::newRow("v2 command 2") << v2(0x22, 0x11, v4Body) << int(State::Invalid) << qsizetype(0)
                                  << QString() << 0;
    QTest::newRow("v2 UDP") << v2(0x21, 0x12, v4Body) << int(State::Invalid) << qsizetype(0)
                            << QString() << 0;
    QTest::newRow("v2 IPv4 too short")
        << v2(0x21, 0x11, v4Body.left(8)) << int(State::Invalid) << qsizetype(0) << QString() << 0;
    QTest::newRow("v2 over 1024 bytes") << v2(0x21, 0x11, QByteArray(1100, 'x'))
                                        << int(State::Invalid) << qsizetype(0) << QString() << 0;
    QTest::newRow("an HTTP request")
        << get << int(State::Invalid) << qsizetype(0) << QString() << 0;
    QTest::newRow("a TLS hello") << "\x16\x03\x01\x02\x00\x01"_ba << int(State::Invalid)
                                 << qsizetype(0) << QString() << 0;
}

void TestServerProxyHeader::headers()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, state);
    QFETCH(qsizetype, length);
    QFETCH(QString, address);
    QFETCH(int, port);
    const ProxyHeader::Parsed parsed = ProxyHeader::parse(bytes);
    QCOMPARE(int(parsed.state), state);
    if (parsed.state == State::Invalid) {
        QVERIFY(*parsed.error != '\0');
        return;
    }
    QCOMPARE(parsed.length, length);
    QCOMPARE(parsed.address.isNull(), address.isEmpty());
    if (!address.isEmpty())
        QCOMPARE(parsed.address, QHostAddress(address));
    QCOMPARE(int(parsed.port), port);
}

// However the bytes are split, each prefix is either known to be header through its end or
// the whole header, and never more than the header is claimed.
void TestServerProxyHeader::arrivesInPieces()
{
    const QByteArray after = "GET / HTTP/1.1\r\n\r\n"_ba;
    for (const QByteArray &header :
        { "PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r\n"_ba, v2(0x21, 0x11, v4Body) }) {
        for (qsizetype n = 1; n < header.size(); ++n) {
            const ProxyHeader::Parsed parsed = ProxyHeader::parse(header.first(n));
            QCOMPARE(int(parsed.state), int(State::Incomplete));
            QCOMPARE(parsed.length, n);
        }
        const ProxyHeader::Parsed whole = ProxyHeader::parse(QByteArray(header + after));
        QCOMPARE(int(whole.state), int(State::Complete));
        QCOMPARE(whole.length, header.size());
    }
}

void TestServerProxyHeader::keys_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("key");
    QTest::newRow("IPv4") << u"203.0.113.7"_s << u"203.0.113.7"_s;
    QTest::newRow("IPv4 mapped into IPv6") << u"::ffff:203.0.113.7"_s << u"203.0.113.7"_s;
    QTest::newRow("IPv6") << u"2001:db8:1:2:3:4:5:6"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("IPv6, same /64") << u"2001:db8:1:2:ffff::1"_s << u"2001:db8:1:2::/64"_s;
    QTest::newRow("IPv6, next /64") << u"2001:db8:1:3::1"_s << u"2001:db8:1:3::/64"_s;
}

void TestServerProxyHeader::keys()
{
    QFETCH(QString, address);
    QFETCH(QString, key);
    QCOMPARE(clientKey(QHostAddress(address)), key);
}

QTEST_APPLESS_MAIN(TestServerProxyHeader)
#include "tst_server_proxyheader.moc"
