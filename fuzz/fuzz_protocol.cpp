// Fuzzes the decoder of what a server sends a widget (docs/protocol.md section 3), in the
// protocol module: decodeServerMessage on one frame. What it accepts must survive the
// module's own encoder: encoded again, it decodes to a message of the same type and the same
// fields (an attachment's included), which encode to the same bytes.
#include "protocol/servermessages.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace OWidget::Protocol;
    const QByteArray frame
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = decodeServerMessage(frame);
    if (const auto *error = std::get_if<DecodeError>(&decoded)) {
        // Every refusal says why.
        if (error->message.isEmpty())
            __builtin_trap();
        return 0;
    }
    const ServerMessage &message = std::get<ServerMessage>(decoded);
    const auto again = decodeServerMessage(encode(message));
    const auto *roundTrip = std::get_if<ServerMessage>(&again);
    if (!roundTrip || roundTrip->index() != message.index()
        || encode(*roundTrip) != encode(message))
        __builtin_trap();
    return 0;
}
