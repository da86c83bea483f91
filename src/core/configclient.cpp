#include "configclient_p.h"

#include "logging_p.h"
#include "protocol_p.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace OWidget {

ConfigClient::ConfigClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{ }

ConfigClient::~ConfigClient()
{
    abort();
}

QUrl ConfigClient::serverResource(const QUrl &serverUrl, const QString &path)
{
    QUrl base = serverUrl;
    if (!base.path().endsWith(u'/'))
        base.setPath(base.path() + u'/');
    return base.resolved(QUrl(path));
}

QUrl ConfigClient::configUrl(const QUrl &serverUrl, const QString &company, const QString &preset)
{
    QUrl url = serverResource(serverUrl, u"v1/config"_s);
    QUrlQuery query;
    query.addQueryItem(u"company"_s, company);
    if (!preset.isEmpty())
        query.addQueryItem(u"preset"_s, preset);
    url.setQuery(query);
    return url;
}

void ConfigClient::fetch(const QUrl &url)
{
    abort();
    QNetworkRequest request(url);
    request.setTransferTimeout(TimeoutMsecs);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept", "application/json");
    // The next fetch is at the next reconnection, maybe hours away: a kept-alive connection
    // would hold a socket on both ends and wake the program when the server drops it.
    request.setRawHeader("Connection", "close");
    if (const auto cached = m_cache.constFind(url); cached != m_cache.cend())
        request.setRawHeader("If-None-Match", cached->etag);

    qCDebug(lcNet) << "fetching configuration" << url;
    m_reply = m_network->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &ConfigClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &ConfigClient::onFinished);
}

void ConfigClient::abort()
{
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

// Refuses a document over the cap as soon as it is known to be one, without reading it all.
void ConfigClient::onReadyRead()
{
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if ((length.isValid() && length.toLongLong() > Protocol::MaxConfigBytes)
        || m_reply->bytesAvailable() > Protocol::MaxConfigBytes) {
        fail(Error::Code::TooLarge,
            tr("The configuration is larger than %1 bytes.").arg(Protocol::MaxConfigBytes));
    }
}

void ConfigClient::onFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->deleteLater();

    const QUrl url = reply->request().url();
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->read(Protocol::MaxConfigBytes + 1);

    if (reply->error() == QNetworkReply::OperationCanceledError
        || reply->error() == QNetworkReply::TimeoutError)
        return fail(Error::Code::Timeout, tr("The server did not send the configuration in time."));
    if (httpStatus == 0 || (reply->error() != QNetworkReply::NoError && httpStatus < 400)) {
        return fail(
            Error::Code::NetworkError, tr("Cannot reach the server: %1").arg(reply->errorString()));
    }
    if (httpStatus >= 400) {
        const auto serverError = Protocol::parseErrorBody(body);
        const Error::Code code = serverError
            ? Protocol::errorCodeFor(serverError->code)
            : (httpStatus >= 500 ? Error::Code::ServerError : Error::Code::Rejected);
        const QString detail = serverError ? serverError->message : reply->errorString();
        return fail(code,
            tr("The server refused the configuration request (HTTP %1): %2")
                .arg(httpStatus)
                .arg(detail));
    }

    QByteArray document = body;
    if (httpStatus == 304) {
        const auto cached = m_cache.constFind(url);
        if (cached == m_cache.cend()) {
            return fail(Error::Code::MalformedData,
                tr("The server answered 304 Not Modified to an unconditional request."));
        }
        document = cached->body;
    }
    if (document.size() > Protocol::MaxConfigBytes) {
        return fail(Error::Code::TooLarge,
            tr("The configuration is larger than %1 bytes.").arg(Protocol::MaxConfigBytes));
    }

    auto parsed = Protocol::parsePresetConfig(document);
    if (const auto *error = std::get_if<Protocol::DecodeError>(&parsed)) {
        m_cache.remove(url);
        return fail(Error::Code::MalformedData,
            tr("The configuration is malformed: %1").arg(error->message));
    }
    const QByteArray etag = reply->rawHeader("ETag");
    if (httpStatus != 304) {
        if (etag.isEmpty())
            m_cache.remove(url);
        else
            m_cache.insert(url, { etag, document });
    }
    Q_EMIT fetched(std::get<PresetConfig>(parsed));
}

void ConfigClient::fail(Error::Code code, const QString &message)
{
    abort();
    qCDebug(lcNet) << "configuration fetch failed:" << message;
    Q_EMIT failed(Error { code, message });
}

} // namespace OWidget
