// What a person using a screen reader hears: the drop-in chat in a host window, on a real X
// display (Xvfb), with Orca listening over AT-SPI and the real owidget-server behind it, driven
// by real key presses (xdotool) alone. Orca's debug log says what it would speak ("SPEECH OUTPUT"
// lines); each step waits for its words there. tests/a11y/screenreader.sh starts the stack and
// runs this program inside it (ctest -L a11y).
#include "faultproxy.h"
#include "serverprocess.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwidget.h>
#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using OWidget::ButtonStatus;
using OWidget::ChatState;
using OWidget::ChatWidget;
using OWidget::ConnectionState;

namespace {

// How long Orca may take to say something after its cause: it hears of it over D-Bus, asks the
// application about the object, then speaks.
constexpr int SpeechTimeout = 30000;

// Orca's debug log, read from where the last step left it.
class OrcaLog
{
public:
    explicit OrcaLog(const QString &path)
        : m_file(path)
    { }

    bool open() { return m_file.open(QIODevice::ReadOnly | QIODevice::Text); }
    /// Forgets what was said so far: the next wait looks only at what comes after.
    void mark()
    {
        read();
        m_spoken.clear();
    }
    /// Waits until Orca has said something that matches `pattern` (case-insensitive) since the
    /// last mark().
    bool waitFor(const QString &pattern, int timeout = SpeechTimeout)
    {
        const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption);
        QDeadlineTimer deadline(timeout);
        do {
            read();
            for (const QString &said : std::as_const(m_spoken)) {
                if (re.match(said).hasMatch())
                    return true;
            }
            QTest::qWait(50); // the application answers Orca's questions meanwhile
        } while (!deadline.hasExpired());
        return false;
    }
    /// What Orca said since the last mark(), for a failure message.
    QString spoken() const
    {
        return m_spoken.isEmpty() ? u"(nothing)"_s : u"\""_s + m_spoken.join(u"\", \""_s) + u'"';
    }

private:
    void read()
    {
        m_pending += QString::fromUtf8(m_file.readAll());
        qsizetype end;
        while ((end = m_pending.indexOf(u'\n')) >= 0) {
            const QString line = m_pending.left(end);
            m_pending.remove(0, end + 1);
            static const QRegularExpression speech(uR"(SPEECH OUTPUT: '(.*)'(?:\{.*)?$)"_s);
            const QRegularExpressionMatch match = speech.match(line);
            if (match.hasMatch())
                m_spoken.append(match.captured(1));
        }
    }

    QFile m_file;
    QString m_pending;
    QStringList m_spoken;
};

} // namespace

// Fails the test with what Orca said instead, when it does not say `pattern` in time.
#define EXPECT_SPOKEN(log, pattern, what)                                                          \
    do {                                                                                           \
        if (!(log).waitFor(pattern))                                                               \
            QFAIL(qPrintable(u"Orca did not say %1 (/%2/) in %3 s; it said: %4"_s.arg(             \
                what, pattern, QString::number(SpeechTimeout / 1000), (log).spoken())));           \
    } while (false)

class tst_A11y : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir settingsDir;

    // Real key presses on the display, as a person's keyboard makes them; the event loop runs
    // meanwhile, so that the application can answer Orca.
    static bool keys(const QStringList &arguments)
    {
        QProcess xdotool;
        xdotool.start(u"xdotool"_s, arguments);
        if (!xdotool.waitForStarted(5000))
            return false;
        QDeadlineTimer deadline(10000);
        while (xdotool.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(20);
        return xdotool.state() == QProcess::NotRunning
            && xdotool.exitStatus() == QProcess::NormalExit && xdotool.exitCode() == 0;
    }
    static bool press(const QString &key) { return keys({ u"key"_s, u"--delay"_s, u"80"_s, key }); }
    static bool type(const QString &text)
    {
        return keys({ u"type"_s, u"--delay"_s, u"40"_s, text });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        if (qEnvironmentVariableIsEmpty("OWIDGET_ORCA_LOG"))
            QFAIL("Run through tests/a11y/screenreader.sh (ctest -L a11y): it starts Orca.");
        QCOMPARE(QGuiApplication::platformName(), u"xcb"_s);
    }

    void aConversationHeardWithTheKeyboardAlone()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        // The widget reaches the server through a relay that can hold what goes either way.
        FaultProxy proxy(quint16(server.url().port()));
        QVERIFY(proxy.listen());
        OrcaLog orca(qEnvironmentVariable("OWIDGET_ORCA_LOG"));
        QVERIFY(orca.open());

        // The host application: a search field, and the drop-in chat beside it.
        QWidget host;
        host.setWindowTitle(u"Shop"_s);
        auto *layout = new QVBoxLayout(&host);
        auto *search = new QLineEdit(&host);
        search->setAccessibleName(u"Search"_s);
        layout->addWidget(search);
        auto *chat = new ChatWidget(&host);
        chat->setServerUrl(proxy.url());
        chat->setPreset(u"support"_s);
        chat->setLanguage(u"en"_s);
        chat->setCompanyId(ServerProcess::demoCompany());
        layout->addWidget(chat);
        OWidget::Controller *controller = chat->controller();
        OWidget::ChatButton *button = chat->chatButton();
        host.resize(400, 200);
        host.show();
        host.activateWindow(); // no window manager on the display does it
        QVERIFY(QTest::qWaitForWindowActive(&host));
        search->setFocus();
        QTRY_COMPARE(controller->connectionState(), ConnectionState::Connected);
        QTRY_VERIFY(controller->hasConfig());
        QCOMPARE(button->status(), ButtonStatus::Offline);
        EXPECT_SPOKEN(orca, u"Search"_s, u"the host's search field"_s);

        // The chat button, with the status it shows.
        orca.mark();
        QVERIFY(press(u"Tab"_s));
        QTRY_VERIFY(button->hasFocus());
        EXPECT_SPOKEN(orca, u"Chat is offline.*button"_s, u"the chat button with its status"_s);

        // An operator comes online while the button has the focus.
        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        orca.mark();
        alice.setAvailability(u"online"_s);
        QTRY_COMPARE(button->status(), ButtonStatus::Online);
        EXPECT_SPOKEN(orca, u"Chat with us"_s, u"the button's new status"_s);

        // Enter opens the chat on its form; the fields say they are required.
        orca.mark();
        QVERIFY(press(u"Return"_s));
        QTRY_VERIFY(chat->chatWindow()->isVisible());
        EXPECT_SPOKEN(orca, u"Name.*required"_s, u"the first field, required"_s);
        orca.mark();
        QVERIFY(type(u"Jana"_s));
        QVERIFY(press(u"Tab"_s));
        EXPECT_SPOKEN(orca, u"E-mail.*required"_s, u"the e-mail field, required"_s);
        QVERIFY(type(u"jana@example.com"_s));
        // On to the button that starts the chat.
        for (int i = 0; i < 4; ++i) {
            QVERIFY(press(u"Tab"_s));
            const auto *focused = qobject_cast<QAbstractButton *>(QApplication::focusWidget());
            if (focused && focused->objectName() == "owidgetSubmitButton"_L1)
                break;
        }
        QCOMPARE(QApplication::focusWidget()->objectName(), u"owidgetSubmitButton"_s);

        // In the queue: its position is said, and the focus goes to the composer.
        orca.mark();
        QVERIFY(press(u"Return"_s));
        QTRY_COMPARE(controller->chatState(), ChatState::Waiting);
        EXPECT_SPOKEN(orca, u"number 1 in the queue"_s, u"the queue position"_s);

        // The operator joins.
        QTRY_VERIFY(!alice.firstQueued().isEmpty());
        const QString conversation = alice.firstQueued();
        orca.mark();
        alice.accept(conversation);
        QTRY_COMPARE(controller->chatState(), ChatState::Active);
        EXPECT_SPOKEN(orca, u"Alice joined the conversation"_s, u"the operator joining"_s);

        // Focus moves inside the window.
        QTRY_VERIFY(QApplication::focusWidget()
            && QApplication::focusWidget()->objectName() == "owidgetMessageInput"_L1);
        orca.mark();
        QVERIFY(press(u"Tab"_s));
        EXPECT_SPOKEN(orca, u"Send.*button"_s, u"the Send button"_s);
        orca.mark();
        QVERIFY(press(u"Tab"_s));
        EXPECT_SPOKEN(orca, u"End chat.*button"_s, u"the End chat button"_s);
        orca.mark();
        QVERIFY(press(u"Tab"_s));
        EXPECT_SPOKEN(orca, u"Close.*button"_s, u"the Close button"_s);
        orca.mark();
        QVERIFY(press(u"shift+Tab"_s));
        QVERIFY(press(u"shift+Tab"_s));
        QVERIFY(press(u"shift+Tab"_s));
        EXPECT_SPOKEN(orca, u"Message"_s, u"the composer"_s);

        // Before the text, the paper clip (the demo's preset takes files), then the emoji
        // picker: its search field, an emoji by its name, and the composer again once one is
        // chosen.
        orca.mark();
        QVERIFY(press(u"shift+Tab"_s));
        EXPECT_SPOKEN(orca, u"Attach a file.*button"_s, u"the attach button"_s);
        orca.mark();
        QVERIFY(press(u"shift+Tab"_s));
        EXPECT_SPOKEN(orca, u"Emoji.*button"_s, u"the emoji button"_s);
        orca.mark();
        QVERIFY(press(u"Return"_s));
        EXPECT_SPOKEN(orca, u"Search emoji"_s, u"the emoji picker's search field"_s);
        QVERIFY(type(u"thumbs up"_s));
        orca.mark();
        QVERIFY(press(u"Down"_s));
        EXPECT_SPOKEN(orca, u"thumbs up"_s, u"the emoji found, by its name"_s);
        orca.mark();
        QVERIFY(press(u"Return"_s));
        EXPECT_SPOKEN(orca, u"Message"_s, u"the composer, after the emoji"_s);
        auto *input = chat->chatWindow()->findChild<QPlainTextEdit *>(u"owidgetMessageInput"_s);
        QTRY_COMPARE(input->toPlainText(), u"\U0001F44D"_s);
        // Opened again, Escape closes it and the composer has the focus.
        QVERIFY(press(u"shift+Tab"_s));
        orca.mark();
        QVERIFY(press(u"shift+Tab"_s));
        EXPECT_SPOKEN(orca, u"Emoji.*button"_s, u"the emoji button again"_s);
        orca.mark();
        QVERIFY(press(u"space"_s));
        EXPECT_SPOKEN(orca, u"Search emoji"_s, u"the search field again"_s);
        orca.mark();
        QVERIFY(press(u"Escape"_s));
        EXPECT_SPOKEN(orca, u"Message"_s, u"the composer, after Escape"_s);
        QVERIFY(press(u"BackSpace"_s));
        QTRY_VERIFY(input->toPlainText().isEmpty());

        // The visitor writes; the operator answers.
        QVERIFY(type(u"Where is my parcel?"_s));
        QVERIFY(press(u"Return"_s));
        QTRY_COMPARE(controller->messages().size(), 1);
        orca.mark();
        alice.say(conversation, u"It left the warehouse this morning."_s);
        EXPECT_SPOKEN(
            orca, u"Alice.*It left the warehouse this morning"_s, u"the operator's message"_s);
        orca.mark();
        alice.say(conversation, u"It will be with you tomorrow."_s);
        EXPECT_SPOKEN(orca, u"It will be with you tomorrow"_s, u"the operator's second message"_s);

        // The operator ends the conversation while the visitor's last message is on its way: the
        // server refuses it, and both are said.
        QVERIFY(type(u"Are you still there?"_s));
        orca.mark();
        proxy.stall(8000);
        QVERIFY(press(u"Return"_s));
        QTRY_COMPARE(controller->messages().size(), 4);
        QCOMPARE(
            controller->messages().constLast().delivery, OWidget::ChatMessage::Delivery::Sending);
        alice.end(conversation);
        QTRY_COMPARE_WITH_TIMEOUT(controller->chatState(), ChatState::Ended, 20000);
        QTRY_COMPARE(
            controller->messages().constLast().delivery, OWidget::ChatMessage::Delivery::Failed);
        EXPECT_SPOKEN(orca, u"Alice ended the conversation"_s, u"the end"_s);
        EXPECT_SPOKEN(orca, u"not delivered: Are you still there"_s, u"the failed delivery"_s);

        // The rating step (the preset asks for thumbs): the focus is on its first choice, the
        // arrows move along the choices, Tab reaches the comment and Send, and the thanks are said.
        EXPECT_SPOKEN(orca, u"Unsatisfied"_s, u"the rating's first choice, focused"_s);
        EXPECT_SPOKEN(
            orca, u"Were you satisfied with the conversation"_s, u"the rating's question"_s);
        orca.mark();
        QVERIFY(press(u"Right"_s));
        EXPECT_SPOKEN(orca, u"\\bSatisfied"_s, u"the rating's second choice"_s);
        orca.mark();
        QVERIFY(press(u"Tab"_s));
        EXPECT_SPOKEN(orca, u"Comment on the conversation"_s, u"the rating's comment field"_s);
        QVERIFY(type(u"Quick answers"_s));
        orca.mark();
        QVERIFY(press(u"Return"_s));
        EXPECT_SPOKEN(orca, u"Thank you for your rating"_s, u"the thanks for the rating"_s);

        // Escape closes the window, and the focus is back on the button.
        orca.mark();
        QVERIFY(press(u"Escape"_s));
        QTRY_VERIFY(!chat->chatWindow()->isVisible());
        QTRY_VERIFY(button->hasFocus());
        EXPECT_SPOKEN(orca, u"Chat with us.*button"_s, u"the chat button again"_s);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_MAIN(tst_A11y)
#include "tst_a11y.moc"
