// The notes of the form page that say who answers when: the preset's expected reply time in
// the pre-chat form, and when the business opens again in the offline form.
#pragma once

#include "widgetstestexport_p.h"

#include <QDateTime>
#include <QLocale>
#include <QString>

#include <functional>

namespace OWidget::HoursNote {

/// "We usually reply within 5 minutes.", in whole hours from an hour on when they are whole;
/// empty when `minutes` is 0 (the preset does not say).
OWIDGET_WIDGETS_TEST_EXPORT QString expectedReply(int minutes);
/// "We are back Monday at 8:00.", "today at" or "tomorrow at" when that is what it is: the
/// `opening` in the person's own time zone as seen at `now`, its time written the `locale`'s
/// way. Empty when `opening` is invalid.
OWIDGET_WIDGETS_TEST_EXPORT QString backAt(
    const QDateTime &opening, const QDateTime &now, const QLocale &locale);

/// The time the notes are written for: the system's, or the tests' own clock.
OWIDGET_WIDGETS_TEST_EXPORT QDateTime now();
OWIDGET_WIDGETS_TEST_EXPORT void setClockForTests(std::function<QDateTime()> clock);

} // namespace OWidget::HoursNote
