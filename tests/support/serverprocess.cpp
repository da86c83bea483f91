#include "serverprocess.h"

#include "queuereplica.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTest>
#include <QUuid>

#include <csignal>

using namespace Qt::StringLiterals;

ServerProcess::ServerProcess()
{
    m_process.setProgram(QStringLiteral(OWIDGET_SERVER_BINARY));
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning)
        stop();
}

QString ServerProcess::databasePath() const
{
    return m_dir.filePath(u"owidget.sqlite"_s);
}

int ServerProcess::storedAttachmentFiles() const
{
    return int(QDir(databasePath() + u"-attachments"_s).entryList(QDir::Files).size());
}

QByteArray ServerProcess::log()
{
    m_log += m_process.readAllStandardError();
    return m_log;
}

bool ServerProcess::start()
{
    QStringList arguments { u"--listen"_s, u"127.0.0.1:0"_s, u"--db"_s,
        m_database.isEmpty() ? databasePath() : m_database };
    if (!m_imported)
        arguments << u"--import"_s
                  << (m_importFile.isEmpty()
                             ? QStringLiteral(OWIDGET_SOURCE_DIR "/server/demo/demo.json")
                             : m_importFile);
    m_imported = true;
    return run(arguments);
}

bool ServerProcess::restart()
{
    const QString address = u"127.0.0.1:%1"_s.arg(m_url.port());
    return run(
        { u"--listen"_s, address, u"--db"_s, m_database.isEmpty() ? databasePath() : m_database });
}

bool ServerProcess::run(const QStringList &arguments)
{
    m_url.clear();
    m_log.clear();
    m_process.setArguments(arguments + m_extraArguments);
    m_process.start();
    if (!m_process.waitForStarted()) {
        m_error = m_process.errorString();
        return false;
    }
    static const QRegularExpression listening(uR"(listening on (http\S+))"_s);
    QByteArray output;
    const bool up = QTest::qWaitFor(
        [&] {
            output += m_process.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(output));
            if (match.hasMatch())
                m_url = QUrl(match.captured(1));
            return m_url.isValid() || m_process.state() == QProcess::NotRunning;
        },
        15000);
    if (!up || !m_url.isValid()) {
        m_error = u"the server did not come up: "_s
            + QString::fromUtf8(output + m_process.readAllStandardError());
        return false;
    }
    if (!m_url.path().endsWith(u'/'))
        m_url.setPath(m_url.path() + u'/');
    return true;
}

int ServerProcess::stop()
{
    ::kill(pid_t(m_process.processId()), SIGTERM);
    if (!m_process.waitForFinished(15000)) {
        m_process.kill();
        m_process.waitForFinished();
        return -1;
    }
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}

QNetworkRequest operatorSocketRequest(const QUrl &server, QNetworkCookieJar *jar)
{
    QUrl url = server.resolved(QUrl(u"v1/operator/socket"_s));
    url.setScheme(server.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    QNetworkRequest upgrade(url);
    QByteArray cookies;
    for (const QNetworkCookie &cookie : jar->cookiesForUrl(server))
        cookies
            += (cookies.isEmpty() ? "" : "; ") + cookie.toRawForm(QNetworkCookie::NameAndValueOnly);
    upgrade.setRawHeader("Cookie", cookies);
    return upgrade;
}

void ServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished();
}

OperatorClient::OperatorClient(const QUrl &server, QObject *parent)
    : QObject(parent)
    , m_server(server)
{
    // A server with --tls-cert has the test's own self-signed certificate.
    connect(&m_network, &QNetworkAccessManager::sslErrors, this,
        [](QNetworkReply *reply) { reply->ignoreSslErrors(); });
    connect(&m_socket, &QWebSocket::sslErrors, this, [this] { m_socket.ignoreSslErrors(); });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        const QByteArray bytes = text.toUtf8();
        m_bytesReceived += bytes.size();
        m_received.append(QJsonDocument::fromJson(bytes).object());
        OWidgetTest::applyToQueue(m_queue, m_received.constLast());
    });
}

bool OperatorClient::connectAs(const QString &login, const QString &password)
{
    QNetworkRequest request(m_server.resolved(QUrl(u"v1/operator/login"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    const QJsonObject body { { u"login"_s, login }, { u"password"_s, password } };
    QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 15000))
        return false;
    reply->deleteLater();
    if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
        return false;

    m_socket.open(operatorSocketRequest(m_server, m_network.cookieJar()));
    return QTest::qWaitFor([this] { return !received(u"snapshot"_s).isEmpty(); }, 15000);
}

void OperatorClient::send(const QJsonObject &message)
{
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void OperatorClient::setAvailability(const QString &state)
{
    send({ { u"type"_s, u"availability"_s }, { u"state"_s, state } });
}

void OperatorClient::accept(const QString &conversation)
{
    send({ { u"type"_s, u"accept"_s }, { u"conversation"_s, conversation } });
}

void OperatorClient::say(const QString &conversation, const QString &text)
{
    send({ { u"type"_s, u"message"_s }, { u"conversation"_s, conversation },
        { u"clientId"_s, u"op-%1"_s.arg(++m_sent) }, { u"text"_s, text } });
}

void OperatorClient::end(const QString &conversation)
{
    send({ { u"type"_s, u"end"_s }, { u"conversation"_s, conversation } });
}

QList<QJsonObject> OperatorClient::received(const QString &ofType) const
{
    if (ofType.isEmpty())
        return m_received;
    QList<QJsonObject> matching;
    for (const QJsonObject &message : m_received) {
        if (message.value(u"type"_s).toString() == ofType)
            matching.append(message);
    }
    return matching;
}

QString OperatorClient::firstQueued() const
{
    return m_queue.isEmpty() ? QString() : m_queue.first().toObject().value(u"id"_s).toString();
}
