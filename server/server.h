#pragma once

#include "options.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace OWidget::Server {

class Database;

// The whole server: database, configuration, conversations, HTTP and both WebSockets on one
// port. Tests create one in their own process; main.cpp wraps one in a program.
class Server : public QObject
{
    Q_OBJECT
public:
    explicit Server(const ServerOptions &options, QObject *parent = nullptr);
    ~Server() override;

    // Opens (creates, migrates) the database and loads the configuration.
    bool open(QString *error);
    // Imports a configuration file (see Importer) and reloads the configuration.
    bool importFile(const QString &path, QString *error);
    bool listen(QString *error);
    // Closes every connection (going away) and the listener. The data is already on disk.
    void shutdown();

    quint16 port() const;
    QUrl url() const;
    Database &database();

private:
    class Private;
    const std::unique_ptr<Private> d;
};

} // namespace OWidget::Server
