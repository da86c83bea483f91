#pragma once

#include <QHostAddress>
#include <QString>

namespace OWidget::Server {

/// The key a client is counted under by every per-address limit (connections, requests, failed
/// logins, offline items, waiting conversations): an IPv4 address (also when mapped into
/// IPv6) is itself; an IPv6 address is its /64 network, which one subscriber is commonly given
/// whole, so that cycling through it does not multiply the limits.
QString clientKey(const QHostAddress &address);

} // namespace OWidget::Server
