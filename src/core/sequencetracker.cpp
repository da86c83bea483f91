#include "sequencetracker_p.h"

namespace OWidget {

bool SequenceTracker::accept(qint64 seq)
{
    if (seq <= m_contiguous || m_above.contains(seq))
        return false;
    m_above.insert(seq);
    // The set holds only the numbers past a gap: once the gap closes they fold into the count.
    while (m_above.remove(m_contiguous + 1))
        ++m_contiguous;
    return true;
}

bool SequenceTracker::hasSeen(qint64 seq) const
{
    return seq <= m_contiguous || m_above.contains(seq);
}

} // namespace OWidget
