#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"

#include <QListView>
#include <QScrollBar>

namespace OWidget::MessageView {

namespace {

// Adds a page of older messages above the first row, and keeps that row where it was on screen.
void loadEarlier(QListView *view, MessageModel *model)
{
    QScrollBar *bar = view->verticalScrollBar();
    if (bar->value() != bar->minimum() || !model->hasEarlier())
        return;
    const int added = model->loadEarlier();
    view->scrollTo(model->index(added), QAbstractItemView::PositionAtTop);
}

} // namespace

void setUp(QListView *view, MessageModel *model, MessageDelegate *delegate)
{
    // The same as ui/conversationpage.ui, for a view built in code.
    view->setFrameShape(QFrame::NoFrame);
    view->setSelectionMode(QAbstractItemView::NoSelection);
    view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setResizeMode(QListView::Adjust);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    view->setModel(model);
    view->setItemDelegate(delegate);
    // Rows differ in height; the delegate keeps each row's height, and the model holds only the
    // latest messages as rows until the visitor scrolls up, so that QListView, which lays out
    // every row again for each inserted one, does so for a page rather than the whole history.
    view->setUniformItemSizes(false);
    view->setWordWrap(true);
    view->verticalScrollBar()->setSingleStep(12);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, view,
        [view, model](const QModelIndex &, int, int last) {
            if (last == model->rowCount() - 1) // a new message or the typing row, not older ones
                view->scrollToBottom();
        });
    // Queued: the scroll bar also moves while the view lays itself out.
    QObject::connect(
        view->verticalScrollBar(), &QScrollBar::valueChanged, view,
        [view, model] { loadEarlier(view, model); }, Qt::QueuedConnection);
}

} // namespace OWidget::MessageView
