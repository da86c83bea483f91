// The chat window clicked and typed through every state, against a protocol server in this
// process.
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"
#include "testserver.h"
#include "textlinks_p.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>
#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QAccessible>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

/// The WCAG contrast ratio of two colours, 1 to 21.
qreal contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel
            = [](qreal v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF())
            + 0.0722 * channel(c.blueF());
    };
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace
using OWidget::ButtonStatus;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::ChatWidget;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;
using OWidget::MessageModel;

class tst_ChatWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;
    QTemporaryDir settingsDir;

    std::unique_ptr<Controller> connectedController(const QString &scope = {})
    {
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        if (!controller->init(TestServer::companyId(), u"support"_s, u"en"_s, scope))
            return nullptr;
        controller->connectToServer();
        return controller;
    }

    template<typename T> static T *child(const QWidget &window, const QString &name)
    {
        T *found = window.findChild<T *>(name);
        if (!found)
            qWarning() << "no" << name;
        return found;
    }

    static QString page(const ChatWindow &window)
    {
        const auto *pages = window.findChild<QStackedWidget *>(u"owidgetPages"_s);
        return pages && pages->currentWidget() ? pages->currentWidget()->objectName() : QString();
    }

    static QAbstractItemModel *model(const ChatWindow &window)
    {
        return window.findChild<QListView *>(u"owidgetMessageView"_s)->model();
    }

    QStringList receivedTypes() const
    {
        QStringList types;
        for (const QJsonObject &frame : std::as_const(server->received))
            types.append(frame.value(u"type"_s).toString());
        return types;
    }

    QJsonObject lastReceived(const QString &type) const
    {
        for (auto it = server->received.crbegin(); it != server->received.crend(); ++it) {
            if (it->value(u"type"_s).toString() == type)
                return *it;
        }
        return {};
    }

    // Opens the window on a connected controller and waits for the form.
    static bool openOnForm(Controller &controller, ChatWindow &window)
    {
        window.setController(&controller);
        if (!QTest::qWaitFor(
                [&] { return controller.connectionState() == ConnectionState::Connected; }))
            return false;
        controller.openChat();
        return window.isVisible() && QTest::qWaitForWindowActive(&window)
            && QTest::qWaitFor([&] { return page(window) == "owidgetFormPage"_L1; });
    }

    // Every control the visitor can reach with Tab has a name for screen readers.
    static QStringList unnamedControls(const QWidget &window)
    {
        QStringList unnamed;
        const QList<QWidget *> widgets = window.findChildren<QWidget *>();
        for (QWidget *w : widgets) {
            if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus))
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(w);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                unnamed.append(w->objectName());
        }
        return unnamed;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        qRegisterMetaType<OWidget::ChatMessage>();
    }

    void init()
    {
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
        server = std::make_unique<TestServer>();
        QVERIFY(server->listen());
    }

    void cleanup() { server.reset(); }

    void worksWithoutAController()
    {
        ChatWindow window;
        window.show();
        QCOMPARE(page(window), u"owidgetStatusPage"_s);
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.isVisible());
    }

    void onlineConversationToTheEnd()
    {
        auto controller = connectedController();
        ChatWindow window;
        QSignalSpy events(controller.get(), &Controller::appEvent);
        QVERIFY(openOnForm(*controller, window));

        auto *name = child<QLineEdit>(window, u"owidgetField_name"_s);
        auto *phone = child<QLineEdit>(window, u"owidgetField_phone"_s);
        auto *submit = child<QPushButton>(window, u"owidgetSubmitButton"_s);
        QVERIFY(name && phone && submit);
        QCOMPARE(child<QLabel>(window, u"owidgetFieldLabel_name"_s)->text(), u"Name *"_s);
        QCOMPARE(child<QLabel>(window, u"owidgetFieldLabel_phone"_s)->text(), u"Phone"_s);
        QCOMPARE(submit->text(), u"Start chat"_s);
        QCOMPARE(child<QLabel>(window, u"owidgetTitle"_s)->text(), u"Support"_s);

        QCOMPARE(unnamedControls(window), QStringList());
        QVERIFY(name->hasFocus());
        QTest::keyClicks(name, u"Jana"_s);
        QTest::keyClick(name, Qt::Key_Tab);
        QVERIFY(phone->hasFocus());
        QTest::keyClicks(phone, u"777 666 555"_s);
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QCOMPARE(page(window), u"owidgetConversationPage"_s);
        QCOMPARE(
            lastReceived(u"start"_s)[u"fields"_s][u"phone"_s].toString(), u"+420 777 666 555"_s);
        auto *queue = child<QLabel>(window, u"owidgetQueueLabel"_s);
        QVERIFY(queue->isVisible());
        QVERIFY(queue->text().contains(u"number 1"_s));

        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"Alice"_s);
        QTRY_VERIFY(child<QLabel>(window, u"owidgetSubtitle"_s)->text().contains(u"Alice"_s));
        QVERIFY(!queue->isVisible());
        auto *endButton = child<QToolButton>(window, u"owidgetEndChatButton"_s);
        QVERIFY(endButton->isVisible());
        QCOMPARE(unnamedControls(window), QStringList());
        // Hovered, the header's button is still legible: its face is a shade of the accent, not
        // the style's light face under the header's white text.
        QTest::mouseMove(endButton);
        QTRY_VERIFY(endButton->underMouse());
        const QImage hovered = endButton->grab().toImage();
        const QColor face = hovered.pixelColor(3, hovered.height() / 2);
        QVERIFY2(contrast(face, endButton->palette().color(QPalette::ButtonText)) >= 3.0,
            qPrintable(face.name()));
        QTest::mouseMove(window.window(), QPoint(1, 1));

        // Shift+Enter breaks the line, Enter sends; typing is sent to the operator.
        auto *input = child<QPlainTextEdit>(window, u"owidgetMessageInput"_s);
        QVERIFY(input->hasFocus());
        QTest::keyClicks(input, u"Hello"_s);
        QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
        QTest::keyClicks(input, u"second line"_s);
        QCOMPARE(input->toPlainText(), u"Hello\nsecond line"_s);
        QTRY_VERIFY(lastReceived(u"typing"_s)[u"active"_s].toBool());
        QTest::keyClick(input, Qt::Key_Return);
        QVERIFY(input->toPlainText().isEmpty());
        QAbstractItemModel *messages = model(window);
        QCOMPARE(messages->rowCount(), 1);
        QCOMPARE(messages->index(0, 0).data().toString(), u"Hello\nsecond line"_s);
        QTRY_COMPARE(messages->index(0, 0).data(MessageModel::DeliveryRole).toInt(),
            int(ChatMessage::Delivery::Delivered));
        QCOMPARE(lastReceived(u"message"_s)[u"text"_s].toString(), u"Hello\nsecond line"_s);
        QVERIFY(!lastReceived(u"typing"_s)[u"active"_s].toBool());
        QTest::keyClick(input, Qt::Key_Return); // nothing to send
        QCOMPARE(messages->rowCount(), 1);
        // Too long for the protocol: said at the composer, kept, not sent.
        auto *composerError = child<QLabel>(window, u"owidgetComposerError"_s);
        QVERIFY(!composerError->isVisible());
        input->setPlainText(QString(4001, u'x'));
        QVERIFY(composerError->isVisible());
        QVERIFY(!child<QPushButton>(window, u"owidgetSendButton"_s)->isEnabled());
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(messages->rowCount(), 1);
        QCOMPARE(input->toPlainText().size(), 4001);
        input->clear();
        QVERIFY(!composerError->isVisible());
        QVERIFY(child<QPushButton>(window, u"owidgetSendButton"_s)->isEnabled());
        // The limit counts characters as the protocol does: an emoji (two UTF-16 units) is one.
        const QString emoji = u"\U0001F44B"_s;
        input->setPlainText(emoji.repeated(Controller::maxMessageLength()));
        QVERIFY(!composerError->isVisible());
        QVERIFY(child<QPushButton>(window, u"owidgetSendButton"_s)->isEnabled());
        input->setPlainText(emoji.repeated(Controller::maxMessageLength() + 1));
        QVERIFY(composerError->isVisible());
        input->clear();

        server->operatorTypes(conversation, true);
        QTRY_COMPARE(messages->rowCount(), 2);
        QVERIFY(messages->index(1, 0).data(MessageModel::TypingRole).toBool());
        server->operatorSays(conversation, u"Hi Jana"_s);
        QTRY_COMPARE(messages->index(1, 0).data().toString(), u"Hi Jana"_s);
        QCOMPARE(messages->rowCount(), 2);
        QCOMPARE(messages->index(1, 0).data(MessageModel::SenderNameRole).toString(), u"Alice"_s);
        QVERIFY(messages->index(0, 0).data(MessageModel::DayBreakRole).toBool()); // "Today"
        QVERIFY(!messages->index(1, 0).data(MessageModel::DayBreakRole).toBool());
        QVERIFY(messages->index(1, 0).data(MessageModel::FirstOfRunRole).toBool());
        QVERIFY(
            messages->index(1, 0).data(Qt::AccessibleTextRole).toString().contains(u"Hi Jana"_s));

        QTest::mouseClick(child<QToolButton>(window, u"owidgetEndChatButton"_s), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetConfirmEndButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QVERIFY(child<QLabel>(window, u"owidgetEndedLabel"_s)->isVisible());
        QVERIFY(!input->isVisible());
        QVERIFY(!child<QToolButton>(window, u"owidgetEndChatButton"_s)->isVisible());

        const QString transcript = window.transcript();
        QVERIFY2(transcript.contains(u"] You: Hello\n    second line"_s), qPrintable(transcript));
        QVERIFY(transcript.contains(u"] Alice: Hi Jana"_s));
        QTemporaryDir dir;
        const QString file = dir.filePath(u"transcript.txt"_s);
        QVERIFY(window.saveTranscript(file));
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), transcript);

        QTest::mouseClick(child<QPushButton>(window, u"owidgetNewChatButton"_s), Qt::LeftButton);
        QCOMPARE(page(window), u"owidgetFormPage"_s);
        QCOMPARE(name->text(), u"Jana"_s); // what the visitor wrote stays

        QTest::keyClick(name, Qt::Key_Escape);
        QVERIFY(!controller->isChatWindowOpen());
        QVERIFY(!window.isVisible());
        QStringList seen;
        for (const QList<QVariant> &event : std::as_const(events))
            seen.append(event.constFirst().value<OWidget::AppEvent>().typeName());
        QCOMPARE(seen,
            QStringList({ u"chatWindowOpen"_s, u"chatSessionCreated"_s, u"chatSessionStarted"_s,
                u"chatSessionEnded"_s, u"chatWindowClosed"_s }));
    }

    void unsentStartComesBackInTheForm_data()
    {
        QTest::addColumn<bool>("stale");
        QTest::newRow("stored two days ago") << true;
        QTest::newRow("refused after the restart") << false;
    }

    // The host program closed before its start was answered, and when it opens again the start
    // cannot go: stored too long ago, or refused by the server. The form shows, filled as the
    // visitor left it, and sends it again as a new start.
    void unsentStartComesBackInTheForm()
    {
        QFETCH(bool, stale);
        {
            auto first = connectedController();
            QTRY_COMPARE(first->connectionState(), ConnectionState::Connected);
            server->holdCreated = true;
            QVERIFY(
                first->startChat({ { u"name"_s, u"Jana"_s }, { u"phone"_s, u"777 666 555"_s } }));
            QTRY_VERIFY(!server->lastConversation().isEmpty());
        }
        server->holdCreated = false;
        const QJsonObject dropped = lastReceived(u"start"_s);
        if (stale) {
            QFile file(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                + u"/owidget/sessions.json"_s);
            QVERIFY(file.open(QIODevice::ReadWrite));
            QJsonObject sessions = QJsonDocument::fromJson(file.readAll()).object();
            QCOMPARE(sessions.size(), 1);
            QJsonObject entry = sessions.begin()->toObject();
            entry.insert(u"startSavedAt"_s,
                QDateTime::currentDateTimeUtc().addDays(-2).toString(Qt::ISODateWithMs));
            sessions.insert(sessions.keys().constFirst(), entry);
            QVERIFY(file.resize(0));
            QVERIFY(file.write(QJsonDocument(sessions).toJson()) > 0);
        } else {
            server->refuseStarts = u"bad_request"_s;
        }

        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QCOMPARE(controller->chatState(), ChatState::NoChat);
        auto *name = child<QLineEdit>(window, u"owidgetField_name"_s);
        auto *phone = child<QLineEdit>(window, u"owidgetField_phone"_s);
        QVERIFY(name && phone);
        QTRY_COMPARE(name->text(), u"Jana"_s);
        QCOMPARE(phone->text(), u"+420 777 666 555"_s);

        server->refuseStarts.clear();
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        const QJsonObject sent = lastReceived(u"start"_s);
        QCOMPARE(sent[u"fields"_s], dropped[u"fields"_s]);
        QVERIFY(sent[u"clientId"_s] != dropped[u"clientId"_s]);
        QVERIFY(controller->unsentStartFields().isEmpty());
    }

    void aLostLinkKeepsTheForm()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QStringList pagesSeen;
        connect(controller.get(), &Controller::connectionStateChanged, &window,
            [&] { pagesSeen.append(page(window)); });
        server->dropConnections();
        QTRY_COMPARE(pagesSeen.size(), 3); // reconnecting, connecting, connected
        QCOMPARE(controller->connectionState(), ConnectionState::Connected);
        QCOMPARE(pagesSeen, QStringList(3, u"owidgetFormPage"_s));
        QCOMPARE(child<QLineEdit>(window, u"owidgetField_name"_s)->text(), u"Jana"_s);
    }

    void headerCountsDownToTheNextAttempt()
    {
        auto controller = connectedController();
        controller->setReconnectBackoff(std::chrono::seconds(20), std::chrono::seconds(20));
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        int delay = 0;
        connect(controller.get(), &Controller::reconnectScheduled, &window,
            [&](int msecs) { delay = msecs; });
        server.reset(); // gone: every attempt fails, and each waits up to 20 s for the next
        // The first retry goes at once; a later one waits long enough to count down.
        QTRY_VERIFY_WITH_TIMEOUT(delay >= 3000, 20000);
        const auto *subtitle = child<QLabel>(window, u"owidgetSubtitle"_s);
        const auto secondsShown = [subtitle] {
            static const QRegularExpression countdown(uR"(^Reconnecting in (\d+) s…$)"_s);
            const auto match = countdown.match(subtitle->text());
            return match.hasMatch() ? match.captured(1).toInt() : -1;
        };
        QCOMPARE(secondsShown(), (delay + 999) / 1000);
        // A second later, a second less.
        const int first = secondsShown();
        QTRY_VERIFY_WITH_TIMEOUT(secondsShown() > 0 && secondsShown() < first, 2000);
    }

    void aRefusalIsSaidInTheWindowsWords()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        server.reset(); // the service is gone; the controller keeps trying
        QTRY_VERIFY(controller->connectionState() != ConnectionState::Connected);
        QCOMPARE(page(window), u"owidgetFormPage"_s);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        auto *error = child<QLabel>(window, u"owidgetFormError"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"We cannot reach the chat service"_s),
            qPrintable(error->text()));
        QCOMPARE(controller->chatState(), ChatState::NoChat);
    }

    void followsAPaletteChange()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        const QColor darkBase(0x17, 0x18, 0x1B);
        QPalette dark = window.palette();
        dark.setColor(QPalette::Window, QColor(0x1F, 0x20, 0x24));
        dark.setColor(QPalette::Base, darkBase);
        dark.setColor(QPalette::Text, QColor(0xE8, 0xE8, 0xEA));
        dark.setColor(QPalette::WindowText, QColor(0xE8, 0xE8, 0xEA));
        window.setPalette(dark); // as when the application turns dark

        QCOMPARE(child<QWidget>(window, u"owidgetFormPage"_s)->palette().color(QPalette::Window),
            darkBase);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        auto *error = child<QLabel>(window, u"owidgetFieldError_name"_s);
        QVERIFY(error->isVisible());
        QVERIFY(error->palette().color(QPalette::WindowText).lightnessF() > 0.6); // light red
        QVERIFY(child<QListView>(window, u"owidgetMessageView"_s)->palette().color(QPalette::Base)
            == darkBase);
    }

    void aRefusedMessageIsMarked()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->holdAcks = true;
        auto *input = child<QPlainTextEdit>(window, u"owidgetMessageInput"_s);
        QTest::keyClicks(input, u"Refuse me"_s);
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_VERIFY(receivedTypes().contains(u"message"_s));
        const QModelIndex row = model(window)->index(0, 0);
        QCOMPARE(row.data(MessageModel::DeliveryRole).toInt(), int(ChatMessage::Delivery::Sending));
        const QString clientId = row.data(MessageModel::ClientIdRole).toString();
        server->sendRaw(R"({"type":"error","code":"bad_request","message":"No.","clientId":")"
            + clientId.toUtf8() + R"("})");
        QTRY_COMPARE(model(window)->index(0, 0).data(MessageModel::DeliveryRole).toInt(),
            int(ChatMessage::Delivery::Failed));
        QVERIFY(model(window)
                    ->index(0, 0)
                    .data(Qt::AccessibleTextRole)
                    .toString()
                    .endsWith(u"Refuse me (not delivered)"_s));
        QVERIFY(!child<QListView>(window, u"owidgetMessageView"_s)->grab().isNull());
    }

    void messagesStillSendingStayLast()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"Alice"_s);
        server->holdAcks = true;
        controller->sendMessage(u"first"_s);
        controller->sendMessage(u"second"_s);
        QTRY_COMPARE(server->events(conversation).size(), 3);
        server->operatorSays(conversation, u"answer"_s);

        // The operator's message goes before the two waiting for their acknowledgement, in the
        // window as in the controller, and each row is laid out for its own text.
        const auto rows = [&] {
            QStringList texts;
            for (int row = 0; row < model(window)->rowCount(); ++row)
                texts.append(model(window)->index(row, 0).data(Qt::DisplayRole).toString());
            return texts;
        };
        const QStringList expected { u"answer"_s, u"first"_s, u"second"_s };
        QTRY_COMPARE(rows(), expected);
        QStringList inController;
        for (const ChatMessage &message : controller->messages())
            inController.append(message.text);
        QCOMPARE(inController, expected);
        QCOMPARE(model(window)->index(0, 0).data(MessageModel::SenderRole).toInt(),
            int(ChatMessage::Sender::Operator));
        QVERIFY(model(window)->index(1, 0).data(MessageModel::FirstOfRunRole).toBool());
        QVERIFY(!child<QListView>(window, u"owidgetMessageView"_s)->grab().isNull());
    }

    void cancelWhileWaiting()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QTest::keyClick(child<QLineEdit>(window, u"owidgetField_name"_s), Qt::Key_Return);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetCancelButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
    }

    // Leaving the queue before anyone joined ends nothing to keep: the form is back, with what
    // the visitor wrote, and no transcript of an empty conversation is offered.
    void leavingTheQueueGoesBackToTheForm()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        auto *name = child<QLineEdit>(window, u"owidgetField_name"_s);
        QTest::keyClicks(name, u"Jana"_s);
        QTest::keyClick(name, Qt::Key_Return);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetCancelButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QCOMPARE(page(window), u"owidgetFormPage"_s);
        QVERIFY(!child<QPushButton>(window, u"owidgetSaveTranscriptButton"_s)->isVisible());
        QCOMPARE(child<QLabel>(window, u"owidgetSubtitle"_s)->text(), u"We are online"_s);
        QCOMPARE(name->text(), u"Jana"_s);
        QVERIFY(name->hasFocus());

        // And the visitor can join again at once.
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QCOMPARE(page(window), u"owidgetConversationPage"_s);
    }

    // An operator ended a conversation with nothing said: the end shows, with no transcript.
    void anEmptyConversationOffersNoTranscript()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        server->operatorEnds(server->lastConversation());
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QCOMPARE(page(window), u"owidgetConversationPage"_s);
        QVERIFY(child<QLabel>(window, u"owidgetEndedLabel"_s)->isVisible());
        QVERIFY(!child<QPushButton>(window, u"owidgetSaveTranscriptButton"_s)->isVisible());
        QVERIFY(child<QPushButton>(window, u"owidgetNewChatButton"_s)->isVisible());
    }

    // "Uložit přepis…" in a Czech window: the file dialog speaks Czech, Qt's own words too, and
    // opens in the documents folder.
    void theTranscriptDialogSpeaksTheWindowsLanguage()
    {
        if (!QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + u"/qtbase_cs.qm"_s))
            QSKIP("Qt's own Czech catalog is not installed (qt6-translations-l10n)");
        auto controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        QVERIFY(controller->init(TestServer::companyId(), u"support"_s, u"cs"_s));
        controller->connectToServer();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        server->operatorSays(server->lastConversation(), u"Dobrý den"_s);
        QTRY_COMPARE(model(window)->rowCount(), 1);
        server->operatorEnds(server->lastConversation());
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);

        auto *save = child<QPushButton>(window, u"owidgetSaveTranscriptButton"_s);
        QCOMPARE(save->text(), u"Uložit přepis…"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<QFileDialog *>()) && dialog->isVisible());
        dialog->setOption(QFileDialog::DontUseNativeDialog); // offscreen has no native one anyway
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        const QString documents
            = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        QCOMPARE(QDir(dialog->directory()).canonicalPath(),
            QDir(QDir(documents).exists() ? documents : QDir::homePath()).canonicalPath());
        QCOMPARE(dialog->windowTitle(), u"Uložit přepis"_s);
        // Qt's own words: the labels and buttons of the dialog.
        const auto *fileName = dialog->findChild<QLabel *>(u"fileNameLabel"_s);
        QVERIFY(fileName);
        QVERIFY2(!fileName->text().contains(u"name"_s, Qt::CaseInsensitive),
            qPrintable(fileName->text()));
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        const QList<QAbstractButton *> all = buttons->buttons();
        for (const QAbstractButton *button : all) {
            const QString text = button->text().remove(u'&');
            QVERIFY2(
                text != "Save"_L1 && text != "Cancel"_L1 && text != "Open"_L1, qPrintable(text));
        }
        dialog->reject();
        QTRY_VERIFY(!dialog->isVisible());
    }

    // "End chat" asks first, from the keyboard too; Escape keeps the conversation (and the
    // window).
    void endingAConversationAsksFirst()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);

        auto *end = child<QToolButton>(window, u"owidgetEndChatButton"_s);
        auto *question = child<QWidget>(window, u"owidgetEndConfirm"_s);
        auto *yes = child<QPushButton>(window, u"owidgetConfirmEndButton"_s);
        QVERIFY(question && yes);
        QVERIFY(!question->isVisible());
        QTest::mouseClick(end, Qt::LeftButton);
        QVERIFY(question->isVisible());
        QCOMPARE(
            child<QLabel>(window, u"owidgetEndConfirmLabel"_s)->text(), u"End the conversation?"_s);
        QVERIFY(yes->hasFocus());
        QCOMPARE(unnamedControls(window), QStringList());
        QTest::keyClick(yes, Qt::Key_Escape);
        QVERIFY(!question->isVisible());
        QVERIFY(window.isVisible());
        QVERIFY(child<QPlainTextEdit>(window, u"owidgetMessageInput"_s)->hasFocus());
        QTest::qWait(0);
        QCOMPARE(controller->chatState(), ChatState::Active);
        QVERIFY(!receivedTypes().contains(u"end"_s));

        QTest::mouseClick(end, Qt::LeftButton);
        QTest::keyClick(yes, Qt::Key_Return);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QVERIFY(!question->isVisible());
    }

    // What the operator's console shows, the conversation shows: who joined and who ended it.
    void theConversationShowsWhoJoinedAndWhoEnded()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"Alice"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        const QString joined = u"Alice joined the conversation."_s;
        auto *view = child<QListView>(window, u"owidgetMessageView"_s);
        QTRY_VERIFY(view->grab().toImage() != QImage()); // painted with the event as its hint
        server->operatorSays(conversation, u"Hello, how can I help?"_s);
        QTRY_COMPARE(model(window)->rowCount(), 1);
        const QModelIndex first = model(window)->index(0, 0);
        QCOMPARE(first.data(MessageModel::EventsBeforeRole).toStringList(), QStringList { joined });
        QVERIFY(first.data(MessageModel::EventsAfterRole).toStringList().isEmpty());
        // The row makes room for the event above the bubble.
        const int withEvent = view->visualRect(first).height();

        server->operatorEnds(conversation);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QTRY_COMPARE(model(window)->index(0, 0).data(MessageModel::EventsAfterRole).toStringList(),
            QStringList { u"Alice ended the conversation."_s });
        QTRY_VERIFY(view->visualRect(model(window)->index(0, 0)).height() > withEvent);

        // A new chat the visitor ends: said as theirs.
        QTest::mouseClick(child<QPushButton>(window, u"owidgetNewChatButton"_s), Qt::LeftButton);
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->operatorJoins(server->lastConversation(), u"Bob"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        auto *input = child<QPlainTextEdit>(window, u"owidgetMessageInput"_s);
        QTest::keyClicks(input, u"Thanks, bye"_s);
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_COMPARE(model(window)->rowCount(), 1);
        QCOMPARE(model(window)->index(0, 0).data(MessageModel::EventsBeforeRole).toStringList(),
            QStringList { u"Bob joined the conversation."_s });
        QTest::mouseClick(child<QToolButton>(window, u"owidgetEndChatButton"_s), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetConfirmEndButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QTRY_COMPARE(model(window)->index(0, 0).data(MessageModel::EventsAfterRole).toStringList(),
            QStringList { u"You ended the conversation."_s });
    }

    // Ending while the service cannot be reached: the conversation stays, and the window says
    // why, in its own words.
    void endingWithoutALinkSaysWhy()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        server->operatorJoins(server->lastConversation(), u"Alice"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        server.reset(); // the service is gone; the controller keeps trying
        QTRY_VERIFY(controller->connectionState() != ConnectionState::Connected);
        QTest::mouseClick(child<QToolButton>(window, u"owidgetEndChatButton"_s), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetConfirmEndButton"_s), Qt::LeftButton);
        auto *error = child<QLabel>(window, u"owidgetComposerError"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().startsWith(u"We cannot reach the chat service"_s),
            qPrintable(error->text()));
        QCOMPARE(controller->chatState(), ChatState::Active);
    }

    void enterOnTheFocusedMainButtonPressesIt()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        auto *submit = child<QPushButton>(window, u"owidgetSubmitButton"_s);
        submit->setFocus();
        QTest::keyClick(submit, Qt::Key_Return);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
    }

    void busyCallbackRequest()
    {
        server->status = 2;
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        auto *submit = child<QPushButton>(window, u"owidgetSubmitButton"_s);
        QCOMPARE(submit->text(), u"Join the queue"_s);
        auto *other = child<QPushButton>(window, u"owidgetSwitchFormButton"_s);
        QVERIFY(other->isVisible());
        QTest::mouseClick(other, Qt::LeftButton);
        QCOMPARE(submit->text(), u"Call me back"_s);
        QCOMPARE(child<QLabel>(window, u"owidgetFieldLabel_phone"_s)->text(), u"Phone *"_s);

        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QTest::mouseClick(submit, Qt::LeftButton);
        auto *phoneError = child<QLabel>(window, u"owidgetFieldError_phone"_s);
        QVERIFY(phoneError->isVisible());
        auto *phone = child<QLineEdit>(window, u"owidgetField_phone"_s);
        QVERIFY(phone->hasFocus());
        QVERIFY(!receivedTypes().contains(u"callbackRequest"_s));

        QTest::keyClicks(phone, u"777666555"_s);
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_COMPARE(page(window), u"owidgetSentPage"_s);
        QCOMPARE(lastReceived(u"callbackRequest"_s)[u"phone"_s].toString(), u"+420 777 666 555"_s);
        QVERIFY(child<QLabel>(window, u"owidgetSentText"_s)->text().contains(u"call you back"_s));
        QTest::mouseClick(child<QPushButton>(window, u"owidgetDoneButton"_s), Qt::LeftButton);
        QVERIFY(!controller->isChatWindowOpen());
        QCOMPARE(page(window), u"owidgetFormPage"_s);
    }

    // "Ask for a call back instead" on the online form shows the call-back form and sends a
    // call-back request; the choice does not outlive the status it was made in.
    void aCallBackAskedForOnlineWorksAndIsForgottenOffline()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        auto *submit = child<QPushButton>(window, u"owidgetSubmitButton"_s);
        auto *other = child<QPushButton>(window, u"owidgetSwitchFormButton"_s);
        QCOMPARE(submit->text(), u"Start chat"_s);
        QVERIFY(other->isVisible());
        QCOMPARE(other->text(), u"Ask for a call back instead"_s);
        QTest::mouseClick(other, Qt::LeftButton);
        QCOMPARE(submit->text(), u"Call me back"_s);
        QCOMPARE(child<QLabel>(window, u"owidgetFieldLabel_phone"_s)->text(), u"Phone *"_s);
        QVERIFY(other->isVisible()); // and the way back
        QTest::mouseClick(other, Qt::LeftButton);
        QCOMPARE(submit->text(), u"Start chat"_s);
        QTest::mouseClick(other, Qt::LeftButton);
        QCOMPARE(submit->text(), u"Call me back"_s);

        // The operators go offline: the offline form is the message form, as for anyone.
        server->setStatus(0);
        QTRY_COMPARE(controller->status(), ButtonStatus::Offline);
        QCOMPARE(submit->text(), u"Send message"_s);
        QVERIFY(child<QPlainTextEdit>(window, u"owidgetOfflineMessage"_s)->isVisible());
        // Back online, the choice made online is gone too.
        server->setStatus(1);
        QTRY_COMPARE(controller->status(), ButtonStatus::Online);
        QCOMPARE(submit->text(), u"Start chat"_s);

        // Where it is offered, it works: the request goes out and is thanked for.
        QTest::mouseClick(other, Qt::LeftButton);
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_phone"_s), u"777666555"_s);
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_COMPARE(page(window), u"owidgetSentPage"_s);
        QCOMPARE(lastReceived(u"callbackRequest"_s)[u"phone"_s].toString(), u"+420 777 666 555"_s);
        QCOMPARE(controller->chatState(), ChatState::NoChat);
    }

    // A field's "Please fill in this field." goes as soon as the field is filled in, and comes
    // back when it is emptied and the form sent again.
    void aMissingFieldsErrorGoesWhenItIsFilledIn()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        auto *name = child<QLineEdit>(window, u"owidgetField_name"_s);
        auto *error = child<QLabel>(window, u"owidgetFieldError_name"_s);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), u"Please fill in this field."_s);
        QVERIFY(name->hasFocus());
        QTest::keyClicks(name, u"J"_s);
        QVERIFY(!error->isVisible());
        QVERIFY(name->accessibleDescription().isEmpty());
        QTest::keyClick(name, Qt::Key_Backspace);
        QVERIFY(!error->isVisible()); // said again when the form is sent, not while typing
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        QVERIFY(error->isVisible());
        QCOMPARE(controller->chatState(), ChatState::NoChat);
    }

    void offlineMessage()
    {
        server->status = 0;
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        auto *submit = child<QPushButton>(window, u"owidgetSubmitButton"_s);
        QCOMPARE(submit->text(), u"Send message"_s);
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QTest::mouseClick(submit, Qt::LeftButton);
        QVERIFY(child<QLabel>(window, u"owidgetOfflineMessageError"_s)->isVisible());
        auto *message = child<QPlainTextEdit>(window, u"owidgetOfflineMessage"_s);
        QVERIFY(message->hasFocus());
        QTest::keyClicks(message, u"Please call me <b>tomorrow</b>."_s);
        QTest::mouseClick(submit, Qt::LeftButton);
        QTRY_COMPARE(page(window), u"owidgetSentPage"_s);
        const QJsonObject sent = lastReceived(u"leaveMessage"_s);
        QCOMPARE(sent[u"text"_s].toString(), u"Please call me <b>tomorrow</b>."_s);
        QCOMPARE(sent[u"fields"_s][u"name"_s].toString(), u"Jana"_s);
        QVERIFY(message->toPlainText().isEmpty());
    }

    void offlineDisabledSaysSo()
    {
        server->status = 0;
        server->config.insert(u"offlineBehavior"_s, u"disabled"_s);
        auto controller = connectedController();
        ChatWindow window;
        window.setController(controller.get());
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        controller->openChat();
        QCOMPARE(page(window), u"owidgetStatusPage"_s);
        QCOMPARE(child<QLabel>(window, u"owidgetStatusTitle"_s)->text(), u"The chat is offline"_s);
    }

    void phoneFieldIsNormalizedOrRefused()
    {
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        auto *phone = child<QLineEdit>(window, u"owidgetField_phone"_s);
        auto *error = child<QLabel>(window, u"owidgetFieldError_phone"_s);
        phone->setFocus();
        QTest::keyClicks(phone, u"777666555"_s);
        QTest::keyClick(phone, Qt::Key_Tab); // leaves the field
        QTRY_COMPARE(phone->text(), u"+420 777 666 555"_s);
        QVERIFY(!error->isVisible());

        phone->setFocus();
        phone->selectAll();
        QTest::keyClicks(phone, u"12"_s);
        QTest::keyClick(phone, Qt::Key_Tab);
        QTRY_VERIFY(error->isVisible());
        QVERIFY(error->text().contains(u"not a valid phone number"_s));
        QCOMPARE(phone->text(), u"12"_s);
        QVERIFY(!phone->accessibleDescription().isEmpty());

        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        QVERIFY(phone->hasFocus());
        QCOMPARE(controller->chatState(), ChatState::NoChat);
        QCOMPARE(receivedTypes(), QStringList { u"hello"_s });
    }

    void emailIsChecked()
    {
        QJsonArray fields = server->config.value(u"fields"_s).toArray();
        fields.append(QJsonObject { { u"name"_s, u"email"_s }, { u"type"_s, u"email"_s },
            { u"label"_s, QJsonObject { { u"en"_s, u"E-mail"_s } } } });
        server->config.insert(u"fields"_s, fields);
        auto controller = connectedController();
        ChatWindow window;
        QVERIFY(openOnForm(*controller, window));
        auto *email = child<QLineEdit>(window, u"owidgetField_email"_s);
        QVERIFY(email);
        QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
        QTest::keyClicks(email, u"jana@example"_s);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        QVERIFY(child<QLabel>(window, u"owidgetFieldError_email"_s)->isVisible());
        QCOMPARE(controller->chatState(), ChatState::NoChat);
        QTest::keyClicks(email, u".com"_s);
        QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QCOMPARE(
            lastReceived(u"start"_s)[u"fields"_s][u"email"_s].toString(), u"jana@example.com"_s);
    }

    void openConversationResumesInANewWindow()
    {
        QString conversation;
        {
            auto controller = connectedController(u"account-7"_s);
            ChatWindow window;
            QVERIFY(openOnForm(*controller, window));
            QTest::keyClicks(child<QLineEdit>(window, u"owidgetField_name"_s), u"Jana"_s);
            QTest::mouseClick(child<QPushButton>(window, u"owidgetSubmitButton"_s), Qt::LeftButton);
            QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
            conversation = server->lastConversation();
            server->operatorJoins(conversation, u"Alice"_s);
            QTRY_COMPARE(controller->chatState(), ChatState::Active);
            auto *input = child<QPlainTextEdit>(window, u"owidgetMessageInput"_s);
            QTest::keyClicks(input, u"Before the restart"_s);
            QTest::keyClick(input, Qt::Key_Enter);
            QTRY_COMPARE(model(window)->index(0, 0).data(MessageModel::DeliveryRole).toInt(),
                int(ChatMessage::Delivery::Delivered));
        } // the program closes
        server->operatorSays(conversation, u"Still there?"_s);

        auto controller = connectedController(u"account-7"_s);
        ChatWindow window;
        window.setController(controller.get());
        controller->openChat();
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        QTRY_COMPARE(model(window)->rowCount(), 2);
        QCOMPARE(page(window), u"owidgetConversationPage"_s);
        QCOMPARE(model(window)->index(0, 0).data().toString(), u"Before the restart"_s);
        QCOMPARE(model(window)->index(1, 0).data().toString(), u"Still there?"_s);
        QVERIFY(child<QLabel>(window, u"owidgetSubtitle"_s)->text().contains(u"Alice"_s));
    }

    // A conversation resumed while nobody is online: the composer has its usual height and the
    // messages get the rest of the page, from the first picture on.
    void aConversationResumedOfflineIsLaidOutAsAnyOther()
    {
        {
            auto controller = connectedController(u"account-9"_s);
            ChatWindow window;
            QVERIFY(openOnForm(*controller, window));
            QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
            QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        } // the program closes
        server->setStatus(0);

        // As the drop-in chat does it: the window follows the controller before it starts.
        Controller *controller = new Controller(this);
        controller->setServerUrl(server->url());
        ChatWindow window;
        window.resize(380, 560);
        window.setController(controller);
        QVERIFY(controller->init(TestServer::companyId(), u"support"_s, u"en"_s, u"account-9"_s));
        controller->connectToServer();
        controller->openChat();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *composer = child<QWidget>(window, u"owidgetComposer"_s);
        auto *view = child<QListView>(window, u"owidgetMessageView"_s);
        const auto laidOut = [&] {
            return composer->isVisible() && composer->height() == composer->sizeHint().height()
                && view->height() > window.height() / 2;
        };
        QStringList seen;
        const auto look = [&] {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            if (page(window) == "owidgetConversationPage"_L1 && !laidOut()) {
                seen.append(u"%1: composer %2 (hint %3), messages %4"_s
                                .arg(QVariant::fromValue(controller->chatState()).toString())
                                .arg(composer->height())
                                .arg(composer->sizeHint().height())
                                .arg(view->height()));
            }
        };
        connect(controller, &Controller::chatStateChanged, &window, look);
        connect(controller, &Controller::connectionStateChanged, &window, look);
        connect(controller, &Controller::statusChanged, &window, look);
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        QCOMPARE(controller->status(), ButtonStatus::Offline);
        look();
        QCOMPARE(seen, QStringList());
        QVERIFY(laidOut());
        delete controller;
    }

    void untrustedTextIsShownLiterally()
    {
        auto controller = connectedController();
        ChatWindow window;
        QList<QUrl> opened;
        window.setLinkOpener([&](const QUrl &url) { opened.append(url); });
        QVERIFY(openOnForm(*controller, window));
        QVERIFY(controller->startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        const QString conversation = server->lastConversation();
        server->operatorJoins(conversation, u"<i>Alice</i>"_s);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);

        const QString html = u"<b>bold</b> &amp; <img src=\"https://example.com/x.png\"> "
                             "javascript:alert(1) see https://example.com/help."_s;
        server->operatorSays(conversation, html);
        QTRY_COMPARE(model(window)->rowCount(), 1);
        // Announced to screen readers (an Alert event on the view, which the offscreen platform
        // has no bridge to receive), with the message in the view's description.
        QCOMPARE(child<QListView>(window, u"owidgetMessageView"_s)->accessibleDescription(),
            u"New message from <i>Alice</i>: "_s + html);

        const QModelIndex index = model(window)->index(0, 0);
        QCOMPARE(index.data().toString(), html);
        QCOMPARE(index.data(MessageModel::SenderNameRole).toString(), u"<i>Alice</i>"_s);
        QVERIFY(child<QLabel>(window, u"owidgetSubtitle"_s)->text().contains(u"<i>Alice</i>"_s));
        // No label anywhere interprets rich text.
        const QList<QLabel *> labels = window.findChildren<QLabel *>();
        for (const QLabel *label : labels)
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));

        // The links the widget found itself open through the opener; the others do nothing.
        auto *view = child<QListView>(window, u"owidgetMessageView"_s);
        auto *delegate = qobject_cast<OWidget::MessageDelegate *>(view->itemDelegate());
        QVERIFY(delegate);
        QVERIFY(!view->grab().isNull());
        const QRect link = delegate->linkRect(index, 1);
        QVERIFY(!link.isEmpty());
        QVERIFY(delegate->linkRect(index, 2).isEmpty());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, link.center());
        QCOMPARE(opened, QList<QUrl> { QUrl(u"https://example.com/help"_s) });
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, link.topLeft() - QPoint(40, 0));
        QCOMPARE(opened.size(), 1);

        // From the keyboard: Tab to the conversation, Enter on a message opens its link.
        server->operatorSays(conversation, u"Write to mailto:help@example.com"_s);
        QTRY_COMPARE(model(window)->rowCount(), 2);
        view->setFocus(Qt::TabFocusReason);
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(view->currentIndex().row(), 1);
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(opened.constLast(), QUrl(u"mailto:help@example.com"_s));
        QTest::keyClick(view, Qt::Key_C, Qt::ControlModifier); // copies the plain text
        QCOMPARE(QGuiApplication::clipboard()->text(), u"Write to mailto:help@example.com"_s);
    }

    void linksAreFoundOnlyForSafeSchemes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("links");
        QTest::newRow("https") << u"see https://example.com/a?b=1#c."_s
                               << QStringList { u"https://example.com/a?b=1#c"_s };
        QTest::newRow("http and mailto")
            << u"http://example.com, or mailto:help@example.com!"_s
            << QStringList { u"http://example.com"_s, u"mailto:help@example.com"_s };
        QTest::newRow("brackets") << u"(https://example.com/wiki/A_(b))"_s
                                  << QStringList { u"https://example.com/wiki/A_(b)"_s };
        QTest::newRow("javascript") << u"javascript:alert(1)"_s << QStringList {};
        QTest::newRow("file") << u"file:///etc/passwd"_s << QStringList {};
        QTest::newRow("data") << u"data:text/html,<script>x</script>"_s << QStringList {};
        QTest::newRow("no host") << u"https:// nothing"_s << QStringList {};
        QTest::newRow("inside a word") << u"xhttps://example.com"_s << QStringList {};
        QTest::newRow("quoted html") << u"<a href=\"https://evil.example/\">x</a>"_s
                                     << QStringList { u"https://evil.example/"_s };
    }

    void linksAreFoundOnlyForSafeSchemes()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, links);
        QStringList found;
        const QList<OWidget::TextLinks::Link> result = OWidget::TextLinks::find(text);
        for (const OWidget::TextLinks::Link &link : result) {
            QCOMPARE(text.mid(link.start, link.length), link.url.toString());
            found.append(link.url.toString());
        }
        QCOMPARE(found, links);
        QVERIFY(!OWidget::TextLinks::isAllowed(QUrl(u"javascript:alert(1)"_s)));
        QVERIFY(!OWidget::TextLinks::isAllowed(QUrl(u"file:///etc/passwd"_s)));
    }

    // A long conversation opens with its latest page of messages as rows, grows older ones at
    // the top when scrolled there without moving what is on screen, and keeps appending at the end.
    void aLongConversationLoadsOlderMessagesAtTheTop()
    {
        QList<ChatMessage> messages;
        const QDateTime start(QDate(2024, 5, 6), QTime(12, 0));
        for (int i = 0; i < 450; ++i) {
            ChatMessage message;
            message.sender
                = i % 3 == 2 ? ChatMessage::Sender::Visitor : ChatMessage::Sender::Operator;
            message.senderName = u"Alice"_s;
            message.text = u"Message %1"_s.arg(i);
            message.time = start.addSecs(i);
            messages.append(message);
        }
        MessageModel model;
        QListView view;
        view.resize(360, 480);
        OWidget::MessageView::setUp(&view, &model, new OWidget::MessageDelegate(&view));
        model.setMessages(messages);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const int page = MessageModel::PageSize;
        QCOMPARE(model.rowCount(), page);
        QCOMPARE(model.messages().size(), 450);
        QCOMPARE(model.index(0).data().toString(), u"Message 250"_s);
        QCOMPARE(model.index(0).data(MessageModel::PositionRole).toLongLong(), 250);
        // Row 0 follows message 249 (an operator's, like it): not the first of its run.
        QVERIFY(!model.index(0).data(MessageModel::FirstOfRunRole).toBool());
        QVERIFY(!model.index(0).data(MessageModel::DayBreakRole).toBool());

        ChatMessage latest = messages.constLast();
        latest.text = u"The latest"_s;
        model.append(latest);
        QCOMPARE(model.rowCount(), page + 1);
        QScrollBar *bar = view.verticalScrollBar();
        QCOMPARE(bar->value(), bar->maximum());

        bar->setValue(bar->minimum());
        QTRY_COMPARE(model.rowCount(), 2 * page + 1);
        QVERIFY(bar->value() > bar->minimum());
        QCOMPARE(view.indexAt(QPoint(0, 0)).data().toString(), u"Message 250"_s);

        bar->setValue(bar->minimum());
        QTRY_COMPARE(model.rowCount(), 451);
        QVERIFY(!model.hasEarlier());
        QCOMPARE(model.index(0).data().toString(), u"Message 0"_s);
        QVERIFY(model.index(0).data(MessageModel::DayBreakRole).toBool());
        QCOMPARE(model.loadEarlier(), 0);
    }

    void windowRemembersItsSize()
    {
        {
            ChatWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.resize(420, 610);
            window.hide();
        }
        ChatWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(420, 610));
        QSettings settings;
        QCOMPARE(settings.value(u"OWidget/chatWindowSize"_s).toSize(), QSize(420, 610));
    }

    void chatWidgetIsADropIn()
    {
        ChatWidget widget; // as Qt Designer creates it
        QVERIFY(widget.autoConnect());
        QVERIFY(widget.companyId().isEmpty());
        QCOMPARE(widget.serverUrl(), Controller::defaultServerUrl());
        QVERIFY(widget.controller());
        QCOMPARE(widget.chatButton()->controller(), widget.controller());
        QCOMPARE(widget.chatWindow()->controller(), widget.controller());

        QVERIFY(widget.setProperty("serverUrl", server->url()));
        QVERIFY(widget.setProperty("preset", u"support"_s));
        QVERIFY(widget.setProperty("scope", u"desk-1"_s));
        QVERIFY(widget.setProperty("language", u"en"_s));
        QVERIFY(widget.setProperty("companyId", TestServer::companyId()));
        QTest::qWait(0);
        QCOMPARE(widget.controller()->connectionState(), ConnectionState::Disconnected); // hidden
        widget.show();
        QTRY_COMPARE(widget.controller()->connectionState(), ConnectionState::Connected);
        QCOMPARE(widget.controller()->scope(), u"desk-1"_s);
        QTRY_COMPARE(widget.chatButton()->status(), ButtonStatus::Online);
        QCOMPARE(server->hellos(), 1);

        // The window pops up above the button, right edges aligned, on the screen.
        QSettings().remove(u"OWidget"_s);
        widget.move(450, 680);
        QCoreApplication::processEvents(); // the button took the width of its new text
        QTest::mouseClick(widget.chatButton(), Qt::LeftButton);
        ChatWindow *popup = widget.chatWindow();
        QVERIFY(popup->isVisible());
        QVERIFY(popup->isWindow());
        const QRect button(
            widget.chatButton()->mapToGlobal(QPoint(0, 0)), widget.chatButton()->size());
        QVERIFY(popup->frameGeometry().bottom() < button.top());
        QCOMPARE(popup->frameGeometry().right(), button.right());
        QVERIFY(popup->screen()->availableGeometry().contains(popup->frameGeometry()));
        QTest::keyClick(widget.chatWindow(), Qt::Key_Escape);
        QVERIFY(!widget.chatWindow()->isVisible());
        QVERIFY(!widget.controller()->isChatWindowOpen());
    }
};

QTEST_MAIN(tst_ChatWindow)
#include "tst_chatwindow.moc"
