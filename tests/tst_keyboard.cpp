// The chat window with the keyboard alone: Tab and Shift+Tab in the order of the screen, Enter
// and Space on every button, Escape, the focus given back, the host's shortcut; and the names
// the buttons and fields are announced by, which are the words on the screen.
#include "testserver.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>
#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QAbstractButton>
#include <QAccessible>
#include <QApplication>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;
using OWidget::ChatState;
using OWidget::ChatWidget;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;

namespace {

QString nameOf(const QWidget *w)
{
    return w ? w->objectName() : u"(none)"_s;
}

QStringList namesOf(const QList<QWidget *> &widgets)
{
    QStringList names;
    for (const QWidget *w : widgets)
        names.append(nameOf(w));
    return names;
}

// What a person reaches with Tab, in the order their eyes go: rows from the top, and along each
// row from the left, or from the right in a right-to-left layout.
QList<QWidget *> screenOrder(const QWidget &window)
{
    struct Item
    {
        QWidget *widget;
        QRect rect;
    };
    QList<Item> items;
    const QList<QWidget *> children = window.findChildren<QWidget *>();
    for (QWidget *w : children) {
        if (w->isVisible() && w->isEnabled() && (w->focusPolicy() & Qt::TabFocus)
            && !w->focusProxy())
            items.append({ w, QRect(w->mapTo(&window, QPoint(0, 0)), w->size()) });
    }
    std::stable_sort(items.begin(), items.end(),
        [](const Item &a, const Item &b) { return a.rect.top() < b.rect.top(); });
    QList<QList<Item>> rows;
    int rowBottom = 0;
    for (const Item &item : std::as_const(items)) {
        if (!rows.isEmpty() && item.rect.top() < rowBottom) {
            rows.last().append(item);
            rowBottom = qMax(rowBottom, item.rect.bottom());
        } else {
            rows.append({ item });
            rowBottom = item.rect.bottom();
        }
    }
    const bool rtl = window.layoutDirection() == Qt::RightToLeft;
    QList<QWidget *> order;
    for (QList<Item> &row : rows) {
        std::stable_sort(row.begin(), row.end(), [rtl](const Item &a, const Item &b) {
            return rtl ? a.rect.right() > b.rect.right() : a.rect.left() < b.rect.left();
        });
        for (const Item &item : std::as_const(row))
            order.append(item.widget);
    }
    return order;
}

// Presses Tab (or Shift+Tab) from the first widget until the focus comes back to it.
QList<QWidget *> walk(QWidget *first, bool forward)
{
    first->setFocus(Qt::TabFocusReason);
    QList<QWidget *> seen { QApplication::focusWidget() };
    for (int i = 0; i < 40; ++i) {
        QTest::keyClick(
            QApplication::focusWidget(), Qt::Key_Tab, forward ? Qt::NoModifier : Qt::ShiftModifier);
        QWidget *now = QApplication::focusWidget();
        if (now == first || !now)
            break;
        seen.append(now);
    }
    return seen;
}

// The words on the screen, without the marks around them.
QString visibleWords(QString text)
{
    text.remove(u'&');
    if (text.endsWith(u" *"_s))
        text.chop(2);
    if (text.endsWith(u'…'))
        text.chop(1);
    return text.trimmed();
}

bool hasWords(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
}

} // namespace

class tst_Keyboard : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;
    QTemporaryDir settingsDir;

    std::unique_ptr<Controller> connectedController()
    {
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        if (!controller->init(TestServer::companyId(), u"support"_s, u"en"_s, {}))
            return nullptr;
        controller->connectToServer();
        return controller;
    }

    static QString page(const ChatWindow &window)
    {
        const auto *pages = window.findChild<QStackedWidget *>(u"owidgetPages"_s);
        return pages && pages->currentWidget() ? pages->currentWidget()->objectName() : QString();
    }

    template<typename T> static T *child(const QWidget &window, const QString &name)
    {
        T *found = window.findChild<T *>(name);
        if (!found)
            qWarning() << "no" << name;
        return found;
    }

    static bool open(Controller &controller, ChatWindow &window, const QString &expectedPage)
    {
        window.setController(&controller);
        if (!QTest::qWaitFor(
                [&] { return controller.connectionState() == ConnectionState::Connected; }))
            return false;
        controller.openChat();
        return window.isVisible() && QTest::qWaitForWindowActive(&window)
            && QTest::qWaitFor([&] { return page(window) == expectedPage; });
    }

    // Tab and Shift+Tab go round the page in the order of the screen.
    static void checkTabOrder(const ChatWindow &window, const char *where)
    {
        const QList<QWidget *> expected = screenOrder(window);
        QVERIFY2(expected.size() > 1, where);
        const QList<QWidget *> forward = walk(expected.first(), true);
        QList<QWidget *> backward = walk(expected.first(), false);
        std::reverse(backward.begin() + 1, backward.end());
        const QByteArray what = QByteArray(where) + ": " + namesOf(expected).join(u", "_s).toUtf8()
            + " on the screen, Tab goes " + namesOf(forward).join(u", "_s).toUtf8()
            + ", Shift+Tab back " + namesOf(backward).join(u", "_s).toUtf8();
        QVERIFY2(forward == expected, what.constData());
        QVERIFY2(backward == expected, what.constData());
    }

    // A button is announced by its words; a field by its label's, "(required)" for the "*".
    static QStringList misnamed(const QWidget &window)
    {
        QStringList wrong;
        const QList<QWidget *> widgets = window.findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus))
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(w);
            const QString name = accessible ? accessible->text(QAccessible::Name) : QString();
            QString label;
            if (const auto *button = qobject_cast<QAbstractButton *>(w))
                label = button->text();
            const QList<QLabel *> labels = window.findChildren<QLabel *>();
            for (const QLabel *l : labels) {
                if (l->buddy() == w && l->isVisible())
                    label = l->text();
            }
            if (!hasWords(label))
                continue; // a symbol: its tooltip says it
            const bool required = label.endsWith(u" *"_s);
            const QString words = visibleWords(label);
            if (!name.startsWith(words) || required != name.contains(u"(required)"_s))
                wrong.append(u"%1: \"%2\" is \"%3\""_s.arg(w->objectName(), label, name));
        }
        return wrong;
    }

    static void press(QWidget *widget, Qt::Key key)
    {
        QVERIFY(widget && widget->isVisible());
        widget->setFocus(Qt::TabFocusReason);
        QVERIFY(widget->hasFocus());
        QTest::keyClick(widget, key);
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
        server = std::make_unique<TestServer>();
        QVERIFY(server->listen());
    }

    void cleanup()
    {
        server.reset();
        QApplication::setLayoutDirection(Qt::LeftToRight);
    }

    void tabFollowsTheScreen_data()
    {
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("left to right") << Qt::LeftToRight;
        QTest::newRow("right to left") << Qt::RightToLeft;
    }

    void tabFollowsTheScreen()
    {
        QFETCH(Qt::LayoutDirection, direction);
        QApplication::setLayoutDirection(direction);
        {
            server->status = 0;
            server->config.insert(u"offlineBehavior"_s, u"disabled"_s);
            auto controller = connectedController();
            ChatWindow window;
            QVERIFY(open(*controller, window, u"owidgetStatusPage"_s));
            // The close button alone: Tab stays on it.
            QCOMPARE(screenOrder(window),
                QList<QWidget *>({ child<QWidget>(window, u"owidgetCloseButton"_s) }));
            QCOMPARE(walk(screenOrder(window).first(), true).size(), 1);
            server->config.remove(u"offlineBehavior"_s);
        }
        {
            server->status = 0;
            auto controller = connectedController();
            ChatWindow window;
            QVERIFY(open(*controller, window, u"owidgetFormPage"_s));
            checkTabOrder(window, "the offline message form");
            if (QTest::currentTestFailed())
                return;
            QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
            QTest::keyClicks(child<QPlainTextEdit>(window, u"owidgetOfflineMessage"_s), u"Hi"_s);
            press(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::Key_Return);
            QTRY_COMPARE(page(window), u"owidgetSentPage"_s);
            checkTabOrder(window, "the sent page");
            if (QTest::currentTestFailed())
                return;
        }
        server->status = 2;
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(open(*controller, window, u"owidgetFormPage"_s));
        checkTabOrder(window, "the queue form");
        if (QTest::currentTestFailed())
            return;
        press(child<QPushButton>(window, u"owidgetSwitchFormButton"_s), Qt::Key_Space);
        QTRY_VERIFY(child<QLineEdit>(window, u"owidgetField_phone"_s)->isVisible());
        checkTabOrder(window, "the call-back form");
        if (QTest::currentTestFailed())
            return;
        press(child<QPushButton>(window, u"owidgetSwitchFormButton"_s), Qt::Key_Space);

        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QTRY_VERIFY(child<QWidget>(window, u"owidgetCancelButton"_s)->isVisible());
        checkTabOrder(window, "the queue");
        if (QTest::currentTestFailed())
            return;
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        QVERIFY(!controller->sendMessage(u"Hello"_s).isEmpty());
        checkTabOrder(window, "the conversation");
        if (QTest::currentTestFailed())
            return;
        press(child<QToolButton>(window, u"owidgetEndChatButton"_s), Qt::Key_Space);
        QVERIFY(child<QWidget>(window, u"owidgetEndConfirm"_s)->isVisible());
        checkTabOrder(window, "the question before ending");
        if (QTest::currentTestFailed())
            return;
        server->operatorEnds(server->lastConversation());
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QTRY_VERIFY(child<QWidget>(window, u"owidgetSaveTranscriptButton"_s)->isVisible());
        checkTabOrder(window, "the ended conversation");
        if (QTest::currentTestFailed())
            return;
    }

    // Enter and Space press every button of the window, push buttons and tool buttons alike.
    void enterAndSpacePressEveryButton()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(open(*controller, window, u"owidgetFormPage"_s));
        auto *other = child<QPushButton>(window, u"owidgetSwitchFormButton"_s);
        press(other, Qt::Key_Return);
        QTRY_VERIFY(child<QLineEdit>(window, u"owidgetField_phone"_s)->isVisible());
        QCOMPARE(child<QPushButton>(window, u"owidgetSubmitButton"_s)->text(), u"Call me back"_s);
        press(other, Qt::Key_Space);
        QTRY_COMPARE(child<QPushButton>(window, u"owidgetSubmitButton"_s)->text(), u"Start chat"_s);
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        press(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::Key_Space);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);

        // Leaving the queue and coming back.
        press(child<QPushButton>(window, u"owidgetCancelButton"_s), Qt::Key_Return);
        QTRY_COMPARE(page(window), u"owidgetFormPage"_s);
        press(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::Key_Return);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);

        auto *input = child<QPlainTextEdit>(window, u"owidgetMessageInput"_s);
        input->setPlainText(u"Hello"_s);
        press(child<QPushButton>(window, u"owidgetSendButton"_s), Qt::Key_Return);
        QTRY_VERIFY(input->toPlainText().isEmpty());
        input->setPlainText(u"Again"_s);
        press(child<QPushButton>(window, u"owidgetSendButton"_s), Qt::Key_Space);
        QVERIFY(input->toPlainText().isEmpty());

        auto *end = child<QToolButton>(window, u"owidgetEndChatButton"_s);
        auto *question = child<QWidget>(window, u"owidgetEndConfirm"_s);
        press(end, Qt::Key_Return);
        QVERIFY(question->isVisible());
        press(child<QPushButton>(window, u"owidgetKeepChattingButton"_s), Qt::Key_Space);
        QVERIFY(!question->isVisible());
        press(end, Qt::Key_Space);
        QVERIFY(question->isVisible());
        press(child<QPushButton>(window, u"owidgetKeepChattingButton"_s), Qt::Key_Return);
        QVERIFY(!question->isVisible());
        press(end, Qt::Key_Enter);
        press(child<QPushButton>(window, u"owidgetConfirmEndButton"_s), Qt::Key_Space);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);

        press(child<QPushButton>(window, u"owidgetSaveTranscriptButton"_s), Qt::Key_Return);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog *>(u"owidgetTranscriptDialog"_s)));
        dialog->reject();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        press(child<QPushButton>(window, u"owidgetNewChatButton"_s), Qt::Key_Space);
        QTRY_COMPARE(page(window), u"owidgetFormPage"_s);

        press(child<QToolButton>(window, u"owidgetCloseButton"_s), Qt::Key_Return);
        QVERIFY(!controller->isChatWindowOpen());
        QVERIFY(!window.isVisible());
        controller->openChat();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        press(child<QToolButton>(window, u"owidgetCloseButton"_s), Qt::Key_Space);
        QVERIFY(!controller->isChatWindowOpen());
    }

    void doneAnswersEnter()
    {
        server->status = 0;
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(open(*controller, window, u"owidgetFormPage"_s));
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QTest::keyClicks(child<QPlainTextEdit>(window, u"owidgetOfflineMessage"_s), u"Hi"_s);
        press(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::Key_Return);
        QTRY_COMPARE(page(window), u"owidgetSentPage"_s);
        press(child<QPushButton>(window, u"owidgetDoneButton"_s), Qt::Key_Return);
        QTRY_VERIFY(!controller->isChatWindowOpen());
    }

    // What a screen reader says for a button or a field is what the screen shows there.
    void namesAreTheVisibleWords()
    {
        server->status = 2;
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(open(*controller, window, u"owidgetFormPage"_s));
        QVERIFY2(misnamed(window).isEmpty(), qPrintable(misnamed(window).join(u"; "_s)));
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSwitchFormButton"_s), Qt::LeftButton);
        QTRY_VERIFY(child<QLineEdit>(window, u"owidgetField_phone"_s)->isVisible());
        QVERIFY2(misnamed(window).isEmpty(), qPrintable(misnamed(window).join(u"; "_s)));
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSwitchFormButton"_s), Qt::LeftButton);

        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QVERIFY2(misnamed(window).isEmpty(), qPrintable(misnamed(window).join(u"; "_s)));
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        QVERIFY(!controller->sendMessage(u"Hello"_s).isEmpty());
        QTest::mouseClick(child<QToolButton>(window, u"owidgetEndChatButton"_s), Qt::LeftButton);
        QVERIFY2(misnamed(window).isEmpty(), qPrintable(misnamed(window).join(u"; "_s)));
        QTest::mouseClick(child<QPushButton>(window, u"owidgetConfirmEndButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QTRY_VERIFY(child<QWidget>(window, u"owidgetSaveTranscriptButton"_s)->isVisible());
        QVERIFY2(misnamed(window).isEmpty(), qPrintable(misnamed(window).join(u"; "_s)));
    }

    // A chat window of its own gives the keyboard back to whatever had it before it opened.
    void closingGivesTheFocusBack()
    {
        auto controller = connectedController();
        QWidget host;
        auto *layout = new QVBoxLayout(&host);
        auto *first = new QLineEdit(&host);
        auto *second = new QLineEdit(&host);
        layout->addWidget(first);
        layout->addWidget(second);
        host.show();
        QVERIFY(QTest::qWaitForWindowActive(&host));
        second->setFocus();
        QVERIFY(second->hasFocus());

        ChatWindow window; // a window of its own
        QVERIFY(open(*controller, window, u"owidgetFormPage"_s));
        QVERIFY(!second->hasFocus());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(!window.isVisible());
        QTRY_COMPARE(QApplication::focusWidget(), second);

        // Closed with its button, too.
        first->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(&host));
        controller->openChat();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        press(child<QToolButton>(window, u"owidgetCloseButton"_s), Qt::Key_Space);
        QTRY_COMPARE(QApplication::focusWidget(), first);
    }

    // The drop-in gives it to its button, however the chat was opened.
    void closingTheDropInFocusesItsButton()
    {
        QWidget host;
        auto *layout = new QVBoxLayout(&host);
        auto *field = new QLineEdit(&host);
        auto *chat = new ChatWidget(&host);
        chat->setAutoConnect(false);
        layout->addWidget(field);
        layout->addWidget(chat);
        host.show();
        QVERIFY(QTest::qWaitForWindowActive(&host));
        field->setFocus();

        chat->controller()->openChat();
        QTRY_COMPARE(QApplication::activeWindow(), chat->chatWindow());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(!chat->chatWindow()->isVisible());
        QTRY_COMPARE(QApplication::focusWidget(), chat->chatButton());

        // Closed by the host while the visitor types elsewhere: the focus stays there.
        field->setFocus();
        chat->controller()->openChat();
        QTRY_COMPARE(QApplication::activeWindow(), chat->chatWindow());
        host.activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), &host);
        field->setFocus();
        chat->controller()->closeChat();
        QTest::qWait(0);
        QCOMPARE(QApplication::focusWidget(), field);
    }

    // The host application chooses a key that opens the chat from anywhere in its window.
    void aShortcutOpensTheChat()
    {
        const QMetaProperty property = ChatWidget::staticMetaObject.property(
            ChatWidget::staticMetaObject.indexOfProperty("openChatShortcut"));
        QVERIFY(property.isValid());
        QVERIFY(property.isWritable());
        QVERIFY(property.isDesignable());

        QWidget host;
        auto *layout = new QVBoxLayout(&host);
        auto *field = new QLineEdit(&host);
        auto *chat = new ChatWidget(&host);
        chat->setAutoConnect(false);
        layout->addWidget(field);
        layout->addWidget(chat);
        QVERIFY(chat->property("openChatShortcut").value<QKeySequence>().isEmpty());
        host.show();
        QVERIFY(QTest::qWaitForWindowActive(&host));
        field->setFocus();

        QTest::keyClick(field, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!chat->controller()->isChatWindowOpen()); // nothing set, nothing happens

        QVERIFY(chat->setProperty(
            "openChatShortcut", QKeySequence(Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_K)));
        QCOMPARE(chat->property("openChatShortcut").value<QKeySequence>(),
            QKeySequence(Qt::ControlModifier | Qt::ShiftModifier | Qt::Key_K));
        QTest::keyClick(field, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(chat->controller()->isChatWindowOpen());
        QVERIFY(chat->chatWindow()->isVisible());
        QTRY_COMPARE(QApplication::activeWindow(), chat->chatWindow());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QVERIFY(!chat->controller()->isChatWindowOpen());
        QTRY_COMPARE(QApplication::focusWidget(), chat->chatButton());

        chat->setProperty("openChatShortcut", QKeySequence());
        QTest::keyClick(field, Qt::Key_K, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(!chat->controller()->isChatWindowOpen());
    }
};

QTEST_MAIN(tst_Keyboard)
#include "tst_keyboard.moc"
