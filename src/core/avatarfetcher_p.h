// Fetches operators' pictures (GET /v1/avatars/<id>.png, docs/protocol.md section 8) from the
// server's own base URL, with the configuration's network access manager, and decodes them
// with limits. Each id is fetched once: the answer, a picture or a failure, is kept in memory.
#pragma once

#include "testexport_p.h"

#include <QHash>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace OWidget {

class OWIDGET_TEST_EXPORT AvatarFetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr int TimeoutMsecs = 15000;

    explicit AvatarFetcher(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~AvatarFetcher() override;

    static QUrl avatarUrl(const QUrl &serverUrl, const QString &id);
    /// The PNG in `bytes` decoded, or a null image when it is not a PNG of at most
    /// Protocol::MaxAvatarBytes and Protocol::MaxAvatarSide pixels each side.
    static QImage decode(const QByteArray &bytes);

    /// Whether `id` was fetched (or failed) already: then image() has the answer.
    bool isKnown(const QString &id) const { return m_images.contains(id); }
    QImage image(const QString &id) const { return m_images.value(id); }
    /// Fetches the picture `id` from `serverUrl`, unless it is known or on its way; the
    /// answer comes as fetched().
    void fetch(const QUrl &serverUrl, const QString &id);

Q_SIGNALS:
    /// The picture `id` arrived, or not: `image` is null when it could not be had.
    void fetched(const QString &id, const QImage &image);

private:
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    void finish(QNetworkReply *reply, const QImage &image, const char *why);

    QNetworkAccessManager *m_network;
    QHash<QString, QImage> m_images;                   ///< by id; null: it failed
    QHash<QString, QPointer<QNetworkReply>> m_pending; ///< by id
};

} // namespace OWidget
