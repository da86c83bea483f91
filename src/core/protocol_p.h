// The client's side of OWidget::Protocol (src/protocol/): the module's messages, and the
// conversions between its types and the public ones of include/owidget/.
#pragma once

#include "testexport_p.h"

#include "protocol/config.h"
#include "protocol/limits.h"
#include "protocol/reader.h"
#include "protocol/servermessages.h"
#include "protocol/widgetrequests.h"

#include <owidget/presetconfig.h>
#include <owidget/types.h>

#include <QVariantMap>

#include <variant>

namespace OWidget::Protocol {

/// The configuration document as the public PresetConfig, or why it is not one.
OWIDGET_TEST_EXPORT std::variant<PresetConfig, DecodeError> parsePresetConfig(
    const QByteArray &document);

/// The public error code for a code on the wire ("unknown_company" → UnknownCompany).
OWIDGET_TEST_EXPORT Error::Code errorCodeFor(const QString &protocolCode);

inline ButtonStatus buttonStatus(Status status)
{
    return static_cast<ButtonStatus>(static_cast<int>(status));
}

inline ChatMessage::Sender chatSender(Sender sender)
{
    return sender == Sender::Visitor ? ChatMessage::Sender::Visitor : ChatMessage::Sender::Operator;
}

/// What an event says of a message's attachment, as the public type; null when it has none.
OWIDGET_TEST_EXPORT Attachment attachment(const AttachmentInfo &info);

/// `bytes` random bytes from the system's generator, base64url without padding: the resume
/// secret of a `start`, the key of an upload. `bytes` is a multiple of 4.
QString randomToken(int bytes);

/// Form fields and custom data as the protocol sends them: strings by name.
OWIDGET_TEST_EXPORT StringMap stringMap(const QVariantMap &map);

} // namespace OWidget::Protocol
