// The chat button against a controller connected to a protocol server in this process.
#include "testserver.h"

#include <owidget/chatbutton.h>
#include <owidget/controller.h>

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ButtonStatus;
using OWidget::ChatButton;
using OWidget::ConnectionState;
using OWidget::Controller;

class tst_ChatButton : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void worksWithoutAController()
    {
        ChatButton button;
        QCOMPARE(button.status(), ButtonStatus::Offline);
        QVERIFY(!button.sizeHint().isEmpty());
        QTest::mouseClick(&button, Qt::LeftButton); // nothing to open: no crash
    }

    void showsEachStatusAndTogglesTheChat()
    {
        TestServer server;
        QVERIFY(server.listen());
        Controller controller;
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s, u"en"_s));
        ChatButton button;
        button.setController(&controller);
        QSignalSpy statuses(&button, &ChatButton::statusChanged);
        controller.connectToServer();
        QTRY_COMPARE(button.status(), ButtonStatus::Online);
        QCOMPARE(button.text(), u"Chat with us"_s);
        QVERIFY(button.accessibleName().contains(u"Chat with us"_s));
        QVERIFY(!button.toolTip().isEmpty());

        const QString shots = QDir(QStringLiteral(QT_TESTCASE_BUILDDIR)).filePath(u"screenshots"_s);
        QDir().mkpath(shots);
        const auto shoot = [&](const QString &name) {
            button.resize(button.sizeHint());
            QVERIFY(button.grab().save(shots + u"/chatbutton-"_s + name + u".png"_s));
        };
        shoot(u"online"_s);

        server.setStatus(2);
        QTRY_COMPARE(button.status(), ButtonStatus::Busy);
        QCOMPARE(button.text(), u"Operators are busy"_s);
        shoot(u"busy"_s);
        server.setStatus(0);
        QTRY_COMPARE(button.status(), ButtonStatus::Offline);
        QCOMPARE(button.text(), u"Chat is offline"_s);
        shoot(u"offline"_s);
        QCOMPARE(statuses.size(), 3);

        QTest::mouseClick(&button, Qt::LeftButton);
        QVERIFY(controller.isChatWindowOpen());
        button.setFocus();
        QTest::keyClick(&button, Qt::Key_Space);
        QVERIFY(!controller.isChatWindowOpen());
    }

    void showsUnreadMessagesWhileTheWindowIsClosed();
};

void tst_ChatButton::showsUnreadMessagesWhileTheWindowIsClosed()
{
    QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/owidget/sessions.json"_s);
    TestServer server;
    QVERIFY(server.listen());
    Controller controller;
    controller.setServerUrl(server.url());
    QVERIFY(controller.init(TestServer::companyId(), u"support"_s, u"en"_s, u"badge"_s));
    ChatButton button;
    button.setController(&controller);
    controller.connectToServer();
    QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
    const int plainWidth = button.sizeHint().width();
    QVERIFY(controller.startChat({ { u"name"_s, u"Jana"_s } }));
    QTRY_COMPARE(controller.chatState(), OWidget::ChatState::Waiting);
    server.operatorJoins(server.lastConversation(), u"Alice"_s);
    server.operatorSays(server.lastConversation(), u"Hello?"_s);
    QTRY_VERIFY(button.accessibleName().contains(u"unread messages: 1"_s));
    QVERIFY(button.sizeHint().width() > plainWidth); // room for the badge
    QVERIFY(!button.grab().isNull());
    QTest::mouseClick(&button, Qt::LeftButton); // opens the chat: read
    QVERIFY(!button.accessibleName().contains(u"unread"_s));
    QCOMPARE(button.sizeHint().width(), plainWidth);
    controller.endChat();
    QTRY_COMPARE(controller.chatState(), OWidget::ChatState::Ended);
}

QTEST_MAIN(tst_ChatButton)
#include "tst_chatbutton.moc"
