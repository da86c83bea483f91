// Attachments over HTTP (docs/protocol.md section 9): uploaded by the visitor with the
// conversation's credentials and by the operator with the session, streamed to storage, refused
// when too large, of a type the preset does not allow or not what they say, trickled or cut
// short; a retried upload stores nothing twice; downloaded by that conversation's visitor and
// its company's operators only; kept across a restart. Every upload is written byte by byte on
// a raw socket, as a slow or lying client would.

#include "rawhttp.h"
#include "serverharness.h"

#include "database.h"

#include <QBuffer>
#include <QImage>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

struct Answer
{
    int status = 0;
    QByteArray head;
    QJsonObject json;
    QByteArray body;
    bool closed = false;
};

Answer parseAnswer(const QByteArray &raw, bool closed)
{
    Answer answer;
    answer.closed = closed;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || end < 0)
        return answer;
    answer.status = raw.mid(9, 3).toInt();
    answer.head = raw.left(end);
    answer.body = raw.mid(end + 4);
    answer.json = QJsonDocument::fromJson(answer.body).object();
    return answer;
}

QByteArray png(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return buffer.data();
}

const QByteArray pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"_ba;

// A request head for `path` with `headers`, and a Content-Length of `length`.
QByteArray uploadHead(const TestServer &server, const QByteArray &path,
    const QList<QPair<QByteArray, QByteArray>> &headers, qint64 length)
{
    QByteArray head = "POST " + path
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(server.url({}).port())
        + "\r\nContent-Length: " + QByteArray::number(length) + "\r\n";
    for (const auto &header : headers)
        head += header.first + ": " + header.second + "\r\n";
    return head + "\r\n";
}

// Sends the head and `body` and reads the answer until the server closes the connection.
Answer send(const TestServer &server, const QByteArray &path,
    const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body, qint64 length = -1)
{
    auto socket = connectRaw(server.url({}), Plain);
    if (!socket)
        return {};
    socket->write(uploadHead(server, path, headers, length < 0 ? body.size() : length));
    socket->write(body);
    QByteArray raw;
    const bool closed = readUntilClosed(*socket, &raw);
    return parseAnswer(raw, closed);
}

// A visitor's conversation: its id and resume secret, as upload headers.
struct Visitor
{
    QString conversation;
    QString secret;

    QList<QPair<QByteArray, QByteArray>> headers(
        const QByteArray &type, const QByteArray &name, const QByteArray &key = {}) const
    {
        QList<QPair<QByteArray, QByteArray>> list { { "X-OWidget-Conversation"_ba,
                                                        conversation.toLatin1() },
            { "X-OWidget-Secret"_ba, secret.toLatin1() }, { "Content-Type"_ba, type },
            { "X-OWidget-File-Name"_ba, name } };
        if (!key.isEmpty())
            list.append({ "X-OWidget-Upload-Key"_ba, key });
        return list;
    }
};

Visitor startConversation(const TestServer &server, WidgetClient &widget, const QString &clientId)
{
    if (!widget.connectTo(server))
        return {};
    const QJsonObject created = widget.start(clientId);
    return { created.value("conversation"_L1).toString(), created.value("secret"_L1).toString() };
}

Answer download(const TestServer &server, const QString &id,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    auto socket = connectRaw(server.url({}), Plain);
    if (!socket)
        return {};
    QByteArray request = "GET /v1/attachments/" + id.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(server.url({}).port()) + "\r\nConnection: close\r\n";
    for (const auto &header : headers)
        request += header.first + ": " + header.second + "\r\n";
    socket->write(request + "\r\n");
    QByteArray raw;
    readResponse(*socket, &raw);
    return parseAnswer(raw, false);
}

int storedAttachments(OWidget::Server::Database &db)
{
    QSqlQuery q(db.handle());
    if (!q.exec(u"SELECT COUNT(*) FROM attachments"_s) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QByteArray header(const Answer &answer, const QByteArray &name)
{
    for (const QByteArray &line : answer.head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// Uploads up to `count` small files to the visitor's conversation, until one is refused with
// 413: how many were stored (-1 on any other answer), and the refusal's message.
std::pair<int, QString> uploadsUntilRefused(
    const TestServer &server, const Visitor &visitor, int count)
{
    for (int i = 0; i < count; ++i) {
        const Answer answer = send(server, "/v1/attachments",
            visitor.headers("text/plain", "n.txt"), QByteArray::number(i));
        if (answer.status == 413)
            return { i, answer.json.value("error"_L1).toObject().value("message"_L1).toString() };
        if (answer.status != 201)
            return { -1, {} };
    }
    return { count, {} };
}

} // namespace

class TestServerAttachments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void visitorUploadsAndBothDownload()
    {
        TestServer server;
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        QVERIFY(!visitor.conversation.isEmpty());
        const QByteArray image = png(30, 20);

        const Answer uploaded = send(server, "/v1/attachments",
            visitor.headers("image/png", "Sn%C3%ADmek%20obrazovky.png"), image);
        QCOMPARE(uploaded.status, 201);
        const QJsonObject attachment = uploaded.json.value("attachment"_L1).toObject();
        const QString id = attachment.value("id"_L1).toString();
        QCOMPARE(id.size(), 32);
        QCOMPARE(attachment.value("name"_L1).toString(), u"Snímek obrazovky.png"_s);
        QCOMPARE(attachment.value("type"_L1).toString(), u"image/png"_s);
        QCOMPARE(attachment.value("size"_L1).toInteger(), image.size());
        QCOMPARE(attachment.value("width"_L1).toInt(), 30);
        QCOMPARE(attachment.value("height"_L1).toInt(), 20);
        QCOMPARE(storedAttachments(server.server().database()), 1);

        // The visitor, by the same credentials.
        const Answer mine = download(server, id,
            { { "X-OWidget-Conversation"_ba, visitor.conversation.toLatin1() },
                { "X-OWidget-Secret"_ba, visitor.secret.toLatin1() } });
        QCOMPARE(mine.status, 200);
        QCOMPARE(mine.body, image);
        QCOMPARE(header(mine, "Content-Type"), "image/png"_ba);
        QCOMPARE(header(mine, "X-Content-Type-Options"), "nosniff"_ba);
        QVERIFY(header(mine, "Content-Disposition").isEmpty());

        // An operator of the company, by the session.
        OperatorClient alice;
        QVERIFY(alice.login(server, u"alice"_s, u"alice-demo"_s));
        const Answer theirs = download(server, id, { { "Cookie"_ba, alice.cookie } });
        QCOMPARE(theirs.status, 200);
        QCOMPARE(theirs.body, image);

        // Anyone else: no such attachment.
        WidgetClient other;
        const Visitor stranger = startConversation(server, other, u"start-2"_s);
        QCOMPARE(download(server, id,
                     { { "X-OWidget-Conversation"_ba, stranger.conversation.toLatin1() },
                         { "X-OWidget-Secret"_ba, stranger.secret.toLatin1() } })
                     .status,
            404);
        QCOMPARE(download(server, id,
                     { { "X-OWidget-Conversation"_ba, visitor.conversation.toLatin1() },
                         { "X-OWidget-Secret"_ba, stranger.secret.toLatin1() } })
                     .status,
            404);
        QCOMPARE(download(server, id, {}).status, 404);
        QCOMPARE(
            download(server, u"A"_s.repeated(32), { { "Cookie"_ba, alice.cookie } }).status, 404);

        // Kept across a restart.
        QVERIFY(server.restart());
        const Answer again = download(server, id, { { "Cookie"_ba, alice.cookie } });
        QCOMPARE(again.status, 200);
        QCOMPARE(again.body, image);
    }

    void operatorUploads()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        alice.send(QJsonObject {
            { "type"_L1, u"accept"_s }, { "conversation"_L1, visitor.conversation } });
        QVERIFY(!widget.take(u"joined"_s).isEmpty());
        // The conversation says what its preset allows (the demo's says nothing: the defaults),
        // so that a console refuses a file before uploading it.
        const QJsonObject allowed = alice.take(u"conversation"_s)
                                        .value("conversation"_L1)
                                        .toObject()
                                        .value("attachments"_L1)
                                        .toObject();
        QCOMPARE(allowed.value("maxBytes"_L1).toInteger(), 10 * 1024 * 1024);
        QCOMPARE(allowed.value("types"_L1).toArray(),
            QJsonArray({ u"image/png"_s, u"image/jpeg"_s, u"image/webp"_s, u"image/gif"_s,
                u"application/pdf"_s, u"text/plain"_s }));

        const QList<QPair<QByteArray, QByteArray>> headers { { "Cookie"_ba, alice.cookie },
            { "X-OWidget-Conversation"_ba, visitor.conversation.toLatin1() },
            { "Content-Type"_ba, "application/pdf"_ba },
            { "X-OWidget-File-Name"_ba, "Faktura%202026.pdf"_ba } };
        const Answer uploaded = send(server, "/v1/operator/attachments", headers, pdf);
        QCOMPARE(uploaded.status, 201);
        const QJsonObject attachment = uploaded.json.value("attachment"_L1).toObject();
        QVERIFY(!attachment.contains("width"_L1));

        const Answer got = download(server, attachment.value("id"_L1).toString(),
            { { "X-OWidget-Conversation"_ba, visitor.conversation.toLatin1() },
                { "X-OWidget-Secret"_ba, visitor.secret.toLatin1() } });
        QCOMPARE(got.status, 200);
        QCOMPARE(got.body, pdf);
        QCOMPARE(header(got, "Content-Type"), "application/pdf"_ba);
        QCOMPARE(header(got, "Content-Disposition"),
            "attachment; filename*=UTF-8''Faktura%202026.pdf"_ba);

        // Not logged in, or not in that conversation: nothing is read.
        QCOMPARE(send(server, "/v1/operator/attachments", headers.mid(1), pdf).status, 401);
        OperatorClient bob;
        QVERIFY(bob.login(server, u"bob"_s, u"bob-demo"_s));
        auto bobs = headers;
        bobs[0].second = bob.cookie;
        QCOMPARE(send(server, "/v1/operator/attachments", bobs, pdf).status, 404);
        // Nor from another site's page.
        auto foreign = headers;
        foreign.append({ "Origin"_ba, "https://evil.example"_ba });
        QCOMPARE(send(server, "/v1/operator/attachments", foreign, pdf).status, 403);
        QCOMPARE(storedAttachments(server.server().database()), 1);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("length"); // -1: the body's
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");

        const QByteArray image = png(4, 4);
        QTest::newRow("over the preset's limit")
            << "image/png"_ba
            << "a.png"_ba << QByteArray() << qint64(10 * 1024 * 1024 + 1) << 413
            << u"over the preset's limit of 10485760 bytes"_s;
        QTest::newRow("over any limit")
            << "image/png"_ba
            << "a.png"_ba << QByteArray() << qint64(25 * 1024 * 1024 + 1) << 413 << u"over"_s;
        QTest::newRow("empty") << "text/plain"_ba
                               << "a.txt"_ba << QByteArray() << qint64(-1) << 400
                               << u"header 'Content-Length'"_s;
        QTest::newRow("type not allowed")
            << "image/svg+xml"_ba
            << "a.svg"_ba
            << "<svg/>"_ba << qint64(-1) << 415 << u"'image/svg+xml'"_s;
        QTest::newRow("a PDF said to be a PNG")
            << "image/png"_ba
            << "a.png"_ba << pdf << qint64(-1) << 415 << u"is not image/png"_s;
        QTest::newRow("a PNG said to be text")
            << "text/plain"_ba
            << "a.txt"_ba << image << qint64(-1) << 415 << u"text/plain"_s;
        QTest::newRow("text with a NUL") << "text/plain"_ba
                                         << "a.txt"_ba
                                         << "abc\0def"_ba << qint64(-1) << 415 << u"text/plain"_s;
        QTest::newRow("text in Latin-1") << "text/plain"_ba
                                         << "a.txt"_ba
                                         << "K\xe8se"_ba << qint64(-1) << 415 << u"text/plain"_s;
        QTest::newRow("a name with a path")
            << "image/png"_ba
            << "..%2Fetc%2Fpasswd"_ba << image << qint64(-1) << 400 << u"X-OWidget-File-Name"_s;
        QTest::newRow("a name of broken UTF-8")
            << "image/png"_ba
            << "a%C3.png"_ba << image << qint64(-1) << 400 << u"X-OWidget-File-Name"_s;
        QTest::newRow("a name with a bidi override")
            << "image/png"_ba
            << "a%E2%80%AEgnp.exe"_ba << image << qint64(-1) << 400 << u"X-OWidget-File-Name"_s;
        QTest::newRow("no name") << "image/png"_ba << QByteArray() << image << qint64(-1) << 400
                                 << u"X-OWidget-File-Name"_s;
        QTest::newRow("a name too long") << "image/png"_ba << QByteArray(256, 'a') << image
                                         << qint64(-1) << 400 << u"X-OWidget-File-Name"_s;
    }
    void refused()
    {
        QFETCH(QByteArray, type);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, body);
        QFETCH(qint64, length);
        QFETCH(int, status);
        QFETCH(QString, message);

        TestServer server;
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        auto headers = visitor.headers(type, name);
        if (name.isEmpty())
            headers.removeLast();
        const Answer answer = send(server, "/v1/attachments", headers, body, length);
        QCOMPARE(answer.status, status);
        const QString said
            = answer.json.value("error"_L1).toObject().value("message"_L1).toString();
        QVERIFY2(said.contains(message), qPrintable(said));
        QVERIFY(answer.closed);
        QCOMPARE(storedAttachments(server.server().database()), 0);
    }

    void unknownCaller()
    {
        TestServer server;
        WidgetClient widget;
        Visitor visitor = startConversation(server, widget, u"start-1"_s);
        visitor.secret = u"A"_s.repeated(43);
        QCOMPARE(send(server, "/v1/attachments", visitor.headers("image/png", "a.png"), png(2, 2))
                     .status,
            401);
        // Without a caller, a large body is refused before any of it is read.
        QCOMPARE(send(server, "/v1/attachments", {}, {}, 20 * 1024 * 1024).status, 401);
        QCOMPARE(storedAttachments(server.server().database()), 0);
    }

    void retriedWithTheSameKey()
    {
        TestServer server;
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        const QByteArray key = "k3yk3yk3yk3yk3yk3yk3yk3yk3y"_ba;
        const auto headers = visitor.headers("image/png", "a.png", key);
        const Answer first = send(server, "/v1/attachments", headers, png(8, 8));
        QCOMPARE(first.status, 201);
        const Answer second = send(server, "/v1/attachments", headers, png(8, 8));
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json, first.json);
        QCOMPARE(storedAttachments(server.server().database()), 1);
        // Another key, another attachment.
        QCOMPARE(send(server, "/v1/attachments", visitor.headers("image/png", "a.png", key + 'x'),
                     png(8, 8))
                     .status,
            201);
        QCOMPARE(storedAttachments(server.server().database()), 2);
        QCOMPARE(send(server, "/v1/attachments", visitor.headers("image/png", "a.png", "short"_ba),
                     png(8, 8))
                     .status,
            400);
    }

    // One conversation holds at most 100 attachments: the 101st is refused before its body.
    void conversationQuota()
    {
        TestServer server;
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        const auto [stored, refusal] = uploadsUntilRefused(server, visitor, 101);
        QCOMPARE(stored, 100);
        QVERIFY(refusal.contains("(100,"_L1));
        QCOMPARE(storedAttachments(server.server().database()), 100);
        // Another conversation has its own.
        WidgetClient other;
        const Visitor second = startConversation(server, other, u"start-2"_s);
        QCOMPARE(
            send(server, "/v1/attachments", second.headers("text/plain", "n.txt"), "x"_ba).status,
            201);
    }

    // The count is the server's option (--attachments-per-conversation).
    void conversationQuotaSet()
    {
        TestServer server(demoFile(), [](OWidget::Server::ServerOptions &options) {
            options.attachmentsPerConversation = 3;
        });
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        const auto [stored, refusal] = uploadsUntilRefused(server, visitor, 4);
        QCOMPARE(stored, 3);
        QVERIFY(refusal.contains("(3,"_L1));
    }

    // A body cut short, trickled, or longer than its Content-Length.
    void truncatedBody()
    {
        TestServer server;
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        auto socket = connectRaw(server.url({}), Plain);
        QVERIFY(socket);
        socket->write(uploadHead(
            server, "/v1/attachments", visitor.headers("application/pdf", "a.pdf"), 100000));
        socket->write(pdf);
        QVERIFY(socket->waitForBytesWritten(5000));
        socket->disconnectFromHost();
        // The server's next request is answered only after the cut one was dropped.
        QCOMPARE(
            send(server, "/v1/attachments", visitor.headers("text/plain", "b.txt"), "b"_ba).status,
            201);
        QCOMPARE(storedAttachments(server.server().database()), 1);
    }

    void slowBody()
    {
        TestServer server(demoFile(),
            [](OWidget::Server::ServerOptions &options) { options.uploadStallMs = 500; });
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        auto socket = connectRaw(server.url({}), Plain);
        QVERIFY(socket);
        socket->write(uploadHead(
            server, "/v1/attachments", visitor.headers("application/pdf", "a.pdf"), 100000));
        socket->write(pdf);
        QByteArray raw;
        QVERIFY(readUntilClosed(*socket, &raw, 5000)); // cut, not waited for
        QVERIFY(raw.isEmpty());
        QCOMPARE(storedAttachments(server.server().database()), 0);
    }

    // A message names an attachment its sender uploaded to the conversation; the other side
    // gets the attachment's metadata with it, live, on a resume, and after a restart.
    void messagesCarryAttachments()
    {
        TestServer server;
        OperatorClient alice;
        QVERIFY(alice.connectTo(server, u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        alice.send(QJsonObject {
            { "type"_L1, u"accept"_s }, { "conversation"_L1, visitor.conversation } });
        QVERIFY(!widget.take(u"joined"_s).isEmpty());
        QVERIFY(!alice.take(u"conversation"_s).isEmpty());

        const Answer image
            = send(server, "/v1/attachments", visitor.headers("image/png", "a.png"), png(12, 7));
        QCOMPARE(image.status, 201);
        const QJsonObject attachment = image.json.value("attachment"_L1).toObject();
        const QString id = attachment.value("id"_L1).toString();
        widget.send(QJsonObject { { "type"_L1, u"message"_s }, { "clientId"_L1, u"m1"_s },
            { "text"_L1, u"  "_s }, { "attachment"_L1, id } });
        QVERIFY(!widget.take(u"ack"_s).isEmpty());
        const QJsonObject event = alice.take(u"event"_s).value("event"_L1).toObject();
        QCOMPARE(event.value("text"_L1).toString(), QString());
        QCOMPARE(event.value("attachment"_L1).toObject(), attachment);

        // An id the visitor did not upload here: refused, naming it.
        const QList<QPair<QByteArray, QByteArray>> operatorHeaders { { "Cookie"_ba, alice.cookie },
            { "X-OWidget-Conversation"_ba, visitor.conversation.toLatin1() },
            { "Content-Type"_ba, "application/pdf"_ba }, { "X-OWidget-File-Name"_ba, "f.pdf"_ba } };
        const Answer file = send(server, "/v1/operator/attachments", operatorHeaders, pdf);
        QCOMPARE(file.status, 201);
        const QJsonObject fileInfo = file.json.value("attachment"_L1).toObject();
        const QString fileId = fileInfo.value("id"_L1).toString();
        for (const QString &foreign : { fileId, u"B"_s.repeated(32) }) {
            widget.send(QJsonObject { { "type"_L1, u"message"_s }, { "clientId"_L1, u"m2"_s },
                { "text"_L1, u"look"_s }, { "attachment"_L1, foreign } });
            const QJsonObject refused = widget.take(u"error"_s);
            QCOMPARE(refused.value("code"_L1).toString(), u"bad_request"_s);
            QCOMPARE(refused.value("clientId"_L1).toString(), u"m2"_s);
            QVERIFY2(refused.value("message"_L1).toString().contains(foreign),
                qPrintable(refused.value("message"_L1).toString()));
        }
        // Nor the visitor's own from another conversation, by the operator.
        alice.send(
            QJsonObject { { "type"_L1, u"message"_s }, { "conversation"_L1, visitor.conversation },
                { "clientId"_L1, u"o0"_s }, { "text"_L1, QString() }, { "attachment"_L1, id } });
        QVERIFY(alice.take(u"error"_s).value("message"_L1).toString().contains(id));

        alice.send(QJsonObject { { "type"_L1, u"message"_s },
            { "conversation"_L1, visitor.conversation }, { "clientId"_L1, u"o1"_s },
            { "text"_L1, u"Your invoice"_s }, { "attachment"_L1, fileId } });
        const QJsonObject got = widget.take(u"message"_s);
        QCOMPARE(got.value("text"_L1).toString(), u"Your invoice"_s);
        QCOMPARE(got.value("attachment"_L1).toObject(), fileInfo);

        // Replayed on a resume, and after a restart.
        const QJsonObject resume { { "conversation"_L1, visitor.conversation },
            { "secret"_L1, visitor.secret }, { "lastSeq"_L1, 0 } };
        for (int round = 0; round < 2; ++round) {
            WidgetClient again;
            QVERIFY(again.connectTo(server, {}, resume));
            const QJsonObject mine = again.take(u"message"_s);
            QCOMPARE(mine.value("clientId"_L1).toString(), u"m1"_s);
            QCOMPARE(mine.value("attachment"_L1).toObject(), attachment);
            QCOMPARE(again.take(u"message"_s).value("attachment"_L1).toObject(), fileInfo);
            QVERIFY(server.restart());
        }
    }

    void longerThanItsLength()
    {
        TestServer server;
        WidgetClient widget;
        const Visitor visitor = startConversation(server, widget, u"start-1"_s);
        const QByteArray smuggled = "GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba;
        const Answer answer = send(server, "/v1/attachments",
            visitor.headers("text/plain", "a.txt"), "hello" + smuggled, 5);
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.json.value("attachment"_L1).toObject().value("size"_L1).toInt(), 5);
        QVERIFY(!answer.body.contains("schemaVersion")); // one answer, then closed
        const QString id = answer.json.value("attachment"_L1).toObject().value("id"_L1).toString();
        QCOMPARE(download(server, id,
                     { { "X-OWidget-Conversation"_ba, visitor.conversation.toLatin1() },
                         { "X-OWidget-Secret"_ba, visitor.secret.toLatin1() } })
                     .body,
            "hello"_ba);
    }
};

QTEST_GUILESS_MAIN(TestServerAttachments)
#include "tst_server_attachments.moc"
