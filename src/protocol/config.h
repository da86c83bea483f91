// The preset's configuration (docs/protocol.md section 2): what GET /v1/config serves, read by
// the client with every rule checked and written by the server.
#pragma once

#include "attachments.h"
#include "businesshours.h"
#include "errors.h"
#include "types.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <variant>

namespace OWidget::Protocol {

struct ConfigField
{
    QString name;
    FieldType type = FieldType::Text;
    bool required = false;
    QHash<QString, QString> labels; ///< language → label
};

struct Config
{
    enum class OfflineBehavior { Form, Disabled };

    QString company;
    QString preset;
    QStringList languages;
    QString defaultLanguage;
    QHash<QString, QHash<QString, QString>> texts; ///< language → key → text
    QList<ConfigField> fields;
    bool chat = false;
    bool callback = false;
    bool offlineMessage = false;
    OfflineBehavior offlineBehavior = OfflineBehavior::Form;
    QString phoneRegion;
    QHash<QString, QString> colors; ///< online, busy, offline, accent → #RRGGBB
    QString socket;
    int heartbeatSeconds = 15;
    /// How the visitor may rate a conversation once it ended. None unless the preset asks: a
    /// server that predates ratings sends no `rating`, and would refuse one.
    RatingKind rating = RatingKind::None;
    BusinessHours businessHours;  ///< none set: always open
    int expectedReplyMinutes = 0; ///< 0: the preset does not say
    /// Files the visitor and the operators may attach. Off unless served: a server that
    /// predates attachments sends none, and has no route to upload to.
    AttachmentPolicy attachments;
};

std::variant<Config, DecodeError> parseConfig(const QByteArray &document);
QJsonObject encodeConfig(const Config &config);

} // namespace OWidget::Protocol
