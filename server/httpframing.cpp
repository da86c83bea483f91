#include "httpframing.h"
#include "serverlimits.h"

#include "protocol/limits.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

// RFC 9110 section 5.6.2: the characters of a token (a method, a header's name).
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// A field value's characters: visible ASCII, space, tab and obs-text; no control character.
bool isFieldValue(QByteArrayView text)
{
    for (char c : text) {
        const auto u = uchar(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmedSpaces(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

bool refuse(HeadRefusal *refusal, int status, const char *reason)
{
    refusal->status = status;
    refusal->reason = reason;
    return false;
}

bool containsToken(QByteArrayView list, QByteArrayView token)
{
    for (QByteArrayView item : QByteArray(list.toByteArray()).split(',')) {
        if (trimmedSpaces(item).compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

HostPolicy::HostPolicy(const QStringList &publicHosts)
{
    for (const QString &name : publicHosts)
        m_names.append(name.trimmed().toLower().toLatin1());
}

bool HostPolicy::allows(QByteArrayView host) const
{
    // name, name:port, IPv4:port, [IPv6]:port
    QByteArrayView name = host;
    if (name.startsWith('[')) {
        const qsizetype close = name.indexOf(']');
        if (close < 0)
            return false;
        const QByteArrayView rest = name.sliced(close + 1);
        name = name.sliced(1, close - 1);
        if (!rest.isEmpty() && !rest.startsWith(':'))
            return false;
        host = rest; // the port, checked below
    } else {
        const qsizetype colon = name.lastIndexOf(':');
        if (colon >= 0) {
            host = name.sliced(colon);
            name = name.first(colon);
        } else {
            host = {};
        }
    }
    if (!host.isEmpty()) {
        const QByteArrayView port = host.sliced(1);
        if (port.isEmpty() || port.size() > 5)
            return false;
        for (char c : port) {
            if (c < '0' || c > '9')
                return false;
        }
    }
    if (name.isEmpty())
        return false;
    const QByteArray lower = name.toByteArray().toLower();
    if (!m_names.isEmpty())
        return m_names.contains(lower);
    if (lower == "localhost")
        return true;
    // An IP literal: only a page served from this very address and port could send it with a
    // matching Origin.
    QHostAddress address;
    return address.setAddress(QString::fromLatin1(lower));
}

bool parseRequestHead(
    QByteArrayView bytes, const HostPolicy &hosts, RequestHead *head, HeadRefusal *refusal)
{
    if (!bytes.endsWith("\r\n\r\n"))
        return refuse(refusal, 400, "the head does not end with an empty line");
    // Every line ends with CRLF: a lone CR or LF is read as a line end by some parsers and not
    // by others, which is how requests are smuggled past a proxy.
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))
            return refuse(refusal, 400, "a line ends with a bare LF");
        if (bytes[i] == '\r' && (i + 1 == bytes.size() || bytes[i + 1] != '\n'))
            return refuse(refusal, 400, "a bare CR");
        if (bytes[i] == '\0')
            return refuse(refusal, 400, "a NUL byte");
    }
    const QList<QByteArray> lines = bytes.chopped(4).toByteArray().split('\n');
    // The request line: METHOD SP origin-form SP HTTP/1.x
    QByteArray requestLine = lines.first();
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3)
        return refuse(refusal, 400, "the request line is not METHOD TARGET VERSION");
    const QByteArray &method = parts.at(0);
    const QByteArray &target = parts.at(1);
    const QByteArray &version = parts.at(2);
    if (!isToken(method))
        return refuse(refusal, 400, "the method is not a token");
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return refuse(refusal, 400, "not HTTP/1.0 or HTTP/1.1");
    // Only the origin form: with an absolute target, the host would come from two places.
    if (!target.startsWith('/'))
        return refuse(refusal, 400, "the target is not a path");
    for (char c : target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
            return refuse(refusal, 400, "the target has a character outside visible ASCII");
    }
    if (lines.size() - 1 > Limits::MaxRequestHeaderFields)
        return refuse(refusal, 431, "too many header fields");

    int hostCount = 0;
    int lengthCount = 0;
    QByteArray upgrade;
    QByteArray connection;
    RequestHead parsed;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArrayView line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1); // its CRLF's (a bare CR was refused above)
        if (line.isEmpty())
            return refuse(refusal, 400, "an empty line inside the head");
        // obs-fold (RFC 9112 section 5.2): a line continued on the next, which parsers join
        // differently.
        if (line.front() == ' ' || line.front() == '\t')
            return refuse(refusal, 400, "a folded header line");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return refuse(refusal, 400, "a header line without a name");
        const QByteArrayView name = line.first(colon);
        // No space before the colon (RFC 9112 section 5.1: must be refused).
        if (!isToken(name))
            return refuse(refusal, 400, "a header name that is not a token");
        const QByteArrayView value = trimmedSpaces(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return refuse(refusal, 400, "a control character in a header value");
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            if (++hostCount > 1)
                return refuse(refusal, 400, "two Host headers");
            if (!hosts.allows(value))
                return refuse(refusal, 421, "the Host is not this server's");
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            if (++lengthCount > 1)
                return refuse(refusal, 400, "two Content-Length headers");
            // Plain digits only: no sign, no list, nothing a parser could read as 0 on overflow.
            if (value.isEmpty() || value.size() > 15)
                return refuse(refusal, 400, "a Content-Length that is not a plain number");
            qint64 length = 0;
            for (char c : value) {
                if (c < '0' || c > '9')
                    return refuse(refusal, 400, "a Content-Length that is not a plain number");
                length = length * 10 + (c - '0');
            }
            parsed.contentLength = length;
        } else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            // No transfer coding is needed for a body of at most 16 KiB; accepting chunked next
            // to a Content-Length is how a request is smuggled.
            return refuse(refusal, 400, "a Transfer-Encoding");
        } else if (name.compare("Upgrade", Qt::CaseInsensitive) == 0) {
            upgrade = value.toByteArray();
        } else if (name.compare("Connection", Qt::CaseInsensitive) == 0) {
            connection += ',' + value.toByteArray();
        }
    }
    // HTTP/1.0 had no Host (load balancers' health checks still send none); browsers, which
    // DNS rebinding needs, always send one.
    if (hostCount == 0 && version != "HTTP/1.0")
        return refuse(refusal, 400, "no Host header");
    const qsizetype query = target.indexOf('?');
    parsed.path = query < 0 ? target : target.first(query);
    if (parsed.contentLength > (isAttachmentUploadPath(parsed.path) ? Protocol::MaxAttachmentBytes
                                                                    : Protocol::MaxHttpBodyBytes))
        return refuse(refusal, 413, "the body is over the limit");
    // Another protocol (Qt's HTTP client offers h2c) is declined by answering in HTTP/1.1; a
    // WebSocket handshake must be one.
    if (upgrade.compare("websocket", Qt::CaseInsensitive) == 0) {
        if (!containsToken(connection, "upgrade") || method != "GET" || parsed.contentLength != 0)
            return refuse(refusal, 400, "a WebSocket upgrade that is not a handshake");
        parsed.upgrade = true;
    }
    parsed.method = method;
    *head = parsed;
    return true;
}

bool isAttachmentUploadPath(QByteArrayView path)
{
    return path == "/v1/attachments" || path == "/v1/operator/attachments";
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request"_ba;
    case 413:
        return "Content Too Large"_ba;
    case 421:
        return "Misdirected Request"_ba;
    case 431:
        return "Request Header Fields Too Large"_ba;
    case 503:
        return "Service Unavailable"_ba;
    default:
        return "Error"_ba;
    }
}

} // namespace OWidget::Server
