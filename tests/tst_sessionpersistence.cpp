// The session persistence on its own: the conversation value written to a file of its own,
// at once, soon, or when the program closes, and forgotten; no server, no socket.
#include "sessionpersistence_p.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidget;

namespace {

const QString Company = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;

ChatMessage written(const QString &clientId)
{
    ChatMessage message;
    message.sender = ChatMessage::Sender::Visitor;
    message.clientId = clientId;
    message.text = u"text of "_s + clientId;
    message.time = QDateTime::currentDateTimeUtc();
    return message;
}

} // namespace

class tst_SessionPersistence : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;
    QString path() const { return dir.filePath(u"sessions.json"_s); }
    std::optional<StoredSession> stored() const
    {
        return SessionStore(path()).load(Company, u"support"_s, u"scope"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // No system keychain here: the secret stays in the file, and nothing is asked of a bus.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "disabled:");
        QVERIFY(dir.isValid());
    }

    void init() { QFile::remove(path()); }

    void createdIsWrittenAtOnceWithItsSecret()
    {
        Conversation conversation = Conversation::created(u"c1"_s, u"s1"_s, { written(u"a"_s) });
        SessionPersistence persistence(&conversation, SessionStore(path()));
        persistence.setKey(Company, u"support"_s, u"scope"_s);
        persistence.saveCreated();
        const auto session = stored();
        QVERIFY(session);
        QCOMPARE(session->conversation, u"c1"_s);
        QCOMPARE(session->secret, u"s1"_s);
        QCOMPARE(session->outbox.size(), 1);
        QCOMPARE(session->outbox.constFirst().clientId, u"a"_s);
    }

    void manyChangesAreWrittenOnceSoon()
    {
        Conversation conversation = Conversation::created(u"c1"_s, u"s1"_s, {});
        SessionPersistence persistence(&conversation, SessionStore(path()));
        persistence.setKey(Company, u"support"_s, u"scope"_s);
        persistence.save();
        conversation.accept(1);
        persistence.saveSoon();
        conversation.accept(2);
        persistence.saveSoon();
        QCOMPARE(stored()->lastSeq, 0); // not yet
        QTRY_COMPARE(stored()->lastSeq, 2);
    }

    void whatIsDueIsWrittenWhenTheProgramCloses()
    {
        Conversation conversation = Conversation::created(u"c1"_s, u"s1"_s, {});
        {
            SessionPersistence persistence(&conversation, SessionStore(path()));
            persistence.setKey(Company, u"support"_s, u"scope"_s);
            persistence.save();
            conversation.append(written(u"a"_s));
            persistence.saveSoon();
        }
        QCOMPARE(stored()->outbox.size(), 1);
    }

    void loadGivesTheStoredConversation()
    {
        Conversation first = Conversation::created(u"c1"_s, u"s1"_s, { written(u"a"_s) });
        first.accept(3);
        {
            SessionPersistence persistence(&first, SessionStore(path()));
            persistence.setKey(Company, u"support"_s, u"scope"_s);
            persistence.save();
        }
        Conversation second;
        SessionPersistence persistence(&second, SessionStore(path()));
        persistence.setKey(Company, u"support"_s, u"other"_s);
        QVERIFY(!persistence.load()); // another scope
        persistence.setKey(Company, u"support"_s, u"scope"_s);
        second = Conversation::restored(persistence.load());
        QVERIFY(!persistence.isSecretPending());
        QCOMPARE(second.session->secret, u"s1"_s);
        QCOMPARE(second.knownSeq, 3);
        QCOMPARE(second.messages.size(), 1);
    }

    void forgetRemovesItAndAPendingWrite()
    {
        Conversation conversation = Conversation::created(u"c1"_s, u"s1"_s, {});
        SessionPersistence persistence(&conversation, SessionStore(path()));
        persistence.setKey(Company, u"support"_s, u"scope"_s);
        persistence.save();
        persistence.saveSoon();
        persistence.forget();
        QVERIFY(!conversation.session);
        QVERIFY(!stored());
        persistence.flush();
        QVERIFY(!stored()); // the write that was due went with it
    }

    void aFileThatCannotBeWrittenIsReported()
    {
        // A directory that is a file.
        QFile blocker(dir.filePath(u"blocker"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        Conversation conversation = Conversation::created(u"c1"_s, u"s1"_s, {});
        SessionPersistence persistence(
            &conversation, SessionStore(dir.filePath(u"blocker/sessions.json"_s)));
        QSignalSpy failed(&persistence, &SessionPersistence::failed);
        persistence.setKey(Company, u"support"_s, u"scope"_s);
        persistence.save();
        QCOMPARE(failed.size(), 1);
        QVERIFY(!failed.constFirst().constFirst().toString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_SessionPersistence)
#include "tst_sessionpersistence.moc"
