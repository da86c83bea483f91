// A value for every field of a preset's pre-chat form, for tests that start a conversation
// through the controller.
#pragma once

#include <owidget/controller.h>

#include <QVariantMap>

namespace OWidgetTest {

inline QVariantMap filledForm(const OWidget::Controller &controller)
{
    using namespace Qt::StringLiterals;
    QVariantMap fields;
    for (const OWidget::FormField &field : controller.config().fields) {
        switch (field.type) {
        case OWidget::FormField::Type::Email:
            fields.insert(field.name, u"jana@example.com"_s);
            break;
        case OWidget::FormField::Type::Phone:
            fields.insert(field.name, u"777 666 555"_s);
            break;
        default:
            fields.insert(field.name, u"Jana"_s);
        }
    }
    return fields;
}

} // namespace OWidgetTest
