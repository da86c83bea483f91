// The demo's window, driven in the test's process: what a keyboard user can reach.
#include "demowindow.h"
#include "developerpanel.h"

#include <owidget/chatbutton.h>

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
};

QTEST_MAIN(tst_DemoWindow)
#include "tst_demowindow.moc"
