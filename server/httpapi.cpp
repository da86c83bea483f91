#include "httpapi.h"
#include "attachmentroutes.h"
#include "authenticator.h"
#include "avatarimage.h"
#include "clientaddress.h"
#include "crypto.h"
#include "database.h"
#include "directory.h"
#include "logging.h"
#include "serverlimits.h"

#include "protocol/config.h"
#include "protocol/limits.h"
#include "protocol/operatormessages.h"
#include "protocol/reader.h"
#include "protocol/servermessages.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QPointer>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

using Status = QHttpServerResponder::StatusCode;
using Protocol::ErrorCode;

QHttpServerResponse jsonError(ErrorCode code, const QString &message, Status status)
{
    return QHttpServerResponse(
        "application/json"_ba, Protocol::encodeErrorBody(code, message), status);
}

} // namespace

HttpApi::HttpApi(Database &database, Directory &directory, Authenticator &authenticator,
    const ServerOptions &options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_database(database)
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
    // Behind a load balancer (--proxy-protocol-from), TLS may end there: a page of this host
    // over HTTPS is then this server's own (a browser shows that origin only for a certificate
    // of the host). Never the other way round: a server with TLS takes no plain-HTTP page.
    if (!m_options.proxyProtocolFrom.isEmpty() && !host.isEmpty()
        && origin.compare(QByteArray("https://"_ba + host), Qt::CaseInsensitive) == 0)
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
    std::optional<QHttpServerResponse> response = dispatch(request, socket);
    if (response) {
        respond(makeResponder(request, socket), std::move(*response),
            QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(request.method())),
            request.url().path(), request.remoteAddress().toString());
    }
    return true;
}

void HttpApi::respond(QHttpServerResponder &&responder, QHttpServerResponse &&response,
    const char *method, const QString &path, const QString &address)
{
    response.addHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    if (!response.hasHeader("Cache-Control"_ba))
        response.addHeader("Cache-Control"_ba, "no-cache"_ba);
    // Browsers that once reached the server over HTTPS never try plain HTTP for it again, so a
    // network attacker cannot strip TLS from the console's login (two years, as Mozilla's
    // "intermediate" configuration recommends).
    if (!m_options.tlsCertificatePath.isEmpty())
        response.addHeader("Strict-Transport-Security"_ba, "max-age=63072000"_ba);
    if (logFor(address).admit()) {
        qCInfo(lcServer, "event=http peer=%s method=%s path=%s status=%d", qUtf8Printable(address),
            method, qUtf8Printable(path.left(200)), int(response.statusCode()));
    }
    response.write(std::move(responder));
}

FloodLog &HttpApi::logFor(const QString &address)
{
    if (m_logs.size() > 10000) {
        for (FloodLog &log : m_logs)
            log.summarize();
        m_logs.clear();
    }
    auto log = m_logs.find(address);
    if (log == m_logs.end())
        log = m_logs.insert(address, FloodLog("peer=" + address.toUtf8()));
    return *log;
}

void HttpApi::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (header(request, "Upgrade"_ba).compare("websocket"_ba, Qt::CaseInsensitive) == 0)
        return;
    jsonError(ErrorCode::NotFound, u"no such route"_s, Status::NotFound)
        .write(makeResponder(request, socket));
}

bool HttpApi::takeRequestToken(const QHostAddress &peer)
{
    const QString address = clientKey(peer);
    if (m_limiters.size() > 10000)
        m_limiters.clear();
    auto limiter = m_limiters.find(address);
    if (limiter == m_limiters.end())
        limiter = m_limiters.insert(
            address, RateLimiter(m_options.messageRate, m_options.messageBurst));
    return limiter->tryTake();
}

std::optional<QHttpServerResponse> HttpApi::dispatch(
    const QHttpServerRequest &request, QTcpSocket *socket)
{
    const QString path = request.url().path();
    // Before the rate limit: a load balancer checks from one address, often and forever, and a
    // refused check would take a healthy server out of service. The answer costs one trivial
    // query and holds nothing secret.
    if (path == "/v1/health"_L1) {
        if (request.method() != QHttpServerRequest::Method::Get)
            return jsonError(
                ErrorCode::BadRequest, u"method not allowed"_s, Status::MethodNotAllowed);
        return health();
    }
    if (!takeRequestToken(request.remoteAddress()))
        return jsonError(ErrorCode::RateLimited, u"too many requests; wait and retry"_s,
            Status::TooManyRequests);
    if (request.body().size() > Protocol::MaxHttpBodyBytes)
        return jsonError(ErrorCode::TooLarge,
            u"the body is over %1 KiB"_s.arg(Protocol::MaxHttpBodyBytes / 1024),
            Status::PayloadTooLarge);

    // A page of another site must not log a browser in or out (login CSRF), nor ask who is
    // logged in: the operator's routes serve the server's own origin only.
    if (path.startsWith("/v1/operator/"_L1)
        && !originAllowed(header(request, "Origin"_ba), header(request, "Host"_ba)))
        return jsonError(
            ErrorCode::Forbidden, u"the Origin is not this server's"_s, Status::Forbidden);
    const auto method = request.method();
    const bool get = method == QHttpServerRequest::Method::Get;
    const bool post = method == QHttpServerRequest::Method::Post;
    auto wrongMethod = [] {
        return jsonError(ErrorCode::BadRequest, u"method not allowed"_s, Status::MethodNotAllowed);
    };
    if (path == "/v1/config"_L1)
        return get ? config(request) : wrongMethod();
    if (path == "/v1/operator/login"_L1)
        return post ? login(request, socket) : wrongMethod();
    if (path == "/v1/operator/logout"_L1)
        return post ? logout(request) : wrongMethod();
    if (path == "/v1/operator/me"_L1)
        return get ? me(request) : wrongMethod();
    if (path.startsWith("/v1/attachments/"_L1) && m_attachments)
        return get ? m_attachments->download(request, path.mid(16)) : wrongMethod();
    if (path.startsWith("/v1/avatars/"_L1))
        return get ? avatar(path.mid(12)) : wrongMethod();
    if (path == "/console"_L1 || path == "/"_L1) {
        QHttpServerResponse redirect(Status::Found);
        redirect.addHeader("Location"_ba, "/console/"_ba);
        return redirect;
    }
    if (path.startsWith("/console/"_L1))
        return get ? console(path.mid(9)) : wrongMethod();
    return jsonError(ErrorCode::NotFound, u"no such route"_s, Status::NotFound);
}

QHttpServerResponse HttpApi::config(const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    const QString company = query.queryItemValue(u"company"_s, QUrl::FullyDecoded);
    if (!Protocol::isGuid(company))
        return jsonError(
            ErrorCode::BadRequest, u"parameter 'company' must be a GUID"_s, Status::BadRequest);
    const QString id = Protocol::normalizedGuid(company);
    if (!m_directory.hasCompany(id))
        return jsonError(
            ErrorCode::UnknownCompany, u"no company with id %1"_s.arg(id), Status::NotFound);
    const QString presetName = query.queryItemValue(u"preset"_s, QUrl::FullyDecoded);
    const auto preset = m_directory.preset(id, presetName);
    if (!preset)
        return jsonError(ErrorCode::UnknownPreset,
            u"the company has no preset '%1'"_s.arg(presetName.left(64)), Status::NotFound);

    Protocol::Config served = preset->config;
    served.heartbeatSeconds = m_options.heartbeatSeconds;
    const QByteArray data
        = QJsonDocument(Protocol::encodeConfig(served)).toJson(QJsonDocument::Compact);
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

/// An operator's picture, `<id>.png`: public, as anyone who chats sees it, under an id that
/// says nothing of who it is and changes with the picture, so that it may be cached for good.
QHttpServerResponse HttpApi::avatar(const QString &file)
{
    const QStringView id = QStringView(file).chopped(file.endsWith(".png"_L1) ? 4 : 0);
    QSqlQuery q(m_database.handle());
    q.prepare(u"SELECT png FROM operator_avatars WHERE id = ?"_s);
    q.addBindValue(id.toString());
    if (!file.endsWith(".png"_L1) || !AvatarImage::isId(id) || !q.exec() || !q.next())
        return jsonError(ErrorCode::NotFound, u"no such avatar"_s, Status::NotFound);
    QHttpServerResponse response(
        "image/png"_ba, QByteArray::fromBase64(q.value(0).toString().toLatin1()));
    response.addHeader("Cache-Control"_ba, "public, max-age=31536000, immutable"_ba);
    return response;
}

// 200 with the schema version while the database answers a trivial query, 503 while it does
// not: what a load balancer's health check asks (docs/protocol.md section 7).
QHttpServerResponse HttpApi::health()
{
    if (!m_database.isAnswering()) {
        const QJsonObject body { { u"status"_s, u"unavailable"_s },
            { u"reason"_s, u"the database does not answer"_s } };
        return QHttpServerResponse("application/json"_ba,
            QJsonDocument(body).toJson(QJsonDocument::Compact), Status::ServiceUnavailable);
    }
    const QJsonObject body { { u"status"_s, u"ok"_s },
        { u"schemaVersion"_s, m_database.schemaVersion() } };
    return QHttpServerResponse(
        "application/json"_ba, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject HttpApi::operatorJson(const QString &login) const
{
    const auto op = m_directory.operatorInfo(login);
    Protocol::OperatorProfile profile;
    profile.login = login;
    if (op) {
        profile.name = op->name;
        profile.groups = op->groups;
        profile.maxChats = op->maxChats;
        profile.avatar = op->avatar;
    }
    profile.availability = m_directory.availability(login);
    return QJsonObject { { "operator"_L1, profile.toJson() } };
}

std::optional<QHttpServerResponse> HttpApi::login(
    const QHttpServerRequest &request, QTcpSocket *socket)
{
    const auto parsed
        = Protocol::parseObject(request.body(), Protocol::MaxHttpBodyBytes, u"login"_s);
    Protocol::Failure failure(u"login"_s);
    Protocol::Reader body(
        std::holds_alternative<QJsonObject>(parsed) ? std::get<QJsonObject>(parsed) : QJsonObject(),
        failure);
    const QString login = body.string("login"_L1);
    const QString password = body.string("password"_L1);
    if (std::holds_alternative<Protocol::DecodeError>(parsed) || failure.failed())
        return jsonError(ErrorCode::BadRequest,
            u"the body must be {\"login\": string, \"password\": string}"_s, Status::BadRequest);
    // Longer than any login or password there is: refused before the costly check.
    if (Protocol::characterCount(login) > Protocol::MaxIdLength
        || Protocol::characterCount(password) > 1024)
        return jsonError(
            ErrorCode::Unauthorized, u"wrong login or password"_s, Status::Unauthorized);
    // Failed logins are limited per address, apart from other requests: a check in progress
    // counts as failed until it succeeds, so that one address cannot start more checks at
    // once than it may fail, nor take the whole budget of the PasswordChecker.
    const QString address = clientKey(request.remoteAddress());
    if (m_loginFailures.size() > 10000)
        m_loginFailures.clear();
    auto failures = m_loginFailures.find(address);
    if (failures == m_loginFailures.end()) {
        failures = m_loginFailures.insert(
            address, RateLimiter(Limits::LoginFailureRate, Limits::LoginFailureBurst));
    }
    if (!failures->tryTake())
        return jsonError(ErrorCode::RateLimited, u"too many failed logins; wait and retry"_s,
            Status::TooManyRequests);

    // The answer is written when the check is done; the connection may be gone by then. The
    // watch, a child of the socket, goes with it. No other request comes on the connection
    // meanwhile: the HttpFront refuses one sent before this is answered.
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    const QPointer<QObject> watch = new QObject(socket);
    // A browser on HTTPS keeps the cookie to HTTPS, also when TLS ends at a load balancer.
    const bool secure = !m_options.tlsCertificatePath.isEmpty()
        || (!m_options.proxyProtocolFrom.isEmpty()
            && header(request, "Origin"_ba).startsWith("https://"_ba));
    const bool started = m_authenticator.login(
        login, password, [this, responder, watch, address, login, secure](const QString &token) {
            if (!watch)
                return; // closed and deleted while the password was checked
            delete watch.data();
            QHttpServerResponse response = jsonError(
                ErrorCode::Unauthorized, u"wrong login or password"_s, Status::Unauthorized);
            if (!token.isEmpty()) {
                const auto limiter = m_loginFailures.find(address);
                if (limiter != m_loginFailures.end())
                    limiter->giveBack();
                response = QHttpServerResponse(operatorJson(login));
                response.addHeader("Set-Cookie"_ba, m_authenticator.sessionCookie(token, secure));
            }
            respond(std::move(*responder), std::move(response), "Post", u"/v1/operator/login"_s,
                address);
        });
    if (!started) {
        delete watch.data();
        failures->giveBack();
        QHttpServerResponse busy = jsonError(ErrorCode::RateLimited,
            u"too many logins are being checked; retry in a moment"_s, Status::ServiceUnavailable);
        busy.addHeader(
            "Retry-After"_ba, QByteArray::number(Limits::PasswordCheckRetryAfterSeconds));
        if (logFor(address).admit())
            qCInfo(lcServer, "event=login_refused peer=%s reason=busy", qUtf8Printable(address));
        return busy;
    }
    return std::nullopt;
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
        return jsonError(ErrorCode::Unauthorized, u"not logged in"_s, Status::Unauthorized);
    return QHttpServerResponse(operatorJson(login));
}

QHttpServerResponse HttpApi::console(const QString &path)
{
    const QString file = path.isEmpty() ? u"index.html"_s : path;
    static const QRegularExpression safe(u"^[A-Za-z0-9_-]+\\.(html|js|css|svg|png|ico)$"_s);
    QFile resource(u":/console/"_s % file);
    if (!safe.match(file).hasMatch() || !resource.open(QIODevice::ReadOnly))
        return jsonError(ErrorCode::NotFound, u"no such file"_s, Status::NotFound);
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
