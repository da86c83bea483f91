// Fuzzes the chat window's link detector on untrusted message text:
// OWidget::TextLinks::find must only ever find https, http and mailto links, inside the text,
// in order and without overlaps.
#include "textlinks_p.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    int end = 0;
    for (const OWidget::TextLinks::Link &link : OWidget::TextLinks::find(text)) {
        if (link.start < end || link.length <= 0 || link.start + link.length > text.size()
            || !OWidget::TextLinks::isAllowed(link.url))
            __builtin_trap();
        end = link.start + link.length;
    }
    return 0;
}
