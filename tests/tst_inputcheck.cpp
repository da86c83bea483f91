// The checks of what the application and the visitor hand the controller, with no controller.
#include "inputcheck_p.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using OWidget::Error;
using OWidget::FormField;
using OWidget::InputCheck;

namespace {

const QString Company = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;

Error::Code codeOf(const std::optional<Error> &error)
{
    return error ? error->code : Error::Code::NoError;
}

} // namespace

class tst_InputCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initArguments_data()
    {
        QTest::addColumn<QString>("company");
        QTest::addColumn<QString>("preset");
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<Error::Code>("code");
        const auto ok = Error::Code::NoError;
        const auto bad = Error::Code::InvalidArgument;
        QTest::newRow("good") << Company << u"support"_s << u"cs"_s << u"s"_s << ok;
        QTest::newRow("braced, spaces")
            << u" {"_s + Company + u"} "_s << QString() << QString() << QString() << ok;
        QTest::newRow("one brace") << u"{"_s + Company << QString() << QString() << QString()
                                   << Error::Code::InvalidCompanyId;
        QTest::newRow("not a guid")
            << u"acme"_s << QString() << QString() << QString() << Error::Code::InvalidCompanyId;
        QTest::newRow("long preset")
            << Company << QString(65, u'p') << QString() << QString() << bad;
        QTest::newRow("region") << Company << QString() << u"en-GB"_s << QString() << ok;
        QTest::newRow("not a language") << Company << QString() << u"c$"_s << QString() << bad;
        QTest::newRow("long scope")
            << Company << QString() << QString() << QString(257, u's') << bad;
    }

    void initArguments()
    {
        QFETCH(QString, company);
        QFETCH(QString, preset);
        QFETCH(QString, language);
        QFETCH(QString, scope);
        QFETCH(Error::Code, code);
        QCOMPARE(codeOf(InputCheck::initArguments(company, preset, language, scope)), code);
    }

    void customDataHasLimits()
    {
        QVariantMap existing;
        QCOMPARE(codeOf(InputCheck::customData(existing, u"a"_s, u"1"_s)), Error::Code::NoError);
        QCOMPARE(codeOf(InputCheck::customData(existing, QString(), u"1"_s)),
            Error::Code::InvalidArgument);
        QCOMPARE(codeOf(InputCheck::customData(existing, u"a"_s, QString(1001, u'v'))),
            Error::Code::InvalidArgument);
        for (int i = 0; i < 32; ++i)
            existing.insert(QString::number(i), i);
        QCOMPARE(codeOf(InputCheck::customData(existing, u"one more"_s, u"1"_s)),
            Error::Code::InvalidArgument);
        QCOMPARE(
            codeOf(InputCheck::customData(existing, u"3"_s, u"replaced"_s)), Error::Code::NoError);
    }

    void messageTextAndBackoff()
    {
        QVERIFY(!InputCheck::messageText(u"hi"_s));
        QVERIFY(InputCheck::messageText(QString()));
        QVERIFY(InputCheck::messageText(QString(4001, u'x')));
        QVERIFY(!InputCheck::backoff(1ms, 1ms));
        QVERIFY(InputCheck::backoff(0ms, 1s));
        QVERIFY(InputCheck::backoff(2s, 1s));
    }

    void fieldsAreCheckedAndNormalized()
    {
        FormField name;
        name.name = u"name"_s;
        name.required = true;
        FormField phone;
        phone.name = u"phone"_s;
        phone.type = FormField::Type::Phone;
        const QList<FormField> form { name, phone };
        const auto normalize = [](const QString &number) -> std::optional<QString> {
            if (number == u"777"_s)
                return u"+420 777"_s;
            return std::nullopt;
        };
        QVariantMap normalized;
        QVERIFY(InputCheck::fields(form, {}, u"en"_s, normalize, &normalized));
        QVERIFY(InputCheck::fields(form, { { u"name"_s, u"J"_s }, { u"phone"_s, u"1"_s } }, u"en"_s,
            normalize, &normalized));
        QVERIFY(!InputCheck::fields(form,
            { { u"name"_s, u" Jana "_s }, { u"phone"_s, u"777"_s }, { u"extra"_s, 1 } }, u"en"_s,
            normalize, &normalized));
        QCOMPARE(normalized.value(u"name"_s).toString(), u"Jana"_s);
        QCOMPARE(normalized.value(u"phone"_s).toString(), u"+420 777"_s);
        QCOMPARE(normalized.value(u"extra"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_InputCheck)
#include "tst_inputcheck.moc"
