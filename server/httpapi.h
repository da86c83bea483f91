#pragma once

#include "options.h"
#include "ratelimiter.h"

#include <QAbstractHttpServer>
#include <QHash>

class QHttpServerResponse;

namespace OWidget::Server {

class Authenticator;
class Directory;

// The HTTP side of the port: GET /v1/config, the operator login routes and the console's
// files. Errors are the protocol's JSON error object with the matching status code.
class HttpApi : public QAbstractHttpServer
{
    Q_OBJECT
public:
    HttpApi(Directory &directory, Authenticator &authenticator, const ServerOptions &options,
        QObject *parent = nullptr);

    static QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
    /// Whether a request's `Origin` is absent or this server's own (docs/protocol.md section 6).
    bool originAllowed(const QByteArray &origin, const QByteArray &host) const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    QHttpServerResponse dispatch(const QHttpServerRequest &request);
    QHttpServerResponse config(const QHttpServerRequest &request);
    QHttpServerResponse login(const QHttpServerRequest &request);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse me(const QHttpServerRequest &request);
    QHttpServerResponse console(const QString &path);
    QJsonObject operatorJson(const QString &login) const;

    Directory &m_directory;
    Authenticator &m_authenticator;
    ServerOptions m_options;
    QHash<QString, RateLimiter> m_limiters;      // by remote address
    QHash<QString, RateLimiter> m_loginFailures; // by remote address
};

} // namespace OWidget::Server
