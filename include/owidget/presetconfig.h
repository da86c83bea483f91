// A widget preset's configuration, as the server describes it (docs/protocol.md, section 2).
#pragma once

#include <owidget/owidget_core_export.h>

#include <QColor>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace OWidget {

/// One field of the pre-chat form.
struct OWIDGET_CORE_EXPORT FormField
{
    enum class Type { Text, Email, Phone, TextArea };

    QString name;
    Type type = Type::Text;
    bool required = false;
    QHash<QString, QString> labels; ///< language → label

    /// The label in `language`, else in any language, else the field's name.
    QString label(const QString &language) const;
};

struct OWIDGET_CORE_EXPORT PresetConfig
{
    enum class OfflineBehavior { Form, Disabled };
    /// How the visitor may rate a conversation once it ended: not at all, satisfied or not
    /// (Controller::rateConversation() with 1 or 0), or one to five stars.
    enum class Rating { None, Thumbs, Stars };

    QString company;
    QString preset;
    QStringList languages;
    QString defaultLanguage;
    QHash<QString, QHash<QString, QString>> texts; ///< language → key → text
    QList<FormField> fields;
    bool chatEnabled = false;
    bool callbackEnabled = false;
    bool offlineMessageEnabled = false;
    OfflineBehavior offlineBehavior = OfflineBehavior::Form;
    QString phoneRegion; ///< ISO 3166-1 alpha-2, may be empty
    QColor onlineColor;  ///< invalid when the preset does not set it
    QColor busyColor;
    QColor offlineColor;
    QColor accentColor;
    QString socket; ///< absolute or relative WebSocket URL
    int heartbeatSeconds = 15;
    Rating rating = Rating::None;

    /// The preset's text for `key` in `language`, or an empty string.
    QString text(const QString &language, const QString &key) const;
};

} // namespace OWidget
