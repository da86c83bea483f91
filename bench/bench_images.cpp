// Memory of a conversation showing 200 images: a ChatWindow is open on a conversation, the
// visitor sends 200 photos (1600×1200 JPEG) through the real server, and the window is scrolled
// through from the top to the end until every image's thumbnail has come. The figure is how much
// this process grew from the open window to then (the uploads' buffers included). Beside it, in the
// same run: the same 200 photos decoded whole and held (what a window showing the originals would
// keep), and the thumbnails' own pixel bytes.
#include "benchsupport.h"

#include "serverprocess.h"

#include <owidget/chatwindow.h>
#include <owidget/controller.h>

#include <QImage>
#include <QListView>
#include <QPainter>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

constexpr QSize PhotoSize(1600, 1200);

// A photo-like picture: a gradient with noise, so that JPEG keeps a few hundred KB of it.
bool writePhoto(const QString &path, int seed)
{
    QImage image(PhotoSize, QImage::Format_RGB32);
    QRandomGenerator generator(static_cast<quint32>(seed));
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int noise = int(generator.bounded(48));
            line[x] = qRgb((x / 7 + seed * 13 + noise) % 256, (y / 5 + noise) % 256,
                (x + y + seed) / 11 % 256);
        }
    }
    return image.save(path, "JPEG", 85);
}

void images(benchmark::State &state)
{
    const int count = int(state.range(0));
    for (auto _ : state) {
        QTemporaryDir dir;
        QStringList photos;
        for (int i = 0; i < count; ++i) {
            photos.append(dir.filePath(u"photo-%1.jpg"_s.arg(i)));
            if (!writePhoto(photos.constLast(), i))
                return Bench::fail(state, u"the photos could not be written"_s);
        }
        ServerProcess server;
        server.setExtraArguments({ u"--attachments-per-conversation"_s, QString::number(count),
            u"--message-rate"_s, u"100000"_s });
        if (!server.start())
            return Bench::fail(state, u"owidget-server did not start: "_s + server.error());
        Bench::Operator op(server.url());
        if (!op.connectAs(u"alice"_s, u"alice-demo"_s))
            return Bench::fail(state, u"the operator could not log in"_s);
        op.setAvailability(u"online"_s);

        OWidget::Controller controller;
        if (!Bench::startConversation(controller, server.url(), op))
            return Bench::fail(state, u"the conversation did not start"_s);
        // The window is open on the conversation before the photos go: what it costs itself is
        // not counted.
        OWidget::ChatWindow window;
        window.setController(&controller);
        window.resize(380, 600);
        controller.openChat();
        window.show();
        auto *view = window.findChild<QListView *>(u"owidgetMessageView"_s);
        if (!view)
            return Bench::fail(state, u"no conversation view"_s);
        Bench::waitUntil([] { return false; }, 200);
        int thumbnails = 0;
        qint64 thumbnailBytes = 0;
        QObject::connect(&controller, &OWidget::Controller::attachmentThumbnailReady, &controller,
            [&](const QString &, const QImage &thumbnail) {
                ++thumbnails;
                thumbnailBytes += thumbnail.sizeInBytes();
            });
        const qint64 before = Bench::rssKiB();
        int delivered = 0;
        QObject::connect(&controller, &OWidget::Controller::messageDelivered, &controller,
            [&delivered] { ++delivered; });
        for (const QString &photo : std::as_const(photos)) {
            if (controller.sendAttachment(photo).isEmpty())
                return Bench::fail(state, u"a photo was refused"_s);
        }
        if (!Bench::waitUntil([&] { return delivered == count; }, 300000))
            return Bench::fail(state, u"not every photo was delivered"_s);

        // Scrolled through as a person reads back, until every thumbnail came.
        QScrollBar *bar = view->verticalScrollBar();
        for (int value = bar->minimum(); value <= bar->maximum(); value += view->height() / 2) {
            bar->setValue(value);
            Bench::waitUntil([] { return false; }, 5);
        }
        if (!Bench::waitUntil([&] { return thumbnails >= count; }, 120000))
            return Bench::fail(state, u"%1 of %2 thumbnails came"_s.arg(thumbnails).arg(count));
        const qint64 shown = Bench::rssKiB() - before;

        // The reference: the originals decoded and held.
        const qint64 beforeOriginals = Bench::rssKiB();
        QList<QImage> originals;
        qint64 originalBytes = 0;
        for (const QString &photo : std::as_const(photos)) {
            originals.append(QImage(photo));
            originalBytes += originals.constLast().sizeInBytes();
        }
        const qint64 held = Bench::rssKiB() - beforeOriginals;

        state.SetIterationTime(1);
        state.counters["value"] = double(shown);    // KiB, the window with 200 images
        state.counters["reference"] = double(held); // KiB, the originals decoded
        state.counters["thumbnails_kib"] = double(thumbnailBytes / 1024);
        state.counters["originals_kib"] = double(originalBytes / 1024);
        state.counters["n"] = count;
    }
}

} // namespace

void registerImageBenchmarks()
{
    benchmark::RegisterBenchmark("images_memory", images)
        ->Arg(Bench::size(4, 200))
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
}
