// Fuzzes the parsers of HTTP bodies (docs/protocol.md section 2) in the protocol module:
// parseConfig and parseErrorBody on one document. A configuration it accepts must be accepted
// again once the module's encoder has written it.
#include "protocol/config.h"
#include "protocol/servermessages.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace OWidget::Protocol;
    const QByteArray document
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto config = parseConfig(document);
    if (const auto *error = std::get_if<DecodeError>(&config)) {
        if (error->message.isEmpty())
            __builtin_trap();
    } else {
        const QByteArray written
            = QJsonDocument(encodeConfig(std::get<Config>(config))).toJson(QJsonDocument::Compact);
        if (!std::holds_alternative<Config>(parseConfig(written)))
            __builtin_trap();
    }
    const auto error = parseErrorBody(document);
    if (error && error->code.isEmpty())
        __builtin_trap();
    return 0;
}
