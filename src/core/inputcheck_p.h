// What the application and the visitor hand the controller, checked before anything is kept
// or sent: each check gives the error for errorOccurred(), or nothing when the input is good.
// Pure functions; the messages are in the controller's translation context.
#pragma once

#include "testexport_p.h"

#include <owidget/presetconfig.h>
#include <owidget/types.h>

#include <QCoreApplication>
#include <QVariantMap>

#include <chrono>
#include <functional>
#include <optional>

namespace OWidget {

class OWIDGET_TEST_EXPORT InputCheck
{
    Q_DECLARE_TR_FUNCTIONS(OWidget::Controller)
public:
    using PhoneNormalizer = std::function<std::optional<QString>(const QString &number)>;

    /// init()'s arguments: a GUID (braces allowed), a preset id, a language tag, a scope.
    static std::optional<Error> initArguments(const QString &companyId, const QString &widgetPreset,
        const QString &language, const QString &scope);
    /// One more custom data entry, next to `existing`.
    static std::optional<Error> customData(
        const QVariantMap &existing, const QString &name, const QString &value);
    /// A message's text, trimmed.
    static std::optional<Error> messageText(const QString &trimmed);
    static std::optional<Error> backoff(
        std::chrono::milliseconds base, std::chrono::milliseconds cap);
    /// The pre-chat form: required fields present, none too long, phone numbers valid.
    /// `normalized` gets the values trimmed and the phone numbers in the international format.
    static std::optional<Error> fields(const QList<FormField> &form, const QVariantMap &values,
        const QString &language, const PhoneNormalizer &normalizePhone, QVariantMap *normalized);
};

} // namespace OWidget
