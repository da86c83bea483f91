// The outbox on its own: what goes again after a reconnection, in which order, with no socket.
#include "outbox_p.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatMessage;
using OWidget::Conversation;
using OWidget::Outbox;

namespace {

ChatMessage written(const QString &clientId)
{
    ChatMessage message;
    message.sender = ChatMessage::Sender::Visitor;
    message.clientId = clientId;
    message.text = u"text of "_s + clientId;
    return message;
}

// The client id of each frame, or its type when it has none.
QStringList ids(const QList<QByteArray> &frames)
{
    QStringList list;
    for (const QByteArray &frame : frames) {
        const QJsonObject object = QJsonDocument::fromJson(frame).object();
        list.append(object.contains(u"clientId"_s) ? object.value(u"clientId"_s).toString()
                                                   : object.value(u"type"_s).toString());
    }
    return list;
}

} // namespace

class tst_Outbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyOutboxSendsNothing() { QVERIFY(Outbox().frames(Conversation()).isEmpty()); }

    void everythingGoesAgainInOrder()
    {
        Outbox outbox;
        outbox.addRequest(u"r1"_s, R"({"type":"leaveMessage","clientId":"r1"})");
        outbox.setStart(u"s"_s, R"({"type":"start","clientId":"s"})");
        outbox.addRequest(u"r2"_s, R"({"type":"callbackRequest","clientId":"r2"})");
        Conversation conversation = Conversation::created(u"c"_s, u"x"_s, {});
        conversation.append(written(u"m1"_s));
        conversation.append(written(u"m2"_s));
        conversation.append(written(u"m3"_s));
        conversation.messages[1].delivery = ChatMessage::Delivery::Delivered;

        const QList<QByteArray> frames = outbox.frames(conversation);
        QCOMPARE(ids(frames), QStringList({ u"s"_s, u"m1"_s, u"m3"_s, u"r1"_s, u"r2"_s }));
        const QJsonObject message = QJsonDocument::fromJson(frames.at(1)).object();
        QCOMPARE(message.value(u"type"_s).toString(), u"message"_s);
        QCOMPARE(message.value(u"text"_s).toString(), u"text of m1"_s);
    }

    void messagesWaitForTheConversation()
    {
        Outbox outbox;
        outbox.setStart(u"s"_s, R"({"type":"start","clientId":"s"})");
        Conversation starting;
        starting.append(written(u"early"_s));
        QCOMPARE(ids(outbox.frames(starting)), QStringList { u"s"_s });
        QVERIFY(!Outbox::messageGoesNow(starting, 0, true, false));

        outbox.clearStart();
        const Conversation created = Conversation::created(u"c"_s, u"x"_s, starting.messages);
        QCOMPARE(ids(outbox.frames(created)), QStringList { u"early"_s });
        QVERIFY(Outbox::messageGoesNow(created, 0, true, false));
        QVERIFY(!Outbox::messageGoesNow(created, 0, false, false)); // nothing before `welcome`
        QVERIFY(!Outbox::messageGoesNow(created, 0, true, true));   // nor past a refused one
    }

    // What the visitor writes after a file waits until the server has the file (its id), so the
    // server stores them in the order written; a file further on holds back only what follows.
    void messagesWaitBehindAnUpload()
    {
        Conversation conversation = Conversation::created(u"c"_s, u"x"_s, {});
        conversation.append(written(u"before"_s));
        ChatMessage file = written(u"file"_s);
        file.text.clear();
        file.attachment.name = u"shot.png"_s;
        file.attachment.type = u"image/png"_s;
        conversation.append(file);
        conversation.append(written(u"after"_s));
        ChatMessage second = file;
        second.clientId = u"second"_s;
        conversation.append(second);
        conversation.append(written(u"last"_s));

        QCOMPARE(ids(Outbox().frames(conversation)), QStringList { u"before"_s });
        QVERIFY(Outbox::messageGoesNow(conversation, 1, true, false));
        QVERIFY(!Outbox::messageGoesNow(conversation, 2, true, false));

        conversation.messages[1].attachment.id = u"a1"_s; // uploaded
        QVERIFY(Outbox::messageGoesNow(conversation, 1, true, false));
        QCOMPARE(
            ids(Outbox::messageFrames(conversation, 1)), QStringList({ u"file"_s, u"after"_s }));
        QCOMPARE(QJsonDocument::fromJson(Outbox::messageFrames(conversation, 1).constFirst())
                     .object()
                     .value(u"attachment"_s)
                     .toString(),
            u"a1"_s);
        QVERIFY(!Outbox::messageGoesNow(conversation, 4, true, false));

        conversation.messages[3].delivery = ChatMessage::Delivery::Failed; // its upload failed
        QVERIFY(Outbox::messageGoesNow(conversation, 3, true, false));
        QCOMPARE(ids(Outbox::messageFrames(conversation, 3)), QStringList { u"last"_s });
        QCOMPARE(ids(Outbox().frames(conversation)),
            QStringList({ u"before"_s, u"file"_s, u"after"_s, u"last"_s }));
    }

    void answeredItemsLeave()
    {
        Outbox outbox;
        outbox.setStart(u"s"_s, "start");
        QVERIFY(outbox.isStart(u"s"_s));
        QVERIFY(!outbox.isStart(QString()));
        outbox.addRequest(u"r"_s, "request");
        QCOMPARE(outbox.requestCount(), 1);
        QVERIFY(outbox.removeRequest(u"r"_s));
        QVERIFY(!outbox.removeRequest(u"r"_s)); // a repeated `received`
        outbox.clearStart();
        QVERIFY(!outbox.isStart(u"s"_s));
        QVERIFY(outbox.frames(Conversation()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Outbox)
#include "tst_outbox.moc"
