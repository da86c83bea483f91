#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QStringList>

namespace OWidget::Server {

// The names a request's `Host` may carry (docs/security.md, "Connections and HTTP framing"):
// the configured public names, or, with none configured, the server's IP addresses and
// localhost, which no other site can point a name at (DNS rebinding needs a name).
class HostPolicy
{
public:
    explicit HostPolicy(const QStringList &publicHosts = {});
    /// Whether `host`, a Host header's value (name and optional port), is this server's.
    bool allows(QByteArrayView host) const;

private:
    QList<QByteArray> m_names; // lower case; empty: IP literals and localhost
};

// What the front layer learnt from a request head it accepted.
struct RequestHead
{
    QByteArray method;
    QByteArray path; // the target without its query
    qint64 contentLength = 0;
    bool upgrade = false; // a WebSocket handshake
};

// A head refused: the status to answer with, and why (for the log and the body).
struct HeadRefusal
{
    int status = 400;
    QByteArray reason;
};

/// Parses a whole request head, from the request line to the blank line included, strictly:
/// anything two parsers could read differently (a bare LF, a folded line, two lengths, a length
/// that is not plain digits, any Transfer-Encoding, an absolute target, a second Host) is
/// refused rather than guessed at. Returns true and fills `head`, or false and fills `refusal`.
bool parseRequestHead(
    QByteArrayView bytes, const HostPolicy &hosts, RequestHead *head, HeadRefusal *refusal);

/// Whether `path` is an attachment upload's (docs/protocol.md section 9), whose body may be up
/// to Protocol::MaxAttachmentBytes: the upload's route checks the caller and the preset's own
/// limit before reading any of it.
bool isAttachmentUploadPath(QByteArrayView path);

/// The reason phrase of the statuses the front layer answers with.
QByteArray reasonPhrase(int status);

} // namespace OWidget::Server
