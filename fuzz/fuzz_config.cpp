// Fuzzes the client's parsers of HTTP bodies (docs/protocol.md section 2):
// OWidget::Protocol::parseConfig and parseErrorBody on one document.
#include "protocol_p.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray document
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto config = OWidget::Protocol::parseConfig(document);
    if (const auto *error = std::get_if<OWidget::Protocol::DecodeError>(&config)) {
        if (error->message.isEmpty())
            __builtin_trap();
    }
    const auto error = OWidget::Protocol::parseErrorBody(document);
    if (error && error->code.isEmpty())
        __builtin_trap();
    return 0;
}
