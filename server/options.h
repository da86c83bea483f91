#pragma once

#include "crypto.h"
#include "serverlimits.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace OWidget::Server {

struct ServerOptions
{
    // Where the data is, as `--db` takes it: a SQLite file, sqlite:FILE or a postgresql:// URL.
    QString databasePath;
    // PostgreSQL's password, from PGPASSWORD or --db-password-file; never from the command line.
    QString databasePassword;
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8080; // 0 picks a free port
    QString tlsCertificatePath;
    QString tlsKeyPath;
    int heartbeatSeconds = 15;
    qint64 resumeWindowMs = 10 * 60 * 1000;
    // A waiting conversation whose visitor has had no connection for this long is ended.
    qint64 abandonWaitingMs = 2 * 60 * 1000;
    // Messages a second on one connection, and how many may be saved up.
    double messageRate = 20;
    double messageBurst = 40;
    qint64 sessionLifetimeMs = 12 * 60 * 60 * 1000;
    // Offline messages and callback requests one address may leave in an hour; more are
    // refused (rate_limited), so that one visitor cannot fill the operators' inbox.
    int offlinePerAddressPerHour = 10;
    // Each company keeps its newest this many offline items; older ones are pruned.
    int offlineKeptPerCompany = 10000;
    // Offline items older than this are pruned.
    qint64 offlineMaxAgeMs = 90LL * 24 * 60 * 60 * 1000;
    // Waiting conversations started from one address; more are refused (rate_limited), so
    // that one visitor cannot fill the queue that every operator of the company is sent.
    int waitingPerAddress = 10;
    Crypto::PasswordCost passwordCost = Crypto::PasswordCost::Interactive;
    // The names clients reach the server by (the `Host` header, without its port). Empty: the
    // server's own IP addresses and localhost only, which no other site can point a name at.
    QStringList publicHosts;
    // Connections open at once from one address, and in all (0: as many as the process's
    // descriptor limit allows, less Limits::ReservedDescriptors).
    int maxConnectionsPerAddress = Limits::DefaultConnectionsPerAddress;
    int maxConnections = 0;
    // Load balancers that write the PROXY protocol header (HAProxy's `send-proxy-v2`) before
    // each connection, as networks: a connection from one of them carries its client's
    // address, which every per-address limit and log line then uses. Connections from other
    // addresses are the clients' own, without a header.
    QList<QPair<QHostAddress, int>> proxyProtocolFrom;
    // How far the clock of business hours runs ahead of the system's: tests only.
    qint64 businessClockOffsetMs = 0;
    // Several servers on one PostgreSQL database: one whose heartbeat is older than this is
    // counted as gone, and its operators as not present (their availability is kept).
    qint64 instanceTimeoutMs = 15000;
    // An attachment's upload that sends nothing for this long is cut: tests only shorten it.
    int uploadStallMs = Limits::UploadStallMs;
    // Files one conversation may hold, both sides together.
    int attachmentsPerConversation = Limits::MaxAttachmentsPerConversation;
};

} // namespace OWidget::Server
