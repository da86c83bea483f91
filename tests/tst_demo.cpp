// owidget-demo, run headless with --screenshot against the real server: the picture shows the
// status the operators are in, and what a new user meets on a first run goes by as it should.
#include "serverprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// One run of the demo, in a home of its own so that no stored conversation comes from elsewhere.
struct DemoRun
{
    int exitCode = -1;
    QString output; ///< standard output: the developer panel's event log, line by line
    QString errors; ///< standard error
    QImage picture;
};

} // namespace

class tst_Demo : public QObject
{
    Q_OBJECT

private:
    // How many pixels of the picture have `color` (the button's fill).
    static int pixelsOf(const QImage &image, QColor color)
    {
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                count += image.pixelColor(x, y) == color ? 1 : 0;
        }
        return count;
    }

    // Where the demo's session store keeps the stored conversations under `home`.
    static QString sessionFile(const QString &home)
    {
        return home + u"/.local/share/OWidget/owidget-demo/owidget/sessions.json"_s;
    }

    // Runs the demo with --screenshot and HOME set to `home`, its environment changed by
    // `changes` (an empty value unsets the variable).
    static DemoRun run(const QUrl &server, const QString &home, const QStringList &arguments,
        const QProcessEnvironment &changes = {})
    {
        const QString file = home + u"/demo.png"_s;
        QFile::remove(file);
        QProcess demo;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"HOME"_s, home);
        for (const QString &name :
            { u"XDG_DATA_HOME"_s, u"XDG_CONFIG_HOME"_s, u"XDG_CACHE_HOME"_s, u"XDG_STATE_HOME"_s })
            environment.remove(name);
        for (const QString &name : changes.keys()) {
            if (changes.value(name).isEmpty())
                environment.remove(name);
            else
                environment.insert(name, changes.value(name));
        }
        demo.setProcessEnvironment(environment);
        demo.start(QStringLiteral(OWIDGET_DEMO_BINARY),
            QStringList { u"--server"_s, server.toString() } + arguments
                + QStringList { u"--screenshot"_s, file });
        DemoRun result;
        if (!demo.waitForFinished(60000)) {
            demo.kill();
            demo.waitForFinished();
            result.errors = u"the demo did not finish within a minute\n"_s;
        } else {
            result.exitCode = demo.exitCode();
        }
        result.output = QString::fromUtf8(demo.readAllStandardOutput());
        result.errors += QString::fromUtf8(demo.readAllStandardError());
        result.picture = QImage(file);
        return result;
    }

    static QImage screenshot(const QUrl &server, QString *error)
    {
        QTemporaryDir home;
        const DemoRun demo = run(server, home.path(), { u"--language"_s, u"en"_s });
        if (demo.exitCode != 0) {
            *error = demo.errors;
            return {};
        }
        return demo.picture;
    }

    // The value of the last line of the log that reads "NAME: VALUE".
    static QString lastLogged(const QString &output, const QString &name)
    {
        const QRegularExpression line(
            u"^\\S+  "_s + QRegularExpression::escape(name) + u": (.*)$"_s,
            QRegularExpression::MultilineOption);
        QString value;
        for (auto it = line.globalMatch(output); it.hasNext();)
            value = it.next().captured(1);
        return value;
    }

    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(), qPrintable(m_server.error())); }

    // Its help needs no screen: without a display it is printed, not a platform error.
    void helpWithoutScreen()
    {
        QProcess demo;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : { u"QT_QPA_PLATFORM"_s, u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s })
            environment.remove(name);
        demo.setProcessEnvironment(environment);
        demo.start(QStringLiteral(OWIDGET_DEMO_BINARY), { u"--help"_s });
        QVERIFY(demo.waitForFinished(30000));
        QCOMPARE(demo.exitStatus(), QProcess::NormalExit);
        QCOMPARE(demo.exitCode(), 0);
        const QString help = QString::fromUtf8(demo.readAllStandardOutput());
        QVERIFY2(help.contains(u"--server <URL>"_s),
            qPrintable(help + QString::fromUtf8(demo.readAllStandardError())));
    }

    // The demo's window and the widget speak one language: the system's, when the demo is
    // translated to it, else English; or the one --language names.
    void languageIsTheApplications_data()
    {
        QTest::addColumn<QString>("systemLanguage");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("C locale") << u"C.UTF-8"_s << QStringList() << u"en"_s;
        QTest::newRow("English") << u"en_GB.UTF-8"_s << QStringList() << u"en"_s;
        QTest::newRow("Czech") << u"cs_CZ.UTF-8"_s << QStringList() << u"cs"_s;
        QTest::newRow("German, untranslated") << u"de_DE.UTF-8"_s << QStringList() << u"en"_s;
        QTest::newRow("--language cs")
            << u"C.UTF-8"_s << QStringList { u"--language"_s, u"cs"_s } << u"cs"_s;
        QTest::newRow("--language sk, untranslated")
            << u"C.UTF-8"_s << QStringList { u"--language"_s, u"sk"_s } << u"en"_s;
        QTest::newRow("--language en")
            << u"cs_CZ.UTF-8"_s << QStringList { u"--language"_s, u"en"_s } << u"en"_s;
        // Right to left: the demo data's preset offers them too, so the widget follows.
        QTest::newRow("--language ar")
            << u"C.UTF-8"_s << QStringList { u"--language"_s, u"ar"_s } << u"ar"_s;
        QTest::newRow("--language he")
            << u"C.UTF-8"_s << QStringList { u"--language"_s, u"he"_s } << u"he"_s;
    }

    void languageIsTheApplications()
    {
        QFETCH(QString, systemLanguage);
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);

        QProcessEnvironment locale;
        locale.insert(u"LANG"_s, systemLanguage);
        for (const QString &name : { u"LC_ALL"_s, u"LC_MESSAGES"_s, u"LANGUAGE"_s })
            locale.insert(name, QString()); // unset
        QTemporaryDir home;
        const DemoRun demo = run(m_server.url(), home.path(), arguments, locale);
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.errors));
        QCOMPARE(lastLogged(demo.output, u"application language"_s), expected);
        QCOMPARE(lastLogged(demo.output, u"language"_s), expected);
    }

    void screenshotShowsTheStatus()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        const QColor online(0x2E, 0x7D, 0x32);
        const QColor offline(0x75, 0x75, 0x75);

        QString error;
        const QImage nobody = screenshot(server.url(), &error);
        QVERIFY2(!nobody.isNull(), qPrintable(error));
        QVERIFY(nobody.width() >= 800);
        QVERIFY(pixelsOf(nobody, offline) > 1000);
        QCOMPARE(pixelsOf(nobody, online), 0);

        OperatorClient alice(server.url());
        QVERIFY(alice.connectAs(u"alice"_s, u"alice-demo"_s));
        alice.setAvailability(u"online"_s);
        QTRY_VERIFY(!alice.received(u"availability"_s).isEmpty());
        const QImage someone = screenshot(server.url(), &error);
        QVERIFY2(!someone.isNull(), qPrintable(error));
        QVERIFY(pixelsOf(someone, online) > 1000);
    }

    // The demo's stored conversation is unknown to a server whose database was reset: the
    // controller starts clean, which is worth a notice, not a failed run.
    void unknownStoredConversationIsANotice()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.error()));
        QTemporaryDir home;
        const QString file = sessionFile(home.path());
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        const QJsonArray key { ServerProcess::demoCompany(), QString(), QString() };
        const QJsonObject stored { { QString::fromUtf8(
                                         QJsonDocument(key).toJson(QJsonDocument::Compact)),
            QJsonObject { { u"conversation"_s, u"c-000000000000000000000000"_s },
                { u"secret"_s, u"a-secret-of-a-database-now-gone"_s }, { u"lastSeq"_s, 4 },
                { u"outbox"_s, QJsonArray() } } } };
        QFile session(file);
        QVERIFY(session.open(QIODevice::WriteOnly));
        session.write(QJsonDocument(stored).toJson());
        session.close();

        const DemoRun demo = run(server.url(), home.path(), { u"--language"_s, u"en"_s });
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.errors));
        QVERIFY(!demo.picture.isNull());
        QVERIFY2(demo.output.contains(u"notice"_s), qPrintable(demo.output));
        QVERIFY2(!demo.errors.contains(u"error"_s), qPrintable(demo.errors));
    }
};

QTEST_GUILESS_MAIN(tst_Demo)
#include "tst_demo.moc"
