// A plain-text editor that aligns its text the way its text runs: Arabic or Hebrew at the
// right, English at the left, whatever the window's direction (like HTML's dir="auto").
// QPlainTextEdit lays a right-to-left paragraph out from right to left but keeps it at the
// left edge.
#pragma once

#include "widgetstestexport_p.h"

#include <QObject>

class QPlainTextEdit;

namespace OWidget {

class OWIDGET_WIDGETS_TEST_EXPORT TextDirection : public QObject
{
    Q_OBJECT

public:
    /// Aligns `edit`'s text by its first paragraph with a letter, or, while it has none, by the
    /// editor's layout direction; the object lives as long as `edit`.
    static void follow(QPlainTextEdit *edit);

    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit TextDirection(QPlainTextEdit *edit);
    void align();

    QPlainTextEdit *m_edit;
};

} // namespace OWidget
