#include "businesshours.h"
#include "limits.h"
#include "reader.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace OWidget::Protocol {

namespace {

constexpr int MinutesPerDay = 24 * 60;
const std::array<QLatin1StringView, 7> DayNames { "mon"_L1, "tue"_L1, "wed"_L1, "thu"_L1, "fri"_L1,
    "sat"_L1, "sun"_L1 };

/// "HH:MM" as minutes after midnight; "24:00" only as an end. -1 when malformed.
int minuteOf(const QString &text, bool end)
{
    static const QRegularExpression pattern(u"^([01][0-9]|2[0-3]):([0-5][0-9])$"_s);
    if (end && text == "24:00"_L1)
        return MinutesPerDay;
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return -1;
    return match.captured(1).toInt() * 60 + match.captured(2).toInt();
}

QString timeText(int minute)
{
    return u"%1:%2"_s.arg(minute / 60, 2, 10, QChar(u'0')).arg(minute % 60, 2, 10, QChar(u'0'));
}

bool isZoneName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$"_s);
    return name.size() <= MaxTimeZoneLength && pattern.match(name).hasMatch();
}

void readDay(Reader &weekly, const QJsonArray &array, int day, QList<OpeningInterval> *out)
{
    const QString key = DayNames.at(day - 1);
    if (array.size() > MaxOpeningIntervalsPerDay) {
        weekly.fail(key, u"must hold at most %1 intervals"_s.arg(MaxOpeningIntervalsPerDay));
        return;
    }
    int previousEnd = -1;
    for (qsizetype i = 0; i < array.size() && !weekly.failed(); ++i) {
        const QString path = key % u"[%1]"_s.arg(i);
        const QJsonArray pair = array.at(i).toArray();
        if (!array.at(i).isArray() || pair.size() != 2 || !pair.at(0).isString()
            || !pair.at(1).isString()) {
            weekly.fail(path, u"must be a pair of times [\"HH:MM\", \"HH:MM\"]"_s);
            return;
        }
        OpeningInterval interval { day, minuteOf(pair.at(0).toString(), false),
            minuteOf(pair.at(1).toString(), true) };
        if (interval.fromMinute < 0) {
            weekly.fail(path % u"[0]"_s, u"must be a time from 00:00 to 23:59"_s);
            return;
        }
        if (interval.toMinute < 0) {
            weekly.fail(path % u"[1]"_s, u"must be a time from 00:01 to 24:00"_s);
            return;
        }
        if (interval.toMinute <= interval.fromMinute) {
            weekly.fail(path, u"must end after it starts"_s);
            return;
        }
        if (interval.fromMinute < previousEnd) {
            weekly.fail(path, u"must start after the day's previous interval ends"_s);
            return;
        }
        previousEnd = interval.toMinute;
        out->append(interval);
    }
}

/// The instant at `minute` after the start of local `date`; 24:00 is the next day's midnight.
/// A wall time that a daylight-saving change skips comes out just after the change.
QDateTime instant(const QDate &date, int minute, const QTimeZone &zone)
{
    const QDate day = date.addDays(minute / MinutesPerDay);
    const int m = minute % MinutesPerDay;
    return QDateTime(day, QTime(m / 60, m % 60), zone);
}

} // namespace

BusinessHours readBusinessHours(Reader &reader)
{
    BusinessHours hours;
    hours.timeZone = reader.nonEmptyString("timeZone"_L1, MaxTimeZoneLength);
    if (!reader.failed() && !isZoneName(hours.timeZone))
        reader.fail(u"timeZone"_s, u"must be an IANA time zone name (Europe/Prague)"_s);
    Reader weekly = reader.child("weekly"_L1);
    const QJsonObject days = weekly.object();
    for (auto it = days.constBegin(); it != days.constEnd() && !reader.failed(); ++it) {
        const auto found = std::find(DayNames.cbegin(), DayNames.cend(), it.key());
        if (found == DayNames.cend()) {
            weekly.fail(it.key(), u"is not a weekday (mon, tue, wed, thu, fri, sat, sun)"_s);
            break;
        }
        if (!it.value().isArray()) {
            weekly.fail(it.key(), u"must be an array of intervals"_s);
            break;
        }
        readDay(weekly, it.value().toArray(), int(found - DayNames.cbegin()) + 1, &hours.intervals);
    }
    std::sort(hours.intervals.begin(), hours.intervals.end(),
        [](const OpeningInterval &a, const OpeningInterval &b) {
            return a.day != b.day ? a.day < b.day : a.fromMinute < b.fromMinute;
        });
    return hours;
}

QJsonObject encodeBusinessHours(const BusinessHours &hours)
{
    QJsonObject weekly;
    for (const OpeningInterval &interval : hours.intervals) {
        const QLatin1StringView day = DayNames.at(interval.day - 1);
        QJsonArray list = weekly.value(day).toArray();
        list.append(QJsonArray { timeText(interval.fromMinute), timeText(interval.toMinute) });
        weekly.insert(day, list);
    }
    return { { "timeZone"_L1, hours.timeZone }, { "weekly"_L1, weekly } };
}

bool isKnownTimeZone(const QString &name)
{
    return isZoneName(name) && QTimeZone::isTimeZoneIdAvailable(name.toUtf8());
}

bool isOpen(const BusinessHours &hours, const QDateTime &when)
{
    if (!hours.isSet() || !isKnownTimeZone(hours.timeZone))
        return true;
    const QDateTime local = when.toTimeZone(QTimeZone(hours.timeZone.toUtf8()));
    const int day = local.date().dayOfWeek();
    const int minute = local.time().hour() * 60 + local.time().minute();
    return std::any_of(
        hours.intervals.cbegin(), hours.intervals.cend(), [&](const OpeningInterval &i) {
            return i.day == day && i.fromMinute <= minute && minute < i.toMinute;
        });
}

QDateTime nextChange(const BusinessHours &hours, const QDateTime &when)
{
    if (!hours.isSet() || !isKnownTimeZone(hours.timeZone) || hours.intervals.isEmpty())
        return {};
    const QTimeZone zone(hours.timeZone.toUtf8());
    const QDate today = when.toTimeZone(zone).date();
    // Every start and end of the coming eight days, in time order: the week comes round once.
    QList<QDateTime> boundaries;
    for (int offset = -1; offset <= 8; ++offset) {
        const QDate date = today.addDays(offset);
        for (const OpeningInterval &interval : hours.intervals) {
            if (interval.day != date.dayOfWeek())
                continue;
            boundaries.append(instant(date, interval.fromMinute, zone));
            boundaries.append(instant(date, interval.toMinute, zone));
        }
    }
    std::sort(boundaries.begin(), boundaries.end());
    const bool open = isOpen(hours, when);
    for (const QDateTime &boundary : std::as_const(boundaries)) {
        // One interval ending at 24:00 and the next starting at 00:00 is no change.
        if (boundary > when && isOpen(hours, boundary) != open)
            return boundary.toUTC();
    }
    return {};
}

QDateTime nextOpening(const BusinessHours &hours, const QDateTime &when)
{
    return isOpen(hours, when) ? QDateTime() : nextChange(hours, when);
}

} // namespace OWidget::Protocol
