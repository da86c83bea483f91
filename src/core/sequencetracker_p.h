// Which of a conversation's event numbers (1, 2, 3…) have been seen, so a replayed or repeated
// event is dropped and a resume asks only for what came after. Pure: no socket, no timer.
#pragma once

#include "testexport_p.h"

#include <QSet>
#include <QtGlobal>

namespace OWidget {

class OWIDGET_TEST_EXPORT SequenceTracker
{
public:
    /// Whether `seq` is new, and marks it seen; a number seen before, or under 1, is not.
    bool accept(qint64 seq);
    /// Whether `seq` was accepted before.
    bool hasSeen(qint64 seq) const;
    /// The greatest number below which every number was seen: the resume's `lastSeq`.
    qint64 contiguous() const { return m_contiguous; }

private:
    qint64 m_contiguous = 0;
    QSet<qint64> m_above; ///< seen numbers above m_contiguous, waiting for the gap to close
};

} // namespace OWidget
