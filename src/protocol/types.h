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
/// How a preset asks the visitor to rate an ended conversation (section 2, `rating`).
enum class RatingKind { None, Thumbs, Stars };

QString name(ConversationState state);
QString name(Sender sender);
QString name(EndedBy by);
QString name(EventType type);
QString name(Availability availability);
QString name(FieldType type);
QString name(RatingKind kind);

/// The value written `name`; nullopt for any other text.
template<typename Enum> std::optional<Enum> fromName(const QString &name);
/// Every spelling of `Enum`, for an error that says what is allowed.
template<typename Enum> QStringList spellings();

/// Whether `score` is a rating of `kind`: thumbs 0 (unsatisfied) or 1 (satisfied), stars 1 to
/// 5; with no rating, none is.
bool isRatingScore(RatingKind kind, qint64 score);

} // namespace OWidget::Protocol
