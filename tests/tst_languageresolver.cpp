#include "languageresolver_p.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace OWidget;

class tst_LanguageResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void resolve_data();
    void resolve();
    void preferences_data();
    void preferences();
};

void tst_LanguageResolver::initTestCase()
{
    // main() makes the system locale Canadian French.
    QCOMPARE(QLocale::system().name(), u"fr_CA"_s);
}

void tst_LanguageResolver::cleanup()
{
    QLocale::setDefault(QLocale::system());
}

void tst_LanguageResolver::resolve_data()
{
    QTest::addColumn<QStringList>("wanted");
    QTest::addColumn<QStringList>("offered");
    QTest::addColumn<QString>("fallback");
    QTest::addColumn<QString>("expected");

    const QStringList csEn { u"cs"_s, u"en"_s };
    const QString fb = u"fallback"_s;

    QTest::newRow("exact") << QStringList { u"en"_s } << csEn << fb << u"en"_s;
    QTest::newRow("exact with region")
        << QStringList { u"pt-BR"_s } << QStringList { u"pt"_s, u"pt-BR"_s } << fb << u"pt-BR"_s;
    QTest::newRow("exact region before bare language")
        << QStringList { u"en-GB"_s } << QStringList { u"en"_s, u"en-US"_s, u"en-GB"_s } << fb
        << u"en-GB"_s;
    QTest::newRow("region to language") << QStringList { u"cs-CZ"_s } << csEn << fb << u"cs"_s;
    QTest::newRow("underscore region to language")
        << QStringList { u"cs_CZ"_s } << csEn << fb << u"cs"_s;
    QTest::newRow("underscore matches hyphen")
        << QStringList { u"pt_BR"_s } << QStringList { u"pt-PT"_s, u"pt-BR"_s } << fb << u"pt-BR"_s;
    QTest::newRow("hyphen matches underscore")
        << QStringList { u"pt-BR"_s } << QStringList { u"pt_PT"_s, u"pt_BR"_s } << fb << u"pt_BR"_s;
    QTest::newRow("language to its only region")
        << QStringList { u"pt"_s } << QStringList { u"en"_s, u"pt-BR"_s } << fb << u"pt-BR"_s;
    QTest::newRow("bare language before another region")
        << QStringList { u"pt-PT"_s } << QStringList { u"pt-BR"_s, u"pt"_s } << fb << u"pt"_s;
    QTest::newRow("other region when nothing closer")
        << QStringList { u"pt-PT"_s } << QStringList { u"en"_s, u"pt-BR"_s } << fb << u"pt-BR"_s;
    QTest::newRow("first region in offered order")
        << QStringList { u"de"_s } << QStringList { u"de-CH"_s, u"de-AT"_s } << fb << u"de-CH"_s;
    QTest::newRow("script variant") << QStringList { u"cs-Latn-CZ"_s } << csEn << fb << u"cs"_s;
    QTest::newRow("upper-case wanted") << QStringList { u"EN"_s } << csEn << fb << u"en"_s;
    QTest::newRow("case kept from offered")
        << QStringList { u"pt-br"_s } << QStringList { u"PT-BR"_s } << fb << u"PT-BR"_s;
    QTest::newRow("mixed case region")
        << QStringList { u"En-gB"_s } << QStringList { u"en-GB"_s } << fb << u"en-GB"_s;
    QTest::newRow("padded wanted") << QStringList { u" cs "_s } << csEn << fb << u"cs"_s;
    QTest::newRow("first wanted wins") << QStringList { u"en"_s, u"cs"_s } << csEn << fb << u"en"_s;
    QTest::newRow("first wanted wins over an exact later one")
        << QStringList { u"cs-CZ"_s, u"en"_s } << csEn << fb << u"cs"_s;
    QTest::newRow("unmatched wanted skipped")
        << QStringList { u"de"_s, u"fr"_s, u"cs"_s } << csEn << fb << u"cs"_s;
    QTest::newRow("empty wanted entries skipped")
        << QStringList { QString(), u"  "_s, u"en"_s } << csEn << fb << u"en"_s;
    QTest::newRow("C matches nothing")
        << QStringList { u"C"_s } << QStringList { u"cs"_s } << fb << fb;
    QTest::newRow("no prefix match") << QStringList { u"e"_s } << csEn << fb << fb;
    QTest::newRow("no partial language match")
        << QStringList { u"en"_s } << QStringList { u"eng"_s } << fb << fb;
    QTest::newRow("nothing matches") << QStringList { u"de"_s, u"fr-FR"_s } << csEn << fb << fb;
    QTest::newRow("empty wanted") << QStringList() << csEn << fb << fb;
    QTest::newRow("empty offered") << QStringList { u"cs"_s } << QStringList() << fb << fb;
    QTest::newRow("both empty") << QStringList() << QStringList() << fb << fb;
    QTest::newRow("empty fallback") << QStringList { u"de"_s } << csEn << QString() << QString();
}

void tst_LanguageResolver::resolve()
{
    QFETCH(QStringList, wanted);
    QFETCH(QStringList, offered);
    QFETCH(QString, fallback);
    QFETCH(QString, expected);

    QCOMPARE(LanguageResolver::resolve(wanted, offered, fallback), expected);
}

void tst_LanguageResolver::preferences_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("application"); // QLocale::setDefault
    QTest::addColumn<QStringList>("expected");

    // Qt 6.4's UI languages: de_AT → de-Latn-AT, de-AT; fr_CA → fr-Latn-CA, fr-CA, but the
    // system's fr_CA → fr-CA, fr-Latn-CA.
    QTest::newRow("requested first")
        << u"en"_s << u"de_AT"_s
        << QStringList { u"en"_s, u"de-Latn-AT"_s, u"de-AT"_s, u"fr-CA"_s, u"fr-Latn-CA"_s };
    QTest::newRow("requested trimmed")
        << u" en "_s << u"de_AT"_s
        << QStringList { u"en"_s, u"de-Latn-AT"_s, u"de-AT"_s, u"fr-CA"_s, u"fr-Latn-CA"_s };
    QTest::newRow("no request") << QString() << u"de_AT"_s
                                << QStringList { u"de-Latn-AT"_s, u"de-AT"_s, u"fr-CA"_s,
                                       u"fr-Latn-CA"_s };
    QTest::newRow("blank request")
        << u"  "_s << u"de_AT"_s
        << QStringList { u"de-Latn-AT"_s, u"de-AT"_s, u"fr-CA"_s, u"fr-Latn-CA"_s };
    QTest::newRow("requested once")
        << u"de-AT"_s << u"de_AT"_s
        << QStringList { u"de-AT"_s, u"de-Latn-AT"_s, u"fr-CA"_s, u"fr-Latn-CA"_s };
    QTest::newRow("requested once, other spelling")
        << u"DE_at"_s << u"de_AT"_s
        << QStringList { u"DE_at"_s, u"de-Latn-AT"_s, u"fr-CA"_s, u"fr-Latn-CA"_s };
    QTest::newRow("application same as system")
        << QString() << u"fr_CA"_s << QStringList { u"fr-Latn-CA"_s, u"fr-CA"_s };
    QTest::newRow("application C")
        << u"cs"_s << u"C"_s << QStringList { u"cs"_s, u"fr-CA"_s, u"fr-Latn-CA"_s };
}

void tst_LanguageResolver::preferences()
{
    QFETCH(QString, requested);
    QFETCH(QString, application);
    QFETCH(QStringList, expected);

    QLocale::setDefault(QLocale(application));
    QCOMPARE(LanguageResolver::preferences(requested), expected);
}

int main(int argc, char *argv[])
{
    // Qt reads the system locale from the environment once, on first use.
    qputenv("LC_ALL", "fr_CA.UTF-8");
    QCoreApplication app(argc, argv);
    tst_LanguageResolver test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_languageresolver.moc"
