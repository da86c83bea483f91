// Tells the controller what the visitor has seen of the conversation, for the operator's
// "Seen": the greatest seq among the rows in view, and only while the view is shown in a window
// that is visible, not minimized and active (the person is looking at it, not at another
// program). Checked when the view scrolls or grows and when the active window changes.
#pragma once

#include "widgetstestexport_p.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class QAbstractItemView;

namespace OWidget {

class Controller;

class OWIDGET_WIDGETS_TEST_EXPORT ReadReporter : public QObject
{
    Q_OBJECT

public:
    explicit ReadReporter(QAbstractItemView *view);

    void setController(Controller *controller);
    /// Whether the person can be seeing the view now.
    bool isViewSeen() const;
    /// The greatest seq among the rows in view; 0 when none is numbered.
    qint64 seqInView() const;
    /// The last seq reported to the controller as seen; 0 for none.
    qint64 reported() const { return m_reported; }
    /// Whether a change waits to be checked (tests wait for it to be done).
    bool isCheckPending() const { return m_check.isActive(); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void report();

    QAbstractItemView *m_view;
    QPointer<Controller> m_controller;
    QTimer m_check; ///< one check for a burst of changes
    qint64 m_reported = 0;
};

} // namespace OWidget
