// Renders every state of the chat window and the three button states to PNG files under the
// build directory (screenshots/), in a light and a dark palette, in English, Czech, Arabic and
// Hebrew (right to left, with English, links and numbers inside), and at twice the text size,
// for people to look at. It fails
// when a state cannot be reached or a picture cannot be saved.
#include "hoursnote_p.h"
#include "testpalettes.h"
#include "testserver.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace Qt::StringLiterals;
using OWidget::ButtonStatus;
using OWidget::ChatButton;
using OWidget::ChatState;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;

namespace {

// What the people in the pictures write, in each language.
struct Script
{
    QString title, greeting, name, email, phone, visitor, operatorName;
    QStringList visitorSays; ///< the second one is an e-mail address
    QStringList operatorSays;
    QString refused, oneMore, typing, later, offline;
};

Script scriptFor(const QString &language)
{
    if (language == "cs"_L1) {
        return { u"Zákaznická péče"_s, u"Dobrý den! Jak vám dnes můžeme pomoci?"_s, u"Jméno"_s,
            u"E-mail"_s, u"Telefon"_s, u"Jana Nováková"_s, u"Petra Malá"_s,
            { u"Dobrý den, nemůžu se přihlásit ke svému účtu."_s, u"jana@example.com"_s,
                u"Funguje to, díky!\nA ještě: <b>tohle</b> není HTML."_s },
            { u"Dobrý den, Jano! To mě mrzí. Jakou e-mailovou adresu používáte?"_s,
                u"Děkuji. Poslala jsem vám odkaz pro nové heslo, návod najdete na "
                "https://example.com/napoveda."_s },
            u"Tahle zpráva neprojde."_s, u"Ještě jedna otázka…"_s, u"Jak dlouho platí"_s,
            u"Odkaz platí 24 hodin."_s, u"Zavolejte mi prosím zítra dopoledne."_s };
    }
    if (language == "ar"_L1) {
        return { u"خدمة العملاء"_s, u"مرحبًا! كيف يمكننا مساعدتك اليوم؟"_s, u"الاسم"_s,
            u"البريد الإلكتروني"_s, u"الهاتف"_s, u"ليلى حسن"_s, u"سارة أحمد"_s,
            { u"مرحبًا، لا أستطيع تسجيل الدخول إلى حسابي."_s, u"layla@example.com"_s,
                u"نجح الأمر، شكرًا!\nOne more thing, in English: <b>this</b> is not HTML."_s },
            { u"أهلًا ليلى! يؤسفني ذلك. ما عنوان البريد الإلكتروني الذي تستخدمينه؟"_s,
                u"شكرًا. أرسلت إليك رابطًا لإعادة تعيين كلمة المرور، والدليل على "
                "https://example.com/help."_s },
            u"هذه الرسالة لن تصل."_s, u"سؤال آخر…"_s, u"كم مدة صلاحية"_s,
            u"الرابط صالح لمدة 24 ساعة."_s, u"يرجى الاتصال بي غدًا صباحًا."_s };
    }
    if (language == "he"_L1) {
        return { u"שירות לקוחות"_s, u"שלום! איך נוכל לעזור היום?"_s, u"שם"_s, u"דוא״ל"_s,
            u"טלפון"_s, u"נועה לוי"_s, u"דנה כהן"_s,
            { u"שלום, אני לא מצליחה להתחבר לחשבון שלי."_s, u"noa@example.com"_s,
                u"זה עובד, תודה!\nAnd in English: <b>this</b> is not HTML."_s },
            { u"היי נועה! מצטערת לשמוע. באיזו כתובת דוא״ל את משתמשת?"_s,
                u"תודה. שלחתי לך קישור לאיפוס הסיסמה, המדריך נמצא בכתובת "
                "https://example.com/help."_s },
            u"ההודעה הזאת לא תעבור."_s, u"עוד שאלה אחת…"_s, u"לכמה זמן הקישור"_s,
            u"הקישור תקף ל-24 שעות."_s, u"אנא התקשרו אליי מחר בבוקר."_s };
    }
    return { u"Customer care"_s, u"Hello! How can we help you today?"_s, u"Name"_s, u"E-mail"_s,
        u"Phone"_s, u"Jane Doe"_s, u"Alice Smith"_s,
        { u"Hello, I can't log in to my account."_s, u"jana@example.com"_s,
            u"It works, thanks!\nAnd by the way: <b>this</b> is not HTML."_s },
        { u"Hi Jane! I'm sorry to hear that. Which e-mail address do you use?"_s,
            u"Thank you. I've sent you a reset link; the guide is at "
            "https://example.com/help."_s },
        u"This one is refused."_s, u"One more question…"_s, u"How long does the link"_s,
        u"The link works for 24 hours."_s, u"Please call me tomorrow morning."_s };
}

} // namespace

class tst_Screenshots : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir settingsDir;
    QString shots;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setFont(QFont(u"DejaVu Sans"_s, 10));
        shots = QDir(QStringLiteral(QT_TESTCASE_BUILDDIR)).filePath(u"screenshots"_s);
        QVERIFY(QDir().mkpath(shots));
    }

    void everyState_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("textSize"); ///< percent of the usual
        for (const QString &theme : { u"light"_s, u"dark"_s }) {
            for (const QString &language : { u"en"_s, u"cs"_s, u"ar"_s, u"he"_s }) {
                QTest::addRow("%s-%s", qPrintable(theme), qPrintable(language))
                    << theme << language << 380 << 100;
            }
        }
        // The narrowest the window goes, in the language with the longer words.
        QTest::addRow("narrow") << u"light"_s << u"cs"_s << 300 << 100;
        // Twice the text size, in the window's usual size: left to right and right to left.
        QTest::addRow("large-en") << u"light"_s << u"en"_s << 380 << 200;
        QTest::addRow("large-ar") << u"light"_s << u"ar"_s << 380 << 200;
    }

    void everyState()
    {
        QFETCH(QString, theme);
        QFETCH(QString, language);
        QFETCH(int, width);
        QFETCH(int, textSize);
        QApplication::setFont(QFont(u"DejaVu Sans"_s, 10 * textSize / 100));
        const auto restoreFont
            = qScopeGuard([] { QApplication::setFont(QFont(u"DejaVu Sans"_s, 10)); });
        const Script script = scriptFor(language);
        const auto label = [&](const QString &text) { return QJsonObject { { language, text } }; };
        QApplication::setPalette(
            theme == "dark"_L1 ? TestPalettes::dark() : QApplication::style()->standardPalette());
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);

        TestServer server;
        // The preset offers the picture's language, so that the controller chooses it.
        server.config.insert(u"languages"_s, QJsonArray { language });
        server.config.insert(u"defaultLanguage"_s, language);
        server.config.insert(u"texts"_s,
            QJsonObject { { language,
                QJsonObject {
                    { u"title"_s, script.title }, { u"greeting"_s, script.greeting } } } });
        server.config.insert(u"fields"_s,
            QJsonArray { QJsonObject { { u"name"_s, u"name"_s }, { u"type"_s, u"text"_s },
                             { u"required"_s, true }, { u"label"_s, label(script.name) } },
                QJsonObject { { u"name"_s, u"email"_s }, { u"type"_s, u"email"_s },
                    { u"label"_s, label(script.email) } },
                QJsonObject { { u"name"_s, u"phone"_s }, { u"type"_s, u"phone"_s },
                    { u"label"_s, label(script.phone) } } });
        server.config.insert(u"colors"_s,
            QJsonObject { { u"online"_s, u"#2E7D32"_s }, { u"busy"_s, u"#EF6C00"_s },
                { u"offline"_s, u"#616161"_s }, { u"accent"_s, u"#1565C0"_s } });
        server.config.insert(u"rating"_s, u"stars"_s);
        // Who answers when: the form says how soon, the offline form when the hours open again,
        // on a Friday evening in Prague whatever the day the pictures are taken.
        server.config.insert(u"expectedReplyMinutes"_s, 5);
        const QJsonArray day { QJsonArray { u"08:00"_s, u"17:00"_s } };
        server.config.insert(u"businessHours"_s,
            QJsonObject { { u"timeZone"_s, u"Europe/Prague"_s },
                { u"weekly"_s,
                    QJsonObject { { u"mon"_s, day }, { u"tue"_s, day }, { u"wed"_s, day },
                        { u"thu"_s, day }, { u"fri"_s, day } } } });
        OWidget::HoursNote::setClockForTests([] {
            return QDateTime(QDate(2026, 11, 27), QTime(18, 0), QTimeZone("Europe/Prague"));
        });
        QVERIFY(server.listen());

        Controller controller;
        controller.setServerUrl(server.url());
        // A scope of its own, so that the 1× and 2× runs may go in parallel.
        const QString scope
            = theme + language + QString::number(width) + QString::number(qApp->devicePixelRatio());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s, language, scope));
        ChatWindow window;
        window.setController(&controller);
        ChatButton button;
        button.setController(&controller);
        window.resize(width, 560);
        const QString prefix = theme + u'-' + language + (width < 380 ? u"-narrow-"_s : u"-"_s)
            + (textSize != 100 ? u"large-"_s : QString());
        // The same pictures at twice the density when run with QT_SCALE_FACTOR=2.
        const QString suffix = qApp->devicePixelRatio() > 1 ? u"@2x.png"_s : u".png"_s;
        const auto shoot = [&](const QString &state) {
            // Let every pending relayout (a label that now wraps, say) land before the picture.
            for (int i = 0; i < 4; ++i) {
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                QCoreApplication::processEvents();
            }
            const auto *queue = window.findChild<QWidget *>(u"owidgetQueueLabel"_s);
            if (queue->isVisible())
                QTRY_VERIFY(queue->height() >= queue->heightForWidth(queue->width()));
            const QString file = shots + u"/chatwindow-"_s + prefix + state + suffix;
            QVERIFY2(window.grab().save(file), qPrintable(file));
        };
        const auto shootButton = [&](const QString &state) {
            button.resize(button.sizeHint());
            const QString file = shots + u"/chatbutton-"_s + prefix + state + suffix;
            QVERIFY2(button.grab().save(file), qPrintable(file));
        };
        const auto page = [&] {
            return window.findChild<QStackedWidget *>(u"owidgetPages"_s)
                ->currentWidget()
                ->objectName();
        };
        const auto field = [&](const QString &name) {
            return window.findChild<QLineEdit *>(u"owidgetField_"_s + name);
        };
        const auto click = [&](const QString &name) {
            QTest::mouseClick(window.findChild<QPushButton *>(name), Qt::LeftButton);
        };

        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        shoot(u"0-unavailable"_s);
        controller.connectToServer();
        shoot(u"1-connecting"_s);
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        QTRY_COMPARE(button.status(), ButtonStatus::Online);
        controller.openChat();
        shootButton(u"online"_s);
        QTRY_COMPARE(page(), u"owidgetFormPage"_s);
        shoot(u"2-form"_s);

        field(u"name"_s)->setText(script.visitor); // keyClicks is ASCII
        QTest::keyClicks(field(u"email"_s), u"jana@example"_s);
        QTest::keyClicks(field(u"phone"_s), u"12"_s);
        click(u"owidgetSubmitButton"_s);
        shoot(u"3-form-errors"_s);
        field(u"email"_s)->setText(u"jana@example.com"_s);
        field(u"phone"_s)->setText(u"777 666 555"_s);
        click(u"owidgetSubmitButton"_s);
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        shoot(u"4-waiting"_s);

        const QString conversation = server.lastConversation();
        // The operator's picture of the demo data, as the server serves it.
        QFile demoPicture(QStringLiteral(OWIDGET_DEMO_DATA_DIR "/alice.png"));
        QVERIFY(demoPicture.open(QIODevice::ReadOnly));
        const QString avatar = u"a11ce0000000000000000000000000a1"_s;
        server.avatars.insert(avatar, demoPicture.readAll());
        server.operatorJoins(conversation, script.operatorName, avatar);
        QTRY_COMPARE(controller.chatState(), ChatState::Active);
        QTRY_VERIFY(!controller.operatorAvatar().isNull());
        auto *input = window.findChild<QPlainTextEdit *>(u"owidgetMessageInput"_s);
        const auto say = [&](const QString &text) {
            const int before = int(controller.messages().size());
            input->setPlainText(text);
            QTest::keyClick(input, Qt::Key_Return);
            QTRY_COMPARE(controller.messages().size(), before + 1);
            if (!server.holdAcks) {
                QTRY_COMPARE(controller.messages().constLast().delivery,
                    OWidget::ChatMessage::Delivery::Delivered);
            }
        };
        const auto hear = [&](const QString &text) {
            const int before = int(controller.messages().size());
            server.operatorSays(conversation, text);
            QTRY_COMPARE(controller.messages().size(), before + 1);
        };
        say(script.visitorSays.at(0));
        hear(script.operatorSays.at(0));
        say(script.visitorSays.at(1));
        hear(script.operatorSays.at(1));
        say(script.visitorSays.at(2));
        // The operator has read it: "Seen" under it.
        const qint64 read = controller.messages().constLast().seq;
        server.operatorReads(conversation, read);
        QTRY_COMPARE(controller.operatorReadSeq(), read);
        server.holdAcks = true;
        say(script.refused);
        server.sendRaw(R"({"type":"error","code":"bad_request","message":"No.","clientId":")"
            + controller.messages().constLast().clientId.toUtf8() + R"("})");
        QTRY_COMPARE(
            controller.messages().constLast().delivery, OWidget::ChatMessage::Delivery::Failed);
        say(script.oneMore);
        server.operatorTypes(conversation, true);
        QTRY_VERIFY(controller.isOperatorTyping());
        input->setPlainText(script.typing);
        shoot(u"5-conversation"_s);
        input->clear();
        // Where the keyboard's focus is on the header's colour.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.findChild<QToolButton *>(u"owidgetEndChatButton"_s)->setFocus(Qt::TabFocusReason);
        shoot(u"5-header-focus"_s);
        input->setFocus(Qt::TabFocusReason);

        // An emoji message, and the emoji picker over the composer: a popup of its own, drawn onto
        // the window's picture.
        say(u"\U0001F44D\U0001F389"_s);
        QTest::mouseClick(window.findChild<QToolButton *>(u"owidgetEmojiButton"_s), Qt::LeftButton);
        auto *picker = window.findChild<QWidget *>(u"owidgetEmojiPicker"_s);
        QVERIFY(picker);
        QTRY_VERIFY(picker->isVisible());
        {
            QPixmap picture = window.grab();
            QPainter painter(&picture);
            painter.drawPixmap(picker->mapToGlobal(QPoint(0, 0)) - window.mapToGlobal(QPoint(0, 0)),
                picker->grab());
            painter.end();
            const QString file = shots + u"/chatwindow-"_s + prefix + u"5-emoji"_s + suffix;
            QVERIFY2(picture.save(file), qPrintable(file));
        }
        QTest::keyClick(picker, Qt::Key_Escape);
        QTRY_VERIFY(!picker->isVisible());

        controller.closeChat();
        hear(script.later);
        QTRY_COMPARE(controller.unreadCount(), 1);
        shootButton(u"online-unread"_s);
        controller.openChat();

        server.holdAcks = false;
        server.operatorEnds(conversation);
        QTRY_COMPARE(controller.chatState(), ChatState::Ended);
        shoot(u"6-ended"_s);

        // The rating step: four stars, then the thank-you.
        auto *fourStars = window.findChild<QToolButton *>(u"owidgetRatingScore4"_s);
        QVERIFY(fourStars);
        QTest::mouseClick(fourStars, Qt::LeftButton);
        shoot(u"6-rating"_s);
        click(u"owidgetRatingSendButton"_s);
        QTRY_VERIFY(window.findChild<QLabel *>(u"owidgetRatingThanks"_s)->isVisible());
        shoot(u"6-rated"_s);

        server.setStatus(2);
        QTRY_COMPARE(button.status(), ButtonStatus::Busy);
        shootButton(u"busy"_s);
        click(u"owidgetNewChatButton"_s);
        QCOMPARE(page(), u"owidgetFormPage"_s);
        shoot(u"7-busy"_s);
        click(u"owidgetSwitchFormButton"_s);
        shoot(u"8-busy-callback"_s);

        server.setStatus(0);
        QTRY_COMPARE(button.status(), ButtonStatus::Offline);
        shootButton(u"offline"_s);
        // The call back chosen while busy does not outlive the status: the message form shows.
        window.findChild<QPlainTextEdit *>(u"owidgetOfflineMessage"_s)
            ->setPlainText(script.offline);
        shoot(u"9-offline"_s);
        click(u"owidgetSubmitButton"_s);
        QTRY_COMPARE(page(), u"owidgetSentPage"_s);
        shoot(u"10-sent"_s);
    }
};

QTEST_MAIN(tst_Screenshots)
#include "tst_screenshots.moc"
