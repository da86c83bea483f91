// The visitor's files on their way to the server (POST /v1/attachments, docs/protocol.md
// section 9): each streamed from its file, never read whole into memory, with an upload key
// chosen once and kept, so that an upload sent again after its answer was lost stores nothing
// twice. A failure of the network or the server goes again after a capped, jittered delay, and
// at once when the controller's link is greeted again; a refusal is final.
#pragma once

#include "testexport_p.h"

#include "protocol/attachments.h"

#include <owidget/types.h>

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <map>
#include <memory>
#include <optional>

class QFile;
class QNetworkAccessManager;
class QNetworkReply;

namespace OWidget {

/// Where a visitor's attachment goes to or comes from: the server and the conversation.
struct AttachmentTarget
{
    QUrl serverUrl;
    QString conversation;
    QString secret;
};

class OWIDGET_TEST_EXPORT AttachmentUploads : public QObject
{
    Q_OBJECT
public:
    /// A transfer that stops moving for this long fails, and goes again.
    static constexpr int TimeoutMsecs = 30000;
    /// Failures of the network in a row, with the controller's link not greeted again between
    /// them, after which an upload fails for good. A server that refuses from the headers (the
    /// conversation's quota, a file too large) and closes while the body is still being sent
    /// is heard by Qt as a closed connection only, with no answer: without a bound such an
    /// upload would go again for ever. A network that was down comes back with the link, and
    /// resume() starts the count again.
    static constexpr int MaxFailuresInARow = 6;

    struct Upload
    {
        QString clientId; ///< the message it becomes
        QString path;     ///< the file sent
        QString name;     ///< the name the server stores
        QString type;     ///< the media type checked before
        qint64 size = 0;
        QString key;            ///< the upload key, the same on every attempt
        bool temporary = false; ///< the file is the library's copy of pasted data: removed after
    };
    using TargetSource = std::function<std::optional<AttachmentTarget>()>;

    explicit AttachmentUploads(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~AttachmentUploads() override;

    /// A new upload key: 192 random bits, base64url.
    static QString newKey();
    static QUrl uploadUrl(const QUrl &serverUrl);
    /// The type `path`'s contents are, sniffed from its first bytes (text/plain: the whole file
    /// is UTF-8 text), or empty when it is none the protocol knows or cannot be read.
    static QString sniffFile(const QString &path);

    /// Where uploads go; none while the conversation is not created: they wait for resume().
    void setTargetSource(TargetSource source) { m_target = std::move(source); }
    void setRetryDelays(int baseMsecs, int capMsecs);

    /// Starts `upload`, or queues it until there is a conversation to send it to.
    void add(const Upload &upload);
    bool contains(const QString &clientId) const { return m_entries.count(clientId) > 0; }
    QList<Upload> uploads() const;
    /// Stops it and forgets it; the temporary copy is removed.
    bool cancel(const QString &clientId);
    /// Every upload waiting, for a conversation or a retry, starts now: the link is up again.
    void resume();
    /// The controller's link is down: an upload that fails now waits for resume(), without
    /// counting against MaxFailuresInARow (the network is down, not the file refused).
    void pause() { m_linkUp = false; }
    /// Every upload cancelled: the conversation is gone.
    void clear();

Q_SIGNALS:
    void progressed(const QString &clientId, qint64 sent, qint64 total);
    /// The server stored it: `info` is what it stored.
    void uploaded(const QString &clientId, const OWidget::Protocol::AttachmentInfo &info);
    /// The server refused it, or the file cannot be read: it will not go.
    void failed(const QString &clientId, const OWidget::Error &error);

private:
    struct Entry
    {
        Upload upload;
        QPointer<QNetworkReply> reply;
        QTimer retry;
        int attempts = 0;
        int failuresInARow = 0; ///< transient failures since the link was last greeted
    };
    void start(Entry &entry);
    void onFinished(const QString &clientId);
    void retryLater(Entry &entry, const QString &why);
    void stop(Entry &entry);
    void remove(const QString &clientId);

    QNetworkAccessManager *m_network;
    TargetSource m_target;
    int m_retryBase = 1000;
    int m_retryCap = 30000;
    std::map<QString, std::unique_ptr<Entry>> m_entries; ///< by client id
    bool m_inReplySignal = false; ///< while a reply's signal is being delivered
    bool m_linkUp = true;         ///< false from pause() to resume()
};

} // namespace OWidget
