#pragma once

#include "protocol/config.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// The import file's companies as the importer reads them (docs in server/README.md), checked
// before anything is written.
namespace OWidget::Server::Import {

struct PresetData
{
    QString name;
    bool isDefault = false;
    Protocol::Config config;
    QStringList groups;
};

struct OperatorData
{
    QString login;
    QString name;
    QString password;
    QString passwordHash;
    QStringList groups;
    int maxChats = 1;
    QByteArray avatar; ///< PNG, AvatarImage
};

struct CompanyData
{
    QString id;
    QString name;
    bool awayIsBusy = false;
    QStringList groups;
    QList<PresetData> presets;
    QList<OperatorData> operators;
};

} // namespace OWidget::Server::Import
