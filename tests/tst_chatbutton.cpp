// The chat button against a controller connected to a protocol server in this process.
#include "testserver.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>
#include <owidget/controller.h>

#include <QDir>
#include <QImage>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>

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

    void enterAndSpaceToggleTheChat();
    void showsUnreadMessagesWhileTheWindowIsClosed();
    void fitsItsTextInEveryLanguageAndState();
    void aFloatingChatWidgetKeepsItsLabelWhole();

private:
    // The columns where the text ends, painted with room to spare: the first of a long run of
    // columns with nothing but the button's colour in them, after the icon and the text.
    static int textEnd(const QImage &image, int top, int bottom, const QColor &background)
    {
        int blank = 0;
        for (int x = 0; x < image.width(); ++x) {
            bool empty = true;
            for (int y = top; y < bottom && empty; ++y)
                empty = image.pixelColor(x, y) == background;
            blank = empty ? blank + 1 : 0;
            if (blank == 40)
                return x - 39;
        }
        return -1;
    }

    // Painted at its size hint, the button shows all of what it shows with room to spare:
    // nothing of its text is cut off or covered by the unread badge.
    static bool fits(ChatButton &button, QByteArray *problem)
    {
        const QSize hint = button.sizeHint();
        button.resize(hint.width() + 300, hint.height());
        const QImage wide = button.grab().toImage();
        button.resize(hint);
        const QImage narrow = button.grab().toImage();
        // In device pixels: the button may be painted at a higher density.
        const int width = narrow.width();
        const int height = narrow.height();
        const int top = height / 4;
        const int bottom = height * 3 / 4;
        const QColor background = wide.pixelColor((width + wide.width()) / 2, height / 2);
        const int end = textEnd(wide, top, bottom, background);
        if (end < 0 || end > width) {
            *problem = "the text ends at " + QByteArray::number(end) + " of "
                + QByteArray::number(width);
            return false;
        }
        for (int x = 0; x < end; ++x) {
            for (int y = top; y < bottom; ++y) {
                if (narrow.pixelColor(x, y) != wide.pixelColor(x, y)) {
                    *problem = "the text is cut at x " + QByteArray::number(x) + " of "
                        + QByteArray::number(end) + ", width " + QByteArray::number(width);
                    return false;
                }
            }
        }
        return true;
    }
};

// The label of each status in each catalog, with and without the unread badge.
void tst_ChatButton::fitsItsTextInEveryLanguageAndState()
{
    QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/owidget/sessions.json"_s);
    TestServer server;
    QVERIFY(server.listen());
    Controller controller;
    controller.setServerUrl(server.url());
    QVERIFY(controller.init(TestServer::companyId(), u"support"_s, u"en"_s, u"fit"_s));
    ChatButton button;
    button.setController(&controller);
    controller.connectToServer();
    QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
    QVERIFY(controller.startChat({ { u"name"_s, u"Jana"_s } }));
    QTRY_COMPARE(controller.chatState(), OWidget::ChatState::Waiting);
    server.operatorJoins(server.lastConversation(), u"Alice"_s);
    server.operatorSays(server.lastConversation(), u"Hello?"_s);
    QTRY_COMPARE(controller.unreadCount(), 1);

    QTranslator translator;
    for (const bool unread : { true, false }) {
        if (!unread) {
            controller.openChat(); // read
            QCOMPARE(controller.unreadCount(), 0);
        }
        for (const int status : { 1, 2, 0 }) {
            server.setStatus(status);
            QTRY_COMPARE(int(button.status()), status);
            for (const QString &language : { u"en"_s, u"cs"_s, u"de"_s, u"sk"_s }) {
                QCoreApplication::removeTranslator(&translator);
                QVERIFY(translator.load(u":/owidget/i18n/owidget_"_s + language + u".qm"_s));
                QCoreApplication::installTranslator(&translator);
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
                QCOMPARE(button.text(),
                    translator.translate("OWidget::ChatButton",
                        status == 1       ? "Chat with us"
                            : status == 2 ? "Operators are busy"
                                          : "Chat is offline"));
                QByteArray problem;
                QVERIFY2(fits(button, &problem),
                    qPrintable(u"%1, status %2%3, \"%4\": "_s.arg(language)
                                   .arg(status)
                                   .arg(unread ? u" with the badge"_s : QString())
                                   .arg(button.text())
                        + QString::fromLatin1(problem)));
            }
        }
    }
    QCoreApplication::removeTranslator(&translator);
    controller.endChat();
    QTRY_COMPARE(controller.chatState(), OWidget::ChatState::Ended);
}

// From the keyboard alone the button opens and closes the chat, with Enter as with Space.
void tst_ChatButton::enterAndSpaceToggleTheChat()
{
    Controller controller;
    ChatButton button;
    button.setController(&controller);
    button.show();
    QVERIFY(QTest::qWaitForWindowActive(&button));
    button.setFocus(Qt::TabFocusReason);
    QVERIFY(button.hasFocus());
    QTest::keyClick(&button, Qt::Key_Return);
    QVERIFY(controller.isChatWindowOpen());
    QTest::keyClick(&button, Qt::Key_Space);
    QVERIFY(!controller.isChatWindowOpen());
    QTest::keyClick(&button, Qt::Key_Enter, Qt::KeypadModifier);
    QVERIFY(controller.isChatWindowOpen());
    QTest::keyClick(&button, Qt::Key_Return);
    QVERIFY(!controller.isChatWindowOpen());
}

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

// As an application places the drop-in chat: over its window's corner, sized once, with no
// layout. The label changes with the language, the status and the unread badge; the button
// grows with it, towards the window's middle, and never cuts its label.
void tst_ChatButton::aFloatingChatWidgetKeepsItsLabelWhole()
{
    QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/owidget/sessions.json"_s);
    TestServer server;
    QVERIFY(server.listen());
    QWidget host;
    host.resize(800, 600);
    auto *chat = new OWidget::ChatWidget(&host);
    chat->setServerUrl(server.url());
    chat->setPreset(u"support"_s);
    chat->setLanguage(u"cs"_s);
    chat->setScope(u"floating"_s);
    chat->setCompanyId(TestServer::companyId());
    chat->resize(chat->sizeHint());
    chat->move(host.width() - chat->width() - 24, host.height() - chat->height() - 24);
    const int right = chat->geometry().right();
    host.show();
    QVERIFY(QTest::qWaitForWindowExposed(&host));
    ChatButton *button = chat->chatButton();
    Controller *controller = chat->controller();
    const auto whole = [&] {
        return button->width() >= button->sizeHint().width()
            && chat->width() >= button->sizeHint().width() && chat->geometry().right() == right;
    };
    QTRY_COMPARE(button->status(), ButtonStatus::Online);
    QTRY_COMPARE(button->text(), u"Napište nám"_s);
    QTRY_VERIFY(whole());

    QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
    QTRY_COMPARE(controller->chatState(), OWidget::ChatState::Waiting);
    server.operatorJoins(server.lastConversation(), u"Alice"_s);
    server.operatorSays(server.lastConversation(), u"Dobrý den"_s);
    QTRY_COMPARE(controller->unreadCount(), 1);
    QTRY_VERIFY2(whole(), "the badge covers the label");

    server.setStatus(2);
    QTRY_COMPARE(button->text(), u"Operátoři jsou vytíženi"_s);
    QTRY_VERIFY2(whole(), "the busy label is cut");
    QByteArray problem;
    QVERIFY2(fits(*button, &problem), problem.constData());

    controller->endChat();
    QTRY_COMPARE(controller->chatState(), OWidget::ChatState::Ended);
}

QTEST_MAIN(tst_ChatButton)
#include "tst_chatbutton.moc"
