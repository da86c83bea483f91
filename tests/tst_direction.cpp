// The conversation right to left and in mixed directions: where the bubbles go, and where each
// paragraph's words are, found through where the links in them are drawn.
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"
#include "textdirection_p.h"

#include <owidget/chatwindow.h>
#include <owidget/types.h>

#include <QApplication>
#include <QFontMetricsF>
#include <QPlainTextEdit>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatMessage;
using OWidget::MessageModel;
using OWidget::MessageView;

namespace {

ChatMessage message(ChatMessage::Sender sender, const QString &text, int seq)
{
    ChatMessage m;
    m.sender = sender;
    m.text = text;
    m.senderName = sender == ChatMessage::Sender::Operator ? u"Alice"_s : QString();
    m.time = QDateTime(QDate(2026, 3, 2), QTime(10, seq));
    m.seq = seq;
    m.delivery = ChatMessage::Delivery::Delivered;
    return m;
}

} // namespace

class tst_Direction : public QObject
{
    Q_OBJECT

private:
    struct Conversation
    {
        MessageView view;
        MessageModel model;
        QRect link(int row, int n = 0) const
        {
            return view.messageDelegate()->linkRect(model.index(row, 0), n);
        }
        qreal advance(const QString &text) const
        {
            return QFontMetricsF(view.font()).horizontalAdvance(text);
        }
    };

    void show(Conversation &c, Qt::LayoutDirection direction, const QList<ChatMessage> &messages)
    {
        c.view.setLayoutDirection(direction);
        c.view.setMessageModel(&c.model);
        c.model.setMessages(messages);
        c.view.resize(600, 700);
        c.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&c.view));
        for (int row = 0; row < messages.size(); ++row)
            QVERIFY(!c.link(row).isEmpty());
    }

private Q_SLOTS:
    void initTestCase() { QApplication::setFont(QFont(u"DejaVu Sans"_s, 10)); }

    void direction_data()
    {
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("left to right") << Qt::LeftToRight;
        QTest::newRow("right to left") << Qt::RightToLeft;
    }

    // The visitor's bubbles at the end of the line, the operator's at its start: right and left
    // in English, left and right in Arabic.
    void bubblesMirror_data() { direction_data(); }
    void bubblesMirror()
    {
        QFETCH(Qt::LayoutDirection, direction);
        Conversation c;
        show(c, direction,
            { message(ChatMessage::Sender::Operator, u"https://example.com/help"_s, 1),
                message(ChatMessage::Sender::Visitor, u"https://example.com/me"_s, 2) });
        const int middle = c.view.viewport()->width() / 2;
        const bool rtl = direction == Qt::RightToLeft;
        QCOMPARE(c.link(0).center().x() < middle, !rtl);
        QCOMPARE(c.link(1).center().x() > middle, !rtl);
        // Near the window's edge, not in the middle.
        QVERIFY(rtl ? c.link(0).right() > c.view.viewport()->width() - 40 : c.link(0).left() < 40);
        QVERIFY(rtl ? c.link(1).left() < 40 : c.link(1).right() > c.view.viewport()->width() - 40);
    }

    // Each paragraph runs in the direction of its own words: an Arabic one from the right edge
    // of the bubble with its link at its left end, an English one from the left, in either
    // window.
    void paragraphsTakeTheirOwnDirection_data() { direction_data(); }
    void paragraphsTakeTheirOwnDirection()
    {
        QFETCH(Qt::LayoutDirection, direction);
        const QString english = u"https://example.com/b hello"_s;
        const QString arabic = u"مرحبا https://example.com/a"_s;
        const QString longLine = u"Hello, this is a much longer line of English text."_s;
        const QString arabicLine = u"الدليل هنا https://example.com/d"_s;
        const QString arabicTitle = u"وصلتك ثلاث رسائل جديدة من فريق الدعم اليوم"_s;
        Conversation c;
        show(c, direction,
            { message(ChatMessage::Sender::Operator, english, 1),
                message(ChatMessage::Sender::Operator, arabic, 2),
                message(ChatMessage::Sender::Operator, longLine + u'\n' + arabicLine, 3),
                message(ChatMessage::Sender::Operator, arabicTitle + u'\n' + english, 4) });
        const bool rtl = direction == Qt::RightToLeft;
        // The English message's link starts its bubble's text; the bubbles line up at the
        // operator's side of the window (the left, or the right when mirrored).
        const qreal start = c.link(0).left();
        const qreal side = rtl ? start + c.advance(english) : start; // the text's outer edge
        const auto near = [](qreal actual, qreal expected) { return qAbs(actual - expected) <= 3; };

        // The Arabic sentence: the link at its left end, the greeting to its right.
        const qreal arabicLeft = rtl ? side - c.advance(arabic) : side;
        QVERIFY2(near(c.link(1).left(), arabicLeft),
            qPrintable(u"%1 instead of %2"_s.arg(c.link(1).left()).arg(arabicLeft)));
        QVERIFY(c.link(1).right() < arabicLeft + c.advance(arabic) - 20);

        // Under a longer English line, the Arabic line ends at the bubble's right edge.
        const qreal boxLeft = rtl ? side - c.advance(longLine) : side;
        const qreal expected = boxLeft + c.advance(longLine) - c.advance(arabicLine);
        QVERIFY2(near(c.link(2).left(), expected),
            qPrintable(u"%1 instead of %2"_s.arg(c.link(2).left()).arg(expected)));

        // An English paragraph under a longer Arabic one starts at the bubble's left edge.
        QVERIFY(c.advance(arabicTitle) > c.advance(english) + 20);
        const qreal englishLeft = rtl ? side - c.advance(arabicTitle) : side;
        QVERIFY2(near(c.link(3).left(), englishLeft),
            qPrintable(u"%1 instead of %2"_s.arg(c.link(3).left()).arg(englishLeft)));
    }

    // A click on a link in an Arabic paragraph opens it, wherever the paragraph put it.
    void linksAreFoundWhereTheyAreDrawn_data() { direction_data(); }
    void linksAreFoundWhereTheyAreDrawn()
    {
        QFETCH(Qt::LayoutDirection, direction);
        Conversation c;
        show(c, direction,
            { message(ChatMessage::Sender::Operator,
                u"Hello, this is a much longer line of English text.\nالدليل هنا https://example.com/d"_s,
                1) });
        const QRect link = c.link(0);
        QCOMPARE(c.view.messageDelegate()->linkAt(link.center()), QUrl(u"https://example.com/d"_s));
        QCOMPARE(
            c.view.messageDelegate()->linkAt(QPoint(link.right() + 15, link.center().y())), QUrl());
    }

    // The delivery mark ends the time's line at the bubble's outer edge: the right in English,
    // the left in Arabic (where the time reads from the right).
    void deliveryMarkAtTheOuterEnd_data() { direction_data(); }
    void deliveryMarkAtTheOuterEnd()
    {
        QFETCH(Qt::LayoutDirection, direction);
        const auto render = [&](ChatMessage::Delivery delivery) {
            Conversation c;
            ChatMessage m = message(ChatMessage::Sender::Visitor, u"https://example.com/x"_s, 1);
            m.delivery = delivery;
            show(c, direction, { m });
            return std::pair { c.view.viewport()->grab().toImage(), c.link(0) };
        };
        const auto [sending, link] = render(ChatMessage::Delivery::Sending);
        const auto [delivered, sameLink] = render(ChatMessage::Delivery::Delivered);
        QCOMPARE(sameLink, link);
        // Where the two pictures differ is where the mark is.
        int left = sending.width();
        int right = -1;
        for (int y = 0; y < sending.height(); ++y) {
            for (int x = 0; x < sending.width(); ++x) {
                if (sending.pixel(x, y) != delivered.pixel(x, y)) {
                    left = qMin(left, x);
                    right = qMax(right, x);
                }
            }
        }
        QVERIFY(right >= 0);
        // (The time moves too when the mark is narrower: only the outer edge is the mark's.)
        if (direction == Qt::RightToLeft) {
            QVERIFY2(left <= link.left() + 8,
                qPrintable(u"mark from %1, text from %2"_s.arg(left).arg(link.left())));
        } else {
            QVERIFY2(right >= link.right() - 8,
                qPrintable(u"mark to %1, text to %2"_s.arg(right).arg(link.right())));
        }
    }

    // What the visitor writes sits at the side it runs from: Arabic at the right, English at
    // the left, in either window; an empty editor waits at the window's side.
    void editorsAlignByTheirText_data() { direction_data(); }
    void editorsAlignByTheirText()
    {
        QFETCH(Qt::LayoutDirection, direction);
        QWidget window;
        window.setLayoutDirection(direction);
        auto *edit = new QPlainTextEdit(&window);
        OWidget::TextDirection::follow(edit);
        window.resize(400, 120);
        edit->resize(400, 120);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int middle = edit->viewport()->width() / 2;
        const auto startX = [&] {
            QTextCursor cursor(edit->document());
            cursor.movePosition(QTextCursor::Start);
            return edit->cursorRect(cursor).center().x();
        };
        QCOMPARE(startX() > middle, direction == Qt::RightToLeft);
        edit->setPlainText(u"أين طلبي؟"_s);
        QTRY_VERIFY(startX() > middle);
        edit->setPlainText(u"Where is my order?"_s);
        QTRY_VERIFY(startX() < middle);
        edit->setPlainText(u"123 شكرًا"_s); // digits first: the first letter decides
        QTRY_VERIFY(startX() > middle);

        // The chat window's editors do so.
        OWidget::ChatWindow chat;
        for (const QString &name : { u"owidgetMessageInput"_s, u"owidgetOfflineMessage"_s }) {
            auto *editor = chat.findChild<QPlainTextEdit *>(name);
            QVERIFY2(editor && editor->findChild<OWidget::TextDirection *>(), qPrintable(name));
        }
    }
};

QTEST_MAIN(tst_Direction)
#include "tst_direction.moc"
