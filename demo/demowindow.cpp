#include "demowindow.h"

#include "developerpanel.h"

#include <owidget/chatwidget.h>
#include <owidget/controller.h>

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Some content, so the chat sits in an application and not in an empty window.
QWidget *accountsPage(QWidget *parent)
{
    auto *page = new QWidget(parent);
    auto *layout = new QVBoxLayout(page);
    auto *title
        = new QLabel(DemoWindow::tr("Current account  ·  CZ65 0800 0000 1920 0014 5399"), page);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    layout->addWidget(title);

    const QList<QStringList> rows {
        { u"24 Nov"_s, u"Grocery store"_s, u"−1 248.50 CZK"_s },
        { u"23 Nov"_s, u"Salary"_s, u"+52 300.00 CZK"_s },
        { u"22 Nov"_s, u"Electricity"_s, u"−2 150.00 CZK"_s },
        { u"21 Nov"_s, u"Transfer to savings"_s, u"−10 000.00 CZK"_s },
        { u"20 Nov"_s, u"Pharmacy"_s, u"−389.00 CZK"_s },
        { u"18 Nov"_s, u"Train tickets"_s, u"−640.00 CZK"_s },
    };
    auto *table = new QTableWidget(int(rows.size()), 3, page);
    table->setHorizontalHeaderLabels(
        { DemoWindow::tr("Date"), DemoWindow::tr("Description"), DemoWindow::tr("Amount") });
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem(rows.at(r).at(c));
            if (c == 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(r, c, item);
        }
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(table, 1);
    return page;
}

} // namespace

DemoWindow::DemoWindow(const DemoSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_chat(nullptr)
    , m_panel(nullptr)
{
    setWindowTitle(tr("Northwind Bank — OWidget demo"));
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setMovable(false);
    toolbar->addAction(tr("Accounts"));
    toolbar->addAction(tr("Payments"));
    toolbar->addAction(tr("Cards"));
    setCentralWidget(accountsPage(this));
    statusBar()->showMessage(tr("Signed in as Jana Nováková"));

    // The developer panel calls init() and connectToServer() itself, to show the API.
    m_chat = new OWidget::ChatWidget(centralWidget());
    m_chat->setAutoConnect(false);

    m_panel = new DeveloperPanel(m_chat->controller(), settings, this);
    auto *dock = new QDockWidget(tr("Developer panel"), this);
    dock->setObjectName(u"developerDock"_s);
    dock->setWidget(m_panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    resize(1100, 720);
}

DemoWindow::~DemoWindow() = default;

OWidget::Controller *DemoWindow::controller() const
{
    return m_chat->controller();
}

void DemoWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    placeChat();
}

// The chat sits in the bottom-right corner of the content, above everything else.
void DemoWindow::placeChat()
{
    QWidget *area = centralWidget();
    m_chat->resize(m_chat->sizeHint());
    m_chat->move(area->width() - m_chat->width() - 24, area->height() - m_chat->height() - 24);
    m_chat->raise();
}
