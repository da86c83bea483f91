// The folder a file dialog of the window opens in.
#pragma once

#include <QDir>
#include <QStandardPaths>
#include <QString>

namespace OWidget {

/// The desktop's folder of `kind` (documents, downloads, pictures), or the home folder on a
/// desktop that has none.
inline QString standardFolder(QStandardPaths::StandardLocation kind)
{
    const QString folder = QStandardPaths::writableLocation(kind);
    return folder.isEmpty() || !QDir(folder).exists() ? QDir::homePath() : folder;
}

} // namespace OWidget
