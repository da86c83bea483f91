// Fuzzes the decoding of one frame from a widget (docs/protocol.md section 3):
// OWidget::Protocol::decodeWidgetRequest, the entry point of the server's
// WidgetSession::onTextMessage (and of the test server's).
#include "protocol/errors.h"
#include "protocol/widgetrequests.h"

#include <cstddef>
#include <cstdint>

using namespace OWidget::Protocol;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = decodeWidgetRequest(frame);
    if (const auto *request = std::get_if<WidgetRequest>(&decoded)) {
        // What was accepted encodes to a message that decodes to the same request.
        const QByteArray encoded = encode(*request);
        const auto again = decodeWidgetRequest(encoded);
        if (!std::holds_alternative<WidgetRequest>(again)
            || encode(std::get<WidgetRequest>(again)) != encoded)
            __builtin_trap();
        return 0;
    }
    const DecodeError &error = std::get<DecodeError>(decoded);
    // A refusal says why, with one of the codes a widget's message can earn.
    if (error.message.isEmpty()
        || (error.code != ErrorCode::BadRequest && error.code != ErrorCode::TooLarge
            && error.code != ErrorCode::ProtocolVersion))
        __builtin_trap();
    return 0;
}
