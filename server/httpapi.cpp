#include "httpapi.h"
#include "authenticator.h"
#include "directory.h"
#include "json_p.h"
#include "logging.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

using Status = QHttpServerResponder::StatusCode;

QHttpServerResponse jsonError(const QString &code, const QString &message, Status status)
{
    QHttpServerResponse response(
        "application/json"_ba, compactJson(errorBody(code, message)), status);
    return response;
}

} // namespace

HttpApi::HttpApi(Directory &directory, Authenticator &authenticator, const ServerOptions &options,
    QObject *parent)
    : QAbstractHttpServer(parent)
    , m_directory(directory)
    , m_authenticator(authenticator)
    , m_options(options)
{ }

QByteArray HttpApi::header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool HttpApi::originAllowed(const QByteArray &origin, const QByteArray &host) const
{
    if (origin.isEmpty())
        return true; // not a browser
    const QByteArray scheme = m_options.tlsCertificatePath.isEmpty() ? "http://"_ba : "https://"_ba;
    if (!host.isEmpty() && origin.compare(QByteArray(scheme + host), Qt::CaseInsensitive) == 0)
        return true;
    // No Host header: the address the server listens on.
    const auto listening = servers();
    for (const QTcpServer *server : listening) {
        QUrl own;
        own.setScheme(QString::fromLatin1(scheme.chopped(3)));
        own.setHost(server->serverAddress().toString());
        own.setPort(server->serverPort());
        if (origin.compare(own.toString(QUrl::RemovePath).toLatin1(), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HttpApi::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // A WebSocket upgrade is "handled" by writing nothing: QAbstractHttpServer then completes
    // the handshake and the Server picks the socket up by its path.
    if (header(request, "Upgrade"_ba).compare("websocket"_ba, Qt::CaseInsensitive) == 0)
        return true;
    QHttpServerResponse response = dispatch(request);
    response.addHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    response.addHeader("Cache-Control"_ba, "no-cache"_ba);
    qCInfo(lcServer, "event=http method=%s path=%s status=%d",
        QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method())),
        qUtf8Printable(request.url().path().left(200)), int(response.statusCode()));
    response.write(makeResponder(request, socket));
    return true;
}

void HttpApi::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (header(request, "Upgrade"_ba).compare("websocket"_ba, Qt::CaseInsensitive) == 0)
        return;
    jsonError(u"not_found"_s, u"no such route"_s, Status::NotFound)
        .write(makeResponder(request, socket));
}

QHttpServerResponse HttpApi::dispatch(const QHttpServerRequest &request)
{
    const QString address = request.remoteAddress().toString();
    if (m_limiters.size() > 10000)
        m_limiters.clear();
    auto limiter = m_limiters.find(address);
    if (limiter == m_limiters.end())
        limiter = m_limiters.insert(
            address, RateLimiter(m_options.messageRate, m_options.messageBurst));
    if (!limiter->tryTake())
        return jsonError(
            u"rate_limited"_s, u"too many requests; wait and retry"_s, Status::TooManyRequests);
    if (request.body().size() > Limits::maxHttpBodyBytes)
        return jsonError(u"too_large"_s, u"the body is over 16 KiB"_s, Status::PayloadTooLarge);

    const QString path = request.url().path();
    // A page of another site must not log a browser in or out (login CSRF), nor ask who is
    // logged in: the operator's routes serve the server's own origin only.
    if (path.startsWith("/v1/operator/"_L1)
        && !originAllowed(header(request, "Origin"_ba), header(request, "Host"_ba)))
        return jsonError(u"forbidden"_s, u"the Origin is not this server's"_s, Status::Forbidden);
    const auto method = request.method();
    const bool get = method == QHttpServerRequest::Method::Get;
    const bool post = method == QHttpServerRequest::Method::Post;
    auto wrongMethod = [] {
        return jsonError(u"bad_request"_s, u"method not allowed"_s, Status::MethodNotAllowed);
    };
    if (path == "/v1/config"_L1)
        return get ? config(request) : wrongMethod();
    if (path == "/v1/operator/login"_L1)
        return post ? login(request) : wrongMethod();
    if (path == "/v1/operator/logout"_L1)
        return post ? logout(request) : wrongMethod();
    if (path == "/v1/operator/me"_L1)
        return get ? me(request) : wrongMethod();
    if (path == "/console"_L1 || path == "/"_L1) {
        QHttpServerResponse redirect(Status::Found);
        redirect.addHeader("Location"_ba, "/console/"_ba);
        return redirect;
    }
    if (path.startsWith("/console/"_L1))
        return get ? console(path.mid(9)) : wrongMethod();
    return jsonError(u"not_found"_s, u"no such route"_s, Status::NotFound);
}

QHttpServerResponse HttpApi::config(const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    const QString company = query.queryItemValue(u"company"_s, QUrl::FullyDecoded);
    if (!isGuid(company))
        return jsonError(
            u"bad_request"_s, u"parameter 'company' must be a GUID"_s, Status::BadRequest);
    const QString id = normalizedGuid(company);
    if (!m_directory.hasCompany(id))
        return jsonError(
            u"unknown_company"_s, u"no company with id %1"_s.arg(id), Status::NotFound);
    const QString presetName = query.queryItemValue(u"preset"_s, QUrl::FullyDecoded);
    const auto preset = m_directory.preset(id, presetName);
    if (!preset)
        return jsonError(u"unknown_preset"_s,
            u"the company has no preset '%1'"_s.arg(presetName.left(64)), Status::NotFound);

    QJsonObject body = preset->config;
    QJsonObject features = body.value("features"_L1).toObject();
    for (const auto key : { "chat"_L1, "callback"_L1, "offlineMessage"_L1 })
        features.insert(key, features.value(key).toBool());
    body.insert("features"_L1, features);
    body.insert("protocol"_L1, Limits::protocolVersion);
    body.insert("company"_L1, id);
    body.insert("preset"_L1, preset->name);
    body.insert("socket"_L1, u"/v1/socket"_s);
    body.insert("heartbeatSeconds"_L1, m_options.heartbeatSeconds);
    const QByteArray data = compactJson(body);
    const QByteArray etag = '"' + Crypto::hashData(data).left(32) + '"';
    const QByteArray ifNoneMatch = header(request, "If-None-Match"_ba);
    if (!ifNoneMatch.isEmpty() && (ifNoneMatch.contains(etag) || ifNoneMatch.trimmed() == "*")) {
        QHttpServerResponse notModified(Status::NotModified);
        notModified.addHeader("ETag"_ba, etag);
        return notModified;
    }
    QHttpServerResponse response("application/json"_ba, data);
    response.addHeader("ETag"_ba, etag);
    response.addHeader("Access-Control-Allow-Origin"_ba, "*"_ba);
    return response;
}

QJsonObject HttpApi::operatorJson(const QString &login) const
{
    const auto op = m_directory.operatorInfo(login);
    return QJsonObject { { "operator"_L1,
        QJsonObject { { "login"_L1, login }, { "name"_L1, op ? op->name : QString() },
            { "groups"_L1, QJsonArray::fromStringList(op ? op->groups : QStringList()) },
            { "maxChats"_L1, op ? op->maxChats : 0 },
            { "availability"_L1, availabilityName(m_directory.availability(login)) } } } };
}

QHttpServerResponse HttpApi::login(const QHttpServerRequest &request)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body(), &parseError);
    const QJsonObject o = doc.object();
    if (!doc.isObject() || !o.value("login"_L1).isString() || !o.value("password"_L1).isString())
        return jsonError(u"bad_request"_s,
            u"the body must be {\"login\": string, \"password\": string}"_s, Status::BadRequest);
    const QString login = o.value("login"_L1).toString();
    const QString password = o.value("password"_L1).toString();
    if (login.size() > 64 || password.size() > 1024)
        return jsonError(u"unauthorized"_s, u"wrong login or password"_s, Status::Unauthorized);
    // A password check holds the (single) event loop for about 0.1 s: at the general rate of
    // requests, one address guessing passwords would leave no time for anybody else. Its failed
    // logins are limited apart, and checked before the password is.
    const QString address = request.remoteAddress().toString();
    if (m_loginFailures.size() > 10000)
        m_loginFailures.clear();
    auto failures = m_loginFailures.find(address);
    if (failures == m_loginFailures.end())
        failures = m_loginFailures.insert(address, RateLimiter(1, 10));
    if (!failures->hasToken())
        return jsonError(u"rate_limited"_s, u"too many failed logins; wait and retry"_s,
            Status::TooManyRequests);
    const QString token = m_authenticator.login(login, password);
    if (token.isEmpty()) {
        failures->tryTake();
        return jsonError(u"unauthorized"_s, u"wrong login or password"_s, Status::Unauthorized);
    }
    QHttpServerResponse response(operatorJson(login));
    response.addHeader("Set-Cookie"_ba,
        m_authenticator.sessionCookie(token, !m_options.tlsCertificatePath.isEmpty()));
    return response;
}

QHttpServerResponse HttpApi::logout(const QHttpServerRequest &request)
{
    m_authenticator.logout(header(request, "Cookie"_ba));
    QHttpServerResponse response(Status::NoContent);
    response.addHeader(
        "Set-Cookie"_ba, Authenticator::clearedCookie(!m_options.tlsCertificatePath.isEmpty()));
    return response;
}

QHttpServerResponse HttpApi::me(const QHttpServerRequest &request)
{
    const QString login = m_authenticator.loginForCookie(header(request, "Cookie"_ba));
    if (login.isEmpty())
        return jsonError(u"unauthorized"_s, u"not logged in"_s, Status::Unauthorized);
    return QHttpServerResponse(operatorJson(login));
}

QHttpServerResponse HttpApi::console(const QString &path)
{
    const QString file = path.isEmpty() ? u"index.html"_s : path;
    static const QRegularExpression safe(u"^[A-Za-z0-9_-]+\\.(html|js|css|svg|png|ico)$"_s);
    QFile resource(u":/console/"_s % file);
    if (!safe.match(file).hasMatch() || !resource.open(QIODevice::ReadOnly))
        return jsonError(u"not_found"_s, u"no such file"_s, Status::NotFound);
    QByteArray mime = "application/octet-stream"_ba;
    if (file.endsWith(".html"_L1))
        mime = "text/html; charset=utf-8"_ba;
    else if (file.endsWith(".js"_L1))
        mime = "text/javascript; charset=utf-8"_ba;
    else if (file.endsWith(".css"_L1))
        mime = "text/css; charset=utf-8"_ba;
    else if (file.endsWith(".svg"_L1))
        mime = "image/svg+xml"_ba;
    else if (file.endsWith(".png"_L1))
        mime = "image/png"_ba;
    QHttpServerResponse response(mime, resource.readAll());
    response.addHeader("Content-Security-Policy"_ba,
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "frame-ancestors 'none'"_ba);
    response.addHeader("X-Frame-Options"_ba, "DENY"_ba);
    return response;
}

} // namespace OWidget::Server
