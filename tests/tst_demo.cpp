// owidget-demo, run headless with --screenshot against the real server: the picture shows the
// status the operators are in.
#include "serverprocess.h"

#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

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

    static QImage screenshot(const QUrl &server, QString *error)
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"demo.png"_s);
        QProcess demo;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"HOME"_s, dir.path()); // no stored conversation from elsewhere
        demo.setProcessEnvironment(environment);
        demo.start(QStringLiteral(OWIDGET_DEMO_BINARY),
            { u"--server"_s, server.toString(), u"--language"_s, u"en"_s, u"--screenshot"_s,
                file });
        if (!demo.waitForFinished(60000) || demo.exitCode() != 0) {
            *error = QString::fromUtf8(demo.readAllStandardError());
            return {};
        }
        return QImage(file);
    }

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(tst_Demo)
#include "tst_demo.moc"
