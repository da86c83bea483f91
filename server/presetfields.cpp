#include "presetfields.h"

#include "protocol/limits.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

QString fieldsProblem(
    const Protocol::Config &preset, const Protocol::StringMap &fields, bool requireRequired)
{
    QStringList knownNames;
    for (const Protocol::ConfigField &field : preset.fields) {
        knownNames.append(field.name);
        if (requireRequired && field.required && fields.value(field.name).trimmed().isEmpty())
            return u"field '%1' is required"_s.arg(field.name);
    }
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        if (!knownNames.contains(it.key())) {
            return u"field '%1' is not a field of the preset"_s.arg(
                it.key().left(Protocol::MaxFieldNameLength));
        }
    }
    return {};
}

} // namespace OWidget::Server
