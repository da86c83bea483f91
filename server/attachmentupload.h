#pragma once

#include "attachmentstore.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

class QTcpSocket;
class QTemporaryFile;

namespace OWidget::Server {

// One upload's body, read from its socket as it arrives (docs/protocol.md section 9): written
// to a file piece by piece, never whole in memory, its type checked against the file's own
// first bytes, then stored and answered with the attachment's metadata. QtHttpServer never
// sees it: it would keep the whole body in memory before anyone could look at it. The body must
// keep coming (a stall of `stallMs` is cut) and arrive within a deadline that grows with its
// declared size (Limits::MinUploadBytesPerSecond). The connection closes after the answer.
class AttachmentUpload : public QObject
{
public:
    struct Accepted
    {
        QString conversation;
        Protocol::Sender from = Protocol::Sender::Visitor;
        QString name;
        QString type;      ///< as declared, one the preset allows
        QString uploadKey; ///< may be empty
        qint64 length = 0; ///< Content-Length, within the preset's limit
        /// Stored already by an earlier try with the same key: read the body, store nothing.
        std::optional<StoredAttachment> earlier;
    };

    AttachmentUpload(QTcpSocket *socket, AttachmentStore &store, Accepted accepted,
        std::unique_ptr<QTemporaryFile> file, int stallMs);
    ~AttachmentUpload() override;

    /// Writes a whole answer and closes the connection once the peer has it. `unreadBody`: the
    /// peer may still be sending a body, which is then drained, a read buffer's worth at most.
    static void answer(QTcpSocket *socket, int status, const QByteArray &json, bool unreadBody);
    /// The protocol's error object, as every error is written.
    static QByteArray errorJson(Protocol::ErrorCode code, const QString &message);

private:
    void onReadyRead();
    void take(QByteArrayView bytes);
    void finish();
    void fail(int status, Protocol::ErrorCode code, const QString &message);
    void cut(const char *reason);

    QTcpSocket *m_socket;
    AttachmentStore &m_store;
    Accepted m_accepted;
    std::unique_ptr<QTemporaryFile> m_file;
    qint64 m_left = 0;
    QByteArray m_head; // the file's first bytes, for its type and its pixels
    Protocol::TextChecker m_text;
    bool m_typeChecked = false;
    bool m_done = false;
    int m_stallMs;
    QTimer m_stall;
    QTimer m_deadline;
};

} // namespace OWidget::Server
