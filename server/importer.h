#pragma once

#include "crypto.h"

#include <QByteArray>
#include <QString>

namespace OWidget::Server {

class Database;

// Imports configuration (companies, presets, groups, operators) from a JSON document. The whole
// document is validated first; errors read `FILE: JSON.PATH: reason`. An import that fails
// writes nothing. Each company in the document replaces the stored configuration of that
// company; conversations and sessions are kept.
class Importer
{
public:
    Importer(Database &database, Crypto::PasswordCost cost);

    bool importFile(const QString &path, QString *error);
    bool importJson(const QByteArray &json, const QString &fileLabel, QString *error);

private:
    Database &m_database;
    Crypto::PasswordCost m_cost;
};

} // namespace OWidget::Server
