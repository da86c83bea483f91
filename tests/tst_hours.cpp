// Who answers when, as the window says it: the expected reply in the pre-chat form and, in the
// offline form when the business hours are why nobody is here, when they open again, in the
// person's own time zone (New York here, the company in Prague) and language.
#include "hoursnote_p.h"
#include "testserver.h"
#include "translations_p.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QApplication>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using OWidget::ButtonStatus;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;
namespace HoursNote = OWidget::HoursNote;

namespace {

QDateTime prague(int month, int day, int hour, int minute)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), QTimeZone("Europe/Prague"));
}

/// Prague, weekdays 8:00 to 17:00.
QJsonObject pragueWeekdays()
{
    const QJsonArray day { QJsonArray { u"08:00"_s, u"17:00"_s } };
    return { { "timeZone"_L1, u"Europe/Prague"_s },
        { "weekly"_L1,
            QJsonObject { { "mon"_L1, day }, { "tue"_L1, day }, { "wed"_L1, day },
                { "thu"_L1, day }, { "fri"_L1, day } } } };
}

} // namespace

class tst_Hours : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir settingsDir;

    static QString page(const ChatWindow &window)
    {
        const auto *pages = window.findChild<QStackedWidget *>(u"owidgetPages"_s);
        return pages && pages->currentWidget() ? pages->currentWidget()->objectName() : QString();
    }

    /// A window on a controller of `server` in `language`, showing the form.
    static bool openOnForm(
        TestServer &server, Controller &controller, ChatWindow &window, const QString &language)
    {
        controller.setServerUrl(server.url());
        if (!controller.init(TestServer::companyId(), u"support"_s, language))
            return false;
        controller.connectToServer();
        window.setController(&controller);
        if (!QTest::qWaitFor(
                [&] { return controller.connectionState() == ConnectionState::Connected; }))
            return false;
        controller.openChat();
        return QTest::qWaitForWindowExposed(&window)
            && QTest::qWaitFor([&] { return page(window) == "owidgetFormPage"_L1; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        // The test's main() put the person in New York.
        QCOMPARE(QDateTime(QDate(2026, 11, 27), QTime(12, 0)).offsetFromUtc(), -5 * 3600);
    }

    void cleanup()
    {
        HoursNote::setClockForTests({});
        OWidget::Translations::install(u"en"_s);
    }

    void expectedReply_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<QString>("expected");

        QTest::newRow("en 1") << u"en"_s << 1 << u"We usually reply within 1 minute."_s;
        QTest::newRow("en 5") << u"en"_s << 5 << u"We usually reply within 5 minutes."_s;
        QTest::newRow("en 90") << u"en"_s << 90 << u"We usually reply within 90 minutes."_s;
        QTest::newRow("en 60") << u"en"_s << 60 << u"We usually reply within 1 hour."_s;
        QTest::newRow("en 120") << u"en"_s << 120 << u"We usually reply within 2 hours."_s;
        QTest::newRow("en 0") << u"en"_s << 0 << QString();
        QTest::newRow("cs 1") << u"cs"_s << 1 << u"Obvykle odpovídáme do 1 minuty."_s;
        QTest::newRow("cs 3") << u"cs"_s << 3 << u"Obvykle odpovídáme do 3 minut."_s;
        QTest::newRow("cs 5") << u"cs"_s << 5 << u"Obvykle odpovídáme do 5 minut."_s;
        QTest::newRow("cs 60") << u"cs"_s << 60 << u"Obvykle odpovídáme do 1 hodiny."_s;
        QTest::newRow("cs 180") << u"cs"_s << 180 << u"Obvykle odpovídáme do 3 hodin."_s;
        QTest::newRow("ar 1") << u"ar"_s << 1 << u"عادةً نردّ خلال دقيقة واحدة."_s;
        QTest::newRow("ar 2") << u"ar"_s << 2 << u"عادةً نردّ خلال دقيقتين."_s;
        QTest::newRow("ar 5") << u"ar"_s << 5 << u"عادةً نردّ خلال 5 دقائق."_s;
        QTest::newRow("ar 15") << u"ar"_s << 15 << u"عادةً نردّ خلال 15 دقيقة."_s;
    }

    void expectedReply()
    {
        QFETCH(QString, language);
        QFETCH(int, minutes);
        QFETCH(QString, expected);
        OWidget::Translations::install(language);
        QCOMPARE(HoursNote::expectedReply(minutes), expected);
    }

    void backAt_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<QDateTime>("opening");
        QTest::addColumn<QString>("expected");

        // Prague's Monday 8:00 is 2:00 in New York the same Monday.
        const QDateTime monday = prague(11, 30, 8, 0);
        QTest::newRow("en from Friday")
            << u"en"_s << prague(11, 27, 18, 0) << monday << u"We are back Monday at 2:00 AM."_s;
        QTest::newRow("cs from Friday")
            << u"cs"_s << prague(11, 27, 18, 0) << monday << u"Jsme zpět v pondělí od 2:00."_s;
        // Monday 1:00 in New York: today.
        QTest::newRow("en today") << u"en"_s << prague(11, 30, 7, 0) << monday
                                  << u"We are back today at 2:00 AM."_s;
        QTest::newRow("cs today") << u"cs"_s << prague(11, 30, 7, 0) << monday
                                  << u"Jsme zpět dnes od 2:00."_s;
        // Monday 2:00 in Prague is still Sunday evening in New York: tomorrow, not today.
        QTest::newRow("en tomorrow")
            << u"en"_s << prague(11, 30, 2, 0) << monday << u"We are back tomorrow at 2:00 AM."_s;
        QTest::newRow("cs tomorrow")
            << u"cs"_s << prague(11, 30, 2, 0) << monday << u"Jsme zpět zítra od 2:00."_s;
        QTest::newRow("cs Wednesday") << u"cs"_s << prague(11, 30, 18, 0) << prague(12, 2, 15, 30)
                                      << u"Jsme zpět ve středu od 9:30."_s;
        QTest::newRow("none") << u"en"_s << prague(11, 30, 9, 0) << QDateTime() << QString();
    }

    void backAt()
    {
        QFETCH(QString, language);
        QFETCH(QDateTime, now);
        QFETCH(QDateTime, opening);
        QFETCH(QString, expected);
        OWidget::Translations::install(language);
        QCOMPARE(HoursNote::backAt(opening, now, QLocale(language)), expected);
    }

    void theFormsSayIt_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("back");

        QTest::newRow("en") << u"en"_s << u"We usually reply within 5 minutes."_s
                            << u"We are back Monday at 2:00 AM."_s;
        QTest::newRow("cs") << u"cs"_s << u"Obvykle odpovídáme do 5 minut."_s
                            << u"Jsme zpět v pondělí od 2:00."_s;
    }

    // The person opens the window: online, the form says how soon they answer; then Friday
    // 17:00 in Prague passes, the server says offline, and the offline form says when.
    void theFormsSayIt()
    {
        QFETCH(QString, language);
        QFETCH(QString, reply);
        QFETCH(QString, back);

        QDateTime now = prague(11, 27, 16, 59);
        HoursNote::setClockForTests([&] { return now; });
        TestServer server;
        server.config.insert("businessHours"_L1, pragueWeekdays());
        server.config.insert("expectedReplyMinutes"_L1, 5);
        QVERIFY(server.listen());
        Controller controller;
        ChatWindow window;
        QVERIFY(openOnForm(server, controller, window, language));

        auto *note = window.findChild<QLabel *>(u"owidgetFormHoursNote"_s);
        QVERIFY(note);
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), reply);

        now = prague(11, 27, 17, 0);
        server.setStatus(0);
        QTRY_COMPARE(controller.status(), ButtonStatus::Offline);
        QTRY_VERIFY(window.findChild<QPlainTextEdit *>(u"owidgetOfflineMessage"_s)->isVisible());
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), back);

        // Offline within the hours (nobody there): no promise of a time.
        now = prague(11, 30, 9, 0);
        server.setStatus(1);
        QTRY_COMPARE(controller.status(), ButtonStatus::Online);
        server.setStatus(0);
        QTRY_COMPARE(controller.status(), ButtonStatus::Offline);
        QTRY_VERIFY(window.findChild<QPlainTextEdit *>(u"owidgetOfflineMessage"_s)->isVisible());
        QVERIFY(!note->isVisible());
    }

    // A preset that says nothing of hours or replies shows no note.
    void nothingSaidWithoutHours()
    {
        TestServer server;
        QVERIFY(server.listen());
        Controller controller;
        ChatWindow window;
        QVERIFY(openOnForm(server, controller, window, u"en"_s));
        QVERIFY(!window.findChild<QLabel *>(u"owidgetFormHoursNote"_s)->isVisible());
        server.setStatus(0);
        QTRY_COMPARE(controller.status(), ButtonStatus::Offline);
        QTRY_VERIFY(window.findChild<QPlainTextEdit *>(u"owidgetOfflineMessage"_s)->isVisible());
        QVERIFY(!window.findChild<QLabel *>(u"owidgetFormHoursNote"_s)->isVisible());
    }
};

int main(int argc, char *argv[])
{
    // The person is in New York; the company's hours are in Prague.
    qputenv("TZ", "America/New_York");
    QApplication app(argc, argv);
    tst_Hours test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_hours.moc"
