// A client's side of HTTP/1.1 at the byte level, plain or over TLS, for tests that send what no
// HTTP library would: ambiguous framing, huge heads and bodies, forged Hosts.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>
#include <memory>
#include <vector>

namespace OWidgetTest {

enum Listener { Plain, Tls };

// A raw connection to one listener, from `from` (a loopback address of its own, so that its
// connections count against another address than the test's other clients).
inline std::unique_ptr<QTcpSocket> connectRaw(
    const QUrl &server, Listener listener, const QHostAddress &from = {})
{
    using namespace Qt::StringLiterals;
    std::unique_ptr<QTcpSocket> socket;
    if (listener == Tls) {
        auto tls = std::make_unique<QSslSocket>();
        tls->setPeerVerifyMode(QSslSocket::VerifyNone);
        socket = std::move(tls);
    } else {
        socket = std::make_unique<QTcpSocket>();
    }
    if (!from.isNull() && !socket->bind(from))
        return nullptr;
    if (listener == Tls)
        static_cast<QSslSocket *>(socket.get())
            ->connectToHostEncrypted(u"127.0.0.1"_s, quint16(server.port()));
    else
        socket->connectToHost(QHostAddress::LocalHost, quint16(server.port()));
    const bool up = listener == Tls
        ? static_cast<QSslSocket *>(socket.get())->waitForEncrypted(10000)
        : socket->waitForConnected(10000);
    return up ? std::move(socket) : nullptr;
}

// Whatever the server sends until it closes the connection (false: it did not close it).
inline bool readUntilClosed(QTcpSocket &socket, QByteArray *answer, int timeout = 10000)
{
    const bool closed = QTest::qWaitFor(
        [&] {
            *answer += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeout);
    *answer += socket.readAll();
    return closed;
}

// A response head and its body, when the server keeps the connection open after it.
inline bool readResponse(QTcpSocket &socket, QByteArray *answer, int timeout = 10000)
{
    return QTest::qWaitFor(
        [&] {
            *answer += socket.readAll();
            const qsizetype end = answer->indexOf("\r\n\r\n");
            if (end < 0)
                return socket.state() == QAbstractSocket::UnconnectedState;
            const qsizetype at = answer->toLower().indexOf("content-length:");
            const qint64 length = at < 0
                ? 0
                : answer->mid(at + 15, answer->indexOf('\r', at) - at - 15).trimmed().toLongLong();
            return answer->size() >= end + 4 + length
                || socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeout);
}

// Writes `chunk` again and again, up to `total` bytes, while the server keeps the connection
// open; what it answered meanwhile goes to `answer`. Returns how many bytes were written.
inline qint64 pushUntilClosed(
    QTcpSocket &socket, const QByteArray &chunk, qint64 total, QByteArray *answer)
{
    qint64 sent = 0;
    while (sent < total && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.bytesToWrite() < 1024 * 1024) {
            socket.write(chunk);
            sent += chunk.size();
        }
        socket.waitForBytesWritten(100);
        *answer += socket.readAll();
    }
    return sent;
}

inline bool allClosed(const std::vector<std::unique_ptr<QTcpSocket>> &sockets)
{
    return std::all_of(sockets.cbegin(), sockets.cend(),
        [](const auto &socket) { return socket->state() == QAbstractSocket::UnconnectedState; });
}

inline int statusOf(const QByteArray &answer)
{
    if (!answer.startsWith("HTTP/1.1 "))
        return 0;
    return answer.mid(9, 3).toInt();
}

inline QByteArray hostOf(const QUrl &server)
{
    return "127.0.0.1:" + QByteArray::number(server.port());
}

// A WebSocket upgraded on a raw connection: the response's head, empty when none came.
inline QByteArray upgrade(QTcpSocket &socket, const QByteArray &request)
{
    socket.write(request);
    QByteArray head;
    static_cast<void>(QTest::qWaitFor(
        [&] {
            head += socket.readAll();
            return head.contains("\r\n\r\n") || socket.state() == QAbstractSocket::UnconnectedState;
        },
        10000));
    return head.left(head.indexOf("\r\n\r\n") + 4);
}

// A self-signed certificate for 127.0.0.1 in `dir`, for a server's TLS listener.
inline bool makeCertificate(const QTemporaryDir &dir, QString *cert, QString *key)
{
    using namespace Qt::StringLiterals;
    *cert = dir.filePath(u"cert.pem"_s);
    *key = dir.filePath(u"key.pem"_s);
    QProcess openssl;
    openssl.start(QStandardPaths::findExecutable(u"openssl"_s),
        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, *key,
            u"-out"_s, *cert, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
            u"subjectAltName=IP:127.0.0.1"_s });
    return openssl.waitForFinished(60000) && openssl.exitCode() == 0;
}

} // namespace OWidgetTest
