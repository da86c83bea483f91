#pragma once

#include "proxyheader.h"

#include <QByteArray>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <functional>
#include <optional>

namespace OWidget::Server {

// Reads the PROXY protocol header from a connection a trusted load balancer opened, before the
// connection is handed to Qt: exactly the header's bytes, never what follows (a TLS hello, an
// HTTP request), without blocking the event loop, within Limits::ProxyHeaderMs. Then calls
// `done` once, with the header, or with nothing when the connection closed, sent something else
// or took too long; the descriptor stays open either way (the caller owns it then). Deletes
// itself.
class ProxyHeaderReader : public QObject
{
public:
    using Done = std::function<void(std::optional<ProxyHeader::Parsed> header, const char *error)>;

    ProxyHeaderReader(qintptr descriptor, Done done, QObject *parent);
    /// Closes the descriptor when it goes unfinished (the listener going away).
    ~ProxyHeaderReader() override;

private:
    void onReadable();
    void finish(std::optional<ProxyHeader::Parsed> header, const char *error);

    qintptr m_descriptor;
    Done m_done;
    QSocketNotifier m_notifier;
    QTimer m_deadline;
    QByteArray m_header; // the bytes read so far, all of them the header's
};

} // namespace OWidget::Server
