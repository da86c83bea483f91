#include "textdirection_p.h"

#include <QEvent>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QTextOption>

namespace OWidget {

namespace {

/// The direction of the first strong character of `text`, or Qt::LayoutDirectionAuto when it
/// has none (empty, digits, punctuation).
Qt::LayoutDirection directionOf(const QString &text)
{
    for (const QChar c : text) {
        switch (c.direction()) {
        case QChar::DirL:
            return Qt::LeftToRight;
        case QChar::DirR:
        case QChar::DirAL:
            return Qt::RightToLeft;
        default:
            break;
        }
    }
    return Qt::LayoutDirectionAuto;
}

} // namespace

void TextDirection::follow(QPlainTextEdit *edit)
{
    new TextDirection(edit);
}

TextDirection::TextDirection(QPlainTextEdit *edit)
    : QObject(edit)
    , m_edit(edit)
{
    edit->installEventFilter(this);
    connect(edit, &QPlainTextEdit::textChanged, this, &TextDirection::align);
    align();
}

bool TextDirection::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::LayoutDirectionChange)
        align();
    return QObject::eventFilter(watched, event);
}

void TextDirection::align()
{
    Qt::LayoutDirection direction = directionOf(m_edit->toPlainText());
    if (direction == Qt::LayoutDirectionAuto)
        direction = m_edit->layoutDirection(); // the cursor waits where the person will write
    QTextOption option = m_edit->document()->defaultTextOption();
    const Qt::Alignment alignment
        = Qt::AlignAbsolute | (direction == Qt::RightToLeft ? Qt::AlignRight : Qt::AlignLeft);
    if (option.alignment() == alignment)
        return;
    option.setAlignment(alignment);
    m_edit->document()->setDefaultTextOption(option);
}

} // namespace OWidget
