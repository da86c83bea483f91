// The decoder of attached images into thumbnails, on hostile files: decompression bombs (a small
// file claiming a huge picture), truncated files, headers that lie about the size, files that
// are not what they are named, and the good ones, scaled to fit and never enlarged.
#include "testimages.h"
#include "thumbnaildecoder_p.h"

#include <QImage>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ThumbnailDecoder;

namespace {

using TestImages::claimingPng;
using TestImages::encoded;

// Two frames, 2×1 pixels: the first red, the second blue.
const QByteArray twoFrameGif = QByteArray::fromHex("474946383961"
                                                   "02000100"
                                                   "800000" // header, 2×1
                                                   "ff0000"
                                                   "0000ff"           // red, blue
                                                   "21f9040000000000" // graphic control
                                                   "2c00000000020001000002"
                                                   "02040a00" // 0 0
                                                   "21f9040000000000"
                                                   "2c00000000020001000002"
                                                   "024c0a00" // 1 1
                                                   "3b");

} // namespace

class tst_ThumbnailDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decode_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QSize>("expected"); // invalid: refused

        const QByteArray png = encoded(1280, 720, "PNG");
        QTest::newRow("png scaled to fit") << png << QSize(240, 135);
        QTest::newRow("png small, not enlarged") << encoded(40, 30, "PNG") << QSize(40, 30);
        QTest::newRow("png tall") << encoded(300, 1200, "PNG") << QSize(60, 240);
        QTest::newRow("jpeg scaled") << encoded(960, 960, "JPEG") << QSize(240, 240);
        QTest::newRow("gif first frame") << twoFrameGif << QSize(2, 1);
        QTest::newRow("bomb 60000×60000") << claimingPng(60000, 60000, 1) << QSize();
        QTest::newRow("bomb over 40 megapixels") << claimingPng(8000, 6000, 1) << QSize();
        QTest::newRow("header over the protocol's side") << claimingPng(70000, 10, 1) << QSize();
        QTest::newRow("lying size: fewer rows") << claimingPng(100, 100, 3) << QSize();
        QTest::newRow("truncated png") << png.left(png.size() / 2) << QSize();
        QTest::newRow("truncated header") << png.left(20) << QSize();
        QTest::newRow("signature only") << QByteArray("\x89PNG\r\n\x1a\n", 8) << QSize();
        QTest::newRow("pdf") << "%PDF-1.4\n%%EOF\n"_ba << QSize();
        QTest::newRow("svg is not shown")
            << "<svg xmlns='http://www.w3.org/2000/svg'/>"_ba << QSize();
        QTest::newRow("empty") << QByteArray() << QSize();
    }

    void decode()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QSize, expected);
        QString problem;
        const QImage image = ThumbnailDecoder::decode(bytes, QSize(240, 240), &problem);
        if (!expected.isValid()) {
            QVERIFY2(image.isNull(),
                qPrintable(u"decoded as %1×%2"_s.arg(image.width()).arg(image.height())));
            QVERIFY(!problem.isEmpty());
            return;
        }
        QVERIFY2(!image.isNull(), qPrintable(problem));
        QCOMPARE(image.size(), expected);
    }

    void gifShowsItsFirstFrame()
    {
        const QImage image = ThumbnailDecoder::decode(twoFrameGif, QSize(240, 240));
        QVERIFY(!image.isNull());
        QCOMPARE(image.pixelColor(0, 0), QColor(Qt::red));
    }
};

QTEST_GUILESS_MAIN(tst_ThumbnailDecoder)
#include "tst_thumbnaildecoder.moc"
