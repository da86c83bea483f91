// Fuzzes the decoding of one frame from an operator console (docs/protocol.md section 6):
// OWidget::Protocol::decodeOperatorRequest, the entry point of the server's
// OperatorSession::onTextMessage.
#include "protocol/errors.h"
#include "protocol/limits.h"
#include "protocol/operatormessages.h"

#include <cstddef>
#include <cstdint>

using namespace OWidget::Protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = decodeOperatorRequest(frame);
    if (const auto *request = std::get_if<OperatorRequest>(&decoded)) {
        // What was accepted encodes to a message that decodes to the same request.
        const QByteArray encoded = encode(*request);
        const auto again = decodeOperatorRequest(encoded);
        if (!std::holds_alternative<OperatorRequest>(again)
            || encode(std::get<OperatorRequest>(again)) != encoded)
            __builtin_trap();
        return 0;
    }
    const OperatorDecodeError &error = std::get<OperatorDecodeError>(decoded);
    // A refusal says why; what it echoes is cut to the length of an id.
    if (error.error.message.isEmpty()
        || (error.error.code != ErrorCode::BadRequest && error.error.code != ErrorCode::TooLarge)
        || error.conversation.size() > MaxIdLength || error.error.clientId.size() > MaxIdLength)
        __builtin_trap();
    return 0;
}
