#pragma once

#include "crypto.h"

#include <QHostAddress>
#include <QString>

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
    // Messages a second on one connection, and how many may be saved up.
    double messageRate = 20;
    double messageBurst = 40;
    qint64 sessionLifetimeMs = 12 * 60 * 60 * 1000;
    Crypto::PasswordCost passwordCost = Crypto::PasswordCost::Interactive;
};

} // namespace OWidget::Server
