// The real owidget-server, started by a test: a fresh database with the demo data (a SQLite file
// of its own, or the --db given by setDatabase()), on 127.0.0.1 and a port the server picks.
// Stopped with SIGTERM when the object goes.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QUrl>
#include <QWebSocket>

class QNetworkCookieJar;

/// The upgrade request of the operator socket of `server`, with the session cookie in `jar`
/// (set by a login through the same QNetworkAccessManager).
QNetworkRequest operatorSocketRequest(const QUrl &server, QNetworkCookieJar *jar);

class ServerProcess
{
public:
    static QString demoCompany() { return QStringLiteral("6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"); }

    ServerProcess();
    ~ServerProcess();

    /// Imports the demo data (first time only) and starts the server; false with `error()`
    /// saying why when it does not come up.
    bool start();
    /// start() without importing the demo data, e.g. on a database another server imported.
    void skipImport() { m_imported = true; }
    /// Starts again after stop(), on the same port and database.
    bool restart();
    /// SIGTERM, then waits; the exit code the server gave.
    int stop();
    /// SIGKILL, then waits: the server gets no chance to finish anything.
    void kill();
    bool isRunning() const { return m_process.state() == QProcess::Running; }
    /// Arguments added to every start, e.g. `--message-rate`.
    void setExtraArguments(const QStringList &arguments) { m_extraArguments = arguments; }
    /// The data imported at the first start instead of the demo data.
    void setImportFile(const QString &path) { m_importFile = path; }
    /// The --db of every start instead of the SQLite file, e.g. a postgresql:// URL.
    void setDatabase(const QString &location) { m_database = location; }
    /// The server's environment, e.g. with PGPASSWORD.
    void setEnvironment(const QProcessEnvironment &environment)
    {
        m_process.setProcessEnvironment(environment);
    }
    qint64 processId() const { return m_process.processId(); }
    QUrl url() const { return m_url; }
    QString error() const { return m_error; }
    QString databasePath() const;
    /// How many files the server stored for attachments, beside its SQLite database.
    int storedAttachmentFiles() const;
    /// Everything the server wrote to its log (standard error) since it was started.
    QByteArray log();

private:
    bool run(const QStringList &arguments);

    QTemporaryDir m_dir;
    QProcess m_process;
    QUrl m_url;
    QString m_error;
    QStringList m_extraArguments;
    QString m_database;
    QString m_importFile;
    QByteArray m_log;
    bool m_imported = false;
};

/// An operator as the console is one: logged in over HTTP, then on /v1/operator/socket.
class OperatorClient : public QObject
{
    Q_OBJECT
public:
    explicit OperatorClient(const QUrl &server, QObject *parent = nullptr);

    /// Logs in and opens the socket; true once the snapshot arrived.
    bool connectAs(const QString &login, const QString &password);
    void send(const QJsonObject &message);
    void setAvailability(const QString &state);
    void accept(const QString &conversation);
    void say(const QString &conversation, const QString &text);
    void end(const QString &conversation);
    /// Writes what was sent to the network now.
    void flush() { m_socket.flush(); }
    /// Every message received, in order; `ofType` filters by `type`.
    QList<QJsonObject> received(const QString &ofType = {}) const;
    /// The id of the first conversation in the queue as the operator sees it now, or empty.
    QString firstQueued() const;
    /// The queue as the operator sees it now: the snapshot's, with every change since.
    QJsonArray queue() const { return m_queue; }
    /// Bytes of every text message received.
    qint64 bytesReceived() const { return m_bytesReceived; }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

private:
    QUrl m_server;
    QNetworkAccessManager m_network;
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    QJsonArray m_queue;
    qint64 m_bytesReceived = 0;
    int m_sent = 0;
};
