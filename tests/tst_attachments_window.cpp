// Files in the chat window, against the real owidget-server, as a person uses them: attached with
// the paper clip, dropped on the conversation or pasted; refused before sending with the reason;
// shown as a thumbnail or a card; saved with "Save as…"; an upload cancelled from its bubble.
#include "attachmentactions_p.h"
#include "attachmentbubble_p.h"
#include "attachmentinput_p.h"
#include "composer_p.h"
#include "filledform.h"
#include "messagedelegate_p.h"
#include "messagemodel_p.h"
#include "messageview_p.h"
#include "serverprocess.h"
#include "testimages.h"
#include "testpalettes.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using OWidget::AttachmentView;
using OWidget::ChatMessage;
using OWidget::ChatState;
using OWidget::ChatWindow;
using OWidget::Controller;
using OWidget::MessageModel;
using OWidget::MessageView;
using OWidgetTest::filledForm;

class tst_AttachmentsWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir files;
    std::unique_ptr<ServerProcess> server;
    std::unique_ptr<OperatorClient> alice;
    std::unique_ptr<Controller> controller;
    std::unique_ptr<ChatWindow> window;
    QString conversation;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        QFile file(files.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return {};
        return file.fileName();
    }

    // A window in a conversation Alice accepted.
    bool converse(const QString &language = u"en"_s)
    {
        server = std::make_unique<ServerProcess>();
        if (!server->start())
            return false;
        alice = std::make_unique<OperatorClient>(server->url());
        if (!alice->connectAs(u"alice"_s, u"alice-demo"_s))
            return false;
        alice->setAvailability(u"online"_s);
        controller = std::make_unique<Controller>();
        controller->setServerUrl(server->url());
        if (!controller->init(ServerProcess::demoCompany(), {}, language))
            return false;
        window = std::make_unique<ChatWindow>();
        window->setController(controller.get());
        window->resize(380, 600);
        controller->connectToServer();
        if (!QTest::qWaitFor(
                [&] { return controller->status() == OWidget::ButtonStatus::Online; }, 10000))
            return false;
        controller->openChat();
        if (!QTest::qWaitForWindowExposed(window.get())
            || !controller->startChat(filledForm(*controller))
            || !QTest::qWaitFor([&] { return !alice->firstQueued().isEmpty(); }, 10000))
            return false;
        conversation = alice->firstQueued();
        alice->accept(conversation);
        return QTest::qWaitFor([&] { return controller->chatState() == ChatState::Active; }, 10000);
    }

    MessageView *view() const { return window->findChild<MessageView *>(); }
    OWidget::Composer *composer() const { return window->findChild<OWidget::Composer *>(); }
    OWidget::AttachmentInput *input() const
    {
        return window->findChild<OWidget::AttachmentInput *>();
    }
    QString composerError() const
    {
        const QLabel *label = composer()->errorLabel();
        return label->isVisible() ? label->text() : QString();
    }

    // The row of the message with a file called `name`.
    QModelIndex rowOf(const QString &name) const
    {
        QAbstractItemModel *model = view()->model();
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = model->index(row, 0);
            const QVariant file = index.data(MessageModel::AttachmentRole);
            if (file.isValid() && file.value<AttachmentView>().attachment.name == name)
                return index;
        }
        return {};
    }

    AttachmentView fileOf(const QString &name) const
    {
        return rowOf(name).data(MessageModel::AttachmentRole).value<AttachmentView>();
    }

    int visitorFiles() const
    {
        return int(std::count_if(controller->messages().cbegin(), controller->messages().cend(),
            [](const ChatMessage &m) { return !m.attachment.isNull(); }));
    }

    void drop(const QStringList &paths)
    {
        QWidget *page = window->findChild<QWidget *>(u"owidgetConversationPage"_s);
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString &path : paths)
            urls.append(QUrl::fromLocalFile(path));
        mime.setUrls(urls);
        const QPointF at = page->rect().center();
        QDragEnterEvent enter(at.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(page, &enter);
        QVERIFY(enter.isAccepted());
        QVERIFY(window->findChild<QLabel *>(u"owidgetDropHint"_s)->isVisible());
        QDropEvent dropped(at, Qt::CopyAction, &mime, Qt::LeftButton, {});
        QApplication::sendEvent(page, &dropped);
        QVERIFY(dropped.isAccepted());
        QVERIFY(!window->findChild<QLabel *>(u"owidgetDropHint"_s)->isVisible());
    }

    static QString accessibleText(const QModelIndex &index)
    {
        return index.data(Qt::AccessibleTextRole).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(files.isValid());
    }

    void init()
    {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QFile::remove(data + u"/owidget/sessions.json"_s);
        // The pictures start their conversation in their own language.
        if (QByteArray(QTest::currentTestFunction()) == "screenshots")
            return;
        QVERIFY2(converse(), server ? qPrintable(server->error()) : "no server");
    }

    void cleanup()
    {
        window.reset();
        controller.reset();
        alice.reset();
        server.reset();
    }

    // Dropped on the conversation, an image goes and comes back as its thumbnail, painted in
    // its bubble at the thumbnail's size.
    void droppedImageShowsAsThumbnail()
    {
        const QString path = writeFile(
            u"shot.png"_s, TestImages::encoded(1280, 720, "PNG", QColor(0x20, 0xA0, 0x40)));
        drop({ path });
        QTRY_VERIFY(rowOf(u"shot.png"_s).isValid());
        QTRY_VERIFY_WITH_TIMEOUT(fileOf(u"shot.png"_s).showsImage(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!fileOf(u"shot.png"_s).thumbnail.isNull(), 10000);

        const QModelIndex index = rowOf(u"shot.png"_s);
        view()->scrollTo(index);
        const QRect box = view()->messageDelegate()->attachmentRect(index);
        QCOMPARE(box.size(), QSize(240, 135));
        QTRY_VERIFY(view()->viewport()->rect().contains(box.center()));
        const QImage shown = view()->viewport()->grab().toImage();
        const QColor middle = shown.pixelColor(box.center() * shown.devicePixelRatio());
        QVERIFY2(qAbs(middle.green() - 0xA0) < 8 && qAbs(middle.red() - 0x20) < 8,
            qPrintable(middle.name()));
        QVERIFY2(
            accessibleText(index).contains(u"Image shot.png"_s), qPrintable(accessibleText(index)));
        QVERIFY(composerError().isEmpty());
    }

    // The paper clip, from the keyboard: a file chosen in the dialog shows as a card; Enter on
    // it asks where to save it, and the file saved is the one sent.
    void chosenFileShowsAsCardAndIsSavedAs()
    {
        QToolButton *clip = composer()->attachButton();
        QVERIFY(clip->isVisible());
        QCOMPARE(clip->accessibleName(), u"Attach a file"_s);
        composer()->emojiButton()->setFocus();
        QTest::keyClick(composer()->emojiButton(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), clip);
        QTest::keyClick(clip, Qt::Key_Space);
        auto *dialog = window->findChild<QFileDialog *>(u"owidgetAttachDialog"_s);
        QVERIFY(dialog);
        const QByteArray pdf = "%PDF-1.4\n% a report\n" + QByteArray(40000, 'r') + "\n%%EOF\n";
        const QString path = writeFile(u"report.pdf"_s, pdf);
        Q_EMIT dialog->filesSelected({ path });
        dialog->close();

        QTRY_VERIFY_WITH_TIMEOUT(!fileOf(u"report.pdf"_s).attachment.id.isEmpty(), 10000);
        const QModelIndex index = rowOf(u"report.pdf"_s);
        QVERIFY(!fileOf(u"report.pdf"_s).showsImage());
        QCOMPARE(view()->messageDelegate()->attachmentRect(index).width(), 260);
        QVERIFY2(accessibleText(index).contains(u"File report.pdf"_s),
            qPrintable(accessibleText(index)));
        // The saved transcript names it.
        QVERIFY2(window->transcript().contains(u"] You: [File: report.pdf, 39.1 kB]\n"_s),
            qPrintable(window->transcript()));

        view()->setFocus();
        view()->setCurrentIndex(index);
        QTest::keyClick(view(), Qt::Key_Return);
        auto *save = window->findChild<QFileDialog *>(u"owidgetAttachmentSaveDialog"_s);
        QVERIFY(save);
        const QString target = files.filePath(u"saved.pdf"_s);
        Q_EMIT save->fileSelected(target);
        save->close();
        auto *actions = window->findChild<OWidget::AttachmentActions *>();
        QTRY_COMPARE(actions->lastNotice(), u"Saved saved.pdf"_s);
        QFile saved(target);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), pdf);
    }

    // The visitor's file shows uploading at once; activating its bubble cancels it, and the
    // bubble goes.
    void uploadCancelledFromItsBubble()
    {
        const QString path = writeFile(u"big.png"_s, TestImages::encoded(2000, 2000));
        input()->sendFiles({ path });
        const QModelIndex index = rowOf(u"big.png"_s);
        QVERIFY(index.isValid());
        QVERIFY(fileOf(u"big.png"_s).isUploading());
        QCOMPARE(OWidget::AttachmentBubble::action(fileOf(u"big.png"_s)), u"Cancel"_s);
        QVERIFY2(accessibleText(index).contains(u"uploading"_s), qPrintable(accessibleText(index)));
        QSignalSpy cancelled(controller.get(), &Controller::attachmentCancelled);
        Q_EMIT view()->attachmentActivated(index);
        QCOMPARE(cancelled.size(), 1);
        QVERIFY(!rowOf(u"big.png"_s).isValid());
        QCOMPARE(visitorFiles(), 0);
    }

    // What the preset refuses is said before anything goes, with the limit or the types.
    void refusedFilesAreExplained()
    {
        const qint64 limit = controller->config().attachmentMaxBytes;
        QByteArray big = TestImages::encoded(8, 8);
        big.append(QByteArray(limit + 1024 * 1024 - big.size(), 'x'));
        drop({ writeFile(u"huge.png"_s, big) });
        QVERIFY2(composerError().contains(u"huge.png"_s)
                && composerError().contains(u"is 11 MB; files may be at most 10 MB"_s),
            qPrintable(composerError()));
        // In a narrow window the explanation takes two lines or more, and the message field
        // below it is shown whole.
        window->resize(320, 600);
        for (int i = 0; i < 4; ++i) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QCoreApplication::processEvents();
        }
        const QLabel *error = composer()->errorLabel();
        QVERIFY2(error->height() >= 2 * error->fontMetrics().lineSpacing(),
            qPrintable(u"%1 px high, %2 wide"_s.arg(error->height()).arg(error->width())));
        const QWidget *field = composer()->input();
        QVERIFY2(field->mapTo(composer(), field->rect().bottomLeft()).y() < composer()->height(),
            "the message field is cut off at the composer's bottom");
        QVERIFY(composer()->mapTo(window.get(), composer()->rect().bottomLeft()).y()
            < window->height());

        QByteArray binary(4096, '\0');
        for (int i = 0; i < binary.size(); ++i)
            binary[i] = char(i * 7 + 3);
        input()->sendFiles({ writeFile(u"tool.bin"_s, binary) });
        QVERIFY2(composerError().contains(u"not of a type this chat accepts"_s)
                && composerError().contains(u"application/pdf"_s),
            qPrintable(composerError()));
        QCOMPARE(visitorFiles(), 0);
    }

    // Ctrl+V with a screenshot on the clipboard attaches it; text still pastes as text.
    void pastedScreenshotIsAttached()
    {
        auto *field = composer()->input();
        field->setFocus();
        QGuiApplication::clipboard()->setText(u"just words"_s);
        QTest::keyClick(field, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(field->toPlainText(), u"just words"_s);
        QCOMPARE(visitorFiles(), 0);

        QImage screenshot(320, 200, QImage::Format_RGB32);
        screenshot.fill(Qt::darkMagenta);
        QGuiApplication::clipboard()->setImage(screenshot);
        QTest::keyClick(field, Qt::Key_V, Qt::ControlModifier);
        QCOMPARE(visitorFiles(), 1);
        QCOMPARE(field->toPlainText(), u"just words"_s); // nothing written into the text
        QTRY_VERIFY_WITH_TIMEOUT(fileOf(u"screenshot.png"_s).showsImage(), 10000);
        QCOMPARE(fileOf(u"screenshot.png"_s).attachment.pixelSize, QSize(320, 200));
    }

    // The paper clip shows only while the conversation can take a file.
    void clipOnlyWhileFilesCanGo()
    {
        QVERIFY(composer()->attachButton()->isVisible());
        alice->end(conversation);
        QTRY_COMPARE(controller->chatState(), ChatState::Ended);
        QVERIFY(composer()->attachButton()->isHidden());
        QVERIFY(!input()->isEnabled());
    }

    // Pictures for people to look at (screenshots/ in the build directory), light and dark, in
    // English and Czech: a photo, a document, a file on its way and one refused.
    void screenshots_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QString>("language");
        for (const QString &theme : { u"light"_s, u"dark"_s }) {
            for (const QString &language : { u"en"_s, u"cs"_s })
                QTest::addRow("%s-%s", qPrintable(theme), qPrintable(language))
                    << theme << language;
        }
    }

    void screenshots()
    {
        QFETCH(QString, theme);
        QFETCH(QString, language);
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QApplication::setPalette(
            theme == "dark"_L1 ? TestPalettes::dark() : QApplication::style()->standardPalette());
        QVERIFY2(converse(language), server ? qPrintable(server->error()) : "no server");
        const bool czech = language == "cs"_L1;

        QImage photo(1600, 1000, QImage::Format_RGB32);
        for (int y = 0; y < photo.height(); ++y) {
            const QColor sky = QColor::fromHsv(205, 120, 255 - y * 100 / photo.height());
            for (int x = 0; x < photo.width(); ++x)
                photo.setPixelColor(x, y, y > 700 + (x % 400) / 8 ? QColor(0x3C, 0x7A, 0x3A) : sky);
        }
        const QString photoPath = files.filePath(czech ? u"chyba.png"_s : u"error.png"_s);
        QVERIFY(photo.save(photoPath));
        input()->sendFiles({ photoPath });
        const QString photoName = QFileInfo(photoPath).fileName();
        QTRY_VERIFY_WITH_TIMEOUT(!fileOf(photoName).thumbnail.isNull(), 10000);
        alice->say(conversation,
            czech ? u"Děkuji, vidím to. Posílám návod."_s
                  : u"Thanks, I see it. Here is a guide."_s);
        QTRY_VERIFY(controller->messages().constLast().sender == ChatMessage::Sender::Operator);
        const QByteArray pdf = "%PDF-1.4\n" + QByteArray(180000, 'g') + "\n%%EOF\n";
        input()->sendFiles({ writeFile(
            czech ? u"Návod k nastavení účtu.pdf"_s : u"Account setup guide.pdf"_s, pdf) });
        QTRY_VERIFY_WITH_TIMEOUT(
            controller->messages().constLast().delivery == ChatMessage::Delivery::Delivered, 10000);
        // One on its way, as it shows the moment it is chosen.
        input()->sendFiles({ writeFile(czech ? u"záznam.txt"_s : u"log.txt"_s,
            QByteArray("2026-11-28 08:00 sync failed\n").repeated(20000)) });
        QByteArray big = TestImages::encoded(8, 8);
        big.append(QByteArray(controller->config().attachmentMaxBytes * 2, 'x'));
        drop({ writeFile(u"video.png"_s, big) });
        view()->scrollToBottom();

        const QString shots = QDir(QStringLiteral(QT_TESTCASE_BUILDDIR)).filePath(u"screenshots"_s);
        QVERIFY(QDir().mkpath(shots));
        const QString file = shots + u"/chatwindow-%1-%2-11-attachments.png"_s.arg(theme, language);
        QVERIFY2(window->grab().save(file), qPrintable(file));
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
};

QTEST_MAIN(tst_AttachmentsWindow)
#include "tst_attachments_window.moc"
