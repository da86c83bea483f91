// A widget preset's configuration, as the server describes it (docs/protocol.md, section 2).
#pragma once

#include <owidget/owidget_core_export.h>

#include <QColor>
#include <QDateTime>
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

/// One weekly opening interval of the preset's business hours, in the preset's time zone.
struct OWIDGET_CORE_EXPORT OpeningInterval
{
    Qt::DayOfWeek day = Qt::Monday;
    int fromMinute = 0; ///< minutes after midnight, 0 to 1439
    int toMinute = 0;   ///< after fromMinute, at most 1440 (midnight at the day's end)
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
    QString timeZone; ///< the IANA name of the business hours' zone; empty: no business hours
    QList<OpeningInterval> openingHours; ///< by day, then by time
    int expectedReplyMinutes = 0;        ///< 0 when the preset does not say
    /// The files the visitor may attach (Controller::sendAttachment()): at most this many
    /// bytes each, 0 when attachments are off, and of these media types.
    qint64 attachmentMaxBytes = 0;
    QStringList attachmentTypes;

    /// The preset's text for `key` in `language`, or an empty string.
    QString text(const QString &language, const QString &key) const;
    /// Whether `when` is within the business hours (always, when the preset has none).
    bool isOpenAt(const QDateTime &when) const;
    /// When the business opens next, if closed at `when`; invalid otherwise.
    QDateTime nextOpening(const QDateTime &when) const;
};

} // namespace OWidget
