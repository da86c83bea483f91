// The protocol's enumerations, each with its one spelling on the wire.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace OWidget::Protocol {

/// Form fields and custom data: strings by name.
using StringMap = QMap<QString, QString>;

/// A preset's operator status: the seed's button status codes.
enum class Status { Offline = 0, Online = 1, Busy = 2 };

enum class ConversationState { Waiting, Active, Ended };
enum class Sender { Operator, Visitor };
enum class EndedBy { Operator, Visitor, System };
enum class EventType { Joined, Message, Ended };
/// An operator's availability, set by the operator (section 6).
enum class Availability { Online, Busy, Away, Offline };
enum class FieldType { Text, Email, Phone, TextArea };

QString name(ConversationState state);
QString name(Sender sender);
QString name(EndedBy by);
QString name(EventType type);
QString name(Availability availability);
QString name(FieldType type);

/// The value written `name`; nullopt for any other text.
template<typename Enum> std::optional<Enum> fromName(const QString &name);
/// Every spelling of `Enum`, for an error that says what is allowed.
template<typename Enum> QStringList spellings();

} // namespace OWidget::Protocol
