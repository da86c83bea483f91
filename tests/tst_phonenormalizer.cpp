#include "phonenormalizer_p.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidget;

class tst_PhoneNormalizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void normalize_data();
    void normalize();
    void regionFor_data();
    void regionFor();
};

void tst_PhoneNormalizer::initTestCase()
{
    // main() makes the system locale Slovak, for the rows that fall back to it.
    QCOMPARE(QLocale::system().territory(), QLocale::Slovakia);
}

void tst_PhoneNormalizer::normalize_data()
{
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected"); // empty: invalid

    // The seed's example, and the same number written in other ways.
    QTest::newRow("seed") << u"777 666 555"_s << u"CZ"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz compact") << u"777666555"_s << u"CZ"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz dashes") << u"777-666-555"_s << u"CZ"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz padded") << u"  777 666 555 "_s << u"CZ"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz lower-case region") << u"777 666 555"_s << u"cz"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz plus, region CZ") << u"+420777666555"_s << u"CZ"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz plus, region US") << u"+420777666555"_s << u"US"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz plus, no region") << u"+420777666555"_s << QString() << u"+420 777 666 555"_s;
    QTest::newRow("cz plus, unknown region")
        << u"+420 777 666 555"_s << u"XX"_s << u"+420 777 666 555"_s;
    QTest::newRow("arabic-indic digits") << u"٧٧٧ ٦٦٦ ٥٥٥"_s << u"CZ"_s << u"+420 777 666 555"_s;
    QTest::newRow("fullwidth digits")
        << u"７７７６６６５５５"_s << u"CZ"_s << u"+420 777 666 555"_s;
    QTest::newRow("cz 00 prefix from SK")
        << u"00420 777 666 555"_s << u"SK"_s << u"+420 777 666 555"_s;

    QTest::newRow("sk national") << u"0905 123 456"_s << u"SK"_s << u"+421 905 123 456"_s;
    QTest::newRow("sk plus") << u"+421905123456"_s << u"CZ"_s << u"+421 905 123 456"_s;
    QTest::newRow("de national") << u"030 1234567"_s << u"DE"_s << u"+49 30 1234567"_s;
    QTest::newRow("de parentheses") << u"(030) 123-4567"_s << u"DE"_s << u"+49 30 1234567"_s;
    QTest::newRow("de plus") << u"+49 30 1234567"_s << u"GB"_s << u"+49 30 1234567"_s;
    QTest::newRow("gb mobile") << u"07400 123456"_s << u"GB"_s << u"+44 7400 123456"_s;
    QTest::newRow("gb plus") << u"+44 20 7946 0018"_s << u"DE"_s << u"+44 20 7946 0018"_s;
    QTest::newRow("us parentheses") << u"(201) 555-0123"_s << u"US"_s << u"+1 201-555-0123"_s;
    QTest::newRow("us dots") << u"201.555.0123"_s << u"US"_s << u"+1 201-555-0123"_s;
    QTest::newRow("us plus") << u"+1 201 555 0123"_s << u"CZ"_s << u"+1 201-555-0123"_s;

    QTest::newRow("empty") << QString() << u"CZ"_s << QString();
    QTest::newRow("blank") << u"   "_s << u"CZ"_s << QString();
    QTest::newRow("letters") << u"abc"_s << u"CZ"_s << QString();
    QTest::newRow("vanity letters") << u"1-800-FLOWERS"_s << u"US"_s << QString();
    QTest::newRow("digits and letters") << u"777 666 55x"_s << u"CZ"_s << QString();
    QTest::newRow("too short") << u"12"_s << u"CZ"_s << QString();
    QTest::newRow("invalid for CZ") << u"123 456 789"_s << u"CZ"_s << QString();
    QTest::newRow("too long for CZ") << u"777 666 555 444"_s << u"CZ"_s << QString();
    QTest::newRow("unknown country code") << u"+999 777 666 555"_s << u"CZ"_s << QString();
    QTest::newRow("over 32 characters")
        << u"+420 777 666 555                   1"_s << u"CZ"_s << QString();
    QTest::newRow("33 digits") << QString(33, u'7') << u"CZ"_s << QString();
    QTest::newRow("no region, no plus") << u"777 666 555"_s << QString() << QString();
    QTest::newRow("unknown region, no plus") << u"777 666 555"_s << u"XX"_s << QString();
    QTest::newRow("garbage region") << u"777 666 555"_s << u"not a region"_s << QString();
    QTest::newRow("only plus") << u"+"_s << u"CZ"_s << QString();
    QTest::newRow("extension") << u"777 666 555 ext. 12"_s << u"CZ"_s << QString();
    QTest::newRow("tel uri") << u"tel:+420777666555"_s << u"CZ"_s << QString();
    QTest::newRow("only punctuation") << u"()-./"_s << u"CZ"_s << QString();
}

void tst_PhoneNormalizer::normalize()
{
    QFETCH(QString, number);
    QFETCH(QString, region);
    QFETCH(QString, expected);

    const std::optional<QString> result = PhoneNormalizer::normalize(number, region);
    if (expected.isEmpty()) {
        QVERIFY2(!result, qPrintable(u"unexpectedly valid: "_s + result.value_or(QString())));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, expected);
    }
}

void tst_PhoneNormalizer::regionFor_data()
{
    QTest::addColumn<QString>("presetRegion");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");

    QTest::newRow("preset wins") << u"SK"_s << u"cs"_s << u"SK"_s;
    QTest::newRow("preset upper-cased") << u"de"_s << u"en-GB"_s << u"DE"_s;
    QTest::newRow("preset trimmed") << u" gb "_s << QString() << u"GB"_s;
    QTest::newRow("unknown preset, language") << u"XX"_s << u"cs"_s << u"CZ"_s;
    QTest::newRow("garbage preset, language") << u"Czechia"_s << u"sk"_s << u"SK"_s;
    QTest::newRow("cs") << QString() << u"cs"_s << u"CZ"_s;
    QTest::newRow("sk") << QString() << u"sk"_s << u"SK"_s;
    QTest::newRow("de") << QString() << u"de"_s << u"DE"_s;
    QTest::newRow("en-GB") << QString() << u"en-GB"_s << u"GB"_s;
    QTest::newRow("en_GB") << QString() << u"en_GB"_s << u"GB"_s;
    QTest::newRow("en-US") << QString() << u"en-US"_s << u"US"_s;
    QTest::newRow("de-AT") << QString() << u"de-AT"_s << u"AT"_s;
    QTest::newRow("pt-BR") << QString() << u"pt-BR"_s << u"BR"_s;
    QTest::newRow("nothing: system") << QString() << QString() << u"SK"_s;
    QTest::newRow("unknown preset, no language: system") << u"XX"_s << QString() << u"SK"_s;
    QTest::newRow("unknown language: system") << QString() << u"xx"_s << u"SK"_s;
    QTest::newRow("not a language: system") << QString() << u"not a language"_s << u"SK"_s;
    QTest::newRow("C: system") << QString() << u"C"_s << u"SK"_s;
}

void tst_PhoneNormalizer::regionFor()
{
    QFETCH(QString, presetRegion);
    QFETCH(QString, language);
    QFETCH(QString, expected);

    QCOMPARE(PhoneNormalizer::regionFor(presetRegion, language), expected);
}

int main(int argc, char *argv[])
{
    // Qt reads the system locale from the environment once, on first use.
    qputenv("LC_ALL", "sk_SK.UTF-8");
    QCoreApplication app(argc, argv);
    tst_PhoneNormalizer test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_phonenormalizer.moc"
