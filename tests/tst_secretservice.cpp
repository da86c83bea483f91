// Whether the keychain may be used, decided without starting anything: which session bus may be
// asked, and the answer when there is none. The answers of a real keyring are tst_keychain's.
#include "secretservice_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::SecretService;

class tst_SecretService : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir runtime;

private Q_SLOTS:
    void initTestCase() { QVERIFY(runtime.isValid()); }

    void init()
    {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
        QFile::remove(runtime.filePath(u"bus"_s));
    }

    void sessionBusAddress_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("userBus");
        QTest::addColumn<QString>("expected");
        QTest::newRow("given") << u"unix:path=/run/bus"_s << false << u"unix:path=/run/bus"_s;
        QTest::newRow("given, user bus too")
            << u"unix:path=/run/bus"_s << true << u"unix:path=/run/bus"_s;
        QTest::newRow("none") << QString() << false << QString();
        QTest::newRow("the user's bus") << QString() << true << u"unix:path=%1/bus"_s;
        // Addresses that would launch a bus, or that say there is none.
        QTest::newRow("autolaunch") << u"autolaunch:"_s << false << QString();
        QTest::newRow("autolaunch in a list")
            << u"unix:path=/nowhere;autolaunch:scope=*user"_s << true << QString();
        QTest::newRow("disabled") << u"disabled:"_s << true << QString();
    }

    void sessionBusAddress()
    {
        QFETCH(QString, address);
        QFETCH(bool, userBus);
        QFETCH(QString, expected);
        if (!address.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", address.toUtf8());
        if (userBus) {
            QFile bus(runtime.filePath(u"bus"_s));
            QVERIFY(bus.open(QIODevice::WriteOnly));
        }
        QCOMPARE(SecretService::sessionBusAddress(),
            expected.contains(u"%1"_s) ? expected.arg(runtime.path()) : expected);
    }

    void noBusMeansNoKeychainAndTheAnswerComesLater()
    {
        QObject context;
        QStringList answers;
        SecretService::check(&context, [&](const QString &reason) { answers.append(reason); });
        QVERIFY(answers.isEmpty()); // never during the call: the keeper answers by signal, later
        QTRY_COMPARE(answers.size(), 1);
        QVERIFY2(!answers.constFirst().isEmpty(), "the keychain was allowed with no bus");
    }

    void noAnswerAfterTheAskerIsGone()
    {
        bool answered = false;
        {
            QObject context;
            SecretService::check(&context, [&](const QString &) { answered = true; });
        }
        QCoreApplication::processEvents(); // lets a queued answer through, if one were left
        QVERIFY(!answered);
    }
};

QTEST_GUILESS_MAIN(tst_SecretService)
#include "tst_secretservice.moc"
