// The connection supervisor against the protocol server in this process: configuration, then
// the link, the backoff between attempts, the link held for the resume secret, the offline grace.
#include "connectionsupervisor_p.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using OWidget::ConnectionState;
using OWidget::ConnectionSupervisor;
using OWidget::Error;
namespace Protocol = OWidget::Protocol;

class tst_ConnectionSupervisor : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> server;

    std::unique_ptr<ConnectionSupervisor> supervisor()
    {
        auto made = std::make_unique<ConnectionSupervisor>();
        made->setServerUrl(server->url());
        made->setHelloFactory([] {
            return Protocol::encode(
                Protocol::Hello { TestServer::companyId(), u"support"_s, u"en"_s, std::nullopt });
        });
        return made;
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<OWidget::Error>();
        qRegisterMetaType<OWidget::PresetConfig>();
        qRegisterMetaType<Protocol::Welcome>();
    }

    void init()
    {
        server = std::make_unique<TestServer>();
        QVERIFY(server->listen());
    }

    void cleanup() { server.reset(); }

    void retryDelayIsFullJitterCapped()
    {
        QRandomGenerator random(42);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(ConnectionSupervisor::retryDelay(0, 1000ms, 30000ms, random), 0);
        int longest = 0;
        for (int attempt = 1; attempt < 64; ++attempt) {
            const int ceiling = attempt > 15 ? 30000 : qMin(30000, 1000 << (attempt - 1));
            for (int i = 0; i < 50; ++i) {
                const int delay
                    = ConnectionSupervisor::retryDelay(attempt, 1000ms, 30000ms, random);
                QVERIFY2(delay >= 0 && delay <= ceiling,
                    qPrintable(u"attempt %1 waits %2 ms"_s.arg(attempt).arg(delay)));
                longest = qMax(longest, delay);
            }
        }
        QVERIFY(longest > 20000); // the cap is reached, not merely respected
    }

    void connectsAndOnlyThenIsWelcomed()
    {
        auto link = supervisor();
        QSignalSpy states(link.get(), &ConnectionSupervisor::stateChanged);
        QSignalSpy fetched(link.get(), &ConnectionSupervisor::configFetched);
        QSignalSpy welcomed(link.get(), &ConnectionSupervisor::welcomed);
        link->start(TestServer::companyId(), u"support"_s);
        QCOMPARE(link->state(), ConnectionState::Connecting);
        QVERIFY(!link->isWelcomed());
        QTRY_COMPARE(welcomed.size(), 1);
        QCOMPARE(fetched.size(), 1);
        QVERIFY(link->isWelcomed());
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.at(1).constFirst().value<ConnectionState>(), ConnectionState::Connected);
        QCOMPARE(server->hellos(), 1);

        link->start(TestServer::companyId(), u"support"_s); // already connected: nothing
        QCOMPARE(server->configRequests, 1);
        link->stop();
        QCOMPARE(link->state(), ConnectionState::Disconnected);
        QVERIFY(!link->isWelcomed());
    }

    void heldLinkWaitsAfterTheConfiguration()
    {
        auto link = supervisor();
        QSignalSpy fetched(link.get(), &ConnectionSupervisor::configFetched);
        link->setLinkHeld(true); // the resume secret is being read
        link->start(TestServer::companyId(), u"support"_s);
        QTRY_COMPARE(fetched.size(), 1);
        QCOMPARE(server->hellos(), 0);
        QCOMPARE(link->state(), ConnectionState::Connecting);
        link->setLinkHeld(false);
        QTRY_COMPARE(link->state(), ConnectionState::Connected);
        QCOMPARE(server->hellos(), 1);
    }

    void lostLinkIsRetriedAtOnce()
    {
        auto link = supervisor();
        link->start(TestServer::companyId(), u"support"_s);
        QTRY_VERIFY(link->isWelcomed());
        QSignalSpy lost(link.get(), &ConnectionSupervisor::linkLost);
        QSignalSpy retries(link.get(), &ConnectionSupervisor::reconnectScheduled);
        QSignalSpy offline(link.get(), &ConnectionSupervisor::offline);
        QSignalSpy states(link.get(), &ConnectionSupervisor::stateChanged);
        server->dropConnections();
        QTRY_COMPARE(retries.size(), 1);
        QCOMPARE(lost.size(), 1);
        QCOMPARE(retries.constFirst().constFirst().toInt(), 0);
        QTRY_COMPARE(link->state(), ConnectionState::Connected);
        QCOMPARE(states.constFirst().constFirst().value<ConnectionState>(),
            ConnectionState::Reconnecting);
        QCOMPARE(server->hellos(), 2);
        QCOMPARE(offline.size(), 0);
    }

    void statusIsGivenUpAfterTheGrace()
    {
        auto link = supervisor();
        link->start(TestServer::companyId(), u"support"_s);
        QTRY_VERIFY(link->isWelcomed());
        QSignalSpy offline(link.get(), &ConnectionSupervisor::offline);
        QElapsedTimer since; // the first retry
        connect(link.get(), &ConnectionSupervisor::reconnectScheduled, this, [&since] {
            if (!since.isValid())
                since.start();
        });
        server.reset(); // gone for good
        QTRY_VERIFY(since.isValid());
        QCOMPARE(offline.size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(offline.size(), 1, 15000);
        // A coarse timer may fire up to 5 % early.
        QVERIFY2(since.elapsed() >= ConnectionSupervisor::OfflineGraceMsecs * 9 / 10,
            qPrintable(u"offline after %1 ms"_s.arg(since.elapsed())));
        QCOMPARE(link->state(), ConnectionState::Reconnecting); // it keeps trying
    }

    void refusalIsFinal()
    {
        auto link = supervisor();
        QSignalSpy errors(link.get(), &ConnectionSupervisor::errorOccurred);
        QSignalSpy offline(link.get(), &ConnectionSupervisor::offline);
        QSignalSpy retries(link.get(), &ConnectionSupervisor::reconnectScheduled);
        link->start(u"00000000-0000-4000-8000-000000000001"_s, u"support"_s);
        QTRY_COMPARE(offline.size(), 1);
        QCOMPARE(errors.constFirst().constFirst().value<Error>().code, Error::Code::UnknownCompany);
        QCOMPARE(link->state(), ConnectionState::Disconnected);
        QVERIFY(!link->isWanted());
        QCOMPARE(retries.size(), 0);
    }

    void insecureTransportIsRefused()
    {
        auto link = supervisor();
        link->setServerUrl(QUrl(u"http://chat.example.com/"_s));
        QSignalSpy errors(link.get(), &ConnectionSupervisor::errorOccurred);
        link->start(TestServer::companyId(), u"support"_s);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.constFirst().constFirst().value<Error>().code, Error::Code::InsecureUrl);
        QCOMPARE(link->state(), ConnectionState::Disconnected);

        QVERIFY(link->checkTransport(QUrl(u"ws://127.0.0.1:1/"_s)));
        QVERIFY(link->checkTransport(QUrl(u"wss://chat.example.com/"_s)));
        link->setInsecureTransportAllowed(true);
        QVERIFY(link->checkTransport(QUrl(u"http://chat.example.com/"_s)));
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionSupervisor)
#include "tst_connectionsupervisor.moc"
