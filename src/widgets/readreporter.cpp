#include "messagemodel_p.h"
#include "readreporter_p.h"

#include <owidget/controller.h>

#include <QAbstractItemView>
#include <QEvent>
#include <QGuiApplication>
#include <QScrollBar>
#include <QWindow>

namespace OWidget {

ReadReporter::ReadReporter(QAbstractItemView *view)
    : QObject(view)
    , m_view(view)
{
    m_check.setSingleShot(true);
    m_check.setInterval(0);
    connect(&m_check, &QTimer::timeout, this, &ReadReporter::report);
    const auto check = [this] { m_check.start(); };
    connect(view->verticalScrollBar(), &QScrollBar::valueChanged, this, check);
    connect(view->verticalScrollBar(), &QScrollBar::rangeChanged, this, check);
    // Another window, or another program, in front: checked again when this one comes back.
    connect(qGuiApp, &QGuiApplication::focusWindowChanged, this, check);
    connect(qGuiApp, &QGuiApplication::applicationStateChanged, this, check);
    view->viewport()->installEventFilter(this);
}

void ReadReporter::setController(Controller *controller)
{
    if (m_controller)
        m_controller->disconnect(this);
    m_controller = controller;
    m_reported = 0;
    if (!controller)
        return;
    // Rows arrive, and the visitor's get their seq, after the view was last checked.
    connect(controller, &Controller::messageAdded, this, [this] { m_check.start(); });
    connect(controller, &Controller::messageDelivered, this, [this] { m_check.start(); });
    connect(controller, &Controller::chatWindowOpenChanged, this, [this] { m_check.start(); });
    // Another conversation starts from nothing read.
    connect(controller, &Controller::chatStateChanged, this, [this](ChatState state) {
        if (state == ChatState::Starting || state == ChatState::NoChat)
            m_reported = 0;
    });
    m_check.start();
}

bool ReadReporter::eventFilter(QObject *watched, QEvent *event)
{
    // ActivationChange reaches every widget of a window that becomes active or inactive.
    switch (event->type()) {
    case QEvent::Show:
    case QEvent::Resize:
    case QEvent::ActivationChange:
        m_check.start();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

bool ReadReporter::isViewSeen() const
{
    // The window's platform window, not QApplication::activeWindow(): a chat window that is a
    // tool window of the host is active while the host is (it floats in front of it).
    const QWidget *window = m_view->window();
    const QWindow *handle = window->windowHandle();
    return m_view->isVisible() && !window->isMinimized() && handle && handle->isActive()
        && QGuiApplication::applicationState() == Qt::ApplicationActive;
}

qint64 ReadReporter::seqInView() const
{
    const QAbstractItemModel *model = m_view->model();
    if (!model)
        return 0;
    const QRect area = m_view->viewport()->rect();
    qint64 seq = 0;
    // From the last row up: rows come in seq order, so the first one in view holds the most.
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = model->index(row, 0);
        const QRect rect = m_view->visualRect(index);
        if (rect.bottom() < area.top())
            break;
        if (rect.intersects(area))
            seq = qMax(seq, index.data(MessageModel::SeqRole).toLongLong());
    }
    return seq;
}

void ReadReporter::report()
{
    if (!m_controller || !m_controller->isChatWindowOpen() || !isViewSeen())
        return;
    if (const qint64 seq = seqInView(); seq > m_reported) {
        m_reported = seq;
        m_controller->markRead(seq);
    }
}

} // namespace OWidget
