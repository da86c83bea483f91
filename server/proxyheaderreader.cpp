#include "proxyheaderreader.h"
#include "serverlimits.h"

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace OWidget::Server {

ProxyHeaderReader::ProxyHeaderReader(qintptr descriptor, Done done, QObject *parent)
    : QObject(parent)
    , m_descriptor(descriptor)
    , m_done(std::move(done))
    , m_notifier(descriptor, QSocketNotifier::Read)
{
    connect(&m_notifier, &QSocketNotifier::activated, this, &ProxyHeaderReader::onReadable);
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this,
        [this] { finish(std::nullopt, "no PROXY protocol header in time"); });
    m_deadline.start(Limits::ProxyHeaderMs);
}

ProxyHeaderReader::~ProxyHeaderReader()
{
    if (m_done)
        ::close(int(m_descriptor));
}

void ProxyHeaderReader::onReadable()
{
    // Looked at without taking it, then only the part that is surely the header taken: the rest
    // is the client's, for the socket that reads on.
    char bytes[ProxyHeader::MaxBytes];
    const qsizetype room = ProxyHeader::MaxBytes - m_header.size();
    const auto peeked = ::recv(int(m_descriptor), bytes, size_t(room), MSG_PEEK | MSG_DONTWAIT);
    if (peeked < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (peeked <= 0)
        return finish(std::nullopt, "closed before its PROXY protocol header");
    const QByteArray seen = m_header + QByteArray(bytes, peeked);
    const ProxyHeader::Parsed parsed = ProxyHeader::parse(seen);
    if (parsed.state == ProxyHeader::Parsed::State::Invalid)
        return finish(std::nullopt, parsed.error);
    const qsizetype take = parsed.length - m_header.size();
    if (::recv(int(m_descriptor), bytes, size_t(take), MSG_DONTWAIT) != take)
        return finish(std::nullopt, "the PROXY protocol header could not be read");
    m_header.append(bytes, take);
    if (parsed.state == ProxyHeader::Parsed::State::Complete)
        return finish(parsed, "");
    if (m_header.size() >= ProxyHeader::MaxBytes)
        return finish(std::nullopt, "a PROXY protocol header longer than 1024 bytes");
}

void ProxyHeaderReader::finish(std::optional<ProxyHeader::Parsed> header, const char *error)
{
    m_notifier.setEnabled(false);
    m_deadline.stop();
    deleteLater();
    if (m_done)
        std::exchange(m_done, {})(std::move(header), error);
}

} // namespace OWidget::Server
