// The rating step at the end of a conversation, driven with the keyboard alone as a person
// without a mouse would: the stars or thumbs, the comment, Send, Skip, the thank-you.
#include "ratingpanel_p.h"
#include "testserver.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatState;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidget::RatingPanel;

class tst_Rating : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;
    QTemporaryDir settingsDir;

    static QString focused()
    {
        return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString();
    }

    QList<QJsonObject> rateFrames() const
    {
        QList<QJsonObject> frames;
        for (const QJsonObject &frame : std::as_const(server->received)) {
            if (frame.value(u"type"_s).toString() == u"rate"_s)
                frames.append(frame);
        }
        return frames;
    }

    // A window whose conversation of a preset asking for `rating` the operator ended.
    std::unique_ptr<Controller> endedInWindow(
        const QString &rating, ChatWindow &window, const QString &language = u"en"_s)
    {
        server->config.insert(u"rating"_s, rating);
        if (language != "en"_L1 && language != "cs"_L1)
            server->config.insert(u"languages"_s, QJsonArray { u"cs"_s, u"en"_s, language });
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        if (!controller->init(TestServer::companyId(), u"support"_s, language))
            return nullptr;
        controller->connectToServer();
        window.setController(controller.get());
        if (!QTest::qWaitFor(
                [&] { return controller->connectionState() == ConnectionState::Connected; }))
            return nullptr;
        controller->openChat();
        if (!QTest::qWaitForWindowActive(&window)
            || !controller->startChat({ { u"name"_s, u"Jana"_s } })
            || !QTest::qWaitFor([&] { return controller->chatState() == ChatState::Waiting; }))
            return nullptr;
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        if (!QTest::qWaitFor([&] { return controller->chatState() == ChatState::Active; }))
            return nullptr;
        server->operatorEnds(server->lastConversation());
        if (!QTest::qWaitFor([&] { return controller->chatState() == ChatState::Ended; }))
            return nullptr;
        return controller;
    }

    static QString accessibleName(QWidget *widget)
    {
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        return accessible ? accessible->text(QAccessible::Name) : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    }

    void init()
    {
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
        server = std::make_unique<TestServer>();
        QVERIFY(server->listen());
    }

    void cleanup() { server.reset(); }

    void starsWithTheKeyboardAlone()
    {
        ChatWindow window;
        auto controller = endedInWindow(u"stars"_s, window);
        QVERIFY(controller);
        auto *panel = window.findChild<RatingPanel *>();
        QVERIFY(panel);
        QTRY_VERIFY(panel->isVisible());
        const QList<QAbstractButton *> stars = panel->scoreButtons();
        QCOMPARE(stars.size(), 5);
        for (int i = 0; i < stars.size(); ++i)
            QCOMPARE(accessibleName(stars.at(i)), u"Rate %1 of 5 stars"_s.arg(i + 1));
        QCOMPARE(accessibleName(panel->commentField()), u"Comment on the conversation"_s);
        QVERIFY(!panel->sendButton()->isEnabled()); // nothing chosen yet
        // The composer went with the end: the focus is on the stars, not lost.
        QTRY_COMPARE(focused(), u"owidgetRatingScore1"_s);
        // A narrow window still holds the row.
        QVERIFY(panel->minimumSizeHint().width() <= 320);

        // The arrows choose, as on a row of radio buttons.
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        QCOMPARE(focused(), u"owidgetRatingScore4"_s);
        QVERIFY(stars.at(3)->isChecked());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Right);
        QVERIFY(stars.at(3)->isChecked());
        QVERIFY(panel->sendButton()->isEnabled());

        // Tab goes on to the comment; Enter there sends.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(focused(), u"owidgetRatingComment"_s);
        QTest::keyClicks(QApplication::focusWidget(), u"Quick and kind"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);

        QTRY_COMPARE(rateFrames().size(), 1);
        QCOMPARE(rateFrames().constFirst().value(u"score"_s).toInt(), 4);
        QCOMPARE(rateFrames().constFirst().value(u"comment"_s).toString(), u"Quick and kind"_s);
        auto *thanks = window.findChild<QLabel *>(u"owidgetRatingThanks"_s);
        QTRY_VERIFY(thanks->isVisible());
        QCOMPARE(thanks->text(), u"Thank you for your rating."_s);
        QCOMPARE(panel->step(), RatingPanel::Step::Thanked);
        QTRY_COMPARE(focused(), u"owidgetNewChatButton"_s);
    }

    void skipWithTheKeyboard()
    {
        ChatWindow window;
        auto controller = endedInWindow(u"thumbs"_s, window);
        QVERIFY(controller);
        auto *panel = window.findChild<RatingPanel *>();
        QTRY_VERIFY(panel->isVisible());
        const QList<QAbstractButton *> thumbs = panel->scoreButtons();
        QCOMPARE(thumbs.size(), 2);
        QCOMPARE(accessibleName(thumbs.at(0)), u"Unsatisfied"_s);
        QCOMPARE(accessibleName(thumbs.at(1)), u"Satisfied"_s);
        // The question is said with the choice that has the focus.
        QCOMPARE(
            QAccessible::queryAccessibleInterface(thumbs.at(0))->text(QAccessible::Description),
            u"Were you satisfied with the conversation?"_s);
        QTRY_COMPARE(focused(), u"owidgetRatingScore1"_s);

        // Tab: the thumbs are one stop, then the comment, then Skip.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(focused(), u"owidgetRatingComment"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(focused(), u"owidgetRatingSkipButton"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QTRY_VERIFY(!panel->isVisible());
        QCOMPARE(panel->step(), RatingPanel::Step::Skipped);
        QCOMPARE(focused(), u"owidgetNewChatButton"_s);
        QVERIFY(rateFrames().isEmpty());
    }

    void rightToLeftArrowsFollowTheRow()
    {
        ChatWindow window;
        auto controller = endedInWindow(u"thumbs"_s, window, u"he"_s);
        QVERIFY(controller);
        QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
        auto *panel = window.findChild<RatingPanel *>();
        QTRY_COMPARE(focused(), u"owidgetRatingScore1"_s);
        const QList<QAbstractButton *> thumbs = panel->scoreButtons();
        // Mirrored: the second lies to the left of the first.
        QVERIFY(thumbs.at(1)->mapTo(&window, QPoint()).x()
            < thumbs.at(0)->mapTo(&window, QPoint()).x());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left);
        QVERIFY(thumbs.at(1)->isChecked());
        QCOMPARE(focused(), u"owidgetRatingScore2"_s);
        // Space on the chosen one keeps it; Enter sends it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QVERIFY(thumbs.at(1)->isChecked());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QTRY_COMPARE(rateFrames().size(), 1);
        QCOMPARE(rateFrames().constFirst().value(u"score"_s).toInt(), 1);
    }

    // The visitor rates someone: the operator who answered is named, with their face (their
    // initials here: the test server's Alice has no picture).
    void namesWhoAnswered()
    {
        ChatWindow window;
        auto controller = endedInWindow(u"stars"_s, window);
        QVERIFY(controller);
        auto *panel = window.findChild<RatingPanel *>();
        QTRY_VERIFY(panel->isVisible());
        auto *line = panel->findChild<QLabel *>(u"owidgetRatingOperator"_s);
        QVERIFY(line);
        QVERIFY(line->isVisible());
        QCOMPARE(line->text(), u"Your conversation with Alice"_s);
        auto *face = panel->findChild<QLabel *>(u"owidgetRatingOperatorFace"_s);
        QVERIFY(face);
        QVERIFY(face->isVisible());
        QVERIFY(!face->pixmap().isNull());
        QCOMPARE(face->pixmap().deviceIndependentSize().toSize(), QSize(32, 32));
        QCOMPARE(accessibleName(face), u"Alice"_s);
    }

    void noStepUnlessThePresetAsks()
    {
        ChatWindow window;
        auto controller = endedInWindow(u"none"_s, window);
        QVERIFY(controller);
        auto *panel = window.findChild<RatingPanel *>();
        QVERIFY(panel);
        QVERIFY(!panel->isVisible());
        QVERIFY(window.findChild<QPushButton *>(u"owidgetNewChatButton"_s)->isVisible());
    }
};

QTEST_MAIN(tst_Rating)
#include "tst_rating.moc"
