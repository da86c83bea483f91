#include "proxyheader.h"

#include <QList>

#include <cstring>

namespace OWidget::Server::ProxyHeader {

namespace {

using State = Parsed::State;

constexpr char V2Signature[] = "\r\n\r\n\0\r\nQUIT\n";
constexpr qsizetype V2SignatureBytes = 12;
constexpr qsizetype V2FixedBytes = 16;
constexpr qsizetype V1MaxBytes = 107;

Parsed invalid(const char *error)
{
    Parsed parsed;
    parsed.state = State::Invalid;
    parsed.error = error;
    return parsed;
}

Parsed incomplete(qsizetype headerBytesSeen)
{
    Parsed parsed;
    parsed.length = headerBytesSeen;
    return parsed;
}

quint16 bigEndian16(QByteArrayView bytes, qsizetype at)
{
    return quint16((quint8(bytes.at(at)) << 8) | quint8(bytes.at(at + 1)));
}

// "PROXY TCP4 203.0.113.7 192.0.2.1 51234 443\r\n", or "PROXY UNKNOWN…\r\n".
Parsed parseV1(QByteArrayView bytes)
{
    const qsizetype end = bytes.first(qMin(bytes.size(), V1MaxBytes)).indexOf("\r\n");
    if (end < 0) {
        if (bytes.size() >= V1MaxBytes)
            return invalid("a version 1 header longer than 107 bytes");
        // A line feed alone would never end it: refused now rather than at the deadline.
        if (bytes.contains('\n'))
            return invalid("a version 1 header not ended by CRLF");
        return incomplete(bytes.size());
    }
    Parsed parsed;
    parsed.state = State::Complete;
    parsed.length = end + 2;
    const QList<QByteArray> words = bytes.first(end).toByteArray().split(' ');
    if (words.size() >= 2 && words.at(1) == "UNKNOWN")
        return parsed;
    if (words.size() != 6 || (words.at(1) != "TCP4" && words.at(1) != "TCP6"))
        return invalid("a version 1 header without TCP4 or TCP6 and four fields");
    const QHostAddress address(QString::fromLatin1(words.at(2)));
    const auto expected
        = words.at(1) == "TCP4" ? QAbstractSocket::IPv4Protocol : QAbstractSocket::IPv6Protocol;
    if (address.isNull() || address.protocol() != expected)
        return invalid("a version 1 header with a source address that is not one");
    bool ok = false;
    const uint port = words.at(4).toUInt(&ok);
    if (!ok || port > 0xffff || words.at(4).startsWith('+') || words.at(4).startsWith('0'))
        return invalid("a version 1 header with a source port that is not one");
    parsed.address = address;
    parsed.port = quint16(port);
    return parsed;
}

Parsed parseV2(QByteArrayView bytes)
{
    if (bytes.size() < V2FixedBytes)
        return incomplete(bytes.size());
    const quint8 versionCommand = quint8(bytes.at(12));
    const quint8 family = quint8(bytes.at(13));
    const qsizetype length = V2FixedBytes + bigEndian16(bytes, 14);
    if (versionCommand >> 4 != 2)
        return invalid("a version 2 header of another version");
    if ((versionCommand & 0x0f) > 1)
        return invalid("a version 2 header with an unknown command");
    if (length > MaxBytes)
        return invalid("a version 2 header longer than 1024 bytes");
    if (bytes.size() < length)
        return incomplete(bytes.size());
    Parsed parsed;
    parsed.state = State::Complete;
    parsed.length = length;
    if ((versionCommand & 0x0f) == 0) // LOCAL: the balancer's own connection
        return parsed;
    const QByteArrayView body = bytes.sliced(V2FixedBytes, length - V2FixedBytes);
    if (family == 0x11) { // TCP over IPv4: source, destination, source port, destination port
        if (body.size() < 12)
            return invalid("a version 2 header too short for its IPv4 addresses");
        quint32 v4 = 0;
        for (int i = 0; i < 4; ++i)
            v4 = (v4 << 8) | quint8(body.at(i));
        parsed.address = QHostAddress(v4);
        parsed.port = bigEndian16(body, 8);
    } else if (family == 0x21) { // TCP over IPv6
        if (body.size() < 36)
            return invalid("a version 2 header too short for its IPv6 addresses");
        Q_IPV6ADDR v6;
        std::memcpy(v6.c, body.data(), 16);
        parsed.address = QHostAddress(v6);
        parsed.port = bigEndian16(body, 32);
    } else if (family != 0x00) { // UNSPEC: no address, as LOCAL
        return invalid("a version 2 header for neither TCP over IPv4 nor over IPv6");
    }
    return parsed;
}

} // namespace

Parsed parse(QByteArrayView bytes)
{
    const qsizetype signature = qMin(bytes.size(), V2SignatureBytes);
    if (bytes.first(signature) == QByteArrayView(V2Signature, signature)) {
        if (bytes.size() < V2SignatureBytes)
            return incomplete(bytes.size());
        return parseV2(bytes);
    }
    const qsizetype word = qMin(bytes.size(), qsizetype(6));
    if (bytes.first(word) == QByteArrayView("PROXY ").first(word)) {
        if (bytes.size() < 6)
            return incomplete(bytes.size());
        return parseV1(bytes);
    }
    return invalid("no PROXY protocol header");
}

} // namespace OWidget::Server::ProxyHeader
