#include "demowindow.h"

#include "developerpanel.h"

#include <owidget/chatwidget.h>
#include <owidget/controller.h>

#include <QDate>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
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

    // In the application's language, amounts and dates in its locale's format.
    struct Row
    {
        int day;
        QString description;
        double amount;
    };
    const QList<Row> rows {
        { 24, DemoWindow::tr("Grocery store"), -1248.50 },
        { 23, DemoWindow::tr("Salary"), 52300.00 },
        { 22, DemoWindow::tr("Electricity"), -2150.00 },
        { 21, DemoWindow::tr("Transfer to savings"), -10000.00 },
        { 20, DemoWindow::tr("Pharmacy"), -389.00 },
        { 18, DemoWindow::tr("Train tickets"), -640.00 },
    };
    const QLocale locale;
    const QString dateFormat = DemoWindow::tr("d MMM", "the transactions' date format");
    auto *table = new QTableWidget(int(rows.size()), 3, page);
    table->setHorizontalHeaderLabels(
        { DemoWindow::tr("Date"), DemoWindow::tr("Description"), DemoWindow::tr("Amount") });
    for (int r = 0; r < rows.size(); ++r) {
        const Row &row = rows.at(r);
        const QString amount = (row.amount > 0 ? u"+"_s : QString())
            + locale.toString(row.amount, 'f', 2) + u" CZK"_s;
        table->setItem(
            r, 0, new QTableWidgetItem(locale.toString(QDate(2026, 11, row.day), dateFormat)));
        table->setItem(r, 1, new QTableWidgetItem(row.description));
        auto *amountItem = new QTableWidgetItem(amount);
        amountItem->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table->setItem(r, 2, amountItem);
    }
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // The arrow keys move between the cells; Tab goes on to the next control, the chat button,
    // which a keyboard user could not reach otherwise.
    table->setTabKeyNavigation(false);
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
    // An answer while the chat is closed or the bank is in the background: a sound and a
    // notification of the desktop, which opens the chat.
    m_chat->setNotificationSound(true);
    m_chat->setSystemNotifications(true);

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
