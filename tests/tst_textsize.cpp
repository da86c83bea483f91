// The chat window at 200 % text size (the application's font at twice its point size), at its
// usual size: on every page every visible text has the room its size hint asks for, and
// everything can be reached, scrolling where the page scrolls.
#include "testserver.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatState;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;

namespace {

QString describe(const QWidget *w)
{
    QString text;
    if (const auto *label = qobject_cast<const QLabel *>(w))
        text = label->text();
    else if (const auto *button = qobject_cast<const QAbstractButton *>(w))
        text = button->text();
    return (w->objectName().isEmpty() ? QString::fromLatin1(w->metaObject()->className())
                                      : w->objectName())
        + u" \""_s + text.left(40) + u'"';
}

// What is wrong with how `window` shows its texts and controls: each one clipped, or out of
// reach.
QStringList problems(QWidget &window)
{
    QStringList found;
    const QList<QWidget *> all = window.findChildren<QWidget *>();
    for (QWidget *w : all) {
        if (!w->isVisibleTo(&window) || w->size().isEmpty())
            continue;
        const auto *label = qobject_cast<QLabel *>(w);
        const auto *button = qobject_cast<QAbstractButton *>(w);
        const auto *line = qobject_cast<QLineEdit *>(w);
        const auto *edit = qobject_cast<QPlainTextEdit *>(w);
        if (!label && !button && !line && !edit)
            continue;
        if (label && !label->text().isEmpty()) {
            // A wrapping label needs its height for its width; any other its whole size hint.
            const bool fits = label->wordWrap()
                ? label->height() >= label->heightForWidth(label->width())
                : label->width() >= label->sizeHint().width()
                    && label->height() >= label->sizeHint().height();
            if (!fits) {
                found.append(u"clipped: %1 is %2x%3, needs %4x%5"_s.arg(describe(w))
                                 .arg(w->width())
                                 .arg(w->height())
                                 .arg(label->sizeHint().width())
                                 .arg(label->wordWrap() ? label->heightForWidth(label->width())
                                                        : label->sizeHint().height()));
            }
        }
        if (button && !button->text().isEmpty()) {
            // A button whose words wrap needs its height for its width.
            const QSize hint = button->hasHeightForWidth()
                ? QSize(button->minimumSizeHint().width(), button->heightForWidth(button->width()))
                : button->minimumSizeHint().expandedTo(button->sizeHint());
            if (button->width() < hint.width() || button->height() < hint.height()) {
                found.append(u"clipped: %1 is %2x%3, needs %4x%5"_s.arg(describe(w))
                                 .arg(w->width())
                                 .arg(w->height())
                                 .arg(hint.width())
                                 .arg(hint.height()));
            }
        }
        if ((line || edit) && w->height() < w->fontMetrics().height() + 4)
            found.append(u"too low for one line: "_s + describe(w));

        // Reachable: inside the window, or scrolled into view in its scroll area.
        auto *area = qobject_cast<QScrollArea *>(w->parentWidget());
        for (QWidget *p = w->parentWidget(); p && !area && p != &window; p = p->parentWidget())
            area = qobject_cast<QScrollArea *>(p);
        QRect visible = window.rect();
        if (area) {
            area->ensureWidgetVisible(w, 0, 0);
            visible = QRect(area->viewport()->mapTo(&window, QPoint()), area->viewport()->size());
        }
        const QRect rect(w->mapTo(&window, QPoint()), w->size());
        if (!visible.contains(rect))
            found.append(u"out of reach: "_s + describe(w)
                + u" %1,%2 %3x%4 in %5,%6 %7x%8"_s.arg(rect.x())
                      .arg(rect.y())
                      .arg(rect.width())
                      .arg(rect.height())
                      .arg(visible.x())
                      .arg(visible.y())
                      .arg(visible.width())
                      .arg(visible.height()));
    }
    return found;
}

} // namespace

class tst_TextSize : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir settingsDir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        // 200 %: the person's text size doubled, before the window is made.
        QFont font(u"DejaVu Sans"_s, 10);
        font.setPointSizeF(font.pointSizeF() * 2);
        QApplication::setFont(font);
    }

    void everyPageAtDoubleSize_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << u"en"_s;
        QTest::newRow("cs") << u"cs"_s; // the longer words
        QTest::newRow("ar") << u"ar"_s; // right to left
    }

    void everyPageAtDoubleSize()
    {
        QFETCH(QString, language);
        QFile::remove(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + u"/owidget/sessions.json"_s);
        TestServer server;
        server.config.insert(u"languages"_s, QJsonArray { language });
        server.config.insert(u"defaultLanguage"_s, language);
        server.config.insert(u"texts"_s,
            QJsonObject { { language,
                QJsonObject { { u"title"_s, u"Support"_s },
                    { u"greeting"_s, u"Hello! How can we help you today?"_s } } } });
        QVERIFY(server.listen());
        Controller controller;
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s, language, language));
        ChatWindow window;
        window.setController(&controller);
        window.resize(window.sizeHint());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const auto page = [&] {
            return window.findChild<QStackedWidget *>(u"owidgetPages"_s)
                ->currentWidget()
                ->objectName();
        };
        const auto check = [&](const char *where) {
            for (int i = 0; i < 4; ++i) {
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                QCoreApplication::processEvents();
            }
            const QStringList found = problems(window);
            QVERIFY2(found.isEmpty(),
                qPrintable(QLatin1StringView(where) + u":\n"_s + found.join(u'\n')));
        };

        check("status page");

        if (QTest::currentTestFailed())

            return;
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        controller.openChat();
        QTRY_COMPARE(page(), u"owidgetFormPage"_s);
        check("form");
        if (QTest::currentTestFailed())
            return;
        QTest::mouseClick(
            window.findChild<QPushButton *>(u"owidgetSubmitButton"_s), Qt::LeftButton);
        check("form with errors");
        if (QTest::currentTestFailed())
            return;

        window.findChild<QLineEdit *>(u"owidgetField_name"_s)->setText(u"Jana"_s);
        QTest::mouseClick(
            window.findChild<QPushButton *>(u"owidgetSubmitButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        check("waiting");
        if (QTest::currentTestFailed())
            return;

        const QString conversation = server.lastConversation();
        server.operatorJoins(conversation, u"Alice"_s);
        QTRY_COMPARE(controller.chatState(), ChatState::Active);
        for (int i = 0; i < 8; ++i)
            server.operatorSays(conversation, u"Message number %1, long enough to wrap."_s.arg(i));
        QTRY_COMPARE(controller.messages().size(), 8);
        check("conversation");
        if (QTest::currentTestFailed())
            return;
        // End chat went under the title: Tab reaches it after Close, as the eyes do.
        auto *close = window.findChild<QWidget *>(u"owidgetCloseButton"_s);
        auto *end = window.findChild<QWidget *>(u"owidgetEndChatButton"_s);
        QVERIFY(end->mapTo(&window, QPoint()).y() > close->mapTo(&window, QPoint()).y() + 10);
        window.activateWindow();
        close->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), close);
        QTest::keyClick(close, Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), end);
        if (QTest::currentTestFailed())
            return;
        // Every message can be scrolled to, and shows whole in the view.
        auto *view = window.findChild<QListView *>(u"owidgetMessageView"_s);
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            const QModelIndex index = view->model()->index(row, 0);
            view->scrollTo(index);
            QCoreApplication::processEvents();
            const QRect rect = view->visualRect(index);
            QVERIFY2(view->viewport()->rect().contains(rect)
                    || rect.height() > view->viewport()->height(),
                qPrintable(u"message %1 at %2,%3 %4x%5"_s.arg(row)
                               .arg(rect.x())
                               .arg(rect.y())
                               .arg(rect.width())
                               .arg(rect.height())));
        }

        server.operatorEnds(conversation);
        QTRY_COMPARE(controller.chatState(), ChatState::Ended);
        check("ended");
        if (QTest::currentTestFailed())
            return;
    }
};

QTEST_MAIN(tst_TextSize)
#include "tst_textsize.moc"
