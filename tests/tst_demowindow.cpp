// The demo's window, driven in the test's process: what a keyboard user can reach.
#include "demolanguage.h"
#include "demowindow.h"
#include "developerpanel.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>

#include <QApplication>
#include <QTableWidget>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_DemoWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Tab leaves the transactions table for the next control: the chat button.
    void tabFromTheTableReachesTheChatButton()
    {
        const DemoSettings settings { QUrl(u"http://127.0.0.1:9/"_s),
            u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s, {}, u"en"_s, {} };
        DemoWindow window(settings);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *table = window.findChild<QTableWidget *>();
        auto *button = window.findChild<OWidget::ChatButton *>();
        QVERIFY(table);
        QVERIFY(button);

        table->setFocus(Qt::OtherFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), table);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), button);

        // And back again.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QTRY_COMPARE(QApplication::focusWidget(), table);
    }

    // The library leaves notifications off; the demo shows them.
    void notificationsOn()
    {
        const DemoSettings settings { QUrl(u"http://127.0.0.1:9/"_s),
            u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s, {}, u"en"_s, {} };
        DemoWindow window(settings);
        auto *chat = window.findChild<OWidget::ChatWidget *>();
        QVERIFY(chat);
        QVERIFY(chat->notificationSound());
        QVERIFY(chat->systemNotifications());
    }

    // In Arabic and Hebrew the demo's window is in that language and mirrored; in Czech not.
    void languageSetsTheDirection_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("accounts");
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("ar") << u"ar"_s << u"الحسابات"_s << Qt::RightToLeft;
        QTest::newRow("he") << u"he"_s << u"חשבונות"_s << Qt::RightToLeft;
        QTest::newRow("cs") << u"cs"_s << u"Účty"_s << Qt::LeftToRight;
    }

    void languageSetsTheDirection()
    {
        QFETCH(QString, language);
        QFETCH(QString, accounts);
        QFETCH(Qt::LayoutDirection, direction);
        QCOMPARE(DemoLanguage::install(language), language);
        QCOMPARE(QCoreApplication::translate("DemoWindow", "Accounts"), accounts);
        QCOMPARE(QApplication::layoutDirection(), direction);
    }
};

QTEST_MAIN(tst_DemoWindow)
#include "tst_demowindow.moc"
