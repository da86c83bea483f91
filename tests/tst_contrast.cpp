// Every text colour of the chat window against what it is drawn on, by WCAG 2.1's contrast
// ratio: at least 4.5:1 in the light and the dark palette, with the palette's highlight and with
// every preset colour of the demo data (and some that would not read as they are), and a
// high-contrast palette used as it is.
#include "colors_p.h"
#include "testpalettes.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwindow.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
namespace Colors = OWidget::Colors;

namespace {

QPalette lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
    return fusion->standardPalette();
}

// Like the desktops' high-contrast themes: white on black, yellow and cyan.
QPalette highContrastPalette()
{
    QPalette p;
    for (const auto role : { QPalette::Window, QPalette::Base, QPalette::Button })
        p.setColor(role, Qt::black);
    for (const auto role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(role, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x1A, 0xEB, 0xFF));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, QColor(0xFF, 0xFF, 0x00));
    return p;
}

// Every colour of every preset in the demo data: accents and status colours.
QList<QColor> demoColors()
{
    QList<QColor> colors;
    const QDir dir(QStringLiteral(OWIDGET_DEMO_DATA_DIR));
    for (const QString &name : dir.entryList({ u"*.json"_s }, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QJsonArray companies
            = QJsonDocument::fromJson(file.readAll()).object().value(u"companies"_s).toArray();
        for (const QJsonValue &company : companies) {
            for (const QJsonValue &preset : company[u"presets"_s].toArray()) {
                const QJsonObject presetColors = preset[u"colors"_s].toObject();
                for (const QJsonValue &value : presetColors)
                    colors.append(QColor(value.toString()));
            }
        }
    }
    return colors;
}

QString name(const QColor &color)
{
    return color.isValid() ? color.name() : u"highlight"_s;
}

} // namespace

class tst_Contrast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        const QList<QColor> demo = demoColors();
        QVERIFY(demo.size() >= 5); // the demo data has its presets' colours
    }

    void everyTextReads_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<QColor>("accent");
        // The demo's, the screenshots' and colours a company might choose that read badly
        // with either white or near-black on them (mid orange, mid grey, yellow, cyan).
        QList<QColor> accents = demoColors();
        accents << QColor() << QColor(u"#EF6C00"_s) << QColor(u"#777777"_s) << QColor(u"#FFEB3B"_s)
                << QColor(u"#00BCD4"_s) << QColor(u"#FF5722"_s) << QColor(u"#7C7C7C"_s)
                << QColor(u"#0288D1"_s) << QColor(u"#FFFFFF"_s) << QColor(u"#000000"_s);
        for (const auto &[theme, palette] :
            { std::pair { "light", lightPalette() }, std::pair { "dark", TestPalettes::dark() } }) {
            for (const QColor &accent : std::as_const(accents)) {
                QTest::addRow("%s %s", theme, qPrintable(name(accent))) << palette << accent;
            }
        }
    }

    void everyTextReads()
    {
        QFETCH(QPalette, palette);
        QFETCH(QColor, accent);
        const Colors::Scheme s = Colors::scheme(palette, accent);
        QVERIFY(!s.highContrast);
        const struct
        {
            const char *what;
            QColor text;
            QColor background;
        } pairs[] = {
            { "header title, visitor's message, button", s.onAccent, s.accent },
            { "header subtitle, visitor's time", s.onAccentSubdued, s.accent },
            { "operator's message", s.text, s.operatorBubble },
            { "operator's name", s.operatorName, s.operatorBubble },
            { "operator's time", s.subdued, s.operatorBubble },
            { "link in the operator's message", s.link, s.operatorBubble },
            { "events, day, typing, hint", s.subdued, s.base },
            { "link on the form", s.link, s.base },
            { "error on the form", s.error, s.base },
            { "error in the composer", s.error, s.window },
            { "text", s.text, s.base },
        };
        for (const auto &pair : pairs) {
            const qreal ratio = Colors::contrast(pair.text, pair.background);
            QVERIFY2(ratio >= Colors::MinimumContrast,
                qPrintable(
                    u"%1: %2 on %3 is %4:1"_s
                        .arg(QLatin1StringView(pair.what), pair.text.name(), pair.background.name())
                        .arg(ratio, 0, 'f', 2)));
        }
    }

    // The status colours the chat button fills with: its text reads on each.
    void chatButtonReads_data()
    {
        QTest::addColumn<QColor>("color");
        QList<QColor> colors = demoColors();
        colors << QColor(u"#EF6C00"_s) << QColor(u"#F9A825"_s) << QColor(u"#777777"_s)
               << QColor(u"#00BCD4"_s);
        for (const QColor &color : std::as_const(colors))
            QTest::newRow(qPrintable(color.name())) << color;
    }

    void chatButtonReads()
    {
        QFETCH(QColor, color);
        const QColor background = Colors::underText(color);
        QVERIFY(
            Colors::contrast(Colors::textOn(background), background) >= Colors::MinimumContrast);
    }

    // A colour that reads is used as it is; one that does not is darkened or lightened only so
    // far, keeping its hue.
    void accentAdjustedOnlyWhenNeeded()
    {
        const QColor blue(u"#1565C0"_s); // the demo's accent: white on it reads
        QCOMPARE(Colors::underText(blue), blue);
        for (const QColor color : { QColor(u"#7C7C7C"_s), QColor(u"#0288D1"_s) }) {
            // Neither white nor near-black reads on these.
            QVERIFY(Colors::contrast(Colors::textOn(color), color) < Colors::MinimumContrast);
            const QColor adjusted = Colors::underText(color);
            const qreal ratio = Colors::contrast(Colors::textOn(adjusted), adjusted);
            QVERIFY2(ratio >= Colors::MinimumContrast, qPrintable(adjusted.name()));
            QVERIFY2(ratio < 5.5, qPrintable(adjusted.name()));     // no further than needed
            QVERIFY(qAbs(adjusted.hsvHue() - color.hsvHue()) <= 2); // the same colour
        }
    }

    // The relative luminance and contrast formula of WCAG 2.1, against its known values.
    void formula()
    {
        QCOMPARE(Colors::luminance(Qt::black), 0.0);
        QCOMPARE(Colors::luminance(Qt::white), 1.0);
        QCOMPARE(Colors::contrast(Qt::black, Qt::white), 21.0);
        QCOMPARE(Colors::contrast(Qt::white, Qt::white), 1.0);
        QVERIFY(qAbs(Colors::contrast(QColor(u"#767676"_s), Qt::white) - 4.54) < 0.01);
        // Translucent text is blended onto its background first.
        QColor half(Qt::black);
        half.setAlphaF(0.5f);
        QVERIFY(Colors::contrast(half, Qt::white) < 5);
    }

    // A high-contrast palette is used as it is: no preset accent, no shades.
    void highContrastPaletteAsGiven()
    {
        const QPalette palette = highContrastPalette();
        QVERIFY(Colors::isHighContrast(palette));
        QVERIFY(!Colors::isHighContrast(lightPalette()));
        QVERIFY(!Colors::isHighContrast(TestPalettes::dark()));
        const Colors::Scheme s = Colors::scheme(palette, QColor(u"#6A1B9A"_s));
        QVERIFY(s.highContrast);
        QCOMPARE(s.accent, palette.color(QPalette::Highlight));
        QCOMPARE(s.onAccent, palette.color(QPalette::HighlightedText));
        QCOMPARE(s.onAccentSubdued, palette.color(QPalette::HighlightedText));
        QCOMPARE(s.text, palette.color(QPalette::Text));
        QCOMPARE(s.subdued, palette.color(QPalette::Text));
        QCOMPARE(s.operatorBubble, palette.color(QPalette::Base));
        QCOMPARE(s.link, palette.color(QPalette::Link));

        // And the window shows it: the header in the highlight, its title in the highlighted
        // text's colour.
        QApplication::setPalette(palette);
        OWidget::ChatWindow window;
        auto *header = window.findChild<QWidget *>(u"owidgetHeader"_s);
        auto *title = window.findChild<QLabel *>(u"owidgetTitle"_s);
        QVERIFY(header);
        QVERIFY(title);
        QCOMPARE(header->palette().color(QPalette::Window), palette.color(QPalette::Highlight));
        QCOMPARE(
            title->palette().color(QPalette::WindowText), palette.color(QPalette::HighlightedText));
        QApplication::setPalette(lightPalette());
    }

    // The chat button too: the highlight instead of the status's colour.
    void chatButtonFollowsHighContrast()
    {
        const QPalette palette = highContrastPalette();
        QApplication::setPalette(palette);
        OWidget::ChatButton button;
        button.resize(button.sizeHint());
        const QImage image = button.grab().toImage();
        QCOMPARE(image.pixelColor(image.width() / 2, 4), palette.color(QPalette::Highlight));
        QApplication::setPalette(lightPalette());
        OWidget::ChatButton usual;
        usual.resize(usual.sizeHint());
        const QImage usualImage = usual.grab().toImage();
        QVERIFY(usualImage.pixelColor(usualImage.width() / 2, 4)
            != lightPalette().color(QPalette::Highlight));
    }
};

QTEST_MAIN(tst_Contrast)
#include "tst_contrast.moc"
