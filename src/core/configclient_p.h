// Fetches a preset's configuration (GET /v1/config) with ETag revalidation, a timeout and a
// size cap, and parses it.
#pragma once

#include <owidget/presetconfig.h>
#include <owidget/types.h>

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace OWidget {

class ConfigClient : public QObject
{
    Q_OBJECT
public:
    static constexpr int TimeoutMsecs = 15000;

    explicit ConfigClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ConfigClient() override;

    static QUrl configUrl(const QUrl &serverUrl, const QString &company, const QString &preset);
    /// `path` (relative, such as "v1/config") under the server's base URL.
    static QUrl serverResource(const QUrl &serverUrl, const QString &path);

    /// Fetches `url`; the answer comes as fetched() or failed(). Aborts a fetch under way.
    void fetch(const QUrl &url);
    void abort();

Q_SIGNALS:
    void fetched(const OWidget::PresetConfig &config);
    void failed(const OWidget::Error &error);

private:
    void onReadyRead();
    void onFinished();
    void fail(Error::Code code, const QString &message);

    struct CachedDocument
    {
        QByteArray etag;
        QByteArray body;
    };

    QNetworkAccessManager *m_network;
    QPointer<QNetworkReply> m_reply;
    QHash<QUrl, CachedDocument> m_cache;
};

} // namespace OWidget
