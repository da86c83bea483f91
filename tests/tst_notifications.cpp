// Notifications of operator messages while the chat is out of sight: the real owidget-server, an
// operator, and a stand-in for the desktop's notification service on a real session bus (ctest
// runs the test under dbus-run-session).
#include "filledform.h"
#include "notifier_p.h"
#include "serverprocess.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>
#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#if OWIDGET_TEST_MULTIMEDIA
#include <QSoundEffect>
#endif

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ButtonStatus;
using OWidget::ChatState;
using OWidget::ChatWidget;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidget::Notifier;
using OWidgetTest::filledForm;

namespace {

const auto serviceName = u"org.freedesktop.Notifications"_s;
const auto servicePath = u"/org/freedesktop/Notifications"_s;

} // namespace

/// The desktop's notification service as the specification describes it, on a connection of its
/// own: it records every call, replaces a notification it still shows when asked to, and can
/// invoke a notification's default action as a click on it would.
class FakeNotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Call
    {
        QString appName;
        uint replacesId = 0;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        uint id = 0; ///< what the service answered
    };

    FakeNotificationService()
        : m_bus(QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"fake-notifications"_s))
    { }

    ~FakeNotificationService() override
    {
        m_bus.unregisterService(serviceName);
        m_bus.unregisterObject(servicePath);
        QDBusConnection::disconnectFromBus(u"fake-notifications"_s);
    }

    bool start()
    {
        return m_bus.isConnected()
            && m_bus.registerObject(servicePath, this, QDBusConnection::ExportAllSlots)
            && m_bus.registerService(serviceName);
    }

    QList<Call> calls;
    QList<uint> shown; ///< the notifications on screen now
    QList<uint> closedByClient;

    /// The person clicks notification `id`: its default action, then it goes, as servers do.
    void click(uint id)
    {
        emitSignal(u"ActionInvoked"_s, { id, u"default"_s });
        shown.removeAll(id);
        emitSignal(u"NotificationClosed"_s, { id, 2u });
    }

public Q_SLOTS:
    QStringList GetCapabilities() { return { u"actions"_s, u"body"_s, u"body-markup"_s }; }

    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
        const QString &summary, const QString &body, const QStringList &actions,
        const QVariantMap &hints, int expireTimeout)
    {
        Q_UNUSED(appIcon);
        Q_UNUSED(expireTimeout);
        uint id = replacesId;
        if (!shown.contains(replacesId)) {
            id = ++m_lastId;
            shown.append(id);
        }
        calls.append({ appName, replacesId, summary, body, actions, hints, id });
        return id;
    }

    void CloseNotification(uint id)
    {
        closedByClient.append(id);
        if (shown.removeAll(id) > 0)
            emitSignal(u"NotificationClosed"_s, { id, 3u });
    }

private:
    void emitSignal(const QString &name, const QVariantList &arguments)
    {
        QDBusMessage message
            = QDBusMessage::createSignal(servicePath, u"org.freedesktop.Notifications"_s, name);
        message.setArguments(arguments);
        m_bus.send(message);
    }

    QDBusConnection m_bus;
    uint m_lastId = 0;
};

class tst_Notifications : public QObject
{
    Q_OBJECT

private:
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Not a skip: without a session bus this test proves nothing, so it fails.
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
            "No D-Bus session bus: ctest runs this test under dbus-run-session");
    }

    void init()
    {
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
    }

    void excerpt_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("short") << u"Hello"_s << u"Hello"_s;
        QTest::newRow("lines joined") << u"Hello\n\n  there"_s << u"Hello there"_s;
        QTest::newRow("exactly 80") << QString(80, u'a') << QString(80, u'a');
        QTest::newRow("one word too long") << QString(81, u'a') << QString(79, u'a') + u"…"_s;
        QTest::newRow("at a word's end")
            << u"Your card was blocked after three wrong PINs; I have unblocked it now, please "
               "try again in a minute"_s
            << u"Your card was blocked after three wrong PINs; I have unblocked it now, please…"_s;
        QTest::newRow("never half an emoji")
            << QString(78, u'a') + u"😀😀"_s << QString(78, u'a') + u"…"_s;
    }

    void excerpt()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString result = Notifier::excerpt(text);
        QCOMPARE(result, expected);
        QVERIFY(result.size() <= 80);
    }

    void wanted_data()
    {
        QTest::addColumn<bool>("windowVisible");
        QTest::addColumn<bool>("applicationActive");
        QTest::addColumn<bool>("wanted");
        QTest::newRow("window hidden, application active") << false << true << true;
        QTest::newRow("window hidden, application inactive") << false << false << true;
        QTest::newRow("window visible, application inactive") << true << false << true;
        QTest::newRow("window visible, application active") << true << true << false;
    }

    void wanted()
    {
        QFETCH(bool, windowVisible);
        QFETCH(bool, applicationActive);
        QFETCH(bool, wanted);
        QCOMPARE(Notifier::isWanted(windowVisible, applicationActive), wanted);
    }

    // The sound is in the library and Qt Multimedia reads it (it plays it where there is an
    // audio output; here, with none, the notifier beeps instead).
    void soundIsBuiltIn()
    {
        QFile wav(u":/owidget/sounds/message.wav"_s);
        QVERIFY(wav.open(QIODevice::ReadOnly));
        const QByteArray header = wav.read(12);
        QVERIFY(header.startsWith("RIFF") && header.endsWith("WAVE"));
#if OWIDGET_TEST_MULTIMEDIA
        QSoundEffect effect;
        effect.setSource(QUrl(u"qrc:/owidget/sounds/message.wav"_s));
        QTRY_COMPARE(effect.status(), QSoundEffect::Ready);
#endif
    }

    // No notification service on the bus and no system tray: nothing shows, and nothing is said.
    void noServiceNoNoise()
    {
        QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(serviceName));
        QTest::failOnWarning(QRegularExpression(u".*"_s));
        Notifier notifier;
        notifier.setPopupEnabled(true);
        notifier.notify(u"Alice"_s, u"Hello"_s);
        QCOMPARE(notifier.channel(), Notifier::Channel::Freedesktop);
        QTRY_COMPARE(notifier.channel(), Notifier::Channel::None);
        notifier.notify(u"Alice"_s, u"Hello again"_s);
        QCOMPARE(notifier.channel(), Notifier::Channel::None);
    }

    void operatorMessages()
    {
        FakeNotificationService service;
        QVERIFY(service.start());
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);

        QWidget host;
        host.resize(400, 300);
        auto *chat = new ChatWidget(&host);
        QCOMPARE(chat->systemNotifications(), false); // off by default
        QCOMPARE(chat->notificationSound(), false);
        QSignalSpy systemChanged(chat, &ChatWidget::systemNotificationsChanged);
        QSignalSpy soundChanged(chat, &ChatWidget::notificationSoundChanged);
        chat->setSystemNotifications(true);
        chat->setNotificationSound(true);
        QCOMPARE(systemChanged.size(), 1);
        QCOMPARE(soundChanged.size(), 1);
        auto *notifier = chat->findChild<Notifier *>();
        QVERIFY(notifier);
        QSignalSpy sounds(notifier, &Notifier::soundPlayed);

        Controller *controller = chat->controller();
        chat->setServerUrl(server.url());
        chat->setCompanyId(ServerProcess::demoCompany());
        chat->move(300, 240);
        host.show();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QTRY_COMPARE(controller->status(), ButtonStatus::Online);

        // The visitor opens the chat with its button and starts a conversation, which Alice takes.
        QTest::mouseClick(chat->chatButton(), Qt::LeftButton);
        QTRY_VERIFY(chat->chatWindow()->isVisible());
        QVERIFY(controller->startChat(filledForm(*controller)));
        QTRY_VERIFY(!alice.firstQueued().isEmpty());
        const QString conversation = alice.firstQueued();
        alice.accept(conversation);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        QVERIFY(QTest::qWaitForWindowActive(chat->chatWindow()));
        QTRY_COMPARE(QGuiApplication::applicationState(), Qt::ApplicationActive);

        // In sight: nothing. What came next proves it, the bus keeping one sender's order.
        alice.say(conversation, u"Hello, I am looking at your account."_s);
        QTRY_COMPARE(controller->messages().size(), 1);
        QTest::keyClick(chat->chatWindow(), Qt::Key_Escape);
        QTRY_VERIFY(!chat->chatWindow()->isVisible());
        const QString longText = u"Your card was blocked after three wrong PINs; I have "
                                 "unblocked it now, please try again in a minute"_s;
        alice.say(conversation, longText);
        QTRY_COMPARE(service.calls.size(), 1);
        FakeNotificationService::Call call = service.calls.constFirst();
        QCOMPARE(call.summary, u"Alice"_s);
        QCOMPARE(call.body, Notifier::excerpt(longText));
        QVERIFY(call.body.startsWith(u"Your card was blocked"_s));
        QVERIFY(call.body.endsWith(u"…"_s));
        QCOMPARE(call.replacesId, 0u);
        QCOMPARE(call.actions.value(0), u"default"_s);
        QCOMPARE(call.hints.value(u"category"_s).toString(), u"im.received"_s);
        QCOMPARE(controller->unreadCount(), 1); // the badge counts it too
        QCOMPARE(sounds.size(), 1);

        // A click on it opens the chat, which clears the badge.
        service.click(call.id);
        QTRY_VERIFY(chat->chatWindow()->isVisible());
        QVERIFY(controller->isChatWindowOpen());
        QCOMPARE(controller->unreadCount(), 0);

        // Switched off: nothing, though the badge still counts.
        chat->setSystemNotifications(false);
        QCOMPARE(systemChanged.size(), 2);
        QTest::keyClick(chat->chatWindow(), Qt::Key_Escape);
        QTRY_VERIFY(!chat->chatWindow()->isVisible());
        alice.say(conversation, u"Nobody is told of this one."_s);
        QTRY_COMPARE(controller->unreadCount(), 1);
        chat->setSystemNotifications(true);
        alice.say(conversation, u"But of this one."_s);
        QTRY_COMPARE(service.calls.size(), 2);
        call = service.calls.constLast();
        QCOMPARE(call.body, u"But of this one."_s);
        QCOMPARE(call.replacesId, 0u); // the first one went with the click
        QCOMPARE(controller->unreadCount(), 2);

        // A burst replaces the notification shown: one on screen, saying the latest.
        const uint shownId = call.id;
        alice.say(conversation, u"One more thing:"_s);
        alice.say(conversation, u"your new card is on its way."_s);
        alice.say(conversation, u"It <b>arrives</b> on Monday."_s);
        QTRY_COMPARE(service.calls.constLast().body, u"It &lt;b&gt;arrives&lt;/b&gt; on Monday."_s);
        for (qsizetype i = 2; i < service.calls.size(); ++i)
            QCOMPARE(service.calls.at(i).replacesId, shownId);
        QCOMPARE(service.shown, QList<uint> { shownId });
        QTRY_COMPARE(controller->unreadCount(), 5);

        // Opening the chat takes the notification away.
        QTest::mouseClick(chat->chatButton(), Qt::LeftButton);
        QTRY_VERIFY(service.shown.isEmpty());
        QVERIFY(service.closedByClient.contains(shownId));
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_MAIN(tst_Notifications)
#include "tst_notifications.moc"
