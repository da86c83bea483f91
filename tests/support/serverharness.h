#pragma once

// Helpers for the server tests: an in-process owidget-server on 127.0.0.1 with an ephemeral
// port and a fresh database, a widget client and an operator client speaking raw JSON.

#include "postgresprocess.h"
#include "queuereplica.h"
#include "server.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <utility>

namespace OWidgetTest {

using namespace Qt::StringLiterals;

inline const QString demoCompany = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;

inline QString demoFile()
{
    return QStringLiteral(OWIDGET_SOURCE_DIR) + u"/server/demo/demo.json"_s;
}

// Copies the pictures the demo data names (its operators' avatars) into `dir`, beside a copy of
// the data written there, which names them relative to itself.
inline bool copyDemoPictures(const QString &dir)
{
    const QDir demo = QFileInfo(demoFile()).dir();
    const QStringList pictures = demo.entryList({ u"*.png"_s }, QDir::Files);
    for (const QString &name : pictures) {
        const QString target = QDir(dir).filePath(name);
        if (!QFile::exists(target) && !QFile::copy(demo.filePath(name), target))
            return false;
    }
    return true;
}

inline OWidget::Server::ServerOptions testOptions(const QString &databasePath)
{
    OWidget::Server::ServerOptions options;
    options.databasePath = databasePath;
    options.port = 0;
    options.passwordCost = OWidget::Server::Crypto::PasswordCost::Cheap;
    return options;
}

// Whether the servers of this run keep their data on PostgreSQL: OWIDGET_TEST_POSTGRES=1, set
// by ctest for the `*_postgres` runs of a server test.
inline bool onPostgres()
{
    return qEnvironmentVariableIntValue("OWIDGET_TEST_POSTGRES") == 1;
}

// The private cluster of this test process, started on first use and stopped as the
// application ends. Without PostgreSQL the test stops here, saying what to install.
inline PostgresProcess &sharedPostgres()
{
    static PostgresProcess *postgres = nullptr;
    if (!postgres) {
        postgres = new PostgresProcess;
        if (!postgres->start())
            qFatal("%s", qUtf8Printable(postgres->error()));
        qAddPostRoutine([] { delete std::exchange(postgres, nullptr); });
    }
    return *postgres;
}

// Where a test server keeps its data: `sqliteFile`, or a new database of the shared cluster.
inline void useTestDatabase(OWidget::Server::ServerOptions &options, const QString &sqliteFile)
{
    options.databasePath = sqliteFile;
    if (!onPostgres())
        return;
    PostgresProcess &postgres = sharedPostgres();
    const QString database = postgres.createDatabase();
    if (database.isEmpty())
        qFatal("%s", qUtf8Printable(postgres.error()));
    options.databasePath = postgres.url(database);
    options.databasePassword = PostgresProcess::password();
}

// A server with the demo data imported; restart() keeps the database.
class TestServer
{
public:
    using Configure = std::function<void(OWidget::Server::ServerOptions &)>;

    explicit TestServer(const QString &importFile = demoFile(), const Configure &configure = {})
    {
        m_options = testOptions({});
        useTestDatabase(m_options, m_dir.filePath(u"test.sqlite"_s));
        if (configure)
            configure(m_options);
        start(importFile);
    }

    bool start(const QString &importFile = {})
    {
        m_server = std::make_unique<OWidget::Server::Server>(m_options);
        QString error;
        if (!m_server->open(&error)
            || (!importFile.isEmpty() && !m_server->importFile(importFile, &error))) {
            qWarning("%s", qUtf8Printable(error));
            return false;
        }
        m_options.port = 0;
        if (!m_server->listen(&error)) {
            qWarning("%s", qUtf8Printable(error));
            return false;
        }
        m_options.port = m_server->port(); // a restart gets the same port
        return true;
    }

    bool restart()
    {
        m_server.reset();
        m_server = std::make_unique<OWidget::Server::Server>(m_options);
        QString error;
        return m_server->listen(&error);
    }

    OWidget::Server::Server &server() { return *m_server; }
    QUrl url(const QString &path, const QString &scheme = u"http"_s) const
    {
        QUrl u = m_server->url();
        u.setScheme(scheme);
        u.setPath(path);
        return u;
    }

private:
    QTemporaryDir m_dir;
    OWidget::Server::ServerOptions m_options;
    std::unique_ptr<OWidget::Server::Server> m_server;
};

// A WebSocket that collects every JSON object it receives.
class JsonSocket
{
public:
    JsonSocket()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &text) {
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    bool open(const QNetworkRequest &request)
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        return connected.wait(5000);
    }

    void send(const QJsonObject &message)
    {
        socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }

    // The next message of `type` not yet taken, waiting up to five seconds for it.
    QJsonObject take(const QString &type, int timeoutMs = 5000)
    {
        QJsonObject found;
        auto find = [&] {
            for (qsizetype i = 0; i < received.size(); ++i) {
                if (received.at(i).value("type"_L1).toString() == type) {
                    found = received.takeAt(i);
                    return true;
                }
            }
            return false;
        };
        [[maybe_unused]] const bool ok = QTest::qWaitFor(find, timeoutMs);
        return found;
    }

    bool has(const QString &type) const
    {
        for (const auto &m : received) {
            if (m.value("type"_L1).toString() == type)
                return true;
        }
        return false;
    }

    QWebSocket socket;
    QList<QJsonObject> received;
};

// A widget connection after hello/welcome.
class WidgetClient : public JsonSocket
{
public:
    QJsonObject welcome;

    bool connectTo(
        const TestServer &server, const QString &preset = {}, const QJsonObject &resume = {})
    {
        if (!open(QNetworkRequest(server.url(u"/v1/socket"_s, u"ws"_s))))
            return false;
        QJsonObject hello { { "type"_L1, u"hello"_s }, { "protocol"_L1, 1 },
            { "company"_L1, demoCompany }, { "preset"_L1, preset }, { "language"_L1, u"cs"_s } };
        if (!resume.isEmpty())
            hello.insert("resume"_L1, resume);
        send(hello);
        welcome = take(u"welcome"_s);
        return !welcome.isEmpty();
    }

    QJsonObject start(const QString &clientId, const QString &name = u"Jana"_s)
    {
        send(QJsonObject { { "type"_L1, u"start"_s }, { "clientId"_L1, clientId },
            { "fields"_L1,
                QJsonObject { { "name"_L1, name }, { "email"_L1, u"jana@example.com"_s } } },
            { "customData"_L1, QJsonObject { { "customerNo"_L1, u"12345"_s } } } });
        return take(u"created"_s);
    }
};

// An operator: logs in over HTTP, then opens /v1/operator/socket with the session cookie.
class OperatorClient : public JsonSocket
{
public:
    QByteArray cookie;
    QJsonObject snapshot;
    QJsonArray queue; ///< the queue as the operator sees it now

    OperatorClient()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &text) {
            applyToQueue(queue, QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    static QNetworkReply *post(QNetworkAccessManager &nam, const QUrl &url, const QJsonObject &body)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        QNetworkReply *reply = nam.post(request, QJsonDocument(body).toJson());
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
        return reply;
    }

    bool login(const TestServer &server, const QString &login, const QString &password)
    {
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(post(nam, server.url(u"/v1/operator/login"_s),
            QJsonObject { { "login"_L1, login }, { "password"_L1, password } }));
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
            return false;
        const QByteArray setCookie = reply->rawHeader("Set-Cookie"_ba);
        cookie = setCookie.left(setCookie.indexOf(';'));
        return !cookie.isEmpty();
    }

    bool connectTo(const TestServer &server, const QString &login, const QString &password,
        const QByteArray &origin = {})
    {
        if (!this->login(server, login, password))
            return false;
        QNetworkRequest request(server.url(u"/v1/operator/socket"_s, u"ws"_s));
        request.setRawHeader("Cookie"_ba, cookie);
        if (!origin.isEmpty())
            request.setRawHeader("Origin"_ba, origin);
        if (!open(request))
            return false;
        snapshot = take(u"snapshot"_s);
        return !snapshot.isEmpty();
    }

    void setAvailability(const QString &state)
    {
        send(QJsonObject { { "type"_L1, u"availability"_s }, { "state"_L1, state } });
    }
};

} // namespace OWidgetTest
