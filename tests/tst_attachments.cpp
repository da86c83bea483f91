// The visitor's attachments through the real owidget-server: checked against the preset's
// limits before a byte goes, uploaded with progress, sent as a message the operator sees,
// cancelled, sent again with the same upload key after its answer was lost (one file stored,
// one message), saved to a file, and shown as a thumbnail decoded with limits.
#include "faultproxy.h"
#include "filledform.h"
#include "serverprocess.h"
#include "testimages.h"

#include <owidget/controller.h>

#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::Attachment;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::Controller;
using OWidget::Error;
using OWidgetTest::filledForm;

namespace {

// A relay to the server that passes everything, but for the first upload: the server gets it
// whole and answers, and the answer is dropped with the connection, as a network that fails at
// the worst moment does.
class AnswerDropper : public QObject
{
public:
    explicit AnswerDropper(quint16 serverPort)
        : m_serverPort(serverPort)
    {
        connect(&m_listener, &QTcpServer::newConnection, this, &AnswerDropper::onConnection);
    }
    bool listen() { return m_listener.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_listener.serverPort())); }
    int uploads() const { return m_uploads; }
    int dropped() const { return m_dropped; }

private:
    void onConnection()
    {
        while (QTcpSocket *client = m_listener.nextPendingConnection()) {
            auto *server = new QTcpSocket(client);
            auto *isUpload = new bool(false);
            auto *decided = new bool(false);
            connect(client, &QObject::destroyed, this, [isUpload, decided] {
                delete isUpload;
                delete decided;
            });
            server->connectToHost(QHostAddress::LocalHost, m_serverPort);
            connect(
                client, &QTcpSocket::readyRead, server, [this, client, server, isUpload, decided] {
                    const QByteArray bytes = client->readAll();
                    if (!*decided) {
                        *decided = true;
                        *isUpload = bytes.startsWith("POST /v1/attachments ");
                        if (*isUpload && m_uploads++ > 0)
                            *isUpload = false; // only the first one's answer is lost
                    }
                    server->write(bytes);
                });
            connect(server, &QTcpSocket::readyRead, client, [this, client, server, isUpload] {
                const QByteArray bytes = server->readAll();
                if (*isUpload) {
                    // The server answered: it stored the file. The client never hears it.
                    ++m_dropped;
                    client->abort();
                    client->deleteLater();
                    return;
                }
                client->write(bytes);
            });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            connect(server, &QTcpSocket::disconnected, client,
                [client] { client->disconnectFromHost(); });
        }
    }

    quint16 m_serverPort;
    QTcpServer m_listener;
    int m_uploads = 0;
    int m_dropped = 0;
};

// A relay to the server that passes everything but uploads: those it refuses from their first
// bytes, as a server over the conversation's quota does, and closes at once, while the body is
// still being sent, so that the client never reads the answer; or, holding them, it takes their
// bytes and never answers, as a network that stalls only them.
class UploadRefuser : public QObject
{
public:
    explicit UploadRefuser(quint16 serverPort, bool hold = false)
        : m_serverPort(serverPort)
        , m_hold(hold)
    {
        connect(&m_listener, &QTcpServer::newConnection, this, &UploadRefuser::onConnection);
    }
    bool listen() { return m_listener.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1/"_s.arg(m_listener.serverPort())); }
    int refused() const { return m_refused; }

private:
    void onConnection()
    {
        while (QTcpSocket *client = m_listener.nextPendingConnection()) {
            auto *server = new QTcpSocket(client);
            server->connectToHost(QHostAddress::LocalHost, m_serverPort);
            connect(client, &QTcpSocket::readyRead, server, [this, client, server] {
                const QByteArray bytes = client->readAll();
                if (client->property("held").toBool())
                    return;
                if (m_hold && bytes.startsWith("POST /v1/attachments ")) {
                    client->setProperty("held", true);
                    return;
                }
                if (bytes.startsWith("POST /v1/attachments ")) {
                    ++m_refused;
                    client->write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n"
                                  "Connection: close\r\n\r\n");
                    client->abort();
                    client->deleteLater();
                    return;
                }
                server->write(bytes);
            });
            connect(server, &QTcpSocket::readyRead, client,
                [client, server] { client->write(server->readAll()); });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            connect(server, &QTcpSocket::disconnected, client,
                [client] { client->disconnectFromHost(); });
        }
    }

    quint16 m_serverPort;
    bool m_hold;
    QTcpServer m_listener;
    int m_refused = 0;
};

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return file.fileName();
}

// The attachments of the message events the operator received.
QList<QJsonObject> operatorAttachments(const OperatorClient &op)
{
    QList<QJsonObject> list;
    for (const QJsonObject &event : op.received(u"event"_s)) {
        const QJsonObject e = event.value(u"event"_s).toObject();
        if (e.value(u"type"_s).toString() == "message"_L1 && e.contains(u"attachment"_s))
            list.append(e.value(u"attachment"_s).toObject());
    }
    return list;
}

Error lastError(const QSignalSpy &spy)
{
    return spy.isEmpty() ? Error {} : spy.constLast().constFirst().value<Error>();
}

} // namespace

class tst_Attachments : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir files;

    // A controller in a conversation that `op` accepted, on `url` (the server or a relay).
    static bool converse(Controller &controller, const QUrl &url, OperatorClient &op,
        QString *conversation = nullptr)
    {
        controller.setServerUrl(url);
        if (!controller.init(ServerProcess::demoCompany()))
            return false;
        controller.connectToServer();
        if (!QTest::qWaitFor([&] { return controller.hasConfig(); }, 10000))
            return false;
        op.setAvailability(u"online"_s);
        if (!QTest::qWaitFor(
                [&] { return controller.status() == OWidget::ButtonStatus::Online; }, 10000))
            return false;
        if (!controller.startChat(filledForm(controller)))
            return false;
        if (!QTest::qWaitFor([&] { return !op.firstQueued().isEmpty(); }, 10000))
            return false;
        if (conversation)
            *conversation = op.firstQueued();
        op.accept(op.firstQueued());
        return QTest::qWaitFor([&] { return controller.chatState() == ChatState::Active; }, 10000);
    }

    static ChatMessage messageOf(const Controller &controller, const QString &clientId)
    {
        for (const ChatMessage &message : controller.messages()) {
            if (message.clientId == clientId)
                return message;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<OWidget::Error>();
        qRegisterMetaType<OWidget::Attachment>();
        QVERIFY(files.isValid());
    }

    void init()
    {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QFile::remove(data + u"/owidget/sessions.json"_s);
        QDir(data + u"/owidget-uploads"_s).removeRecursively(); // what a failed run left
    }

    void uploadedSentSavedAndShown()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        Controller controller;
        QVERIFY(converse(controller, server.url(), alice));
        QVERIFY(controller.config().attachmentTypes.contains(u"image/png"_s));

        const QByteArray bytes = TestImages::encoded(1280, 720);
        const QString path = writeFile(files, u"Snímek obrazovky.png"_s, bytes);
        QSignalSpy progress(&controller, &Controller::attachmentProgressed);
        QSignalSpy delivered(&controller, &Controller::messageDelivered);
        const QString clientId = controller.sendAttachment(path);
        QVERIFY(!clientId.isEmpty());
        // It shows at once, sending, with what is known of the file before the server has it.
        ChatMessage shown = messageOf(controller, clientId);
        QCOMPARE(shown.attachment.name, u"Snímek obrazovky.png"_s);
        QCOMPARE(shown.attachment.type, u"image/png"_s);
        QCOMPARE(shown.attachment.size, bytes.size());
        QCOMPARE(shown.delivery, ChatMessage::Delivery::Sending);

        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10000);
        QCOMPARE(delivered.constFirst().constFirst().toString(), clientId);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.constLast().at(1).toLongLong(), bytes.size());
        shown = messageOf(controller, clientId);
        QCOMPARE(shown.delivery, ChatMessage::Delivery::Delivered);
        QVERIFY(!shown.attachment.id.isEmpty());
        QCOMPARE(shown.attachment.pixelSize, QSize(1280, 720));

        // The operator sees the message with its attachment.
        QTRY_COMPARE(operatorAttachments(alice).size(), 1);
        const QJsonObject seen = operatorAttachments(alice).constFirst();
        QCOMPARE(seen.value(u"id"_s).toString(), shown.attachment.id);
        QCOMPARE(seen.value(u"name"_s).toString(), u"Snímek obrazovky.png"_s);
        QCOMPARE(server.storedAttachmentFiles(), 1);

        // Saved, byte for byte.
        QSignalSpy saved(&controller, &Controller::attachmentSaved);
        const QString target = files.filePath(u"saved.png"_s);
        controller.saveAttachment(shown.attachment.id, target);
        QTRY_COMPARE(saved.size(), 1);
        QFile savedFile(target);
        QVERIFY(savedFile.open(QIODevice::ReadOnly));
        QCOMPARE(savedFile.readAll(), bytes);

        // Shown as a thumbnail that fits 240×240 at twice the pixels; kept once decoded.
        QSignalSpy thumbnails(&controller, &Controller::attachmentThumbnailReady);
        QVERIFY(controller.attachmentThumbnail(shown.attachment.id, 2.0).isNull());
        QTRY_COMPARE(thumbnails.size(), 1);
        const QImage thumbnail = thumbnails.constFirst().at(1).value<QImage>();
        QCOMPARE(thumbnail.size(), QSize(480, 270));
        QCOMPARE(controller.attachmentThumbnail(shown.attachment.id, 2.0).size(), QSize(480, 270));

        // An id this conversation does not have is not there, and saying so names the file.
        QSignalSpy errors(&controller, &Controller::errorOccurred);
        QSignalSpy saveFailed(&controller, &Controller::attachmentSaveFailed);
        controller.saveAttachment(u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s, files.filePath(u"no"_s));
        QTRY_COMPARE(errors.size(), 1);
        QVERIFY(lastError(errors).message.contains(files.filePath(u"no"_s)));
        QVERIFY(!QFile::exists(files.filePath(u"no"_s)));
        // The failure names the save it is about, for a view that asked for several.
        QCOMPARE(saveFailed.size(), 1);
        QCOMPARE(saveFailed.constFirst().at(0).toString(), u"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"_s);
        QCOMPARE(saveFailed.constFirst().at(1).toString(), files.filePath(u"no"_s));
    }

    void overTheLimitsNothingIsSent()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        Controller controller;
        QVERIFY(converse(controller, server.url(), alice));
        const qint64 limit = controller.config().attachmentMaxBytes;
        QVERIFY(limit > 0);

        QSignalSpy errors(&controller, &Controller::errorOccurred);
        QSignalSpy added(&controller, &Controller::messageAdded);
        QByteArray tooLarge = TestImages::encoded(8, 8);
        tooLarge.append(QByteArray(limit + 1 - tooLarge.size(), 'x'));
        QVERIFY(controller.sendAttachment(writeFile(files, u"big.png"_s, tooLarge)).isEmpty());
        QCOMPARE(lastError(errors).code, Error::Code::InvalidArgument);
        QVERIFY2(lastError(errors).message.contains(
                     QLocale(controller.language()).formattedDataSize(limit)),
            qPrintable(lastError(errors).message));

        const QByteArray zip = "PK\x03\x04\x14\x00\x00\x00\x08\x00"_ba + QByteArray(100, '\x01');
        QVERIFY(controller.sendAttachment(writeFile(files, u"archive.zip"_s, zip)).isEmpty());
        QCOMPARE(lastError(errors).code, Error::Code::InvalidArgument);
        QVERIFY(lastError(errors).message.contains(u"image/png"_s));

        // Pasted data that is not what it claims to be.
        QVERIFY(controller.sendAttachment("plain words"_ba, u"x.png"_s, u"image/png"_s).isEmpty());
        QCOMPARE(errors.size(), 3);
        QVERIFY(added.isEmpty());
        QVERIFY(controller.messages().isEmpty());

        // A text message afterwards arrives alone: nothing of the refused files went.
        controller.sendMessage(u"after"_s);
        QTRY_COMPARE(controller.messages().constFirst().delivery, ChatMessage::Delivery::Delivered);
        QCOMPARE(operatorAttachments(alice).size(), 0);
        QCOMPARE(server.storedAttachmentFiles(), 0);
    }

    void cancelledNothingArrives()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        Controller controller;
        QVERIFY(converse(controller, server.url(), alice));

        QSignalSpy cancelled(&controller, &Controller::attachmentCancelled);
        const QString clientId
            = controller.sendAttachment(TestImages::encoded(64, 64), u"pasted.png"_s);
        QVERIFY(!clientId.isEmpty());
        controller.sendMessage(u"behind it"_s); // waits for the file, then goes without it
        QVERIFY(controller.cancelAttachment(clientId));
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(controller.messages().size(), 1);
        QVERIFY(!controller.cancelAttachment(clientId));
        QTRY_COMPARE(controller.messages().constFirst().delivery, ChatMessage::Delivery::Delivered);
        QCOMPARE(operatorAttachments(alice).size(), 0);
        QCOMPARE(server.storedAttachmentFiles(), 0);
        // The pasted data's copy is gone with it.
        const QDir uploads(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget-uploads"_s);
        QCOMPARE(uploads.entryList(QDir::Files).size(), 0);
    }

    // A text written while a file uploads waits for it: both sides see them in the order written.
    void textAfterFileStoredAfterIt()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        Controller controller;
        QVERIFY(converse(controller, server.url(), alice));

        QByteArray bytes = TestImages::encoded(8, 8);
        bytes.append(QByteArray(controller.config().attachmentMaxBytes / 2, 'x'));
        const QString file = controller.sendAttachment(writeFile(files, u"big.png"_s, bytes));
        const QString text = controller.sendMessage(u"written after the file"_s);
        QTRY_VERIFY_WITH_TIMEOUT(messageOf(controller, text).seq > 0, 20000);
        QVERIFY(messageOf(controller, file).seq > 0);
        QVERIFY(messageOf(controller, file).seq < messageOf(controller, text).seq);
        // The operator got the file's message before the text's.
        const auto seen = [&] {
            QStringList list;
            for (const QJsonObject &event : alice.received(u"event"_s)) {
                const QJsonObject e = event.value(u"event"_s).toObject();
                if (e.value(u"type"_s).toString() == "message"_L1)
                    list.append(
                        e.contains(u"attachment"_s) ? u"file"_s : e.value(u"text"_s).toString());
            }
            return list;
        };
        QTRY_COMPARE(seen(), QStringList({ u"file"_s, u"written after the file"_s }));
    }

    void answerLostStoredOnce()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        AnswerDropper relay(quint16(server.url().port()));
        QVERIFY(relay.listen());
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        Controller controller;
        QVERIFY(converse(controller, relay.url(), alice));

        // Larger than a socket's buffers, so that it comes in pieces.
        QByteArray text;
        while (text.size() < 3 * 1024 * 1024)
            text += "Řádek protokolu, který se opakuje.\n";
        QSignalSpy delivered(&controller, &Controller::messageDelivered);
        const QString clientId = controller.sendAttachment(writeFile(files, u"log.txt"_s, text));
        QVERIFY(!clientId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 20000);
        QCOMPARE(relay.dropped(), 1);
        QCOMPARE(relay.uploads(), 2);
        QCOMPARE(server.storedAttachmentFiles(), 1);
        QTRY_COMPARE(operatorAttachments(alice).size(), 1);
        QCOMPARE(operatorAttachments(alice).constFirst().value(u"size"_s).toInteger(), text.size());
        QCOMPARE(messageOf(controller, clientId).attachment.type, u"text/plain"_s);
        QCOMPARE(controller.messages().size(), 1);
    }

    void uploadGoesOnAfterRestart()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        FaultProxy proxy(quint16(server.url().port()));
        QVERIFY(proxy.listen());
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        const QByteArray bytes = TestImages::encoded(640, 480, "PNG", Qt::darkYellow);
        QString clientId;
        {
            Controller first;
            QVERIFY(converse(first, proxy.url(), alice));
            // The network holds every byte: the upload is under way when the program closes.
            proxy.stall(60000);
            QSignalSpy progress(&first, &Controller::attachmentProgressed);
            clientId = first.sendAttachment(bytes, u"photo.png"_s);
            QVERIFY(!clientId.isEmpty());
            QTRY_VERIFY(!progress.isEmpty());
        }
        proxy.cutAll();
        QCOMPARE(server.storedAttachmentFiles(), 0);

        Controller second;
        QSignalSpy delivered(&second, &Controller::messageDelivered);
        second.setServerUrl(server.url());
        QVERIFY(second.init(ServerProcess::demoCompany()));
        // Shown again as it was, still sending, before the link is up.
        QCOMPARE(messageOf(second, clientId).attachment.name, u"photo.png"_s);
        second.connectToServer();
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 15000);
        QCOMPARE(delivered.constFirst().constFirst().toString(), clientId);
        QTRY_COMPARE(operatorAttachments(alice).size(), 1);
        QCOMPARE(
            operatorAttachments(alice).constFirst().value(u"size"_s).toInteger(), bytes.size());
        QCOMPARE(server.storedAttachmentFiles(), 1);
        QCOMPARE(second.messages().size(), 1);
        // The copy of the pasted data is gone once the server has it.
        const QDir uploads(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget-uploads"_s);
        QCOMPARE(uploads.entryList(QDir::Files).size(), 0);
    }

    // Refused from its headers and closed before the answer is read, an upload is heard as a
    // closed connection only: it goes again a bounded number of times, then fails with an
    // error that says so, instead of going again for ever.
    void refusedAndClosedStopsRetrying()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        UploadRefuser relay(quint16(server.url().port()));
        QVERIFY(relay.listen());
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        Controller controller;
        controller.setReconnectBackoff(
            std::chrono::milliseconds(10), std::chrono::milliseconds(50));
        QVERIFY(converse(controller, relay.url(), alice));

        QSignalSpy failed(&controller, &Controller::attachmentFailed);
        QSignalSpy errors(&controller, &Controller::errorOccurred);
        // Larger than a socket's buffers: the body is still being sent when the relay closes.
        const QString clientId = controller.sendAttachment(
            writeFile(files, u"quota.txt"_s, QByteArray(2 * 1024 * 1024, 'q')));
        QVERIFY(!clientId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QCOMPARE(failed.constFirst().constFirst().toString(), clientId);
        QCOMPARE(lastError(errors).code, Error::Code::NetworkError);
        QVERIFY2(lastError(errors).message.contains(u"refusing"_s),
            qPrintable(lastError(errors).message));
        QCOMPARE(messageOf(controller, clientId).delivery, ChatMessage::Delivery::Failed);
        QVERIFY(
            relay.refused() >= 2); // it did go again: the closed connection may be the network's
        QCOMPARE(server.storedAttachmentFiles(), 0);
    }

    // The copies of pasted data under the application's data location.
    static int pastedCopies()
    {
        return int(QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget-uploads"_s)
                       .entryList(QDir::Files)
                       .size());
    }

    // A pasted image under way when the host program closes; the operator ends the
    // conversation meanwhile. Opened again, the stored conversation is stale: its message is
    // dropped, and so is the copy of the pasted data, which nothing can send any more.
    void staleRestoredDropsPastedCopy()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        FaultProxy proxy(quint16(server.url().port()));
        QVERIFY(proxy.listen());
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        QString conversation;
        {
            Controller first;
            QVERIFY(converse(first, proxy.url(), alice, &conversation));
            proxy.stall(60000);
            QSignalSpy progress(&first, &Controller::attachmentProgressed);
            QVERIFY(!first.sendAttachment(TestImages::encoded(640, 480), u"a.png"_s).isEmpty());
            QTRY_VERIFY(!progress.isEmpty());
        }
        proxy.cutAll();
        QCOMPARE(pastedCopies(), 1);
        alice.end(conversation);

        Controller second;
        second.setServerUrl(server.url());
        QVERIFY(second.init(ServerProcess::demoCompany()));
        second.connectToServer();
        QTRY_COMPARE_WITH_TIMEOUT(pastedCopies(), 0, 10000);
        QCOMPARE(server.storedAttachmentFiles(), 0);
    }

    // The conversation ends while a pasted image is under way, and the host program closes:
    // no stored conversation names the copy of the pasted data any more, so it goes too.
    void endedThenClosedDropsPastedCopy()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        UploadRefuser relay(quint16(server.url().port()), true);
        QVERIFY(relay.listen());
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        QString conversation;
        {
            Controller first;
            QVERIFY(converse(first, relay.url(), alice, &conversation));
            QVERIFY(!first.sendAttachment(TestImages::encoded(640, 480), u"a.png"_s).isEmpty());
            QCOMPARE(pastedCopies(), 1);
            alice.end(conversation);
            QTRY_COMPARE_WITH_TIMEOUT(first.chatState(), ChatState::Ended, 10000);
            QCOMPARE(pastedCopies(), 1); // still uploading to the conversation that ended
        }
        QCOMPARE(pastedCopies(), 0);
        QCOMPARE(server.storedAttachmentFiles(), 0);
    }

    void bombHasNoThumbnail()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        Controller controller;
        QVERIFY(converse(controller, server.url(), alice));

        QSignalSpy delivered(&controller, &Controller::messageDelivered);
        const QString clientId = controller.sendAttachment(
            writeFile(files, u"bomb.png"_s, TestImages::claimingPng(60000, 60000, 1)));
        QVERIFY(!clientId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 10000);
        const Attachment attachment = messageOf(controller, clientId).attachment;
        QCOMPARE(attachment.pixelSize, QSize(60000, 60000)); // what its header claims

        QSignalSpy thumbnails(&controller, &Controller::attachmentThumbnailReady);
        QVERIFY(controller.attachmentThumbnail(attachment.id).isNull());
        QTRY_COMPARE(thumbnails.size(), 1);
        QVERIFY(thumbnails.constFirst().at(1).value<QImage>().isNull());
        // Refused once: asked again, it is not fetched again.
        QVERIFY(controller.attachmentThumbnail(attachment.id).isNull());
    }
};

QTEST_GUILESS_MAIN(tst_Attachments)
#include "tst_attachments.moc"
