#include "messageview_p.h"

#include "attachmentbubble_p.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "textlinks_p.h"

#include <QAccessible>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace OWidget {

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

MessageView::MessageView(QWidget *parent)
    : QListView(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    // At the end of the conversation it stays there when the view or its last row changes
    // height (the composer gives way to the end of the conversation, an event is added).
    QScrollBar *bar = verticalScrollBar();
    connect(bar, &QScrollBar::valueChanged, this,
        [this, bar](int value) { m_atEnd = value == bar->maximum(); });
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_atEnd)
            bar->setValue(maximum);
    });
}

void MessageView::setUp(QListView *view, MessageModel *model, MessageDelegate *delegate)
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

void MessageView::setMessageModel(MessageModel *model)
{
    m_delegate = new MessageDelegate(this);
    m_delegate->setLinkOpener([this](const QUrl &url) {
        if (m_opener)
            m_opener(url);
    });
    m_delegate->setAttachmentOpener([this](const QModelIndex &index) {
        setCurrentIndex(index);
        Q_EMIT attachmentActivated(index);
    });
    setUp(this, model, m_delegate);
    connect(model, &QAbstractItemModel::modelReset, viewport(), qOverload<>(&QWidget::update));
}

void MessageView::setLinkOpener(LinkOpener opener)
{
    m_opener = std::move(opener);
}

void MessageView::setEmptyHint(const QString &hint)
{
    if (m_emptyHint == hint)
        return;
    m_emptyHint = hint;
    viewport()->update();
}

QString MessageView::announce(const ChatMessage &message)
{
    setAccessibleDescription(tr("New message from %1: %2").arg(message.senderName, message.text));
    QAccessibleEvent alert(this, QAccessible::Alert); // heard where the platform passes it on
    QAccessible::updateAccessibility(&alert);
    return accessibleDescription();
}

void MessageView::paintEvent(QPaintEvent *event)
{
    if (model() && model()->rowCount() == 0 && !m_emptyHint.isEmpty()) {
        // An empty conversation says what to do.
        QPainter painter(viewport());
        painter.setLayoutDirection(layoutDirection()); // not the application's
        painter.setPen(Colors::scheme(palette(), {}).subdued);
        painter.drawText(viewport()->rect().adjusted(36, 0, -36, 0),
            Qt::AlignCenter | Qt::TextWordWrap, m_emptyHint);
        return;
    }
    QListView::paintEvent(event);
}

void MessageView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint at = event->position().toPoint();
    const QUrl link = m_delegate ? m_delegate->linkAt(at) : QUrl();
    const bool onFile = m_delegate && m_delegate->isOnAttachment(at);
    viewport()->setCursor(link.isEmpty() && !onFile ? Qt::ArrowCursor : Qt::PointingHandCursor);
    viewport()->setToolTip(link.isEmpty() ? QString() : link.toDisplayString());
    QListView::mouseMoveEvent(event);
}

void MessageView::keyPressEvent(QKeyEvent *event)
{
    const QModelIndex current = currentIndex();
    if (event->matches(QKeySequence::Copy) && current.isValid()) {
        QGuiApplication::clipboard()->setText(current.data().toString());
        return;
    }
    // Enter or Space on a message with a file saves it (or cancels its upload); on another, it
    // opens its link, and with several a menu offers them.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter
        || event->key() == Qt::Key_Space) {
        if (current.isValid() && current.data(MessageModel::AttachmentRole).isValid())
            Q_EMIT attachmentActivated(current);
        else
            openLinksOf(current);
        return;
    }
    QListView::keyPressEvent(event);
}

void MessageView::focusInEvent(QFocusEvent *event)
{
    if (!currentIndex().isValid() && model() && model()->rowCount() > 0)
        setCurrentIndex(model()->index(model()->rowCount() - 1, 0)); // the latest
    QListView::focusInEvent(event);
}

// Right click on a message: copy its text, open or copy its links.
void MessageView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex index = indexAt(event->pos());
    if (!index.isValid() || index.data(MessageModel::TypingRole).toBool())
        return;
    QMenu menu(this);
    menu.setObjectName(u"owidgetMessageMenu"_s);
    const QString text = index.data().toString();
    const QVariant file = index.data(MessageModel::AttachmentRole);
    if (file.isValid()) {
        const QPersistentModelIndex at(index);
        menu.addAction(AttachmentBubble::action(file.value<AttachmentView>()), this, [this, at] {
            if (at.isValid())
                Q_EMIT attachmentActivated(at);
        });
    }
    if (!text.isEmpty()) {
        menu.addAction(
            tr("Copy text"), this, [text] { QGuiApplication::clipboard()->setText(text); });
    }
    const QList<TextLinks::Link> links = TextLinks::find(text);
    for (const TextLinks::Link &link : links) {
        const QUrl url = link.url;
        menu.addSeparator();
        menu.addAction(tr("Open %1").arg(url.toDisplayString()), this, [this, url] {
            if (m_opener)
                m_opener(url);
        });
        menu.addAction(tr("Copy link address"), this,
            [url] { QGuiApplication::clipboard()->setText(url.toString()); });
    }
    menu.exec(event->globalPos());
}

void MessageView::openLinksOf(const QModelIndex &index)
{
    if (!index.isValid() || !m_opener)
        return;
    const QList<TextLinks::Link> links = TextLinks::find(index.data().toString());
    if (links.size() == 1) {
        m_opener(links.constFirst().url);
        return;
    }
    if (links.isEmpty())
        return;
    QMenu menu(this);
    menu.setObjectName(u"owidgetLinkMenu"_s);
    for (const TextLinks::Link &link : links) {
        const QUrl url = link.url;
        menu.addAction(url.toDisplayString(), this, [this, url] { m_opener(url); });
    }
    menu.exec(viewport()->mapToGlobal(visualRect(index).bottomLeft()));
}

} // namespace OWidget
