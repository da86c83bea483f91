#pragma once

#include "floodlog.h"
#include "options.h"
#include "ratelimiter.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHostAddress>
#include <QHttpServerResponse>

#include <optional>

namespace OWidget::Server {

class AttachmentRoutes;
class Authenticator;
class Database;
class Directory;

// The HTTP side of the port: GET /v1/config, GET /v1/health, operators' pictures, the operator
// login routes and the console's files. Errors are the protocol's JSON error object with the
// matching status code.
class HttpApi : public QAbstractHttpServer
{
    Q_OBJECT
public:
    HttpApi(Database &database, Directory &directory, Authenticator &authenticator,
        const ServerOptions &options, QObject *parent = nullptr);

    /// Serves GET /v1/attachments/<id> through `routes`.
    void setAttachments(AttachmentRoutes *routes) { m_attachments = routes; }
    static QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
    /// Whether a request's `Origin` is absent or this server's own (docs/protocol.md section 6).
    bool originAllowed(const QByteArray &origin, const QByteArray &host) const;
    /// Takes one request from the rate limit of `peer`'s address; false when it has none left.
    bool takeRequestToken(const QHostAddress &peer);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // The answer, or none when it is written later (a login whose password is being checked).
    std::optional<QHttpServerResponse> dispatch(
        const QHttpServerRequest &request, QTcpSocket *socket);
    void respond(QHttpServerResponder &&responder, QHttpServerResponse &&response,
        const char *method, const QString &path, const QString &address);
    FloodLog &logFor(const QString &address);
    QHttpServerResponse config(const QHttpServerRequest &request);
    QHttpServerResponse health();
    std::optional<QHttpServerResponse> login(const QHttpServerRequest &request, QTcpSocket *socket);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse me(const QHttpServerRequest &request);
    QHttpServerResponse console(const QString &path);
    QHttpServerResponse avatar(const QString &file);
    QJsonObject operatorJson(const QString &login) const;

    Database &m_database;
    Directory &m_directory;
    Authenticator &m_authenticator;
    ServerOptions m_options;
    AttachmentRoutes *m_attachments = nullptr;
    QHash<QString, RateLimiter> m_limiters;      // by remote address
    QHash<QString, RateLimiter> m_loginFailures; // by remote address
    QHash<QString, FloodLog> m_logs;             // by remote address
};

} // namespace OWidget::Server
