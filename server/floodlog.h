#pragma once

#include <QByteArray>
#include <QElapsedTimer>

namespace OWidget::Server {

// Whether to write a log line about one client's refused or malformed input, so that a flood
// is summarised instead of logged a line per frame or request: the first
// Limits::LogLinesPerInterval lines of each Limits::LogSummaryIntervalMs are written, the rest
// only counted, and their number written in one line when the next interval starts or when
// the owner calls summarize() (when the client goes). Used by both sessions and the HTTP side.
class FloodLog
{
public:
    // `subject` names the client in the summary line, e.g. "peer=127.0.0.1:4711".
    explicit FloodLog(const QByteArray &subject = {});

    // True: write the line now. False: it was counted for the summary instead.
    bool admit();
    // Writes how many lines were held back since the last summary, if any.
    void summarize();

    qint64 heldBack() const { return m_heldBack; }

private:
    QByteArray m_subject;
    QElapsedTimer m_interval;
    int m_written = 0;
    qint64 m_heldBack = 0;
};

} // namespace OWidget::Server
