// Read receipts in the chat window, against a protocol server in this process: "Seen" under
// the visitor's last message the operator has read, heard by screen readers, and the visitor's
// own mark sent only for what the window really showed.
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "readreporter_p.h"
#include "testserver.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QListView>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidget::MessageModel;
using OWidget::ReadReporter;

class tst_ReceiptsWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;
    QTemporaryDir settingsDir;

    static QAbstractItemModel *model(const ChatWindow &window)
    {
        return window.findChild<QListView *>(u"owidgetMessageView"_s)->model();
    }

    // The rows that say "Seen".
    static QList<int> seenRows(const ChatWindow &window)
    {
        QList<int> rows;
        const QAbstractItemModel *m = model(window);
        for (int row = 0; row < m->rowCount(); ++row) {
            if (m->index(row, 0).data(MessageModel::SeenRole).toBool())
                rows.append(row);
        }
        return rows;
    }

    // A window open and active on a conversation the operator (Alice) has joined.
    bool openActiveConversation(Controller &controller, ChatWindow &window, QString *conversation)
    {
        controller.setServerUrl(server->url());
        if (!controller.init(TestServer::companyId(), u"support"_s, u"en"_s))
            return false;
        controller.connectToServer();
        window.setController(&controller);
        if (!QTest::qWaitFor(
                [&] { return controller.connectionState() == ConnectionState::Connected; }))
            return false;
        controller.openChat();
        if (!QTest::qWaitForWindowActive(&window)
            || !controller.startChat({ { u"name"_s, u"Jana"_s } })
            || !QTest::qWaitFor([&] { return controller.chatState() == ChatState::Waiting; }))
            return false;
        *conversation = server->lastConversation();
        server->operatorJoins(*conversation, u"Alice"_s);
        return QTest::qWaitFor([&] { return controller.chatState() == ChatState::Active; });
    }

    void send(const ChatWindow &window, const QString &text)
    {
        auto *input = window.findChild<QPlainTextEdit *>(u"owidgetMessageInput"_s);
        QTest::keyClicks(input, text);
        QTest::keyClick(input, Qt::Key_Return);
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

    void seenFollowsTheOperatorsMark()
    {
        Controller controller;
        ChatWindow window;
        QString conversation;
        QVERIFY(openActiveConversation(controller, window, &conversation));
        send(window, u"Hello?"_s);
        QTRY_COMPARE(model(window)->index(0, 0).data(MessageModel::SeqRole).toLongLong(), 2);
        send(window, u"Anyone?"_s);
        QTRY_COMPARE(model(window)->index(1, 0).data(MessageModel::SeqRole).toLongLong(), 3);
        const auto accessible
            = [&](int row) { return model(window)->index(row, 0).data(Qt::AccessibleTextRole); };
        QCOMPARE(seenRows(window), QList<int>());
        QVERIFY(!accessible(0).toString().contains(u"Seen"_s));
        const int before = window.findChild<QListView *>(u"owidgetMessageView"_s)
                               ->visualRect(model(window)->index(0, 0))
                               .height();

        // The operator read the first: "Seen" under it, and read out with it.
        server->operatorReads(conversation, 2);
        QTRY_COMPARE(seenRows(window), QList<int>({ 0 }));
        QVERIFY2(accessible(0).toString().endsWith(u"Hello?. Seen"_s),
            qPrintable(accessible(0).toString()));
        QVERIFY(!accessible(1).toString().contains(u"Seen"_s));
        auto *view = window.findChild<QListView *>(u"owidgetMessageView"_s);
        QTRY_VERIFY(view->visualRect(model(window)->index(0, 0)).height() > before);
        QVERIFY(!view->grab().isNull());

        // Then the second: the label moves, one label only.
        server->operatorReads(conversation, 3);
        QTRY_COMPARE(seenRows(window), QList<int>({ 1 }));
        QVERIFY(accessible(1).toString().endsWith(u". Seen"_s));
        QVERIFY(!accessible(0).toString().contains(u"Seen"_s));

        // The operator's own messages never say it.
        server->operatorSays(conversation, u"Yes, here."_s);
        QTRY_COMPARE(model(window)->rowCount(), 3);
        server->operatorReads(conversation, 4);
        QTRY_COMPARE(controller.operatorReadSeq(), 4);
        QCOMPARE(seenRows(window), QList<int>({ 1 }));
    }

    void seenRightToLeft()
    {
        Controller controller;
        ChatWindow window;
        window.setLayoutDirection(Qt::RightToLeft);
        QString conversation;
        QVERIFY(openActiveConversation(controller, window, &conversation));
        controller.sendMessage(u"שלום"_s); // typed on a Hebrew keyboard
        QTRY_COMPARE(model(window)->index(0, 0).data(MessageModel::SeqRole).toLongLong(), 2);
        server->operatorReads(conversation, 2);
        QTRY_COMPARE(seenRows(window), QList<int>({ 0 }));
        // Painted without trouble in the mirrored layout.
        QVERIFY(!window.findChild<QListView *>(u"owidgetMessageView"_s)->grab().isNull());
    }

    void marksWhatTheWindowShowsNotWhileHidden()
    {
        Controller controller;
        ChatWindow window;
        QString conversation;
        QVERIFY(openActiveConversation(controller, window, &conversation));
        auto *reporter = window.findChild<ReadReporter *>();
        QVERIFY(reporter);

        server->operatorSays(conversation, u"one"_s);
        QTRY_COMPARE(server->visitorRead(conversation), 2);

        // Hidden (the program minimized it, or another window is over it): nothing is read.
        window.hide();
        server->operatorSays(conversation, u"two"_s);
        QTRY_COMPARE(model(window)->rowCount(), 2);
        QTRY_VERIFY(!reporter->isCheckPending());
        QCOMPARE(reporter->reported(), 2);
        QVERIFY(!reporter->isViewSeen());

        // Shown and active again: the new message is read.
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTRY_COMPARE(server->visitorRead(conversation), 3);
        QCOMPARE(reporter->reported(), 3);
    }
};

QTEST_MAIN(tst_ReceiptsWindow)
#include "tst_receipts_window.moc"
