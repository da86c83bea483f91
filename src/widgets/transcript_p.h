// The conversation as plain text, for "Save transcript…": the title, each day's date, and each
// message with its time and who wrote it; a file as its name and size.
#pragma once

#include <owidget/types.h>

#include <QList>
#include <QLocale>
#include <QString>

namespace OWidget {

QString transcriptText(
    const QString &title, const QList<ChatMessage> &messages, const QLocale &locale);

} // namespace OWidget
