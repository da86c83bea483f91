// History: open a conversation of N messages (model filled and first paint done, offscreen),
// append one message to it, scroll it from top to bottom page by page, and the memory the view
// adds per byte of the messages' text; next to the same view empty.
#include "benchsupport.h"
#include "historyview.h"

#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QWindow>

using namespace Qt::StringLiterals;

namespace {

// The chat window's conversation: its model, delegate and view set-up, without the rest of
// the window.
class ChatHistoryView : public Bench::HistoryView
{
public:
    explicit ChatHistoryView(const QList<OWidget::ChatMessage> &messages)
        : m_delegate(new OWidget::MessageDelegate(&m_view))
    {
        m_view.resize(360, 480);
        OWidget::MessageView::setUp(&m_view, &m_model, m_delegate);
        m_model.setMessages(messages);
    }
    QWidget *widget() override { return &m_view; }
    QScrollBar *verticalScrollBar() override { return m_view.verticalScrollBar(); }
    void append(const OWidget::ChatMessage &message) override { m_model.append(message); }

private:
    OWidget::MessageModel m_model;
    QListView m_view;
    OWidget::MessageDelegate *m_delegate; // owned by the view
};

QList<Bench::HistoryViewKind> historyViews()
{
    return {
        { u"chat window: MessageModel + MessageDelegate"_s,
            [](const QList<OWidget::ChatMessage> &messages) -> std::unique_ptr<Bench::HistoryView> {
                return std::make_unique<ChatHistoryView>(messages);
            } },
    };
}

QList<OWidget::ChatMessage> conversation(int count)
{
    QList<OWidget::ChatMessage> messages;
    messages.reserve(count);
    const QDateTime start = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < count; ++i) {
        OWidget::ChatMessage message;
        message.sender = i % 2 ? OWidget::ChatMessage::Sender::Operator
                               : OWidget::ChatMessage::Sender::Visitor;
        message.senderName = i % 2 ? u"Alice"_s : QString();
        message.text = u"Message %1: a line of an ordinary conversation, about this long."_s.arg(i);
        message.time = start.addSecs(i);
        message.seq = i + 1;
        message.delivery = OWidget::ChatMessage::Delivery::Delivered;
        messages.append(message);
    }
    return messages;
}

// Shown, exposed and painted once.
bool showAndPaint(QWidget *widget)
{
    widget->show();
    if (!Bench::waitUntil(
            [widget] { return widget->windowHandle() && widget->windowHandle()->isExposed(); },
            10000))
        return false;
    widget->repaint();
    return true;
}

struct Figures
{
    double openMs = -1;
    double appendMs = -1;
    double paintedAppendMs = -1;
    double scrollMs = -1;
    double addedKiB = 0;
};

Figures measure(const Bench::HistoryViewKind &kind, int count)
{
    const QList<OWidget::ChatMessage> messages = conversation(count);
    Figures figures;
    QApplication::processEvents();
    const qint64 before = Bench::rssKiB();
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<Bench::HistoryView> view = kind.open(messages);
    if (!showAndPaint(view->widget()))
        return figures;
    figures.openMs = double(clock.nsecsElapsed()) / 1e6;
    figures.addedKiB = double(Bench::rssKiB() - before);

    QList<double> appends;
    QList<double> paintedAppends;
    const OWidget::ChatMessage message = conversation(1).constFirst();
    for (int i = 0; i < 50; ++i) {
        clock.start();
        view->append(message);
        appends.append(double(clock.nsecsElapsed()) / 1e6);
        view->widget()->repaint();
        paintedAppends.append(double(clock.nsecsElapsed()) / 1e6);
    }
    figures.appendMs = Bench::percentile(appends, 50);
    figures.paintedAppendMs = Bench::percentile(paintedAppends, 50);

    QScrollBar *bar = view->verticalScrollBar();
    bar->setValue(bar->minimum());
    view->widget()->repaint();
    clock.start();
    for (int guard = 0; bar->value() < bar->maximum() && guard < 10 * count + 10; ++guard) {
        bar->setValue(bar->value() + qMax(1, bar->pageStep()));
        view->widget()->repaint();
    }
    figures.scrollMs = double(clock.nsecsElapsed()) / 1e6;
    return figures;
}

void history(benchmark::State &state)
{
    const int count = int(state.range(0));
    const int viewIndex = int(state.range(1));
    const Bench::HistoryViewKind kind = historyViews().at(viewIndex);
    for (auto _ : state) {
        const Figures empty = measure(kind, 0);
        const Figures full = measure(kind, count);
        if (empty.openMs < 0 || full.openMs < 0)
            return Bench::fail(state, u"the view was not shown"_s);
        qint64 textBytes = 0;
        for (const OWidget::ChatMessage &message : conversation(count))
            textBytes += message.text.size() * qsizetype(sizeof(QChar));
        state.SetIterationTime(full.openMs / 1000);
        state.counters["n"] = count;
        state.counters["view"] = viewIndex;
        state.counters["open_ms"] = full.openMs;
        state.counters["open_ref_ms"] = empty.openMs;
        state.counters["append_ms"] = full.appendMs;
        state.counters["append_ref_ms"] = empty.appendMs;
        state.counters["painted_append_ms"] = full.paintedAppendMs;
        state.counters["painted_append_ref_ms"] = empty.paintedAppendMs;
        state.counters["scroll_ms"] = full.scrollMs;
        state.counters["scroll_ref_ms"] = empty.scrollMs;
        state.counters["added_kib"] = full.addedKiB;
        state.counters["memory_per_text_byte"] = full.addedKiB * 1024 / double(textBytes);
    }
}

} // namespace

void registerHistoryBenchmarks()
{
    const int views = int(historyViews().size());
    for (int view = 0; view < views; ++view) {
        for (int count : { Bench::size(100, 10000), Bench::size(1000, 100000) }) {
            benchmark::RegisterBenchmark("history", history)
                ->Args({ count, view })
                ->Iterations(1)
                ->UseManualTime()
                ->Unit(benchmark::kMillisecond);
        }
    }
}
