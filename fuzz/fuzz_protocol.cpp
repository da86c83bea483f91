// Fuzzes the client's decoder of server frames (docs/protocol.md section 3):
// OWidget::Protocol::decodeServerMessage on one frame.
#include "protocol_p.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = OWidget::Protocol::decodeServerMessage(frame);
    if (const auto *error = std::get_if<OWidget::Protocol::DecodeError>(&decoded)) {
        // Every refusal says why.
        if (error->message.isEmpty())
            __builtin_trap();
    }
    return 0;
}
