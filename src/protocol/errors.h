// The protocol's error codes (docs/protocol.md sections 1 and 6) and the error a decoder gives.
#pragma once

#include <QString>

#include <optional>

namespace OWidget::Protocol {

enum class ErrorCode {
    BadRequest,
    UnknownCompany,
    UnknownPreset,
    TooLarge,
    RateLimited,
    ResumeRejected,
    NotInConversation,
    ProtocolVersion,
    Internal,
    // The operator API's (section 6)
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    AtCapacity,
};

/// The code as it is written on the wire, e.g. "resume_rejected".
QString errorCodeName(ErrorCode code);
/// The code written `name`; nullopt for a code this version does not know.
std::optional<ErrorCode> errorCodeFromName(const QString &name);

/// Why a document or a message could not be read: the protocol's code for it, and a message
/// that names the field and the reason ("message: field 'text' must be a string").
struct DecodeError
{
    DecodeError() = default;
    DecodeError(ErrorCode code_, const QString &message_, bool unknownType_ = false,
        const QString &clientId_ = {})
        : code(code_)
        , message(message_)
        , unknownType(unknownType_)
        , clientId(clientId_)
    { }

    ErrorCode code = ErrorCode::BadRequest;
    QString message;
    bool unknownType = false; ///< a well-formed message of a type this version does not know
    QString clientId;         ///< the message's client id, when it had a valid one
};

} // namespace OWidget::Protocol
