// owidget-server: the reference backend of docs/protocol.md.

#include "logging.h"
#include "server.h"
#include "serverlimits.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;
using namespace OWidget::Server;

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here; the event loop does the rest.
    [[maybe_unused]] const auto written = ::write(signalPipe[0], &byte, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return false;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0
        && ::sigaction(SIGINT, &action, nullptr) == 0;
}

bool parseListen(const QString &text, ServerOptions *options)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return false;
    options->address
        = host == "localhost"_L1 ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(host);
    options->port = quint16(port);
    return !options->address.isNull();
}

int fail(const QString &message)
{
    std::fprintf(stderr, "owidget-server: %s\n", qUtf8Printable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's GLib event dispatcher finds a socket notifier by a linear search, which makes a
    // status broadcast to thousands of widgets quadratic (0.5 s before the first byte at 5,000
    // in bench/); the plain UNIX dispatcher keeps it linear. A server has no use for GLib.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"owidget-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(OWIDGET_SERVER_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"The OWidget reference server: widget protocol, operator API and console."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listenOption(u"listen"_s,
        u"Address and port to listen on; port 0 picks a free one."_s, u"ADDR:PORT"_s,
        u"127.0.0.1:8080"_s);
    const QCommandLineOption dbOption(u"db"_s,
        u"The database: a SQLite file (PATH or sqlite:PATH, the default), or PostgreSQL as "
        u"postgresql://USER@HOST:PORT/DBNAME, its password in PGPASSWORD or "
        u"--db-password-file."_s,
        u"PATH|URL"_s, u"owidget-server.sqlite"_s);
    const QCommandLineOption dbPasswordOption(u"db-password-file"_s,
        u"A file whose first line is the PostgreSQL password (instead of PGPASSWORD)."_s,
        u"FILE"_s);
    const QCommandLineOption importOption(
        u"import"_s, u"Import configuration from a JSON file before serving."_s, u"FILE"_s);
    const QCommandLineOption importOnlyOption(
        u"import-only"_s, u"Exit after --import instead of serving."_s);
    const QCommandLineOption certOption(
        u"tls-cert"_s, u"PEM certificate: serve HTTPS/WSS."_s, u"FILE"_s);
    const QCommandLineOption keyOption(
        u"tls-key"_s, u"PEM private key for --tls-cert."_s, u"FILE"_s);
    const QCommandLineOption rateOption(u"message-rate"_s,
        u"Messages and HTTP requests a second per connection or address, with bursts of twice "
        "as many (default 20)."_s,
        u"RATE"_s);
    const QCommandLineOption publicHostOption(u"public-host"_s,
        u"A name clients reach the server by (the Host header, without the port); repeat for "
        "several. Requests for any other Host are refused. Default: the server's IP addresses "
        "and localhost only."_s,
        u"NAME"_s);
    const QCommandLineOption perAddressOption(u"max-connections-per-address"_s,
        u"Connections open at once from one address, WebSockets included (default %1)."_s.arg(
            Limits::DefaultConnectionsPerAddress),
        u"N"_s);
    const QCommandLineOption maxConnectionsOption(u"max-connections"_s,
        u"Connections open at once in all; %1 percent of them (at least %2) are kept for "
        u"operators. "
        "Default: the descriptor limit less %3."_s.arg(Limits::OperatorReservePercent)
            .arg(Limits::MinOperatorReserve)
            .arg(Limits::ReservedDescriptors),
        u"N"_s);
    const QCommandLineOption offlineRateOption(u"offline-per-hour"_s,
        u"Offline messages and callback requests one visitor address may leave in an hour "
        "(default 10)."_s,
        u"COUNT"_s);
    const QCommandLineOption offlineKeptOption(u"offline-keep"_s,
        u"Offline messages and callback requests each company keeps; older ones are deleted "
        "(default 10000)."_s,
        u"COUNT"_s);
    const QCommandLineOption offlineAgeOption(u"offline-max-age"_s,
        u"Days an offline message or callback request is kept (default 90)."_s, u"DAYS"_s);
    const QCommandLineOption waitingOption(u"waiting-per-address"_s,
        u"Waiting conversations one visitor address may have at once (default 10)."_s, u"COUNT"_s);
    const QCommandLineOption proxyOption(u"proxy-protocol-from"_s,
        u"A load balancer's address or network (e.g. 10.0.0.0/24) that writes the PROXY "
        "protocol header (HAProxy's send-proxy-v2) before each connection; its clients' "
        "addresses are then counted and logged. Repeat for several."_s,
        u"ADDRESS"_s);
    const QCommandLineOption instanceTimeoutOption(u"instance-timeout"_s,
        u"Several servers on one PostgreSQL database: seconds after its last heartbeat that a "
        "server counts as gone, with its operators' presence (default 15)."_s,
        u"SECONDS"_s);
    const QCommandLineOption attachmentsOption(u"attachments-per-conversation"_s,
        u"Files one conversation may hold, both sides together (default %1; at most %2 MiB in "
        "all)."_s.arg(Limits::MaxAttachmentsPerConversation)
            .arg(Limits::MaxAttachmentBytesPerConversation / (1024 * 1024)),
        u"COUNT"_s);
    parser.addOptions({ listenOption, dbOption, dbPasswordOption, importOption, importOnlyOption,
        certOption, keyOption, rateOption, publicHostOption, perAddressOption, maxConnectionsOption,
        offlineRateOption, offlineKeptOption, offlineAgeOption, waitingOption, proxyOption,
        instanceTimeoutOption, attachmentsOption });
    parser.process(app);

    ServerOptions options;
    if (!parseListen(parser.value(listenOption), &options))
        return fail(u"--listen must be ADDR:PORT, e.g. 127.0.0.1:8080"_s);
    options.databasePath = parser.value(dbOption);
    // Never an option's value: a command line is visible to every user of the machine.
    options.databasePassword = qEnvironmentVariable("PGPASSWORD");
    if (parser.isSet(dbPasswordOption)) {
        QFile file(parser.value(dbPasswordOption));
        if (!file.open(QIODevice::ReadOnly))
            return fail(u"--db-password-file: cannot read %1: %2"_s.arg(
                file.fileName(), file.errorString()));
        options.databasePassword
            = QString::fromUtf8(file.readLine(4096)).remove(u'\n').remove(u'\r');
        if (options.databasePassword.isEmpty())
            return fail(u"--db-password-file: %1 holds no password"_s.arg(file.fileName()));
    }
    options.tlsCertificatePath = parser.value(certOption);
    options.tlsKeyPath = parser.value(keyOption);
    if (options.tlsCertificatePath.isEmpty() != options.tlsKeyPath.isEmpty())
        return fail(u"--tls-cert and --tls-key go together"_s);
    if (parser.isSet(rateOption)) {
        bool ok = false;
        const double rate = parser.value(rateOption).toDouble(&ok);
        if (!ok || rate < 1 || rate > 1e6)
            return fail(u"--message-rate must be a number from 1 to 1000000"_s);
        options.messageRate = rate;
        options.messageBurst = 2 * rate;
    }

    // Tests only, so not an option: the business hours' clock starts at this UTC time and runs
    // on from there, so that a test can stand a moment before an opening.
    if (const QString start = qEnvironmentVariable("OWIDGET_TEST_BUSINESS_CLOCK");
        !start.isEmpty()) {
        const QDateTime time = QDateTime::fromString(start, Qt::ISODateWithMs);
        if (!time.isValid())
            return fail(u"OWIDGET_TEST_BUSINESS_CLOCK must be an ISO 8601 time"_s);
        options.businessClockOffsetMs = QDateTime::currentDateTimeUtc().msecsTo(time);
        std::fprintf(stderr, "owidget-server: business hours' clock set to %s for a test\n",
            qUtf8Printable(time.toUTC().toString(Qt::ISODate)));
    }
    options.publicHosts = parser.values(publicHostOption);
    for (const QString &host : std::as_const(options.publicHosts)) {
        if (host.isEmpty() || host.contains(u':') || host.contains(u'/'))
            return fail(u"--public-host takes a name without a port, e.g. chat.example.com"_s);
    }
    for (const QString &value : parser.values(proxyOption)) {
        const auto network = QHostAddress::parseSubnet(value);
        if (network.first.isNull()) {
            return fail(u"--proxy-protocol-from takes an address or a network, e.g. 10.0.0.5 or "
                        "10.0.0.0/24, not '%1'"_s.arg(value));
        }
        options.proxyProtocolFrom.append(network);
    }
    // A whole number from 1 to `max`, or the default when the option is not given.
    const auto count = [&](const QCommandLineOption &option, int max, auto *value) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const int n = parser.value(option).toInt(&ok);
        if (!ok || n < 1 || n > max)
            return false;
        *value = n;
        return true;
    };
    if (!count(offlineRateOption, 1000000, &options.offlinePerAddressPerHour))
        return fail(u"--offline-per-hour must be a number from 1 to 1000000"_s);
    if (!count(offlineKeptOption, 10000000, &options.offlineKeptPerCompany))
        return fail(u"--offline-keep must be a number from 1 to 10000000"_s);
    int days = 0;
    if (!count(offlineAgeOption, 36500, &days))
        return fail(u"--offline-max-age must be a number of days from 1 to 36500"_s);
    if (days > 0)
        options.offlineMaxAgeMs = days * 24LL * 60 * 60 * 1000;
    if (!count(waitingOption, 1000000, &options.waitingPerAddress))
        return fail(u"--waiting-per-address must be a number from 1 to 1000000"_s);
    if (!count(perAddressOption, 10000000, &options.maxConnectionsPerAddress))
        return fail(u"--max-connections-per-address must be a number from 1 to 10000000"_s);
    if (!count(maxConnectionsOption, 10000000, &options.maxConnections))
        return fail(u"--max-connections must be a number from 1 to 10000000"_s);
    if (!count(attachmentsOption, 100000, &options.attachmentsPerConversation))
        return fail(u"--attachments-per-conversation must be a number from 1 to 100000"_s);

    int instanceTimeout = 0;
    if (!count(instanceTimeoutOption, 3600, &instanceTimeout))
        return fail(u"--instance-timeout must be a number of seconds from 1 to 3600"_s);
    if (instanceTimeout > 0)
        options.instanceTimeoutMs = instanceTimeout * 1000LL;

    Server server(options);
    QString error;
    if (!server.open(&error))
        return fail(u"cannot open the database: "_s % error);
    if (parser.isSet(importOption)) {
        if (!server.importFile(parser.value(importOption), &error))
            return fail(error);
        if (parser.isSet(importOnlyOption))
            return 0;
    }
    if (!installSignalHandlers())
        return fail(u"cannot install the signal handlers"_s);
    QSocketNotifier notifier(signalPipe[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char byte;
        [[maybe_unused]] const auto n = ::read(signalPipe[1], &byte, 1);
        qCInfo(lcServer, "event=signal action=shutdown");
        server.shutdown();
        QCoreApplication::quit();
    });
    if (!server.listen(&error))
        return fail(error);
    std::printf("listening on %s\n", qUtf8Printable(server.url().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
