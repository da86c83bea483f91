// The Core controller and an operator talking through the real owidget-server.
#include "filledform.h"
#include "serverprocess.h"

#include <owidget/controller.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::AppEvent;
using OWidget::ButtonStatus;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidgetTest::filledForm;

class tst_Integration : public QObject
{
    Q_OBJECT

private:
    static QStringList operatorTexts(const OperatorClient &op)
    {
        QStringList texts;
        for (const QJsonObject &event : op.received(u"event"_s)) {
            const QJsonObject e = event.value(u"event"_s).toObject();
            if (e.value(u"type"_s).toString() == "message"_L1)
                texts.append(e.value(u"text"_s).toString());
        }
        return texts;
    }

    static QStringList visitorTexts(const Controller &controller)
    {
        QStringList texts;
        for (const ChatMessage &message : controller.messages())
            texts.append(message.text);
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<OWidget::AppEvent>();
    }

    void init()
    {
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
    }

    void wholeConversation()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));

        Controller controller;
        QStringList events;
        controller.setAppEventCallback([&](const AppEvent &e) { events.append(e.typeName()); });
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(ServerProcess::demoCompany()));
        controller.addCustomData(u"customerNo"_s, u"12345"_s);
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        QCOMPARE(controller.status(), ButtonStatus::Offline); // nobody has logged in

        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        QTRY_COMPARE(controller.status(), ButtonStatus::Online);

        controller.openChat();
        QVERIFY(controller.startChat(filledForm(controller)));
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        QCOMPARE(controller.queuePosition(), 1);

        QTRY_VERIFY(!alice.firstQueued().isEmpty());
        const QString conversation = alice.firstQueued();
        const QJsonObject queued = alice.queue().at(0).toObject();
        QCOMPARE(queued[u"customData"_s][u"customerNo"_s].toString(), u"12345"_s);
        alice.accept(conversation);
        QTRY_COMPARE(controller.chatState(), ChatState::Active);
        QCOMPARE(controller.operatorName(), u"Alice"_s);

        controller.sendMessage(u"Dobrý den, <b>pomoc</b> prosím"_s);
        QTRY_COMPARE(operatorTexts(alice), QStringList { u"Dobrý den, <b>pomoc</b> prosím"_s });
        QTRY_COMPARE(controller.messages().constFirst().delivery, ChatMessage::Delivery::Delivered);
        alice.say(conversation, u"Jak mohu pomoci?"_s);
        QTRY_COMPARE(controller.messages().size(), 2);
        QCOMPARE(controller.messages().constLast().sender, ChatMessage::Sender::Operator);
        QCOMPARE(controller.messages().constLast().senderName, u"Alice"_s);

        alice.end(conversation);
        QTRY_COMPARE(controller.chatState(), ChatState::Ended);
        controller.closeChat();
        QCOMPARE(events,
            QStringList({ u"chatWindowOpen"_s, u"chatSessionCreated"_s, u"chatSessionStarted"_s,
                u"chatSessionEnded"_s, u"chatWindowClosed"_s }));
        QCOMPARE(server.stop(), 0);
    }

    void certificateErrorsAreReported()
    {
        // A server with a certificate no authority signed: the widget must not trust it.
        QTemporaryDir dir;
        const QString cert = dir.filePath(u"cert.pem"_s);
        const QString key = dir.filePath(u"key.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s,
            { u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s, key,
                u"-out"_s, cert, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s });
        QVERIFY2(openssl.waitForFinished(60000) && openssl.exitCode() == 0,
            "openssl must be installed to make the test's certificate");
        ServerProcess server;
        server.setExtraArguments({ u"--tls-cert"_s, cert, u"--tls-key"_s, key });
        QVERIFY2(server.start(), qPrintable(server.error()));
        QCOMPARE(server.url().scheme(), u"https"_s);

        Controller controller;
        controller.setServerUrl(server.url());
        QSignalSpy errors(&controller, &Controller::errorOccurred);
        QVERIFY(controller.init(ServerProcess::demoCompany()));
        controller.connectToServer();
        QTRY_VERIFY(!errors.isEmpty());
        const auto error = errors.constFirst().constFirst().value<OWidget::Error>();
        QCOMPARE(error.code, OWidget::Error::Code::NetworkError);
        QVERIFY2(error.message.contains(u"certificate"_s, Qt::CaseInsensitive),
            qPrintable(error.message));
        // It keeps trying, and keeps saying why; it never connects to the untrusted server.
        QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 10000);
        QVERIFY(controller.connectionState() != ConnectionState::Connected);
        QCOMPARE(controller.status(), ButtonStatus::Offline);
    }

    void storedStartThroughTheServer_data()
    {
        QTest::addColumn<qint64>("ageSecs");
        QTest::addColumn<bool>("sent");
        QTest::newRow("an hour old") << qint64(3600) << true;
        QTest::newRow("two days old") << qint64(2 * 24 * 3600) << false;
    }

    // A start a host program stored and never saw answered, as it waits in the session file:
    // the real server makes the conversation from a recent one; an old one is not sent, the
    // controller opens on the form, and the operators' queue holds only the new start.
    void storedStartThroughTheServer()
    {
        QFETCH(qint64, ageSecs);
        QFETCH(bool, sent);
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);

        QJsonObject fields;
        {
            Controller first;
            first.setServerUrl(server.url());
            QVERIFY(first.init(ServerProcess::demoCompany()));
            first.connectToServer();
            QTRY_VERIFY(first.hasConfig());
            for (const OWidget::FormField &field : first.config().fields) {
                fields.insert(field.name,
                    field.type == OWidget::FormField::Type::Phone
                        ? u"+420 777 666 555"_s
                        : filledForm(first).value(field.name).toString());
            }
        }
        const QJsonObject start { { u"type"_s, u"start"_s },
            { u"clientId"_s, u"7d0f4f0e-2b9e-4a57-8f5e-3c1b9a4e6f10"_s }, { u"fields"_s, fields },
            { u"customData"_s, QJsonObject {} },
            { u"secret"_s, u"Xk3pQ9vLm2Rt8sWz4yBn6cDf1gHj5kNq7wEr0tYu2iO"_s } };
        const QString key = QString::fromUtf8(
            QJsonDocument(QJsonArray { ServerProcess::demoCompany(), QString(), QString() })
                .toJson(QJsonDocument::Compact));
        const QJsonObject sessions { { key,
            QJsonObject {
                { u"start"_s,
                    QString::fromUtf8(QJsonDocument(start).toJson(QJsonDocument::Compact)) },
                { u"startSavedAt"_s,
                    QDateTime::currentDateTimeUtc().addSecs(-ageSecs).toString(
                        Qt::ISODateWithMs) } } } };
        const QString path = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s;
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(file.write(QJsonDocument(sessions).toJson()) > 0);
        file.close();

        Controller controller;
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(ServerProcess::demoCompany()));
        QCOMPARE(controller.chatState(), sent ? ChatState::Starting : ChatState::NoChat);
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        if (sent) {
            QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        } else {
            QCOMPARE(controller.chatState(), ChatState::NoChat);
            QVERIFY(controller.startChat(filledForm(controller)));
            QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        }
        QTRY_VERIFY(!alice.firstQueued().isEmpty());
        QCOMPARE(alice.queue().size(), 1);
        const QJsonObject queued = alice.queue().at(0).toObject();
        QCOMPARE(queued[u"fields"_s][u"name"_s].toString(), u"Jana"_s);
        QCOMPARE(server.stop(), 0);
    }

    void serverRestartLosesNothingAcknowledged()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        auto alice = std::make_unique<OperatorClient>(server.url());
        QVERIFY(alice->connectAs(u"alice"_s, u"alice-demo"_s));
        alice->setAvailability(u"online"_s);

        Controller controller;
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(ServerProcess::demoCompany()));
        controller.connectToServer();
        QTRY_COMPARE(controller.status(), ButtonStatus::Online);
        QVERIFY(controller.startChat(filledForm(controller)));
        QTRY_VERIFY(!alice->firstQueued().isEmpty());
        const QString conversation = alice->firstQueued();
        alice->accept(conversation);
        QTRY_COMPARE(controller.chatState(), ChatState::Active);
        for (int i = 1; i <= 5; ++i)
            controller.sendMessage(u"before %1"_s.arg(i));
        QTRY_COMPARE(operatorTexts(*alice).size(), 5);
        QTRY_COMPARE(controller.messages().constLast().delivery, ChatMessage::Delivery::Delivered);

        QCOMPARE(server.stop(), 0);
        alice.reset();
        QTRY_VERIFY(controller.connectionState() != ConnectionState::Connected);
        controller.sendMessage(u"while down"_s);
        QVERIFY2(server.restart(), qPrintable(server.error()));

        QTRY_COMPARE_WITH_TIMEOUT(controller.connectionState(), ConnectionState::Connected, 40000);
        QTRY_COMPARE(controller.messages().constLast().delivery, ChatMessage::Delivery::Delivered);
        QCOMPARE(controller.chatState(), ChatState::Active);

        OperatorClient aliceAgain(server.url());
        QVERIFY(aliceAgain.connectAs(u"alice"_s, u"alice-demo"_s));
        const QJsonArray conversations
            = aliceAgain.received(u"snapshot"_s).constFirst()[u"conversations"_s].toArray();
        QStringList stored;
        for (const QJsonValue &c : conversations) {
            if (c[u"id"_s].toString() != conversation)
                continue;
            for (const QJsonValue &event : c[u"events"_s].toArray()) {
                if (event[u"type"_s].toString() == "message"_L1)
                    stored.append(event[u"text"_s].toString());
            }
        }
        const QStringList expected { u"before 1"_s, u"before 2"_s, u"before 3"_s, u"before 4"_s,
            u"before 5"_s, u"while down"_s };
        QCOMPARE(stored, expected);
        QCOMPARE(visitorTexts(controller), expected);
    }
};

QTEST_GUILESS_MAIN(tst_Integration)
#include "tst_integration.moc"
