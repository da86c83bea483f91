#include "hoursnote_p.h"

#include <QCoreApplication>

namespace OWidget::HoursNote {

namespace {

std::function<QDateTime()> &clock()
{
    static std::function<QDateTime()> instance;
    return instance;
}

QString translated(const char *text)
{
    return QCoreApplication::translate("OWidget::HoursNote", text);
}

} // namespace

QString expectedReply(int minutes)
{
    if (minutes <= 0)
        return {};
    if (const int hours = minutes / 60; hours > 0 && hours * 60 == minutes)
        return QCoreApplication::translate(
            "OWidget::HoursNote", "We usually reply within %n hour(s).", nullptr, hours);
    return QCoreApplication::translate(
        "OWidget::HoursNote", "We usually reply within %n minute(s).", nullptr, minutes);
}

QString backAt(const QDateTime &opening, const QDateTime &now, const QLocale &locale)
{
    if (!opening.isValid())
        return {};
    // The company's hours are in its own zone; the person reads them in theirs.
    const QDateTime local = opening.toLocalTime();
    const QString time = locale.toString(local.time(), QLocale::ShortFormat);
    const qint64 days = now.toLocalTime().date().daysTo(local.date());
    if (days == 0)
        return QCoreApplication::translate("OWidget::HoursNote", "We are back today at %1.")
            .arg(time);
    if (days == 1)
        return QCoreApplication::translate("OWidget::HoursNote", "We are back tomorrow at %1.")
            .arg(time);
    // One sentence a day, as languages decline the day's name ("ve středu", "v sobotu").
    static const char *const byDay[] = {
        QT_TRANSLATE_NOOP("OWidget::HoursNote", "We are back Monday at %1."),
        QT_TRANSLATE_NOOP("OWidget::HoursNote", "We are back Tuesday at %1."),
        QT_TRANSLATE_NOOP("OWidget::HoursNote", "We are back Wednesday at %1."),
        QT_TRANSLATE_NOOP("OWidget::HoursNote", "We are back Thursday at %1."),
        QT_TRANSLATE_NOOP("OWidget::HoursNote", "We are back Friday at %1."),
        QT_TRANSLATE_NOOP("OWidget::HoursNote", "We are back Saturday at %1."),
        QT_TRANSLATE_NOOP("OWidget::HoursNote", "We are back Sunday at %1."),
    };
    return translated(byDay[local.date().dayOfWeek() - 1]).arg(time);
}

QDateTime now()
{
    return clock() ? clock()() : QDateTime::currentDateTime();
}

void setClockForTests(std::function<QDateTime()> function)
{
    clock() = std::move(function);
}

} // namespace OWidget::HoursNote
