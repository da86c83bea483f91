// The composer's emoji picker, used as a person uses it: opened with the mouse and with the
// keyboard, searched, chosen from with arrows and Enter, closed with Escape; the recently used
// emoji first, remembered across runs; the data against Unicode's own file; and emoji in the
// conversation's bubbles, in colour and whole.
#include "composer_p.h"
#include "emojidata_p.h"
#include "emojipicker_p.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"

#include <owidget/chatwidget.h>
#include <owidget/chatwindow.h>
#include <owidget/types.h>

#include <QAccessible>
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using OWidget::Composer;
using OWidget::EmojiData;
using OWidget::EmojiPicker;

namespace {

// Unicode's file as scripts/generate_emoji_data.py reads it: fully-qualified emoji, no skin
// tones, groups that have any.
struct Source
{
    QStringList groups;
    QList<EmojiData::Emoji> emoji;
};

Source readSource(const QString &path)
{
    Source source;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return source;
    QString group;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith("# group:"_L1)) {
            group = line.mid(8).trimmed();
            continue;
        }
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype semicolon = line.indexOf(u';');
        const qsizetype hash = line.indexOf(u'#');
        if (line.mid(semicolon + 1, hash - semicolon - 1).trimmed() != "fully-qualified"_L1)
            continue;
        QString text;
        bool skinTone = false;
        for (const QString &point : line.left(semicolon).split(u' ', Qt::SkipEmptyParts)) {
            const char32_t c = point.toUInt(nullptr, 16);
            skinTone = skinTone || (c >= 0x1F3FB && c <= 0x1F3FF);
            text += QString::fromUcs4(&c, 1);
        }
        if (skinTone)
            continue;
        if (source.groups.isEmpty() || source.groups.last() != group)
            source.groups.append(group);
        // "# 😀 E1.0 grinning face"
        const QString name = line.mid(hash + 1).trimmed().section(u' ', 2);
        source.emoji.append({ text, name, int(source.groups.size() - 1) });
    }
    return source;
}

// A window with a composer in it, as the conversation page has it.
struct Host
{
    QWidget window;
    Composer *composer = new Composer(&window);
    QPlainTextEdit *input() const { return composer->input(); }
    QToolButton *button() const { return composer->emojiButton(); }
    EmojiPicker *picker() const { return composer->emojiPicker(); }

    Host()
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addStretch();
        layout->addWidget(composer);
        window.resize(400, 500);
        window.show();
        window.activateWindow();
    }
};

// Where the colour emoji's pixels are (what is strongly yellow); empty when none.
QRect yellowPixels(const QImage &image)
{
    QRect found;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.red() > 200 && c.green() > 150 && c.blue() < 90)
                found |= QRect(x, y, 1, 1);
        }
    }
    return found;
}

OWidget::ChatMessage operatorMessage(const QString &text, int seq)
{
    OWidget::ChatMessage m;
    m.sender = OWidget::ChatMessage::Sender::Operator;
    m.text = text;
    m.senderName = u"Alice"_s;
    m.time = QDateTime(QDate(2026, 3, 2), QTime(10, seq));
    m.seq = seq;
    m.delivery = OWidget::ChatMessage::Delivery::Delivered;
    return m;
}

} // namespace

class tst_Emoji : public QObject
{
    Q_OBJECT

    QTemporaryDir settingsDir;

    static QStringList storedRecent()
    {
        QSettings settings;
        return settings.value(u"OWidget/recentEmoji"_s).toStringList();
    }

    // Opens the picker with a click on its button; null when it does not show.
    static EmojiPicker *openWithMouse(Host &host)
    {
        QTest::mouseClick(host.button(), Qt::LeftButton);
        EmojiPicker *picker = host.picker();
        return picker && QTest::qWaitFor([picker] { return picker->isVisible(); }) ? picker
                                                                                   : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        QCoreApplication::setOrganizationName(u"OWidgetTests"_s);
        QCoreApplication::setApplicationName(u"tst_emoji"_s);
        QApplication::setFont(QFont(u"DejaVu Sans"_s, 10));
    }

    void init() { QSettings().remove(u"OWidget/recentEmoji"_s); }

    // The library's list is what the generator makes of Unicode's file, where the file is.
    void dataMatchesSource()
    {
        const QString path = QString::fromUtf8(OWIDGET_EMOJI_TEST_FILE);
        if (!QFile::exists(path))
            QSKIP("Unicode's emoji-test.txt is not installed (Debian: unicode-data)");
        const Source source = readSource(path);
        const EmojiData &data = EmojiData::instance();
        QCOMPARE(data.groups(), source.groups);
        QCOMPARE(data.emoji().size(), source.emoji.size());
        for (qsizetype i = 0; i < source.emoji.size(); ++i) {
            const EmojiData::Emoji &ours = data.emoji().at(i);
            const EmojiData::Emoji &theirs = source.emoji.at(i);
            QCOMPARE(ours.text, theirs.text);
            QCOMPARE(ours.name, theirs.name);
            QCOMPARE(ours.group, theirs.group);
        }
    }

    void dataHasTheGroups()
    {
        const EmojiData &data = EmojiData::instance();
        QCOMPARE(data.groups().size(), 9);
        QCOMPARE(data.groups().first(), u"Smileys & Emotion"_s);
        QVERIFY(data.emoji().size() > 1800);
        QCOMPARE(data.emoji().first().text, u"\U0001F600"_s);
        QCOMPARE(data.emoji().first().name, u"grinning face"_s);
    }

    void search_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one word") << u"grinning"_s << u"\U0001F600"_s;
        QTest::newRow("any case") << u"GRINNING Face"_s << u"\U0001F600"_s;
        QTest::newRow("words in any order") << u"up thumbs"_s << u"\U0001F44D"_s;
        QTest::newRow("with a selector") << u"red heart"_s << u"\u2764\uFE0F"_s;
        QTest::newRow("a flag") << u"flag: czechia"_s << u"\U0001F1E8\U0001F1FF"_s;
        QTest::newRow("nothing") << u"no such emoji at all"_s << QString();
    }

    void search()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        const EmojiData &data = EmojiData::instance();
        const QList<qsizetype> found = data.search(query);
        if (expected.isEmpty()) {
            QVERIFY(found.isEmpty());
            return;
        }
        QVERIFY(!found.isEmpty());
        QCOMPARE(data.emoji().at(found.first()).text, expected);
    }

    // Where the colour emoji font takes over from the text's: whole emoji, with their skin
    // tones, joiners and selectors; not digits, nor symbols that are text unless asked.
    void emojiRuns_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("emoji"); ///< the runs, joined by '|'
        QTest::newRow("plain text") << u"Hello 123 # \u00A9 \u2764"_s << QString();
        QTest::newRow("one") << u"Hi \U0001F600!"_s << u"\U0001F600"_s;
        QTest::newRow("skin tone") << u"ok \U0001F44D\U0001F3FD ok"_s << u"\U0001F44D\U0001F3FD"_s;
        QTest::newRow("selector") << u"I \u2764\uFE0F it"_s << u"\u2764\uFE0F"_s;
        QTest::newRow("keycap") << u"press 1\uFE0F\u20E3"_s << u"1\uFE0F\u20E3"_s;
        QTest::newRow("two flags") << u"\U0001F1E8\U0001F1FF \U0001F1F8\U0001F1F0"_s
                                   << u"\U0001F1E8\U0001F1FF|\U0001F1F8\U0001F1F0"_s;
        QTest::newRow("joined family") << u"a \U0001F468\u200D\U0001F469\u200D\U0001F467 b"_s
                                       << u"\U0001F468\u200D\U0001F469\u200D\U0001F467"_s;
        QTest::newRow("side by side") << u"\U0001F600\U0001F389"_s << u"\U0001F600\U0001F389"_s;
    }

    void emojiRuns()
    {
        QFETCH(QString, text);
        QFETCH(QString, emoji);
        QStringList found;
        for (const EmojiData::Run &run : EmojiData::instance().runs(text))
            found << text.mid(run.start, run.length);
        QCOMPARE(found.join(u'|'), emoji);
    }

    void opensWithTheMouse()
    {
        Host host;
        QVERIFY(QTest::qWaitForWindowActive(&host.window));
        QVERIFY(!host.picker());
        EmojiPicker *picker = openWithMouse(host);
        QVERIFY(picker);
        QTRY_VERIFY(picker->searchField()->hasFocus());
        // Above the button, on the screen.
        QVERIFY(picker->geometry().bottom() < host.button()->mapToGlobal(QPoint(0, 0)).y());
        // A click on an emoji writes it.
        const QModelIndex first = picker->grid()->model()->index(1, 0);
        QCOMPARE(first.data().toString(), u"\U0001F600"_s);
        QTest::mouseClick(picker->grid()->viewport(), Qt::LeftButton, {},
            picker->grid()->visualRect(first).center());
        QTRY_VERIFY(!picker->isVisible());
        QCOMPARE(host.input()->toPlainText(), u"\U0001F600"_s);
        QTRY_VERIFY(host.input()->hasFocus());
    }

    void opensWithTheKeyboard_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("Space") << int(Qt::Key_Space);
        QTest::newRow("Enter") << int(Qt::Key_Return);
    }

    void opensWithTheKeyboard()
    {
        QFETCH(int, key);
        Host host;
        QVERIFY(QTest::qWaitForWindowActive(&host.window));
        host.input()->setFocus();
        QTRY_VERIFY(host.input()->hasFocus());
        // The button comes just before the text, as on the screen.
        QTest::keyClick(host.input(), Qt::Key_Tab, Qt::ShiftModifier);
        QTRY_VERIFY(host.button()->hasFocus());
        QTest::keyClick(host.button(), Qt::Key(key));
        QVERIFY(host.picker());
        QTRY_VERIFY(host.picker()->isVisible());
        QTRY_VERIFY(host.picker()->searchField()->hasFocus());
    }

    // Down from the search field into the grid, arrows across it, Enter writes at the cursor.
    void arrowsAndEnterInsertAtTheCursor()
    {
        Host host;
        QVERIFY(QTest::qWaitForWindowActive(&host.window));
        host.input()->setPlainText(u"Hello world"_s);
        QTextCursor cursor = host.input()->textCursor();
        cursor.setPosition(5);
        host.input()->setTextCursor(cursor);
        EmojiPicker *picker = openWithMouse(host);
        QVERIFY(picker);
        QTest::keyClick(picker->searchField(), Qt::Key_Down);
        QTRY_VERIFY(picker->grid()->hasFocus());
        QCOMPARE(picker->grid()->currentIndex().data().toString(), u"\U0001F600"_s);
        QTest::keyClick(picker->grid(), Qt::Key_Right);
        QTest::keyClick(picker->grid(), Qt::Key_Right);
        QCOMPARE(picker->grid()->currentIndex().data().toString(), u"\U0001F604"_s);
        QTest::keyClick(picker->grid(), Qt::Key_Down);
        const QModelIndex below = picker->grid()->currentIndex();
        QCOMPARE(below.row(), 1 + 2 + 8); // the third emoji of the second row
        QTest::keyClick(picker->grid(), Qt::Key_Up);
        QTest::keyClick(picker->grid(), Qt::Key_Return);
        QTRY_VERIFY(!picker->isVisible());
        QCOMPARE(host.input()->toPlainText(), u"Hello\U0001F604 world"_s);
        QCOMPARE(host.input()->textCursor().position(), 5 + 2);
        QTRY_VERIFY(host.input()->hasFocus());
    }

    // Typing in the search field narrows the grid; Enter takes the first one found.
    void searchesByName()
    {
        Host host;
        QVERIFY(QTest::qWaitForWindowActive(&host.window));
        host.input()->setPlainText(u"Thanks!"_s);
        host.input()->moveCursor(QTextCursor::End);
        EmojiPicker *picker = openWithMouse(host);
        QVERIFY(picker);
        QTest::keyClicks(picker->searchField(), u"Thumbs Up"_s);
        QAbstractItemModel *model = picker->grid()->model();
        QTRY_COMPARE(model->rowCount(), 2); // the group's title and the emoji
        QCOMPARE(model->index(1, 0).data().toString(), u"\U0001F44D"_s);
        QTest::keyClick(picker->searchField(), Qt::Key_Return);
        QTRY_VERIFY(!picker->isVisible());
        QCOMPARE(host.input()->toPlainText(), u"Thanks!\U0001F44D"_s);
        QTRY_VERIFY(host.input()->hasFocus());

        // Nothing found: the grid says so, and Enter writes nothing.
        picker = openWithMouse(host);
        QVERIFY(picker->searchField()->text().isEmpty());
        QTest::keyClicks(picker->searchField(), u"zzzz"_s);
        model = picker->grid()->model();
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data().toString(), u"No emoji found"_s);
        QTest::keyClick(picker->searchField(), Qt::Key_Return);
        QCOMPARE(host.input()->toPlainText(), u"Thanks!\U0001F44D"_s);
        QVERIFY(picker->isVisible());
    }

    void escapeReturnsTheFocus()
    {
        Host host;
        QVERIFY(QTest::qWaitForWindowActive(&host.window));
        host.button()->setFocus(Qt::TabFocusReason);
        QTest::keyClick(host.button(), Qt::Key_Space);
        QVERIFY(host.picker());
        QTRY_VERIFY(host.picker()->searchField()->hasFocus());
        QTest::keyClick(host.picker()->searchField(), Qt::Key_Escape);
        QTRY_VERIFY(!host.picker()->isVisible());
        QTRY_VERIFY(host.input()->hasFocus());
        QVERIFY(host.input()->toPlainText().isEmpty());

        // From the grid too.
        QTest::mouseClick(host.button(), Qt::LeftButton);
        QTRY_VERIFY(host.picker()->isVisible());
        QTest::keyClick(host.picker()->searchField(), Qt::Key_Down);
        QTRY_VERIFY(host.picker()->grid()->hasFocus());
        QTest::keyClick(host.picker()->grid(), Qt::Key_Escape);
        QTRY_VERIFY(!host.picker()->isVisible());
        QTRY_VERIFY(host.input()->hasFocus());
    }

    // The ones chosen last come first, the latest first, and stay for the next run.
    void recentFirstAndRemembered()
    {
        {
            Host host;
            QVERIFY(QTest::qWaitForWindowActive(&host.window));
            for (const QString &query :
                { u"thumbs up"_s, u"red heart"_s, u"thumbs up"_s, u"party popper"_s }) {
                EmojiPicker *picker = openWithMouse(host);
                QVERIFY(picker);
                QTest::keyClicks(picker->searchField(), query);
                QTest::keyClick(picker->searchField(), Qt::Key_Return);
                QTRY_VERIFY(!picker->isVisible());
            }
            QCOMPARE(host.input()->toPlainText(), u"\U0001F44D\u2764\uFE0F\U0001F44D\U0001F389"_s);
        }
        const QStringList expected = { u"\U0001F389"_s, u"\U0001F44D"_s, u"\u2764\uFE0F"_s };
        QCOMPARE(storedRecent(), expected);

        // Another run: a new composer, its picker opened for the first time.
        Host host;
        QVERIFY(QTest::qWaitForWindowActive(&host.window));
        EmojiPicker *picker = openWithMouse(host);
        QVERIFY(picker);
        QAbstractItemModel *model = picker->grid()->model();
        QCOMPARE(model->index(0, 0).data().toString(), u"Recently used"_s);
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(model->index(1 + i, 0).data().toString(), expected.at(i));
        QCOMPARE(model->index(4, 0).data().toString(), u"Smileys & Emotion"_s);
    }

    void recentIsBounded()
    {
        const EmojiData &data = EmojiData::instance();
        for (int i = 0; i < 40; ++i)
            EmojiPicker::remember(data.emoji().at(i).text);
        const QStringList recent = EmojiPicker::recent();
        QCOMPARE(recent.size(), EmojiPicker::MaxRecent);
        QCOMPARE(recent.first(), data.emoji().at(39).text);
        QCOMPARE(storedRecent().size(), EmojiPicker::MaxRecent);
        // What is not an emoji, in settings edited by hand, is not offered.
        QSettings().setValue(u"OWidget/recentEmoji"_s, QStringList { u"x"_s, recent.first() });
        QCOMPARE(EmojiPicker::recent(), QStringList { recent.first() });
    }

    // A screen reader hears "Emoji" for the button, as its tooltip shows, and each cell's name.
    void accessibleNames()
    {
        Host host;
        QVERIFY(QTest::qWaitForWindowActive(&host.window));
        QCOMPARE(host.button()->toolTip(), u"Emoji"_s);
        QAccessibleInterface *button = QAccessible::queryAccessibleInterface(host.button());
        QVERIFY(button);
        QCOMPARE(button->text(QAccessible::Name), u"Emoji"_s);
        EmojiPicker *picker = openWithMouse(host);
        QVERIFY(picker);
        QAccessibleInterface *grid = QAccessible::queryAccessibleInterface(picker->grid());
        QVERIFY(grid);
        QVERIFY(grid->childCount() > 1800);
        QStringList names;
        for (int i = 0; i < 3; ++i)
            names << grid->child(i)->text(QAccessible::Name);
        QCOMPARE(names,
            QStringList(
                { u"Smileys & Emotion"_s, u"grinning face"_s, u"grinning face with big eyes"_s }));
        QCOMPARE(
            QAccessible::queryAccessibleInterface(picker->searchField())->text(QAccessible::Name),
            u"Search emoji"_s);
    }

    // The button is as wide as it is tall, whatever the colour emoji font says the face's
    // advance is (Noto Color Emoji's is far wider than its picture at text sizes), so the
    // text field starts right beside it.
    void buttonIsSquare()
    {
        Host host;
        QVERIFY(QTest::qWaitForWindowExposed(&host.window));
        const QSize size = host.button()->size();
        QVERIFY2(size.width() <= size.height(),
            qPrintable(u"%1×%2"_s.arg(size.width()).arg(size.height())));
        QVERIFY(host.input()->geometry().left() - host.button()->geometry().right() <= 12);
    }

    // A host turns the picker off: no button, in the chat widget's window too.
    void hostTurnsThePickerOff()
    {
        OWidget::ChatWidget chat;
        QCOMPARE(chat.property("emojiPickerVisible").toBool(), true);
        auto *button = chat.chatWindow()->findChild<QToolButton *>(u"owidgetEmojiButton"_s);
        QVERIFY(button);
        QVERIFY(!button->isHidden());
        QVERIFY(chat.setProperty("emojiPickerVisible", false));
        QVERIFY(button->isHidden());
        QCOMPARE(chat.emojiPickerVisible(), false);
        chat.setEmojiPickerVisible(true);
        QVERIFY(!button->isHidden());
    }

    // An emoji message, and emoji amid words, fit their bubbles: the emoji's pixels have the
    // bubble above and below them, at the usual size and at 200 %, left to right and right to
    // left; and they are in colour where there is a colour emoji font.
    void bubbleHoldsEmoji_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("points");
        QTest::addColumn<Qt::LayoutDirection>("direction");
        for (int points : { 10, 20 }) {
            for (Qt::LayoutDirection direction : { Qt::LeftToRight, Qt::RightToLeft }) {
                const QByteArray where = QByteArray::number(points) + " pt "
                    + (direction == Qt::LeftToRight ? "ltr" : "rtl");
                QTest::newRow(QByteArray("emoji alone " + where).constData())
                    << u"\U0001F600\U0001F600"_s << points << direction;
                QTest::newRow(QByteArray("emoji amid words " + where).constData())
                    << u"Hello \U0001F600 there"_s << points << direction;
                QTest::newRow(QByteArray("emoji amid Hebrew " + where).constData())
                    << u"\u05E9\u05DC\u05D5\u05DD \U0001F600 \u05E2\u05D5\u05DC\u05DD"_s << points
                    << direction;
            }
        }
    }

    void bubbleHoldsEmoji()
    {
        QFETCH(QString, text);
        QFETCH(int, points);
        QFETCH(Qt::LayoutDirection, direction);
        if (EmojiData::colorFontFamily().isEmpty())
            QSKIP("No colour emoji font (Debian: fonts-noto-color-emoji)");
        OWidget::MessageView view;
        OWidget::MessageModel model;
        view.setFont(QFont(u"DejaVu Sans"_s, points));
        view.setLayoutDirection(direction);
        view.setMessageModel(&model);
        model.setMessages({ operatorMessage(text, 1) });
        view.resize(500, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage image = view.viewport()->grab().toImage();
        const QRect emoji = yellowPixels(image);
        QVERIFY2(!emoji.isEmpty(), "the emoji is drawn in colour");
        // The bubble above the emoji and below it, not the conversation's background.
        const QColor background = image.pixelColor(0, image.height() - 1);
        const QColor above = image.pixelColor(emoji.center().x(), emoji.top() - 2);
        const QColor below = image.pixelColor(emoji.center().x(), emoji.bottom() + 2);
        QVERIFY2(above != background, "the bubble is above the emoji");
        QVERIFY2(below != background, "the bubble is below the emoji");
        QCOMPARE(above, below);
    }
};

QTEST_MAIN(tst_Emoji)
#include "tst_emoji.moc"
