// The catalogs: complete in every language, and switched at run time with the controller's.
#include "attachmentbubble_p.h"

#include <owidget/chatbutton.h>
#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QTest>
#include <QToolButton>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using OWidget::ChatButton;
using OWidget::ChatWindow;
using OWidget::Controller;

namespace {

struct Catalog
{
    QString language;
    QStringList sources;
    QStringList problems;
    QList<std::pair<QString, QString>> plurals; ///< context and source of each %n message
};

QStringList catalogLanguages()
{
    // The four the library ships, the right-to-left two, and any catalog added since.
    QStringList languages { u"en"_s, u"cs"_s, u"sk"_s, u"de"_s, u"ar"_s, u"he"_s };
    const QStringList files = QDir(QStringLiteral(OWIDGET_TRANSLATIONS_DIR))
                                  .entryList({ u"owidget_*.ts"_s }, QDir::Files);
    for (const QString &file : files) {
        const QString language = file.mid(8).chopped(3);
        if (!languages.contains(language))
            languages.append(language);
    }
    return languages;
}

Catalog readCatalog(const QString &path)
{
    Catalog catalog;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        catalog.problems.append(u"cannot open "_s + path);
        return catalog;
    }
    QXmlStreamReader xml(&file);
    QString context;
    QString source;
    bool plural = false; // the message's, not its translation's attribute
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == "TS"_L1) {
            catalog.language = xml.attributes().value(u"language"_s).toString();
        } else if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            plural = xml.attributes().value(u"numerus"_s) == "yes"_L1;
        } else if (name == "source"_L1) {
            source = xml.readElementText();
            catalog.sources.append(context + u'/' + source);
        } else if (name == "translation"_L1) {
            const QString type = xml.attributes().value(u"type"_s).toString();
            if (plural)
                catalog.plurals.append({ context, source });
            const QString text
                = plural ? QString() : xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (type == "unfinished"_L1 || type == "vanished"_L1 || type == "obsolete"_L1)
                catalog.problems.append(type + u": "_s + context + u'/' + source);
            else if (!plural && text.trimmed().isEmpty())
                catalog.problems.append(u"empty: "_s + context + u'/' + source);
        } else if (name == "numerusform"_L1) {
            if (xml.readElementText().trimmed().isEmpty())
                catalog.problems.append(u"empty plural: "_s + context + u'/' + source);
        }
    }
    if (xml.hasError())
        catalog.problems.append(u"malformed: "_s + xml.errorString());
    return catalog;
}

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogsAreComplete_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &language : catalogLanguages())
            QTest::newRow(qPrintable(language)) << language;
    }

    void catalogsAreComplete()
    {
        QFETCH(QString, language);
        const QDir dir(QStringLiteral(OWIDGET_TRANSLATIONS_DIR));
        const Catalog english = readCatalog(dir.filePath(u"owidget_en.ts"_s));
        const Catalog catalog = readCatalog(dir.filePath(u"owidget_"_s + language + u".ts"_s));
        QVERIFY2(catalog.problems.isEmpty(), qPrintable(catalog.problems.join(u'\n')));
        QVERIFY(catalog.language.startsWith(language));
        QVERIFY(catalog.sources.size() > 50);
        QCOMPARE(catalog.sources, english.sources);
    }

    void pluralsCoverEveryNumber_data() { catalogsAreComplete_data(); }

    // Every number finds its form in the compiled catalog (Arabic has six, Czech three…): a
    // catalog with too few forms leaves some numbers untranslated.
    void pluralsCoverEveryNumber()
    {
        QFETCH(QString, language);
        const Catalog catalog = readCatalog(QDir(QStringLiteral(OWIDGET_TRANSLATIONS_DIR))
                                                .filePath(u"owidget_"_s + language + u".ts"_s));
        QVERIFY(!catalog.plurals.isEmpty());
        QTranslator translator;
        QVERIFY(translator.load(u":/owidget/i18n/owidget_"_s + language + u".qm"_s));
        QList<int> numbers;
        for (int n = 0; n <= 120; ++n)
            numbers.append(n);
        numbers << 1000 << 1001 << 1002 << 1003 << 1011 << 1100;
        for (const auto &[context, source] : catalog.plurals) {
            for (const int n : std::as_const(numbers)) {
                const QString text = translator.translate(
                    context.toUtf8().constData(), source.toUtf8().constData(), nullptr, n);
                QVERIFY2(!text.isEmpty(), qPrintable(source + u" for "_s + QString::number(n)));
            }
        }
    }

    void languageFollowsTheController()
    {
        Controller controller;
        ChatWindow window;
        window.setController(&controller);
        ChatButton button;
        button.setController(&controller);
        auto *end = window.findChild<QToolButton *>(u"owidgetEndChatButton"_s);
        auto *send = window.findChild<QPushButton *>(u"owidgetSendButton"_s);
        QCOMPARE(end->text(), u"End chat"_s);

        const QString company = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;
        QVERIFY(controller.init(company, {}, u"cs"_s));
        QTRY_COMPARE(end->text(), u"Ukončit chat"_s);
        QCOMPARE(send->text(), u"Odeslat"_s); // a form from ui/
        QCOMPARE(button.text(), u"Chat je offline"_s);
        // Small files' sizes take the catalog's plurals (Qt's own says "46 bajty").
        const QLocale czech(u"cs"_s);
        QCOMPARE(OWidget::AttachmentBubble::sizeText(1, czech), u"1 bajt"_s);
        QCOMPARE(OWidget::AttachmentBubble::sizeText(3, czech), u"3 bajty"_s);
        QCOMPARE(OWidget::AttachmentBubble::sizeText(46, czech), u"46 bajtů"_s);
        QVERIFY(controller.init(company, {}, u"sk-SK"_s));
        QTRY_COMPARE(end->text(), u"Ukončiť chat"_s);
        QVERIFY(controller.init(company, {}, u"de"_s));
        QTRY_COMPARE(end->text(), u"Chat beenden"_s);
        QCOMPARE(button.text(), u"Chat ist offline"_s);
        QVERIFY(controller.init(company, {}, u"fr"_s)); // no catalog: English
        QTRY_COMPARE(end->text(), u"End chat"_s);
    }

    // Arabic and Hebrew mirror the chat window and the button; the host application keeps its
    // own direction.
    void directionFollowsTheLanguage()
    {
        Controller controller;
        ChatWindow window;
        window.setController(&controller);
        ChatButton button;
        button.setController(&controller);
        QWidget host;
        auto *end = window.findChild<QToolButton *>(u"owidgetEndChatButton"_s);
        QCOMPARE(window.layoutDirection(), Qt::LeftToRight);

        const QString company = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;
        QVERIFY(controller.init(company, {}, u"ar"_s));
        QTRY_COMPARE(end->text(), u"إنهاء الدردشة"_s);
        QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(end->layoutDirection(), Qt::RightToLeft);
        QCOMPARE(button.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(button.text(), u"الدردشة غير متصلة"_s);
        QCOMPARE(host.layoutDirection(), Qt::LeftToRight);
        QCOMPARE(QApplication::layoutDirection(), Qt::LeftToRight);

        QVERIFY(controller.init(company, {}, u"he-IL"_s));
        QTRY_COMPARE(end->text(), u"סיום הצ׳אט"_s);
        QCOMPARE(window.layoutDirection(), Qt::RightToLeft);
        QCOMPARE(button.layoutDirection(), Qt::RightToLeft);

        QVERIFY(controller.init(company, {}, u"cs"_s));
        QTRY_COMPARE(end->text(), u"Ukončit chat"_s);
        QCOMPARE(window.layoutDirection(), Qt::LeftToRight);
        QCOMPARE(button.layoutDirection(), Qt::LeftToRight);
        QCOMPARE(QApplication::layoutDirection(), Qt::LeftToRight);
    }
};

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
