// The plug-in point of the history benchmark: a view of a conversation's messages. The chat
// window's message model, delegate and view set-up are one HistoryViewKind in historyViews() in
// bench_history.cpp; each is measured next to itself empty.
#pragma once

#include <owidget/types.h>

#include <QList>
#include <QScrollBar>
#include <QWidget>

#include <functional>
#include <memory>

namespace Bench {

class HistoryView
{
public:
    virtual ~HistoryView() = default;
    /// The top-level widget to show; owned by the view.
    virtual QWidget *widget() = 0;
    /// The scroll bar that scrolls through the history.
    virtual QScrollBar *verticalScrollBar() = 0;
    /// Appends one message, as Controller::messageAdded delivers it.
    virtual void append(const OWidget::ChatMessage &message) = 0;
};

struct HistoryViewKind
{
    QString name; ///< shown in the table
    /// Builds a view holding `messages`, its model filled; not shown yet.
    std::function<std::unique_ptr<HistoryView>(const QList<OWidget::ChatMessage> &messages)> open;
};

} // namespace Bench
