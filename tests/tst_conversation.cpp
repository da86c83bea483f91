// The conversation value on its own: events in, the list of messages out, with no socket.
#include "conversation_p.h"

#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatMessage;
using OWidget::Conversation;
using OWidget::StoredSession;
namespace Protocol = OWidget::Protocol;

namespace {

Protocol::MessageEvent operatorSays(qint64 seq, const QString &text)
{
    Protocol::MessageEvent event;
    event.seq = seq;
    event.from = Protocol::Sender::Operator;
    event.name = u"Alice"_s;
    event.text = text;
    event.time = QDateTime::currentDateTimeUtc();
    return event;
}

ChatMessage written(const QString &clientId, const QString &text)
{
    ChatMessage message;
    message.sender = ChatMessage::Sender::Visitor;
    message.clientId = clientId;
    message.text = text;
    return message;
}

QStringList texts(const Conversation &conversation)
{
    QStringList list;
    for (const ChatMessage &message : conversation.messages)
        list.append(message.text);
    return list;
}

} // namespace

class tst_Conversation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void nothingCountsBeforeTheServerCreatedIt()
    {
        Conversation conversation;
        QVERIFY(!conversation.accept(1));
        QCOMPARE(
            conversation.receive(operatorSays(1, u"hi"_s)).kind, Conversation::Change::Dropped);
        QVERIFY(conversation.messages.isEmpty());
    }

    void createdKeepsWhatWasWrittenMeanwhile()
    {
        Conversation starting;
        starting.append(written(u"a"_s, u"early"_s));
        const Conversation conversation
            = Conversation::created(u"c1"_s, u"s1"_s, starting.messages);
        QCOMPARE(conversation.session->conversation, u"c1"_s);
        QCOMPARE(conversation.session->secret, u"s1"_s);
        QCOMPARE(texts(conversation), QStringList { u"early"_s });
        QCOMPARE(conversation.pending().size(), 1);
        QCOMPARE(conversation.sequence.contiguous(), 0);
    }

    void numberedMessagesGoBeforeThoseStillSending()
    {
        Conversation conversation = Conversation::created(u"c"_s, u"s"_s, {});
        QCOMPARE(conversation.receive(operatorSays(1, u"one"_s)).row, 0);
        conversation.append(written(u"a"_s, u"mine"_s));
        const Conversation::Change change = conversation.receive(operatorSays(2, u"two"_s));
        QCOMPARE(change.kind, Conversation::Change::Added);
        QCOMPARE(change.row, 1);
        QCOMPARE(texts(conversation), QStringList({ u"one"_s, u"two"_s, u"mine"_s }));
        QCOMPARE(conversation.pendingTailStart(), 2);

        QVERIFY(conversation.deliver(u"a"_s, 3, QDateTime::currentDateTimeUtc()));
        QVERIFY(!conversation.deliver(u"a"_s, 3, QDateTime::currentDateTimeUtc())); // once
        QCOMPARE(conversation.messages.at(2).seq, 3);
        QVERIFY(conversation.pending().isEmpty());
        QCOMPARE(conversation.session->lastSeq, 3);
    }

    void repeatedEventsAreDropped()
    {
        Conversation conversation = Conversation::created(u"c"_s, u"s"_s, {});
        QCOMPARE(conversation.receive(operatorSays(1, u"one"_s)).kind, Conversation::Change::Added);
        QCOMPARE(
            conversation.receive(operatorSays(1, u"one"_s)).kind, Conversation::Change::Dropped);
        QCOMPARE(conversation.messages.size(), 1);
    }

    void ownReplayedMessageIsItsAcknowledgement()
    {
        Conversation conversation = Conversation::created(u"c"_s, u"s"_s, {});
        conversation.append(written(u"a"_s, u"mine"_s));
        Protocol::MessageEvent replay = operatorSays(4, u"mine"_s);
        replay.from = Protocol::Sender::Visitor;
        replay.clientId = u"a"_s;
        const Conversation::Change change = conversation.receive(replay);
        QCOMPARE(change.kind, Conversation::Change::Delivered);
        QCOMPARE(change.row, 0);
        QCOMPARE(conversation.messages.size(), 1);
        QCOMPARE(conversation.messages.constFirst().delivery, ChatMessage::Delivery::Delivered);
        QCOMPARE(conversation.receive(replay).kind, Conversation::Change::Dropped);
    }

    void restoredShowsTheOutboxAsSendingAndHistoryAsRead()
    {
        StoredSession stored;
        stored.conversation = u"c"_s;
        stored.lastSeq = 5;
        ChatMessage waiting = written(u"a"_s, u"unsent"_s);
        waiting.delivery = ChatMessage::Delivery::Delivered; // as a file might say
        stored.outbox = { waiting };
        const Conversation conversation = Conversation::restored(stored);
        QCOMPARE(conversation.knownSeq, 5);
        QVERIFY(conversation.isHistory(5));
        QVERIFY(!conversation.isHistory(6));
        QCOMPARE(conversation.messages.constFirst().delivery, ChatMessage::Delivery::Sending);
        QCOMPARE(conversation.sequence.contiguous(), 0); // resumed from 0: the history comes back

        QVERIFY(!Conversation::restored(std::nullopt).session);
    }

    void oneAssignmentStartsOver()
    {
        Conversation conversation = Conversation::created(u"c"_s, u"s"_s, {});
        conversation.knownSeq = 3;
        conversation.receive(operatorSays(1, u"one"_s));
        conversation.append(written(u"a"_s, u"mine"_s));
        conversation = {};
        QVERIFY(!conversation.session);
        QCOMPARE(conversation.knownSeq, 0);
        QVERIFY(conversation.messages.isEmpty());
        QVERIFY(!conversation.sequence.hasSeen(1));
    }
};

QTEST_GUILESS_MAIN(tst_Conversation)
#include "tst_conversation.moc"
