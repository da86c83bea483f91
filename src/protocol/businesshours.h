// The preset's business hours (docs/protocol.md section 2): weekly opening intervals in the
// company's time zone. Outside them the server says the widget is offline, and the window says
// when it opens again.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace OWidget::Protocol {

class Reader;

struct OpeningInterval
{
    int day = 1;        ///< Qt::DayOfWeek: 1 is Monday, 7 Sunday
    int fromMinute = 0; ///< minutes after midnight, 0 to 1439
    int toMinute = 0;   ///< after fromMinute, at most 1440 (24:00)
};

struct BusinessHours
{
    QString timeZone;                 ///< an IANA name; empty: the preset has no business hours
    QList<OpeningInterval> intervals; ///< by day, then by time, never overlapping

    bool isSet() const { return !timeZone.isEmpty(); }
};

/// The business hours in `reader`'s object: `timeZone` and `weekly`. The zone is checked for
/// its form only: a client whose system does not know it still reads the configuration.
BusinessHours readBusinessHours(Reader &reader);
QJsonObject encodeBusinessHours(const BusinessHours &hours);

/// Whether the time zone's name is one this system knows (QTimeZone).
bool isKnownTimeZone(const QString &name);

/// Whether `when` falls in an opening interval; always true when no hours are set, and when
/// the time zone is unknown to this system (the server, which knows it, has the last word).
bool isOpen(const BusinessHours &hours, const QDateTime &when);
/// The first instant after `when` at which isOpen() changes; invalid when it never does.
QDateTime nextChange(const BusinessHours &hours, const QDateTime &when);
/// When it opens next, if closed at `when`; invalid when open or never opening.
QDateTime nextOpening(const BusinessHours &hours, const QDateTime &when);

} // namespace OWidget::Protocol
