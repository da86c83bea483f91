// Servers that share one database of a private PostgreSQL cluster, as the instances of one
// service do.
#pragma once

#include "postgresprocess.h"
#include "serverprocess.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace OWidgetTest {

// Points `server` at `database` of `postgres`, with the role's password in its environment.
inline void useDatabase(
    ServerProcess &server, const PostgresProcess &postgres, const QString &database)
{
    server.setDatabase(postgres.url(database));
    server.setEnvironment(postgres.environment(PostgresProcess::password()));
}

// `count` servers with `arguments` on one new database of `postgres`: the first imports the
// demo data, the others find it there. False, with a warning saying why, when one does not
// start; `*database` names the database either way.
inline bool startInstances(PostgresProcess &postgres,
    std::vector<std::unique_ptr<ServerProcess>> &servers, int count,
    const QStringList &arguments = {}, QString *database = nullptr)
{
    const QString name = postgres.createDatabase();
    if (database)
        *database = name;
    if (name.isEmpty()) {
        qWarning("%s", qPrintable(postgres.error()));
        return false;
    }
    for (int i = 0; i < count; ++i) {
        auto server = std::make_unique<ServerProcess>();
        useDatabase(*server, postgres, name);
        server->setExtraArguments(arguments);
        if (i > 0)
            server->skipImport();
        if (!server->start()) {
            qWarning("%s", qPrintable(server->error()));
            return false;
        }
        servers.push_back(std::move(server));
    }
    return true;
}

} // namespace OWidgetTest
