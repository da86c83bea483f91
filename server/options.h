#pragma once

#include "crypto.h"
#include "serverlimits.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace OWidget::Server {

struct ServerOptions
{
    QString databasePath;
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
    Crypto::PasswordCost passwordCost = Crypto::PasswordCost::Interactive;
    // The names clients reach the server by (the `Host` header, without its port). Empty: the
    // server's own IP addresses and localhost only, which no other site can point a name at.
    QStringList publicHosts;
    // Connections open at once from one address, and in all (0: as many as the process's
    // descriptor limit allows, less Limits::ReservedDescriptors).
    int maxConnectionsPerAddress = Limits::DefaultConnectionsPerAddress;
    int maxConnections = 0;
};

} // namespace OWidget::Server
