// Fuzzes the server's decoding of one frame from a widget (docs/protocol.md section 3):
// OWidget::Server::decodeWidgetFrame, the entry point of WidgetSession::onTextMessage.
#include "clientframe.h"

#include <cstddef>
#include <cstdint>

using namespace OWidget::Server;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = decodeWidgetFrame(text);
    if (const auto *message = std::get_if<WidgetMessage>(&decoded)) {
        // A known type is only ever decoded from a string field naming it.
        if (message->type != WidgetMessageType::Unknown && !message->typeIsString)
            __builtin_trap();
    } else if (std::get<FrameError>(decoded).code.isEmpty()) {
        __builtin_trap();
    }
    return 0;
}
