// The operator's face in the chat window: initials taken whole from any script, a colour of
// their own on which the initials read in a light and a dark palette, and the header showing it
// once the operator joins.
#include "avatar_p.h"
#include "avatarfetcher_p.h"
#include "colors_p.h"
#include "testserver.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QApplication>
#include <QBuffer>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OWidget::ChatState;
using OWidget::ChatWindow;
using OWidget::ConnectionState;
using OWidget::Controller;
namespace Avatar = OWidget::Avatar;
namespace Colors = OWidget::Colors;

class tst_Avatar : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir settingsDir;

    static QString page(const ChatWindow &window)
    {
        const auto *pages = window.findChild<QStackedWidget *>(u"owidgetPages"_s);
        return pages && pages->currentWidget() ? pages->currentWidget()->objectName() : QString();
    }

    /// How many rows of `view` show `name`'s initials' colour in their first 60 pixels.
    static int facesIn(QListView &view, const QString &name)
    {
        const QImage shown = view.viewport()->grab().toImage();
        const QColor face = Avatar::color(name);
        int rows = 0;
        for (int row = 0; row < view.model()->rowCount(); ++row) {
            const QRect rect = view.visualRect(view.model()->index(row, 0));
            bool found = false;
            for (int y = rect.top(); y <= rect.bottom() && !found; ++y) {
                for (int x = rect.left(); x < rect.left() + 60 && !found; ++x)
                    found = shown.valid(x, y) && shown.pixelColor(x, y).rgb() == face.rgb();
            }
            rows += found ? 1 : 0;
        }
        return rows;
    }

    /// A square PNG of one colour, as the server serves a picture.
    static QByteArray png(const QColor &color, int side = 96)
    {
        QImage image(side, side, QImage::Format_RGB32);
        image.fill(color);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
        return bytes;
    }

    /// How many rows of `view` show `color` in their first 60 pixels.
    static int rowsShowing(QListView &view, const QColor &color)
    {
        const QImage shown = view.viewport()->grab().toImage();
        int rows = 0;
        for (int row = 0; row < view.model()->rowCount(); ++row) {
            const QRect rect = view.visualRect(view.model()->index(row, 0));
            bool found = false;
            for (int y = rect.top(); y <= rect.bottom() && !found; ++y) {
                for (int x = rect.left(); x < rect.left() + 60 && !found; ++x)
                    found = shown.valid(x, y) && shown.pixelColor(x, y).rgb() == color.rgb();
            }
            rows += found ? 1 : 0;
        }
        return rows;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());
    }

    void initials_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");

        QTest::newRow("one word") << u"Alice"_s << u"A"_s;
        QTest::newRow("two words") << u"Jana Nováková"_s << u"JN"_s;
        QTest::newRow("three words") << u"Anna Maria Svobodová"_s << u"AS"_s;
        QTest::newRow("lower case") << u"élise durand"_s << u"ÉD"_s;
        QTest::newRow("spaces around") << u"  Bob  "_s << u"B"_s;
        QTest::newRow("Arabic") << u"ليلى حداد"_s << u"لح"_s;
        QTest::newRow("Hebrew") << u"דנה לוי"_s << u"דל"_s;
        // A letter beyond the BMP is one character, its two UTF-16 units kept together.
        QTest::newRow("astral letter") << u"𝐀lex 𝐁"_s << u"𝐀𝐁"_s;
        QTest::newRow("quote first") << u"\"Bob\" Smith"_s << u"BS"_s;
        QTest::newRow("no letters") << u"42 :-)"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void initials()
    {
        QFETCH(QString, name);
        QFETCH(QString, expected);
        QCOMPARE(Avatar::initials(name), expected);
    }

    // The same name, the same colour; different names mostly different colours; the initials
    // readable on it (WCAG AA) in themselves, so in a light palette as in a dark one.
    void colorReadsInLightAndDark()
    {
        QCOMPARE(Avatar::color(u"Alice"_s), Avatar::color(u"Alice"_s));
        QSet<QRgb> colors;
        for (int i = 0; i < 200; ++i) {
            const QString name = u"Operator %1"_s.arg(i);
            const QColor background = Avatar::color(name);
            colors.insert(background.rgb());
            QVERIFY2(
                Colors::contrast(Colors::textOn(background), background) >= Colors::MinimumContrast,
                qPrintable(name));
        }
        QVERIFY(colors.size() > 50);

        // Drawn: the colour fills the circle around the initials.
        const QImage drawn = Avatar::pixmap(u"Jana Nováková"_s, {}, 32, 1.0).toImage();
        QCOMPARE(drawn.size(), QSize(32, 32));
        QCOMPARE(drawn.pixelColor(16, 4).rgb(), Avatar::color(u"Jana Nováková"_s).rgb());
        QCOMPARE(drawn.pixelColor(0, 0).alpha(), 0);
    }

    // A picture, when there is one, fills the circle instead of the initials.
    void pictureInsteadOfInitials()
    {
        QImage red(96, 96, QImage::Format_RGB32);
        red.fill(Qt::red);
        const QImage drawn = Avatar::pixmap(u"Alice"_s, red, 32, 2.0).toImage();
        QCOMPARE(drawn.size(), QSize(64, 64));
        QCOMPARE(drawn.pixelColor(32, 32), QColor(Qt::red));
        QCOMPARE(drawn.pixelColor(0, 0).alpha(), 0); // a circle, not a square
    }

    // The visitor starts a chat; when Alice joins, her initials are beside the title, named for
    // screen readers; when the conversation ends, they go.
    void theHeaderShowsWhoAnswers()
    {
        TestServer server;
        QVERIFY(server.listen());
        Controller controller;
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s, u"en"_s));
        controller.connectToServer();
        ChatWindow window;
        window.setController(&controller);
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        controller.openChat();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(page(window), u"owidgetFormPage"_s);
        auto *avatar = window.findChild<QLabel *>(u"owidgetHeaderAvatar"_s);
        QVERIFY(avatar);
        QVERIFY(!avatar->isVisible());

        QTest::keyClicks(window.findChild<QLineEdit *>(u"owidgetField_name"_s), u"Jana"_s);
        QTest::mouseClick(
            window.findChild<QPushButton *>(u"owidgetSubmitButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        QVERIFY(!avatar->isVisible());

        server.operatorJoins(server.lastConversation(), u"Alice Smith"_s);
        QTRY_VERIFY(avatar->isVisible());
        QCOMPARE(avatar->accessibleName(), u"Alice Smith"_s);
        // Her face comes first, then the title, then End chat.
        QVERIFY(avatar->x() < window.findChild<QLabel *>(u"owidgetTitle"_s)->x());
        QVERIFY(window.findChild<QWidget *>(u"owidgetEndChatButton"_s)->x()
            > window.findChild<QLabel *>(u"owidgetTitle"_s)->x());
        const QImage shown = avatar->pixmap().toImage();
        QVERIFY(!shown.isNull());
        QCOMPARE(
            shown.pixelColor(shown.width() / 2, 2).rgb(), Avatar::color(u"Alice Smith"_s).rgb());

        // Her messages: her face before her name, in the first of the run.
        server.operatorSays(server.lastConversation(), u"Hello Jana"_s);
        server.operatorSays(server.lastConversation(), u"How can I help?"_s);
        auto *view = window.findChild<QListView *>(u"owidgetMessageView"_s);
        QTRY_VERIFY(view->model()->rowCount() >= 2);
        QTRY_COMPARE(facesIn(*view, u"Alice Smith"_s), 1);

        server.operatorEnds(server.lastConversation());
        QTRY_COMPARE(controller.chatState(), ChatState::Ended);
        QTRY_VERIFY(!avatar->isVisible());
    }

    // Alice has a picture: once she joins, the header and her first message of a run show it,
    // round, instead of her initials; her name stays what a screen reader says. The server is
    // asked for it once, however many messages and conversations name it.
    void thePictureIsFetchedOnceAndShown()
    {
        const QString id = u"0123456789abcdef0123456789abcdef"_s;
        const QColor red(200, 20, 20);
        TestServer server;
        QVERIFY(server.listen());
        server.avatars.insert(id, png(red));
        Controller controller;
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s, u"en"_s));
        controller.connectToServer();
        ChatWindow window;
        window.setController(&controller);
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        controller.openChat();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE(page(window), u"owidgetFormPage"_s);
        auto *avatar = window.findChild<QLabel *>(u"owidgetHeaderAvatar"_s);
        QVERIFY(avatar);
        QSignalSpy changed(&controller, &Controller::operatorAvatarChanged);

        QTest::keyClicks(window.findChild<QLineEdit *>(u"owidgetField_name"_s), u"Jana"_s);
        QTest::mouseClick(
            window.findChild<QPushButton *>(u"owidgetSubmitButton"_s), Qt::LeftButton);
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        server.operatorJoins(server.lastConversation(), u"Alice Smith"_s, id);
        QTRY_VERIFY(avatar->isVisible());
        QTRY_VERIFY(!controller.operatorAvatar().isNull());
        QCOMPARE(controller.operatorAvatar().size(), QSize(96, 96));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(avatar->accessibleName(), u"Alice Smith"_s);
        QTRY_COMPARE(avatar->pixmap()
                         .toImage()
                         .pixelColor(avatar->pixmap().width() / 2, avatar->pixmap().height() / 2)
                         .rgb(),
            red.rgb());
        const QImage header = avatar->pixmap().toImage();
        QCOMPARE(header.pixelColor(0, 0).alpha(), 0); // round, not square
        QCOMPARE(header.devicePixelRatio(), window.devicePixelRatioF());

        server.operatorSays(server.lastConversation(), u"Hello Jana"_s);
        server.operatorSays(server.lastConversation(), u"How can I help?"_s);
        auto *view = window.findChild<QListView *>(u"owidgetMessageView"_s);
        QTRY_VERIFY(view->model()->rowCount() >= 2);
        QTRY_COMPARE(rowsShowing(*view, red), 1);
        QCOMPARE(facesIn(*view, u"Alice Smith"_s), 0);

        // The next conversation with her: the picture is known, not fetched again.
        server.operatorEnds(server.lastConversation());
        QTRY_COMPARE(controller.chatState(), ChatState::Ended);
        QVERIFY(controller.startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        QVERIFY(controller.operatorAvatar().isNull());
        server.operatorJoins(server.lastConversation(), u"Alice Smith"_s, id);
        QTRY_VERIFY(!controller.operatorAvatar().isNull());
        QCOMPARE(server.avatarRequests, 1);
    }

    // An operator without a picture keeps the initials, and nothing is fetched.
    void withoutPictureTheInitialsStay()
    {
        TestServer server;
        QVERIFY(server.listen());
        Controller controller;
        controller.setServerUrl(server.url());
        QVERIFY(controller.init(TestServer::companyId(), u"support"_s, u"en"_s));
        controller.connectToServer();
        QTRY_COMPARE(controller.connectionState(), ConnectionState::Connected);
        QVERIFY(controller.startChat({ { u"name"_s, u"Jana"_s } }));
        QTRY_COMPARE(controller.chatState(), ChatState::Waiting);
        server.operatorJoins(server.lastConversation(), u"Bob"_s);
        QTRY_COMPARE(controller.operatorName(), u"Bob"_s);
        server.operatorSays(server.lastConversation(), u"Hi"_s);
        QTRY_COMPARE(controller.messages().size(), 1);
        QVERIFY(controller.operatorAvatar().isNull());
        QCOMPARE(server.avatarRequests, 0);
    }
};

QTEST_MAIN(tst_Avatar)
#include "tst_avatar.moc"
