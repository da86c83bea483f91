// Attachments and the server's per-address rate limit (docs/protocol.md section 9): an upload
// is a request like any other, refused the same way once its address has sent too many, and
// one address's flood leaves another's uploads alone.

#include "rawhttp.h"
#include "serverharness.h"

using namespace Qt::StringLiterals;
using namespace OWidgetTest;

namespace {

constexpr int Burst = 4;

struct Answer
{
    int status = 0;
    QJsonObject json;
};

Answer parseAnswer(const QByteArray &raw)
{
    Answer answer;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || end < 0)
        return answer;
    answer.status = raw.mid(9, 3).toInt();
    answer.json = QJsonDocument::fromJson(raw.mid(end + 4)).object();
    return answer;
}

// One upload of `body` into the visitor's conversation, from the loopback address `from`.
Answer upload(const TestServer &server, const QHostAddress &from, const QString &conversation,
    const QString &secret, const QByteArray &body)
{
    auto socket = connectRaw(server.url({}), Plain, from);
    if (!socket)
        return {};
    socket->write("POST /v1/attachments HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(server.url({}).port())
        + "\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nContent-Type: application/pdf\r\nX-OWidget-File-Name: a.pdf"
        + "\r\nX-OWidget-Conversation: " + conversation.toLatin1()
        + "\r\nX-OWidget-Secret: " + secret.toLatin1() + "\r\n\r\n" + body);
    QByteArray raw;
    readUntilClosed(*socket, &raw);
    return parseAnswer(raw);
}

// A GET of the widget's configuration, another route behind the same limit.
Answer getConfig(const TestServer &server, const QHostAddress &from)
{
    auto socket = connectRaw(server.url({}), Plain, from);
    if (!socket)
        return {};
    socket->write("GET /v1/config?company=demo HTTP/1.1\r\nHost: 127.0.0.1:"
        + QByteArray::number(server.url({}).port()) + "\r\nConnection: close\r\n\r\n");
    QByteArray raw;
    readResponse(*socket, &raw);
    return parseAnswer(raw);
}

const QByteArray pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"_ba;

} // namespace

class TestServerAttachmentsLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uploadsCountAgainstTheAddressRateLimit()
    {
        // A burst of a few requests, refilled too slowly to matter during the test.
        TestServer server(demoFile(), [](OWidget::Server::ServerOptions &options) {
            options.messageRate = 0.001;
            options.messageBurst = Burst;
        });
        WidgetClient widget;
        QVERIFY(widget.connectTo(server));
        const QJsonObject created = widget.start(u"start-1"_s);
        const QString conversation = created.value("conversation"_L1).toString();
        const QString secret = created.value("secret"_L1).toString();
        QVERIFY(!conversation.isEmpty());

        // One address uploads past its burst: the uploads are accepted, then refused.
        const QHostAddress flooder(u"127.0.0.2"_s);
        int accepted = 0;
        Answer refused;
        for (int i = 0; i < Burst + 1; ++i) {
            const Answer answer = upload(server, flooder, conversation, secret, pdf);
            if (answer.status != 201) {
                refused = answer;
                break;
            }
            ++accepted;
        }
        QCOMPARE(accepted, Burst);
        QCOMPARE(refused.status, 429);

        // The same refusal, word for word, as another route of that address gets.
        const Answer other = getConfig(server, flooder);
        QCOMPARE(other.status, 429);
        QCOMPARE(refused.json, other.json);
        QCOMPARE(refused.json.value("error"_L1).toObject().value("code"_L1).toString(),
            u"rate_limited"_s);

        // Another address is not affected.
        const Answer elsewhere
            = upload(server, QHostAddress(u"127.0.0.3"_s), conversation, secret, pdf);
        QCOMPARE(elsewhere.status, 201);
    }
};

QTEST_GUILESS_MAIN(TestServerAttachmentsLimits)
#include "tst_server_attachments_limits.moc"
