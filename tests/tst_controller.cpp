// The controller against a protocol server in this process, on 127.0.0.1.
#include "testserver.h"

#include <owidget/controller.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;
using OWidget::AppEvent;
using OWidget::ButtonStatus;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidget::Error;

class tst_Controller : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;

    std::unique_ptr<Controller> connectedController(
        const QString &scope = {}, const QString &language = {})
    {
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        if (!controller->init(TestServer::companyId(), u"support"_s, language, scope))
            return nullptr;
        controller->connectToServer();
        return controller;
    }

    static Error lastError(const QSignalSpy &spy)
    {
        return spy.isEmpty() ? Error {} : spy.constLast().constFirst().value<Error>();
    }

    // Starts a conversation and waits until the server created it.
    static bool startConversation(Controller &controller)
    {
        if (!controller.startChat({ { u"name"_s, u"Jana"_s } }))
            return false;
        return QTest::qWaitFor([&] { return controller.chatState() == ChatState::Waiting; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<OWidget::AppEvent>();
        qRegisterMetaType<OWidget::Error>();
        qRegisterMetaType<OWidget::ChatMessage>();
    }

    void init()
    {
        // Every test starts with no stored conversation and a fresh server.
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
        server = std::make_unique<TestServer>();
        QVERIFY(server->listen());
    }

    void cleanup() { server.reset(); }

    // The lastSeq of every conversation in the session file.
    static QList<qint64> storedLastSeqs()
    {
        QFile file(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QList<qint64> seqs;
        const QJsonObject sessions = QJsonDocument::fromJson(file.readAll()).object();
        for (const QJsonValue &session : sessions)
            seqs.append(session[u"lastSeq"_s].toInteger());
        return seqs;
    }

    void initRefusesBadCompanyId_data()
    {
        QTest::addColumn<QString>("companyId");
        QTest::newRow("empty") << QString();
        QTest::newRow("word") << u"acme"_s;
        QTest::newRow("short") << u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a2"_s;
        QTest::newRow("long") << u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a200"_s;
        QTest::newRow("not hex") << u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1azz"_s;
        QTest::newRow("no dashes") << u"6f1c9a4e3c1b4d0e9a572b5d8e7f1a20"_s;
        QTest::newRow("one brace") << u"{6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;
        QTest::newRow("markup") << u"<script>alert(1)</script>"_s;
    }

    void initRefusesBadCompanyId()
    {
        QFETCH(QString, companyId);
        Controller controller;
        controller.setServerUrl(server->url());
        QSignalSpy errors(&controller, &Controller::errorOccurred);

        QVERIFY(!controller.init(companyId));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(lastError(errors).code, Error::Code::InvalidCompanyId);
        QVERIFY(lastError(errors).message.contains(u"GUID"_s));

        controller.connectToServer();
        QCOMPARE(lastError(errors).code, Error::Code::NotInitialized);
        QCOMPARE(controller.connectionState(), ConnectionState::Disconnected);
        QCOMPARE(server->configRequests, 0);
    }

    void initAcceptsBracedAndUpperCaseGuids()
    {
        Controller controller;
        QVERIFY(controller.init(u"{6F1C9A4E-3C1B-4D0E-9A57-2B5D8E7F1A20}"_s));
        QCOMPARE(controller.companyId(), TestServer::companyId());
    }

    void insecureServerIsRefused()
    {
        Controller controller;
        controller.setServerUrl(QUrl(u"http://chat.example.com/"_s));
        QSignalSpy errors(&controller, &Controller::errorOccurred);
        QVERIFY(controller.init(TestServer::companyId()));
        controller.connectToServer();
        QCOMPARE(lastError(errors).code, Error::Code::InsecureUrl);
        QCOMPARE(controller.connectionState(), ConnectionState::Disconnected);
    }

    void statusIsDeliveredOnceForEachChange()
    {
        Controller controller;
        QList<ButtonStatus> fromCallback;
        controller.setStatusUpdateCallback([&](ButtonStatus code) { fromCallback.append(code); });
        QSignalSpy signalled(&controller, &Controller::statusChanged);
        controller.setServerUrl(server->url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s));
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        QCOMPARE(controller.status(), ButtonStatus::Online);

        server->setStatus(2);
        server->setStatus(2);
        server->setStatus(0);
        server->setStatus(0);
        server->setStatus(1);
        QTRY_COMPARE(fromCallback.size(), 4);

        const QList<ButtonStatus> expected { ButtonStatus::Online, ButtonStatus::Busy,
            ButtonStatus::Offline, ButtonStatus::Online };
        QCOMPARE(fromCallback, expected);
        QCOMPARE(signalled.size(), 4);
        for (int i = 0; i < signalled.size(); ++i)
            QCOMPARE(signalled.at(i).constFirst().value<ButtonStatus>(), expected.at(i));
        QCOMPARE(int(ButtonStatus::Offline), 0);
        QCOMPARE(int(ButtonStatus::Online), 1);
        QCOMPARE(int(ButtonStatus::Busy), 2);
    }

    // The demo's event log showed `Connected` but no `statusUpdate: 0` when nobody was online:
    // the first status known after connectToServer() comes once, even the default offline.
    void firstStatusIsDeliveredEvenWhenItIsOffline()
    {
        server->status = 0;
        Controller controller;
        QList<ButtonStatus> fromCallback;
        controller.setStatusUpdateCallback([&](ButtonStatus code) { fromCallback.append(code); });
        QSignalSpy signalled(&controller, &Controller::statusChanged);
        controller.setServerUrl(server->url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s));
        QCOMPARE(controller.status(), ButtonStatus::Offline);
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        QTRY_COMPARE(fromCallback, QList<ButtonStatus> { ButtonStatus::Offline });
        QCOMPARE(signalled.size(), 1);
        QCOMPARE(signalled.constFirst().constFirst().value<ButtonStatus>(), ButtonStatus::Offline);

        // Once: the same status again is no news, and a lost link that comes back is no start.
        server->setStatus(0);
        server->dropConnections();
        QTRY_COMPARE(server->hellos(), 2);
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        server->setStatus(2);
        QTRY_COMPARE(controller.status(), ButtonStatus::Busy);
        QCOMPARE(fromCallback, QList<ButtonStatus>({ ButtonStatus::Offline, ButtonStatus::Busy }));

        // init() again and connectToServer(): the first status comes once again.
        server->status = 0;
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s));
        QCOMPARE(fromCallback.constLast(), ButtonStatus::Offline); // disconnected: offline
        const qsizetype before = fromCallback.size();
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        QTRY_COMPARE(fromCallback.size(), before + 1);
        QCOMPARE(fromCallback.constLast(), ButtonStatus::Offline);
        QCOMPARE(signalled.size(), fromCallback.size());
    }

    void configIsRevalidatedWithETag()
    {
        auto controller = connectedController();
        QSignalSpy loaded(controller.get(), &Controller::configLoaded);
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(server->configRequests, 1);
        QCOMPARE(controller->config().phoneRegion, u"CZ"_s);

        controller->disconnectFromServer();
        controller->connectToServer();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(server->configRequests, 2);
        QCOMPARE(server->notModifiedResponses, 1);
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(controller->config().phoneRegion, u"CZ"_s);
    }

    void unknownCompanyFailsWithoutRetrying()
    {
        Controller controller;
        controller.setServerUrl(server->url());
        QSignalSpy errors(&controller, &Controller::errorOccurred);
        QSignalSpy retries(&controller, &Controller::reconnectScheduled);
        QVERIFY(controller.init(u"00000000-0000-4000-8000-000000000001"_s));
        controller.connectToServer();
        QTRY_COMPARE(errors.size(), 1);
        QCOMPARE(lastError(errors).code, Error::Code::UnknownCompany);
        QVERIFY(!lastError(errors).isRetryable());
        QCOMPARE(controller.connectionState(), ConnectionState::Disconnected);
        QCOMPARE(controller.status(), ButtonStatus::Offline);
        QCOMPARE(retries.size(), 0);
        QCOMPARE(server->configRequests, 1);
    }

    void malformedConfigIsReported()
    {
        server->config.insert(u"heartbeatSeconds"_s, u"often"_s);
        auto controller = connectedController();
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QTRY_COMPARE(errors.size(), 1);
        QCOMPARE(lastError(errors).code, Error::Code::MalformedData);
        QVERIFY2(lastError(errors).message.contains(u"heartbeatSeconds"_s),
            qPrintable(lastError(errors).message));
        QCOMPARE(controller->connectionState(), ConnectionState::Disconnected);
    }

    void languageIsResolvedAndSent_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("appLocale");
        QTest::addColumn<QString>("expected");
        QTest::newRow("init's parameter") << u"cs"_s << u"en_US"_s << u"cs"_s;
        QTest::newRow("parameter with region") << u"cs-CZ"_s << u"en_US"_s << u"cs"_s;
        QTest::newRow("application's locale") << QString() << u"cs_CZ"_s << u"cs"_s;
        QTest::newRow("not offered: default") << u"de"_s << u"de_DE"_s << u"en"_s;
    }

    void languageIsResolvedAndSent()
    {
        QFETCH(QString, requested);
        QFETCH(QString, appLocale);
        QFETCH(QString, expected);
        const QLocale previous;
        QLocale::setDefault(QLocale(appLocale));
        auto controller = connectedController({}, requested);
        QVERIFY(controller);
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QLocale::setDefault(previous);
        QCOMPARE(controller->language(), expected);
        QCOMPARE(server->lastHello().value(u"language"_s).toString(), expected);
    }

    void wholeConversationEmitsTheSeedEvents()
    {
        Controller controller;
        QStringList fromCallback;
        controller.setAppEventCallback(
            [&](const AppEvent &event) { fromCallback.append(event.typeName()); });
        QSignalSpy events(&controller, &Controller::appEvent);
        controller.setServerUrl(server->url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s));
        controller.addCustomData(u"customerNo"_s, u"12345"_s);
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);

        controller.openChat();
        QVERIFY(controller.isChatWindowOpen());
        QVERIFY(
            controller.startChat({ { u"name"_s, u"Jana"_s }, { u"phone"_s, u"777 666 555"_s } }));
        QCOMPARE(controller.chatState(), ChatState::Starting);
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        QCOMPARE(events.constLast().constFirst().value<AppEvent>().queuePosition, 1);

        const QJsonObject start = server->received.at(1);
        QCOMPARE(start.value(u"type"_s).toString(), u"start"_s);
        QCOMPARE(start.value(u"fields"_s)[u"phone"_s].toString(), u"+420 777 666 555"_s);
        QCOMPARE(start.value(u"customData"_s)[u"customerNo"_s].toString(), u"12345"_s);

        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"Alice"_s);
        QTRY_COMPARE(controller.chatState(), ChatState::Active);
        QCOMPARE(controller.operatorName(), u"Alice"_s);
        QCOMPARE(events.constLast().constFirst().value<AppEvent>().operatorName, u"Alice"_s);

        QSignalSpy delivered(&controller, &Controller::messageDelivered);
        const QString clientId = controller.sendMessage(u"Hello"_s);
        QVERIFY(!clientId.isEmpty());
        QCOMPARE(controller.messages().constLast().delivery, ChatMessage::Delivery::Sending);
        QTRY_COMPARE(delivered.size(), 1);
        QCOMPARE(controller.messages().constLast().delivery, ChatMessage::Delivery::Delivered);
        QCOMPARE(controller.messages().constLast().seq, 2);

        server->operatorTypes(conversation, true);
        QTRY_VERIFY(controller.isOperatorTyping());
        server->operatorSays(conversation, u"<b>Hi</b> there"_s);
        QTRY_COMPARE(controller.messages().size(), 2);
        QCOMPARE(controller.messages().constLast().text, u"<b>Hi</b> there"_s);
        QCOMPARE(controller.messages().constLast().sender, ChatMessage::Sender::Operator);
        QVERIFY(!controller.isOperatorTyping());

        controller.endChat();
        QTRY_COMPARE(controller.chatState(), ChatState::Ended);
        controller.closeChat();

        const QStringList expected { u"chatWindowOpen"_s, u"chatSessionCreated"_s,
            u"chatSessionStarted"_s, u"chatSessionEnded"_s, u"chatWindowClosed"_s };
        QCOMPARE(fromCallback, expected);
        QCOMPARE(events.size(), expected.size());
        for (int i = 0; i < events.size(); ++i)
            QCOMPARE(events.at(i).constFirst().value<AppEvent>().typeName(), expected.at(i));
    }

    void unreadCountsTheOperatorsMessagesWhileClosed()
    {
        QString conversation;
        {
            auto controller = connectedController(u"unread"_s);
            QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
            QVERIFY(startConversation(*controller));
            conversation = server->lastConversation();
            server->operatorJoins(conversation, u"Alice"_s);
            QSignalSpy unread(controller.get(), &Controller::unreadCountChanged);
            server->operatorSays(conversation, u"one"_s);
            server->operatorSays(conversation, u"two"_s);
            QTRY_COMPARE(controller->unreadCount(), 2);
            QCOMPARE(unread.size(), 2);
            controller->sendMessage(u"mine"_s); // the visitor's own never count
            controller->openChat();
            QCOMPARE(controller->unreadCount(), 0);
            QCOMPARE(unread.constLast().constFirst().toInt(), 0);
            server->operatorSays(conversation, u"read at once"_s);
            QTRY_COMPARE(controller->messages().size(), 4);
            QCOMPARE(controller->unreadCount(), 0);
            controller->closeChat();
            server->operatorSays(conversation, u"three"_s);
            QTRY_COMPARE(controller->unreadCount(), 1);
        } // the program closes

        auto again = connectedController(u"unread"_s);
        QTRY_COMPARE(again->messages().size(), 5); // history, read before
        QCOMPARE(again->unreadCount(), 0);
        server->operatorSays(conversation, u"new"_s);
        QTRY_COMPARE(again->unreadCount(), 1);
    }

    void startChatChecksTheForm()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);

        QVERIFY(!controller->startChat({}));
        QVERIFY(lastError(errors).message.contains(u"Name"_s));
        QVERIFY(!controller->startChat({ { u"name"_s, u"Jana"_s }, { u"phone"_s, u"12"_s } }));
        QVERIFY(lastError(errors).message.contains(u"phone"_s));
        QCOMPARE(controller->chatState(), ChatState::NoChat);
        QCOMPARE(server->received.size(), 1); // the hello only
    }

    void reconnectsAfterTheServerDropsTheLink()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QSignalSpy retries(controller.get(), &Controller::reconnectScheduled);
        QSignalSpy statuses(controller.get(), &Controller::statusChanged);

        server->dropConnections();
        QTRY_COMPARE(retries.size(), 1);
        QCOMPARE(retries.constFirst().constFirst().toInt(), 0); // the first retry goes at once
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(server->hellos(), 2);
        QCOMPARE(statuses.size(), 0); // back within the grace period: no flicker to offline
    }

    // `created` lost with the link: the start goes again with the same client id and the same
    // secret, which a server uses to find the conversation it made. This server is one from
    // before the secret: it makes its own, and the controller resumes with that one.
    void startRetriedWithTheSameSecretAfterALostCreated()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        server->holdCreated = true;
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_VERIFY(!server->lastConversation().isEmpty());
        server->holdCreated = false;
        server->dropConnections();
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);

        const auto startFrames = [this] {
            QList<QJsonObject> starts;
            for (const QJsonObject &frame : std::as_const(server->received)) {
                if (frame.value(u"type"_s).toString() == u"start"_s)
                    starts.append(frame);
            }
            return starts;
        };
        const QList<QJsonObject> starts = startFrames();
        QCOMPARE(starts.size(), 2);
        const QString secret = starts.at(0).value(u"secret"_s).toString();
        QVERIFY(QRegularExpression(u"^[A-Za-z0-9_-]{43}$"_s).match(secret).hasMatch());
        QCOMPARE(starts.at(1).value(u"secret"_s).toString(), secret);
        QCOMPARE(starts.at(1).value(u"clientId"_s), starts.at(0).value(u"clientId"_s));

        // The server's own secret is the one the conversation resumes with.
        server->dropConnections();
        QTRY_COMPARE(server->hellos(), 3);
        const QString resumedWith = server->lastHello()[u"resume"_s][u"secret"_s].toString();
        QVERIFY(!resumedWith.isEmpty());
        QVERIFY(resumedWith != secret);
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(controller->chatState(), ChatState::Waiting);

        // The next conversation has a secret of its own.
        controller->endChat();
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QVERIFY(startConversation(*controller));
        const QString next = startFrames().constLast().value(u"secret"_s).toString();
        QVERIFY(!next.isEmpty());
        QVERIFY(next != secret);
    }

    // The host program closes after its start was sent and before `created` came: the next
    // run sends the same start again, and the server's answer to it opens the conversation.
    void pendingStartSurvivesTheProgramClosing()
    {
        QJsonObject sent;
        {
            auto first = connectedController();
            QTRY_COMPARE(first->connectionState(), ConnectionState::Connected);
            server->holdCreated = true;
            QVERIFY(first->startChat({ { u"name"_s, u"Jana"_s } }));
            QTRY_VERIFY(!server->lastConversation().isEmpty());
            sent = server->received.constLast();
        }
        server->holdCreated = false;
        const int before = int(server->received.size());

        auto second = connectedController();
        QCOMPARE(second->chatState(), ChatState::Starting);
        QTRY_COMPARE(second->chatState(), ChatState::Waiting);
        QList<QJsonObject> starts;
        for (qsizetype i = before; i < server->received.size(); ++i) {
            if (server->received.at(i).value(u"type"_s).toString() == u"start"_s)
                starts.append(server->received.at(i));
        }
        QCOMPARE(starts.size(), 1);
        QCOMPARE(starts.constFirst(), sent);
        QVERIFY(!sent.value(u"secret"_s).toString().isEmpty());

        // Once created, the conversation is what is stored: a third run resumes it.
        second.reset();
        auto third = connectedController();
        QCOMPARE(third->chatState(), ChatState::NoChat);
        QTRY_COMPARE(third->chatState(), ChatState::Waiting);
        QCOMPARE(server->lastHello()[u"resume"_s][u"conversation"_s].toString(),
            server->lastConversation());
    }

    static QString sessionFilePath()
    {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s;
    }

    static QJsonObject storedSessions()
    {
        QFile file(sessionFilePath());
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    // Replaces the one entry of the session file with `entry`, as a program of another version,
    // another day or a damaged disk left it.
    static bool replaceStoredEntry(const QJsonObject &entry)
    {
        QJsonObject sessions = storedSessions();
        if (sessions.size() != 1)
            return false;
        sessions.insert(sessions.keys().constFirst(), entry);
        QFile file(sessionFilePath());
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            && file.write(QJsonDocument(sessions).toJson()) > 0;
    }

    // A host program that sent its start and closed before `created`: the start stays in the
    // session file. The start frame as the server received it, or empty.
    QJsonObject leaveStartUnanswered()
    {
        auto first = connectedController();
        if (!QTest::qWaitFor(
                [&] { return first->connectionState() == ConnectionState::Connected; }))
            return {};
        server->holdCreated = true;
        if (!first->startChat({ { u"name"_s, u"Jana"_s } })
            || !QTest::qWaitFor([&] { return !server->lastConversation().isEmpty(); }))
            return {};
        first.reset();
        server->holdCreated = false;
        return server->received.constLast();
    }

    QList<QJsonObject> startsSince(qsizetype from) const
    {
        QList<QJsonObject> starts;
        for (qsizetype i = from; i < server->received.size(); ++i) {
            if (server->received.at(i).value(u"type"_s).toString() == u"start"_s)
                starts.append(server->received.at(i));
        }
        return starts;
    }

    // After a new start from the form, exactly that start went since `from`: a start dropped
    // from the session file did not go with it.
    void checkOnlyANewStartGoes(Controller &controller, const QJsonObject &dropped, qsizetype from)
    {
        QVERIFY(controller.startChat({ { u"name"_s, u"Petr"_s } }));
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        const QList<QJsonObject> starts = startsSince(from);
        QCOMPARE(starts.size(), 1);
        QCOMPARE(starts.constFirst()[u"fields"_s][u"name"_s].toString(), u"Petr"_s);
        QVERIFY(starts.constFirst()[u"clientId"_s] != dropped[u"clientId"_s]);
        QVERIFY(starts.constFirst()[u"secret"_s] != dropped[u"secret"_s]);
        QVERIFY(controller.unsentStartFields().isEmpty());
    }

    void storedStartByAge_data()
    {
        QTest::addColumn<bool>("hasTime");
        QTest::addColumn<qint64>("ageSecs");
        QTest::addColumn<bool>("sent");

        QTest::newRow("a minute old") << true << qint64(60) << true;
        QTest::newRow("23 hours old") << true << qint64(23 * 3600) << true;
        QTest::newRow("25 hours old") << true << qint64(25 * 3600) << false;
        QTest::newRow("three weeks old") << true << qint64(21 * 24 * 3600) << false;
        QTest::newRow("from the future") << true << qint64(-3600) << false;
        QTest::newRow("no time, as earlier versions wrote") << false << qint64(0) << false;
    }

    // The host program is opened again some time after it closed before `created`: a start
    // stored recently goes again as it was (same client id and secret); an older one, or one of
    // unknown age, would bring the visitor's old form to an operator as a new request, so it is
    // dropped, the form shows, and a new start goes alone.
    void storedStartByAge()
    {
        QFETCH(bool, hasTime);
        QFETCH(qint64, ageSecs);
        QFETCH(bool, sent);

        const QJsonObject start = leaveStartUnanswered();
        QVERIFY(!start.isEmpty());
        QJsonObject entry = storedSessions().begin()->toObject();
        QVERIFY(entry.contains(u"startSavedAt"_s));
        entry.remove(u"startSavedAt"_s);
        if (hasTime) {
            entry.insert(u"startSavedAt"_s,
                QDateTime::currentDateTimeUtc().addSecs(-ageSecs).toString(Qt::ISODateWithMs));
        }
        QVERIFY(replaceStoredEntry(entry));
        const qsizetype before = server->received.size();

        auto second = connectedController();
        QCOMPARE(second->chatState(), sent ? ChatState::Starting : ChatState::NoChat);
        QTRY_COMPARE(second->connectionState(), ConnectionState::Connected);
        if (sent) {
            QTRY_COMPARE(second->chatState(), ChatState::Waiting);
            const QList<QJsonObject> starts = startsSince(before);
            QCOMPARE(starts.size(), 1);
            QCOMPARE(starts.constFirst(), start);
            return;
        }
        QCOMPARE(second->chatState(), ChatState::NoChat);
        QVERIFY(storedSessions().isEmpty());
        // What the visitor wrote in the form is theirs: it is there for the form to show.
        QCOMPARE(second->unsentStartFields(), (QVariantMap { { u"name"_s, u"Jana"_s } }));
        checkOnlyANewStartGoes(*second, start, before);
    }

    void unreadableStoredStart_data()
    {
        QTest::addColumn<QJsonObject>("entry");
        QTest::addColumn<QString>("warning");

        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        QTest::newRow("frame a number") << QJsonObject { { u"start"_s, 42 },
            { u"startSavedAt"_s, now } } << u"stored start.*not a non-empty string"_s;
        QTest::newRow("frame cut short") << QJsonObject {
            { u"start"_s, u"{\"type\":\"start\",\"clientId\""_s }, { u"startSavedAt"_s, now }
        } << u"stored start, which is not a start frame"_s;
        QTest::newRow("frame of a message") << QJsonObject {
            { u"start"_s, u"{\"type\":\"message\",\"clientId\":\"m1\",\"text\":\"hi\"}"_s },
            { u"startSavedAt"_s, now }
        } << u"stored start, which is not a start frame: another request"_s;
        QTest::newRow("time in words")
            << QJsonObject { { u"start"_s, u"{\"type\":\"start\",\"clientId\":\"s1\"}"_s },
                   { u"startSavedAt"_s, u"last tuesday"_s } }
            << u"stored start.*last tuesday"_s;
    }

    // A stored start that cannot be read is dropped with a warning naming what was wrong: the
    // controller opens on the form and a new start goes, alone.
    void unreadableStoredStart()
    {
        QFETCH(QJsonObject, entry);
        QFETCH(QString, warning);

        const QJsonObject start = leaveStartUnanswered();
        QVERIFY(!start.isEmpty());
        QVERIFY(replaceStoredEntry(entry));
        const qsizetype before = server->received.size();

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(warning));
        auto second = connectedController();
        QCOMPARE(second->chatState(), ChatState::NoChat);
        QVERIFY(storedSessions().isEmpty());
        QTRY_COMPARE(second->connectionState(), ConnectionState::Connected);
        checkOnlyANewStartGoes(*second, start, before);
    }

    void refusedStoredStart_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<Error::Code>("reported");
        QTest::newRow("not_found") << u"not_found"_s << Error::Code::Rejected;
        QTest::newRow("bad_request") << u"bad_request"_s << Error::Code::Rejected;
        QTest::newRow("unknown_preset") << u"unknown_preset"_s << Error::Code::UnknownPreset;
    }

    // The server answers the stored start with an error (the preset's form changed, say): the
    // visitor gets the form back, not a "connecting" that never ends, and may start again.
    void refusedStoredStart()
    {
        QFETCH(QString, code);
        QFETCH(Error::Code, reported);

        const QJsonObject start = leaveStartUnanswered();
        QVERIFY(!start.isEmpty());
        server->refuseStarts = code;
        auto second = connectedController();
        QSignalSpy errors(second.get(), &Controller::errorOccurred);
        QCOMPARE(second->chatState(), ChatState::Starting);
        QTRY_COMPARE(second->chatState(), ChatState::NoChat);
        QCOMPARE(lastError(errors).code, reported);
        QVERIFY(storedSessions().isEmpty());
        QCOMPARE(second->unsentStartFields(), (QVariantMap { { u"name"_s, u"Jana"_s } }));

        server->refuseStarts.clear();
        const qsizetype before = server->received.size();
        checkOnlyANewStartGoes(*second, start, before);
    }

    // The preset is gone when the program opens again: the server refuses its configuration,
    // the controller stops trying, and the start waiting in the session file gives way to the
    // form instead of "connecting" for ever.
    void storedStartOfAPresetThatIsGone()
    {
        const QJsonObject start = leaveStartUnanswered();
        QVERIFY(!start.isEmpty());
        server->configStatus = 404;
        server->configBody
            = R"({"error":{"code":"unknown_preset","message":"no preset 'support'"}})"_ba;
        auto second = connectedController();
        QSignalSpy errors(second.get(), &Controller::errorOccurred);
        QCOMPARE(second->chatState(), ChatState::Starting);
        QTRY_COMPARE(second->connectionState(), ConnectionState::Disconnected);
        QCOMPARE(lastError(errors).code, Error::Code::UnknownPreset);
        QCOMPARE(second->chatState(), ChatState::NoChat);
        QVERIFY(storedSessions().isEmpty());
        QCOMPARE(second->unsentStartFields(), (QVariantMap { { u"name"_s, u"Jana"_s } }));
    }

    void deadLinkIsNoticedByTheHeartbeat()
    {
        SilentServer silent;
        QVERIFY(silent.listen());
        server->config.insert(u"socket"_s, silent.url().toString());
        server->config.insert(u"heartbeatSeconds"_s, 1);
        auto controller = connectedController();
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QTRY_COMPARE(silent.handshakes, 1);
        // No welcome and no pong: after two intervals the link is given up and tried again.
        QTRY_COMPARE_WITH_TIMEOUT(silent.handshakes, 2, 10000);
        QCOMPARE(lastError(errors).code, Error::Code::Timeout);
        QVERIFY(lastError(errors).isRetryable());
    }

    void isSupportedWhereTlsIs()
    {
        // Debian's Qt has the OpenSSL backend: HTTPS and WSS work, so the widget is supported.
        QVERIFY(Controller::isSupported());
    }

    void statusFallsToOfflineWhenTheLinkStaysDown()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(controller->status(), ButtonStatus::Online);
        server.reset(); // the server is gone for good
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Reconnecting);
        QTRY_COMPARE_WITH_TIMEOUT(controller->status(), ButtonStatus::Offline, 15000);
    }

    void resumesWithLastSequenceWithoutDuplicates()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QVERIFY(startConversation(*controller));
        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"Alice"_s);
        server->operatorSays(conversation, u"one"_s);
        QTRY_COMPARE(controller->messages().size(), 1);

        // A message the server stores but whose ack is lost with the link.
        server->holdAcks = true;
        controller->sendMessage(u"two"_s);
        QTRY_COMPARE(server->events(conversation).size(), 3);
        server->dropConnections();
        server->holdAcks = false;
        server->operatorSays(conversation, u"three"_s); // while the visitor is away
        QTRY_COMPARE(server->hellos(), 2);

        const QJsonObject resume = server->lastHello().value(u"resume"_s).toObject();
        QCOMPARE(resume.value(u"conversation"_s).toString(), conversation);
        QCOMPARE(resume.value(u"lastSeq"_s).toInteger(), 2);
        QTRY_COMPARE(controller->messages().size(), 3);
        QTRY_COMPARE(controller->messages().at(1).delivery, ChatMessage::Delivery::Delivered);

        QStringList texts;
        for (const ChatMessage &message : controller->messages())
            texts.append(message.text);
        QCOMPARE(texts, QStringList({ u"one"_s, u"two"_s, u"three"_s }));
        QCOMPARE(server->events(conversation).size(), 4); // "two" was stored once
        QCOMPARE(controller->messages().at(1).seq, 3);
    }

    void messagesWrittenWhileDisconnectedGoWhenBack()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QVERIFY(startConversation(*controller));
        server->dropConnections();
        QTRY_VERIFY(controller->connectionState() != ConnectionState::Connected);
        controller->sendMessage(u"while away"_s);
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QTRY_COMPARE(
            controller->messages().constFirst().delivery, ChatMessage::Delivery::Delivered);
        QCOMPARE(server->events(server->lastConversation()).size(), 1);
    }

    void outboxSurvivesTheProgramClosing()
    {
        QString conversation;
        {
            auto first = connectedController();
            QTRY_COMPARE(first->connectionState(), ConnectionState::Connected);
            QVERIFY(startConversation(*first));
            conversation = server->lastConversation();
            server->operatorJoins(conversation, u"Alice"_s);
            server->operatorSays(conversation, u"one"_s);
            QTRY_COMPARE(first->messages().size(), 1);

            // Two messages the server stores, but whose acks never come before the close...
            server->holdAcks = true;
            first->sendMessage(u"two"_s);
            first->sendMessage(u"three"_s);
            QTRY_COMPARE(server->events(conversation).size(), 4);
            // ...and one written while the link is down, which never left.
            server->dropConnections();
            QTRY_VERIFY(first->connectionState() != ConnectionState::Connected);
            first->sendMessage(u"four"_s);
        } // the program closes
        server->holdAcks = false;

        auto reopened = connectedController();
        QSignalSpy events(reopened.get(), &Controller::appEvent);
        const auto texts = [&] {
            QStringList list;
            for (const ChatMessage &message : reopened->messages())
                list.append(message.text);
            return list;
        };
        // The outbox shows at once, still sending, before the conversation is resumed.
        QCOMPARE(texts(), QStringList({ u"two"_s, u"three"_s, u"four"_s }));
        QCOMPARE(reopened->messages().constLast().delivery, ChatMessage::Delivery::Sending);

        QTRY_COMPARE(texts(), QStringList({ u"one"_s, u"two"_s, u"three"_s, u"four"_s }));
        for (int i = 0; i < 4; ++i)
            QTRY_COMPARE(reopened->messages().at(i).delivery, ChatMessage::Delivery::Delivered);
        // Stored once each: joined, one, two, three, four.
        QCOMPARE(server->events(conversation).size(), 5);
        QCOMPARE(reopened->messages().constLast().seq, 5);
        QCOMPARE(events.size(), 0);
    }

    void retriesBackOffWhenEachLinkDiesAfterWelcome()
    {
        auto controller = connectedController();
        QVERIFY(controller);
        controller->setReconnectBackoff(
            std::chrono::milliseconds(40), std::chrono::milliseconds(300));
        QSignalSpy retries(controller.get(), &Controller::reconnectScheduled);
        // A server that accepts each link and drops it right after its `welcome`.
        connect(controller.get(), &Controller::connectionStateChanged, server.get(),
            [this](ConnectionState state) {
                if (state == ConnectionState::Connected)
                    QTimer::singleShot(0, server.get(), &TestServer::dropConnections);
            });
        QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 7, 20000);

        // Only the first retry goes at once; the next wait a random time up to 40 ms·2ⁿ,
        // at most 300 ms, though every link got as far as `welcome`.
        QCOMPARE(retries.at(0).constFirst().toInt(), 0);
        int waited = 0;
        for (int attempt = 1; attempt < 7; ++attempt) {
            const int delay = retries.at(attempt).constFirst().toInt();
            QVERIFY2(delay >= 0 && delay <= qMin(300, 40 << (attempt - 1)),
                qPrintable(u"attempt %1 waited %2 ms"_s.arg(attempt).arg(delay)));
            waited += delay;
        }
        QVERIFY(waited > 0);
    }

    void reconnectBackoffIsChecked()
    {
        Controller controller;
        QCOMPARE(controller.reconnectBaseDelay(), std::chrono::milliseconds(1000));
        QCOMPARE(controller.reconnectMaxDelay(), std::chrono::milliseconds(30000));
        QSignalSpy errors(&controller, &Controller::errorOccurred);

        controller.setReconnectBackoff(std::chrono::milliseconds(0), std::chrono::seconds(1));
        QCOMPARE(lastError(errors).code, Error::Code::InvalidArgument);
        controller.setReconnectBackoff(std::chrono::seconds(2), std::chrono::seconds(1));
        QCOMPARE(errors.size(), 2);
        QVERIFY(lastError(errors).message.contains(u"2000 ms"_s));
        QCOMPARE(controller.reconnectBaseDelay(), std::chrono::milliseconds(1000));

        controller.setReconnectBackoff(std::chrono::milliseconds(250), std::chrono::seconds(5));
        QCOMPARE(errors.size(), 2);
        QCOMPARE(controller.reconnectBaseDelay(), std::chrono::milliseconds(250));
        QCOMPARE(controller.reconnectMaxDelay(), std::chrono::milliseconds(5000));
    }

    void rateLimitedMessageGoesAgain()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QVERIFY(startConversation(*controller));
        const QString conversation = server->lastConversation();

        server->holdAcks = true;
        const QString clientId = controller->sendMessage(u"too fast"_s);
        QTRY_COMPARE(server->events(conversation).size(), 1);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        server->sendRaw(
            QJsonDocument(QJsonObject { { u"type"_s, u"error"_s }, { u"code"_s, u"rate_limited"_s },
                              { u"message"_s, u"slow down"_s }, { u"clientId"_s, clientId } })
                .toJson(QJsonDocument::Compact));
        QTRY_COMPARE(errors.size(), 1);
        QCOMPARE(lastError(errors).code, Error::Code::RateLimited);
        // Not failed: it waits and goes again with the same client id.
        QCOMPARE(controller->messages().constFirst().delivery, ChatMessage::Delivery::Sending);
        server->holdAcks = false;
        // One written meanwhile waits for it, so as not to overtake it.
        controller->sendMessage(u"written meanwhile"_s);
        QTRY_COMPARE(
            controller->messages().constFirst().delivery, ChatMessage::Delivery::Delivered);
        QTRY_COMPARE(controller->messages().constLast().delivery, ChatMessage::Delivery::Delivered);
        QStringList sent;
        for (const QJsonObject &frame : std::as_const(server->received)) {
            if (frame.value(u"type"_s).toString() == u"message"_s)
                sent.append(frame.value(u"text"_s).toString());
        }
        QCOMPARE(sent, (QStringList { u"too fast"_s, u"too fast"_s, u"written meanwhile"_s }));
        QCOMPARE(server->events(conversation).size(), 2);
    }

    void conversationIsRestoredOnlyUnderTheSameScope()
    {
        QString conversation;
        {
            auto first = connectedController(u"account-1"_s);
            QTRY_COMPARE(first->connectionState(), ConnectionState::Connected);
            QVERIFY(startConversation(*first));
            conversation = server->lastConversation();
            server->operatorJoins(conversation, u"Alice"_s);
            QTRY_COMPARE(first->chatState(), ChatState::Active);
            first->sendMessage(u"before the restart"_s);
            QTRY_COMPARE(first->messages().constFirst().delivery, ChatMessage::Delivery::Delivered);
            // The last sequence (joined 1, message 2) is written soon, not only at the close.
            QTRY_COMPARE(storedLastSeqs(), QList<qint64> { 2 });
        } // the program closes

        auto sameScope = connectedController(u"account-1"_s);
        QSignalSpy events(sameScope.get(), &Controller::appEvent);
        QTRY_COMPARE(sameScope->chatState(), ChatState::Active);
        QCOMPARE(server->lastHello()[u"resume"_s][u"conversation"_s].toString(), conversation);
        QCOMPARE(sameScope->operatorName(), u"Alice"_s);
        QTRY_COMPARE(sameScope->messages().size(), 1);
        QCOMPARE(sameScope->messages().constFirst().text, u"before the restart"_s);
        QCOMPARE(events.size(), 0); // history, not new events
        sameScope.reset();

        auto otherScope = connectedController(u"account-2"_s);
        QTRY_COMPARE(otherScope->connectionState(), ConnectionState::Connected);
        QVERIFY(!server->lastHello().contains(u"resume"_s));
        QCOMPARE(otherScope->chatState(), ChatState::NoChat);
        QVERIFY(otherScope->messages().isEmpty());
    }

    void rejectedResumeStartsClean()
    {
        {
            auto first = connectedController(u"s"_s);
            QTRY_COMPARE(first->connectionState(), ConnectionState::Connected);
            QVERIFY(startConversation(*first));
        }
        server = std::make_unique<TestServer>(); // a server that never heard of it
        QVERIFY(server->listen());
        auto second = connectedController(u"s"_s);
        QSignalSpy errors(second.get(), &Controller::errorOccurred);
        QTRY_COMPARE(errors.size(), 1);
        QCOMPARE(lastError(errors).code, Error::Code::ResumeRejected);
        QCOMPARE(second->chatState(), ChatState::NoChat);

        auto third = connectedController(u"s"_s);
        QTRY_COMPARE(third->connectionState(), ConnectionState::Connected);
        QVERIFY(!server->lastHello().contains(u"resume"_s)); // it was forgotten
    }

    // A server whose database was reset does not know the stored conversation: a notice, the
    // stored conversation and what waited in its outbox are forgotten, and a new chat works.
    void rejectedResumeLeavesAControllerReadyForANewChat()
    {
        {
            auto first = connectedController(u"reset"_s);
            QTRY_COMPARE(first->connectionState(), ConnectionState::Connected);
            QVERIFY(startConversation(*first));
            first->disconnectFromServer();
            first->sendMessage(u"never sent"_s); // waits in the outbox when the program closes
        }
        server = std::make_unique<TestServer>(); // its database was reset
        QVERIFY(server->listen());
        auto controller = connectedController(u"reset"_s);
        QCOMPARE(controller->messages().size(), 1); // the outbox, until the server answers
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QTRY_COMPARE(errors.size(), 1);
        const Error notice = lastError(errors);
        QCOMPARE(notice.code, Error::Code::ResumeRejected);
        QCOMPARE(int(notice.code) / 100, 2); // the server refused: no retry, nothing broken
        QVERIFY(!notice.isRetryable());
        QCOMPARE(controller->chatState(), ChatState::NoChat);
        QVERIFY(controller->messages().isEmpty());
        QCOMPARE(controller->connectionState(), ConnectionState::Connected);

        QSignalSpy events(controller.get(), &Controller::appEvent);
        QVERIFY(startConversation(*controller));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.constFirst().constFirst().value<AppEvent>().type,
            AppEvent::Type::ChatSessionCreated);
        QSignalSpy delivered(controller.get(), &Controller::messageDelivered);
        const QString clientId = controller->sendMessage(u"hello again"_s);
        QTRY_COMPARE(delivered.size(), 1);
        QCOMPARE(controller->messages().size(), 1);
        QCOMPARE(controller->messages().constFirst().clientId, clientId);
        QCOMPARE(controller->messages().constFirst().seq, 1);
        const QList<QJsonObject> stored = server->events(server->lastConversation());
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.constFirst().value(u"text"_s).toString(), u"hello again"_s);
        QCOMPARE(errors.size(), 1);
    }

    void malformedMessageIsReportedAndTheLinkSurvives()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        server->sendRaw("{\"type\":\"status\",\"status\":\"online\"}");
        server->sendRaw("{\"type\":\"fromTheFuture\"}"); // ignored, as the protocol says
        server->sendRaw("not json");
        QTRY_COMPARE(errors.size(), 2);
        QCOMPARE(lastError(errors).code, Error::Code::MalformedData);
        server->setStatus(2);
        QTRY_COMPARE(controller->status(), ButtonStatus::Busy);
        QCOMPARE(controller->connectionState(), ConnectionState::Connected);
    }

    void phoneNormalization()
    {
        auto controller = connectedController();
        QTRY_VERIFY(controller->hasConfig());
        QCOMPARE(controller->normalizePhoneNumber(u"777 666 555"_s), u"+420 777 666 555"_s);
        QCOMPARE(controller->normalizePhoneNumber(u"not a number"_s), std::nullopt);

        controller->setCustomNumberNormalization(
            [](const QString &number) -> std::optional<QString> {
                if (number.startsWith(u'9'))
                    return u"+1 "_s + number;
                return std::nullopt;
            });
        QCOMPARE(controller->normalizePhoneNumber(u"900"_s), u"+1 900"_s);
        QCOMPARE(controller->normalizePhoneNumber(u"777 666 555"_s), std::nullopt);

        controller->setCustomNumberNormalization({});
        QCOMPARE(controller->normalizePhoneNumber(u"777 666 555"_s), u"+420 777 666 555"_s);
    }

    void offlineMessageAndCallbackRequest()
    {
        server->status = 0;
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(controller->status(), ButtonStatus::Offline);
        QSignalSpy received(controller.get(), &Controller::requestReceived);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);

        const QString message
            = controller->leaveMessage({ { u"name"_s, u"Jana"_s } }, u"Call me, please."_s);
        QVERIFY(!message.isEmpty());
        QVERIFY(controller->requestCallback(u"12"_s, { { u"name"_s, u"Jana"_s } }).isEmpty());
        QCOMPARE(lastError(errors).code, Error::Code::InvalidPhoneNumber);
        const QString callback
            = controller->requestCallback(u"777 666 555"_s, { { u"name"_s, u"Jana"_s } });
        QVERIFY(!callback.isEmpty());

        QTRY_COMPARE(received.size(), 2);
        QCOMPARE(received.at(0).constFirst().toString(), message);
        QCOMPARE(received.at(1).constFirst().toString(), callback);
        QCOMPARE(server->received.constLast().value(u"phone"_s).toString(), u"+420 777 666 555"_s);
    }

    // A conversation of a preset that asks for `rating`, joined and ended by the visitor.
    std::unique_ptr<Controller> endedConversation(const QString &rating)
    {
        server->config.insert(u"rating"_s, rating);
        auto controller = connectedController();
        if (!QTest::qWaitFor(
                [&] { return controller->connectionState() == ConnectionState::Connected; })
            || !startConversation(*controller))
            return nullptr;
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        if (!QTest::qWaitFor([&] { return controller->chatState() == ChatState::Active; }))
            return nullptr;
        controller->endChat();
        if (!QTest::qWaitFor([&] { return controller->chatState() == ChatState::Ended; }))
            return nullptr;
        return controller;
    }

    void rateTheEndedConversation()
    {
        auto controller = endedConversation(u"stars"_s);
        QVERIFY(controller);
        QCOMPARE(controller->config().rating, OWidget::PresetConfig::Rating::Stars);
        QSignalSpy rated(controller.get(), &Controller::conversationRated);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QSignalSpy events(controller.get(), &Controller::appEvent);

        QVERIFY(controller->rateConversation(6).isEmpty());
        QCOMPARE(lastError(errors).code, Error::Code::InvalidArgument);
        QVERIFY(controller->rateConversation(0).isEmpty());
        QVERIFY(controller->rateConversation(5, QString(1001, u'a')).isEmpty());
        QCOMPARE(lastError(errors).code, Error::Code::InvalidArgument);

        const QString clientId = controller->rateConversation(4, u"  Quick and kind "_s);
        QVERIFY(!clientId.isEmpty());
        QTRY_COMPARE(rated.size(), 1);
        QCOMPARE(rated.constFirst().constFirst().toInt(), 4);
        const QJsonObject frame = server->received.constLast();
        QCOMPARE(frame.value(u"type"_s).toString(), u"rate"_s);
        QCOMPARE(frame.value(u"clientId"_s).toString(), clientId);
        QCOMPARE(frame.value(u"score"_s).toInt(), 4);
        QCOMPARE(frame.value(u"comment"_s).toString(), u"Quick and kind"_s);
        // The seed's five events stay the seed's: a rating is a signal of its own.
        QCOMPARE(events.size(), 0);
    }

    void thumbsRateZeroOrOne()
    {
        auto controller = endedConversation(u"thumbs"_s);
        QVERIFY(controller);
        QSignalSpy rated(controller.get(), &Controller::conversationRated);
        QVERIFY(controller->rateConversation(2).isEmpty());
        QVERIFY(!controller->rateConversation(0).isEmpty());
        QTRY_COMPARE(rated.size(), 1);
        QCOMPARE(rated.constFirst().constFirst().toInt(), 0);
    }

    void ratingIsRefusedUnlessAskedAndEnded()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QSignalSpy errors(controller.get(), &Controller::errorOccurred);
        QCOMPARE(controller->config().rating, OWidget::PresetConfig::Rating::None);
        QVERIFY(controller->rateConversation(5).isEmpty());
        QCOMPARE(lastError(errors).code, Error::Code::InvalidArgument);

        server->config.insert(u"rating"_s, u"stars"_s);
        auto asked = connectedController();
        QTRY_COMPARE(asked->connectionState(), ConnectionState::Connected);
        QSignalSpy askedErrors(asked.get(), &Controller::errorOccurred);
        QVERIFY(startConversation(*asked));
        QVERIFY(asked->rateConversation(5).isEmpty()); // not ended yet
        QCOMPARE(lastError(askedErrors).code, Error::Code::NotConnected);
    }

    // The answer lost with the link: the rating goes again, with the same client id, and is
    // reported once.
    void ratingGoesAgainAfterReconnecting()
    {
        auto controller = endedConversation(u"stars"_s);
        QVERIFY(controller);
        QSignalSpy rated(controller.get(), &Controller::conversationRated);
        server->holdRatings = true;
        const QString clientId = controller->rateConversation(5);
        QVERIFY(!clientId.isEmpty());
        const auto rateFrames = [&] {
            return int(std::count_if(
                server->received.cbegin(), server->received.cend(), [&](const QJsonObject &frame) {
                    return frame.value(u"type"_s).toString() == u"rate"_s
                        && frame.value(u"clientId"_s).toString() == clientId;
                }));
        };
        QTRY_COMPARE(rateFrames(), 1);
        server->holdRatings = false;
        server->dropConnections();
        QTRY_COMPARE(rated.size(), 1);
        QCOMPARE(rateFrames(), 2);
        QCOMPARE(rated.constFirst().constFirst().toInt(), 5);
    }

    // ---- Read marks -------------------------------------------------------------------------

    // The `read` frames the server received, by their seq.
    QList<qint64> readFramesSent() const
    {
        QList<qint64> seqs;
        for (const QJsonObject &frame : std::as_const(server->received)) {
            if (frame.value(u"type"_s).toString() == "read"_L1)
                seqs.append(frame.value(u"seq"_s).toInteger());
        }
        return seqs;
    }

    void operatorsReadMarkIsAPropertyRestoredOnResume()
    {
        QString conversation;
        {
            auto controller = connectedController(u"receipts"_s);
            QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
            QVERIFY(startConversation(*controller));
            conversation = server->lastConversation();
            server->operatorJoins(conversation, u"Alice"_s);
            controller->sendMessage(u"Hello?"_s);
            QTRY_COMPARE(controller->messages().constFirst().seq, 2);
            QCOMPARE(controller->operatorReadSeq(), 0);

            QSignalSpy read(controller.get(), &Controller::operatorReadSeqChanged);
            server->operatorReads(conversation, 2);
            QTRY_COMPARE(controller->operatorReadSeq(), 2);
            QCOMPARE(read.size(), 1);
            QCOMPARE(read.constFirst().constFirst().toLongLong(), 2);

            // A reconnect brings the same mark in the welcome: no change to announce.
            server->dropConnections();
            QTRY_COMPARE(server->hellos(), 2);
            QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
            QCOMPARE(controller->operatorReadSeq(), 2);
            QCOMPARE(read.size(), 1);
        } // the program closes

        auto again = connectedController(u"receipts"_s);
        QSignalSpy read(again.get(), &Controller::operatorReadSeqChanged);
        QTRY_COMPARE(again->operatorReadSeq(), 2); // from the welcome of the resume
        QCOMPARE(read.size(), 1);
    }

    void markReadSendsTheLatestOnceAndAgainAfterAReconnect()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QVERIFY(startConversation(*controller));
        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"Alice"_s);
        server->operatorSays(conversation, u"one"_s);
        server->operatorSays(conversation, u"two"_s);
        QTRY_COMPARE(controller->messages().size(), 2);
        controller->openChat();

        // A burst of marks, as while scrolling: one frame, with the latest.
        controller->markRead(1);
        controller->markRead(2);
        controller->markRead(3);
        QTRY_COMPARE(server->visitorRead(conversation), 3);
        QCOMPARE(readFramesSent(), QList<qint64>({ 3 }));
        // Backwards, or beyond what arrived: nothing. A new message read: one more frame.
        controller->markRead(2);
        controller->markRead(4);
        server->operatorSays(conversation, u"three"_s);
        QTRY_COMPARE(controller->messages().size(), 3);
        controller->markRead(4);
        QTRY_COMPARE(server->visitorRead(conversation), 4);
        QCOMPARE(readFramesSent(), QList<qint64>({ 3, 4 }));

        // The link drops: the latest mark goes again on the new one, in case it was lost.
        server->dropConnections();
        QTRY_COMPARE(server->hellos(), 2);
        QTRY_COMPARE(readFramesSent(), QList<qint64>({ 3, 4, 4 }));
    }

    void markReadIsIgnoredWhileTheWindowIsClosed()
    {
        auto controller = connectedController();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QVERIFY(startConversation(*controller));
        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"Alice"_s);
        server->operatorSays(conversation, u"one"_s);
        QTRY_COMPARE(controller->messages().size(), 1);

        controller->markRead(2); // closed: the person cannot have seen it
        server->operatorSays(conversation, u"two"_s);
        QTRY_COMPARE(controller->messages().size(), 2);
        controller->openChat();
        controller->markRead(1);
        QTRY_COMPARE(server->visitorRead(conversation), 1);
        QCOMPARE(readFramesSent(), QList<qint64>({ 1 }));
    }
};

QTEST_GUILESS_MAIN(tst_Controller)
#include "tst_controller.moc"
