// The conversation's attachments coming from the server (GET /v1/attachments/<id>, docs/
// protocol.md section 9), only ever from the server's own address with the conversation's
// credentials, never from a URL a message names: saved to a file as they arrive, or, for
// images, decoded into a thumbnail (ThumbnailDecoder) of which only a few are kept in memory.
#pragma once

#include "attachmentuploads_p.h"
#include "testexport_p.h"

#include <owidget/types.h>

#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSet>

class QNetworkAccessManager;
class QNetworkReply;
class QSaveFile;

namespace OWidget {

class OWIDGET_TEST_EXPORT AttachmentDownloads : public QObject
{
    Q_OBJECT
public:
    static constexpr int TimeoutMsecs = 30000;
    /// The memory the kept thumbnails may take, in bytes: some 200 of 240×240 at 2×.
    static constexpr qint64 CacheBytes = 48 * 1024 * 1024;

    explicit AttachmentDownloads(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~AttachmentDownloads() override;

    static QUrl downloadUrl(const QUrl &serverUrl, const QString &id);

    /// Saves attachment `id` to `filePath`, replacing it only once the whole file arrived.
    void save(const QString &id, const QString &filePath, const AttachmentTarget &target);
    /// The thumbnail of `id` if it is kept; else null, and it is fetched (thumbnailReady()),
    /// unless it failed before.
    QImage thumbnail(const QString &id, qreal devicePixelRatio, const AttachmentTarget &target);
    /// Forgets the thumbnails and the failures: another conversation.
    void clear();

Q_SIGNALS:
    void saved(const QString &id, const QString &filePath);
    void saveFailed(const QString &id, const QString &filePath, const OWidget::Error &error);
    /// The thumbnail of `id` arrived; null when it could not be had.
    void thumbnailReady(const QString &id, const QImage &thumbnail);

private:
    QNetworkReply *get(const QString &id, const AttachmentTarget &target);
    void onThumbnailFinished(QNetworkReply *reply, const QString &id, qreal devicePixelRatio);
    void onSaveFinished(QNetworkReply *reply, QSaveFile *file, const QString &id);

    QNetworkAccessManager *m_network;
    QCache<QString, QImage> m_thumbnails; ///< by id, cost in bytes
    QSet<QString> m_failed;
    QHash<QString, QPointer<QNetworkReply>> m_fetching;
    QList<QPointer<QNetworkReply>> m_saving;
};

} // namespace OWidget
