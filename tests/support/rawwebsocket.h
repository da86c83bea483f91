// A client's side of the WebSocket protocol at the byte level, for tests that must control
// what a client reads: the upgrade request, masked client frames, and the server's frames.
#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpSocket>
#include <QUrl>

#include <optional>
#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace OWidgetTest {

// One WebSocket frame as a client sends it: masked, with the length it declares.
inline QByteArray clientFrame(quint8 opcode, const QByteArray &payload, bool fin = true,
    std::optional<quint64> declaredLength = std::nullopt)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0x00) | opcode));
    const quint64 length = declaredLength.value_or(quint64(payload.size()));
    if (length < 126) {
        frame.append(char(0x80 | length));
    } else if (length <= 0xffff) {
        frame.append(char(0x80 | 126));
        frame.append(char(length >> 8));
        frame.append(char(length & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((length >> shift) & 0xff));
    }
    const char mask[4] = { 0x12, 0x34, 0x56, 0x78 };
    frame.append(mask, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload.at(i) ^ mask[i % 4]));
    return frame;
}

// The request that upgrades a connection to a WebSocket; its Host is the server's own unless
// `host` names another.
inline QByteArray upgradeRequest(const QUrl &server, const QByteArray &path = "/v1/socket",
    const QByteArray &headers = {}, const QByteArray &host = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: "
        + (host.isEmpty() ? "127.0.0.1:" + QByteArray::number(server.port()) : host)
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        + headers + "\r\n";
}

// A TCP socket whose kernel receive buffer is as small as the system allows, so that a client
// which stops reading stops the server's writes almost at once.
inline bool connectWithSmallReceiveBuffer(QTcpSocket &socket, quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return false;
    const int size = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return false;
    }
    return socket.setSocketDescriptor(fd);
}

// Takes the whole messages the server wrote at the start of `buffer` and returns their
// payloads, a fragmented one joined; control frames are skipped. An unfinished one stays.
inline QList<QByteArray> takeServerMessages(QByteArray &buffer)
{
    QList<QByteArray> messages;
    QByteArray partial;
    qsizetype at = 0;
    qsizetype taken = 0; // the end of the last whole message
    while (buffer.size() - at >= 2) {
        const auto byte = [&](qsizetype i) { return quint8(buffer.at(at + i)); };
        const bool fin = byte(0) & 0x80;
        const quint8 opcode = byte(0) & 0x0f;
        quint64 length = byte(1) & 0x7f;
        qsizetype header = 2;
        if (length >= 126) {
            header += length == 126 ? 2 : 8;
            if (buffer.size() - at < header)
                break;
            length = 0;
            for (qsizetype i = 2; i < header; ++i)
                length = (length << 8) | byte(i);
        }
        if (quint64(buffer.size() - at - header) < length)
            break;
        if (opcode < 0x8)
            partial += buffer.mid(at + header, qsizetype(length));
        at += header + qsizetype(length);
        if (opcode < 0x8 && fin) {
            messages.append(std::exchange(partial, {}));
            taken = at;
        } else if (opcode >= 0x8 && partial.isEmpty()) {
            taken = at;
        }
    }
    buffer.remove(0, taken);
    return messages;
}

} // namespace OWidgetTest
