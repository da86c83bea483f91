// The value types' seed names and codes: AppEvent type names, ButtonStatus values and the
// retryable band of Error codes.
#include <owidget/types.h>

#include <QMetaEnum>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::AppEvent;
using OWidget::ButtonStatus;
using OWidget::Error;

class TestTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeName_data();
    void typeName();
    void typeNameCoversEveryType();
    void buttonStatusValues();
    void isRetryable_data();
    void isRetryable();
};

void TestTypes::typeName_data()
{
    QTest::addColumn<AppEvent::Type>("type");
    QTest::addColumn<QString>("expected");

    QTest::newRow("open") << AppEvent::Type::ChatWindowOpen << u"chatWindowOpen"_s;
    QTest::newRow("closed") << AppEvent::Type::ChatWindowClosed << u"chatWindowClosed"_s;
    QTest::newRow("created") << AppEvent::Type::ChatSessionCreated << u"chatSessionCreated"_s;
    QTest::newRow("started") << AppEvent::Type::ChatSessionStarted << u"chatSessionStarted"_s;
    QTest::newRow("ended") << AppEvent::Type::ChatSessionEnded << u"chatSessionEnded"_s;
}

void TestTypes::typeName()
{
    QFETCH(AppEvent::Type, type);
    QFETCH(QString, expected);

    QCOMPARE(AppEvent::typeName(type), expected);
    AppEvent event;
    event.type = type;
    QCOMPARE(event.typeName(), expected);
    // The gadget's property, which QML and the demo's event log read.
    QCOMPARE(
        AppEvent::staticMetaObject.property(AppEvent::staticMetaObject.indexOfProperty("typeName"))
            .readOnGadget(&event)
            .toString(),
        expected);
}

void TestTypes::typeNameCoversEveryType()
{
    // A new type added to the enum needs a row in typeName_data() and a name.
    QCOMPARE(QMetaEnum::fromType<AppEvent::Type>().keyCount(), 5);
}

void TestTypes::buttonStatusValues()
{
    QCOMPARE(static_cast<int>(ButtonStatus::Offline), 0);
    QCOMPARE(static_cast<int>(ButtonStatus::Online), 1);
    QCOMPARE(static_cast<int>(ButtonStatus::Busy), 2);
}

void TestTypes::isRetryable_data()
{
    QTest::addColumn<Error::Code>("code");
    QTest::addColumn<bool>("retryable");

    QTest::newRow("NoError") << Error::Code::NoError << false;
    QTest::newRow("InvalidCompanyId") << Error::Code::InvalidCompanyId << false;
    QTest::newRow("NotInitialized") << Error::Code::NotInitialized << false;
    QTest::newRow("InvalidArgument") << Error::Code::InvalidArgument << false;
    QTest::newRow("InsecureUrl") << Error::Code::InsecureUrl << false;
    QTest::newRow("NotConnected") << Error::Code::NotConnected << false;
    QTest::newRow("InvalidPhoneNumber") << Error::Code::InvalidPhoneNumber << false;
    QTest::newRow("UnknownCompany") << Error::Code::UnknownCompany << false;
    QTest::newRow("UnknownPreset") << Error::Code::UnknownPreset << false;
    QTest::newRow("Rejected") << Error::Code::Rejected << false;
    QTest::newRow("ResumeRejected") << Error::Code::ResumeRejected << false;
    QTest::newRow("UnsupportedProtocol") << Error::Code::UnsupportedProtocol << false;
    QTest::newRow("AttachmentRefused") << Error::Code::AttachmentRefused << false;
    QTest::newRow("NetworkError") << Error::Code::NetworkError << true;
    QTest::newRow("Timeout") << Error::Code::Timeout << true;
    QTest::newRow("ServerError") << Error::Code::ServerError << true;
    QTest::newRow("RateLimited") << Error::Code::RateLimited << true;
    QTest::newRow("MalformedData") << Error::Code::MalformedData << false;
    QTest::newRow("TooLarge") << Error::Code::TooLarge << false;

    // Every code has a row above.
    QCOMPARE(QMetaEnum::fromType<Error::Code>().keyCount(), 19);
}

void TestTypes::isRetryable()
{
    QFETCH(Error::Code, code);
    QFETCH(bool, retryable);

    Error error;
    error.code = code;
    QCOMPARE(error.isRetryable(), retryable);
}

QTEST_GUILESS_MAIN(TestTypes)
#include "tst_types.moc"
