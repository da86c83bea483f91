// The resume secret: in the system keychain where there is one, otherwise in the session file,
// which only the user can read. ctest runs this in a D-Bus session with an unlocked keyring
// (OWIDGET_EXPECT_KEYCHAIN=1), and where using the keychain would bother the person
// (OWIDGET_EXPECT_KEYCHAIN=0): no D-Bus at all; a session bus where the Secret Service is not
// running, though it could be started; a keyring running with no default collection. Where
// there is a bus, the test stands in for the keyring's password prompter: no prompt may come.
#include "secretkeeper_p.h"
#include "testserver.h"

#include <owidget/controller.h>

#include <QFile>
#if OWIDGET_TEST_DBUS
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusObjectPath>
#endif
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatState;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidget::SecretKeeper;

namespace {

QString sessionFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/owidget/sessions.json"_s;
}

QByteArray sessionFileContent()
{
    QFile file(sessionFile());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What the keychain holds for `conversation`: the secret, or the error.
struct KeychainEntry
{
    QString secret;
    QString error;
};

KeychainEntry readKeychain(const QString &conversation)
{
    SecretKeeper keeper;
    QSignalSpy done(&keeper, &SecretKeeper::readFinished);
    keeper.read(conversation);
    if (!done.wait(10000))
        return { {}, u"no answer"_s };
    return { done.constFirst().at(1).toString(), done.constFirst().at(2).toString() };
}

#if OWIDGET_TEST_DBUS
const QString SecretServiceName = u"org.freedesktop.secrets"_s;

bool isOnTheBus(const QString &name)
{
    return QDBusConnection::sessionBus().interface()->isServiceRegistered(name).value();
}
#endif

} // namespace

#if OWIDGET_TEST_DBUS
// Takes the place of the keyring's password prompter (gcr's, which the keyring would start):
// every call is a dialog the person would have seen.
class PromptRecorder : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.gnome.keyring.internal.Prompter")
public:
    int calls = 0;

public Q_SLOTS:
    void BeginPrompting(const QDBusObjectPath &) { ++calls; }
    void PerformPrompt(
        const QDBusObjectPath &, const QString &, const QVariantMap &, const QString &)
    {
        ++calls;
    }
    void StopPrompting(const QDBusObjectPath &) { ++calls; }
};
#endif

class tst_Keychain : public QObject
{
    Q_OBJECT

private:
    TestServer server;
#if OWIDGET_TEST_DBUS
    PromptRecorder prompter;
    bool onTheBus = false;
    bool serviceRanBefore = false;
#endif

    std::unique_ptr<Controller> connectedController()
    {
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server.url());
        if (!controller->init(TestServer::companyId(), u"support"_s))
            return nullptr;
        controller->connectToServer();
        return controller;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QFile::remove(sessionFile());
        QVERIFY(server.listen());
        QVERIFY(SecretKeeper::isBuiltWithKeychain());
        QVERIFY2(qEnvironmentVariableIsSet("OWIDGET_EXPECT_KEYCHAIN"),
            "run by ctest, which says whether this session has a keychain");
#if OWIDGET_TEST_DBUS
        const QString address = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
        onTheBus = !address.isEmpty() && !address.startsWith(u"disabled:"_s);
        if (onTheBus) {
            QDBusConnection bus = QDBusConnection::sessionBus();
            QVERIFY(bus.isConnected());
            serviceRanBefore = isOnTheBus(SecretServiceName);
            QVERIFY(bus.registerObject(
                u"/org/gnome/keyring/Prompter"_s, &prompter, QDBusConnection::ExportAllSlots));
            QVERIFY(bus.registerService(u"org.gnome.keyring.SystemPrompter"_s));
            QVERIFY(bus.registerService(u"org.gnome.keyring.PrivatePrompter"_s));
        }
#endif
    }

    void secretIsKeptAndTheConversationResumes()
    {
        // Every line the library logs, with its debug output on, to look for the secret in.
        static QStringList logged;
        static QLoggingCategory::CategoryFilter rules = nullptr;
        logged.clear();
        rules = QLoggingCategory::installFilter([](QLoggingCategory *category) {
            if (rules) // not yet while installFilter() applies this filter
                rules(category);
            if (qstrncmp(category->categoryName(), "owidget.", 8) == 0)
                category->setEnabled(QtDebugMsg, true);
        });
        const QtMessageHandler previous
            = qInstallMessageHandler([](QtMsgType, const QMessageLogContext &,
                                         const QString &message) { logged.append(message); });
        const auto restoreLogging = qScopeGuard([previous] {
            qInstallMessageHandler(previous);
            QLoggingCategory::installFilter(rules);
        });

        const bool keychain = qEnvironmentVariableIntValue("OWIDGET_EXPECT_KEYCHAIN") == 1;
        QString conversation;
        QString secret;
        {
            auto first = connectedController();
            QTRY_COMPARE(first->connectionState(), ConnectionState::Connected);
            QVERIFY(first->startChat({ { u"name"_s, u"Jana"_s } }));
            QTRY_COMPARE(first->chatState(), ChatState::Waiting);
            conversation = server.lastConversation();

            if (keychain) {
                // The secret moves to the keychain, and the file keeps only a note of that.
                QTRY_VERIFY(sessionFileContent().contains(R"("secretIn": "keychain")"));
                const KeychainEntry entry = readKeychain(conversation);
                QVERIFY2(entry.error.isEmpty(), qPrintable(entry.error));
                secret = entry.secret;
                QVERIFY(!secret.isEmpty());
                QVERIFY(!sessionFileContent().contains(secret.toUtf8()));
            } else {
                // No keychain: the secret stays in the file, which only the user can read.
                const KeychainEntry entry = readKeychain(conversation);
                QVERIFY(!entry.error.isEmpty());
                const QJsonObject sessions = QJsonDocument::fromJson(sessionFileContent()).object();
                QCOMPARE(sessions.size(), 1);
                secret = sessions.begin()->toObject().value(u"secret"_s).toString();
                QVERIFY(!secret.isEmpty());
                QCOMPARE(QFile::permissions(sessionFile()),
                    QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser);
            }
        } // the program closes

        // Opened again, it resumes with the secret from where it was kept.
        auto reopened = connectedController();
        QTRY_COMPARE(reopened->connectionState(), ConnectionState::Connected);
        QTRY_COMPARE(reopened->chatState(), ChatState::Waiting);
        const QJsonObject resume = server.lastHello().value(u"resume"_s).toObject();
        QCOMPARE(resume.value(u"conversation"_s).toString(), conversation);
        QCOMPARE(resume.value(u"secret"_s).toString(), secret);
        QVERIFY(!logged.isEmpty());
        QVERIFY(!logged.join(u'\n').contains(secret)); // nor in the URLs logged

        // When the conversation ends, its secret goes from the keychain and the file.
        server.operatorEnds(conversation);
        QTRY_COMPARE(reopened->chatState(), ChatState::Ended);
        QTRY_VERIFY(!readKeychain(conversation).error.isEmpty());
        QVERIFY(!sessionFileContent().contains(conversation.toUtf8()));
    }

    // A new chat on a desktop whose keyring is not running, or has no unlocked default
    // collection: no password dialog, and no daemon left behind.
    void nothingWasAskedOfThePerson()
    {
        const QString launched = qEnvironmentVariable("OWIDGET_AUTOLAUNCH_MARKER");
        if (!launched.isEmpty()) // no session bus: none may be launched
            QVERIFY2(!QFile::exists(launched), "a D-Bus session bus was launched");
#if OWIDGET_TEST_DBUS
        if (!onTheBus)
            return; // no bus, no prompter to ask
        QCOMPARE(prompter.calls, 0);
        if (!serviceRanBefore)
            QVERIFY2(!isOnTheBus(SecretServiceName), "the Secret Service was started");
#else
        QSKIP("built without QtDBus");
#endif
    }
};

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
