// Attachment upload: a 20 MB file sent by the visitor's Controller (sendAttachment until
// attachmentUploaded: the server has stored it and answered), next to a bare
// QNetworkAccessManager POST of the same file to the same route of the same server, for a
// conversation of a raw visitor socket, alternating. The server reads both bodies the same way;
// the figure is what the controller adds (its checks of the file, its streaming, its retries'
// bookkeeping).
#include "benchsupport.h"

#include "serverprocess.h"

#include <owidget/controller.h>

#include <algorithm>

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxBytes = 25 * 1024 * 1024;

// The demo data with every preset taking PDFs up to 25 MiB (the protocol's ceiling).
bool writeImport(const QTemporaryDir &dir, QString *path)
{
    const QString demo = QStringLiteral(OWIDGET_SOURCE_DIR "/server/demo/");
    QFile in(demo + u"demo.json"_s);
    if (!in.open(QIODevice::ReadOnly)
        || !QFile::copy(demo + u"alice.png"_s, dir.filePath(u"alice.png"_s)))
        return false;
    QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
    QJsonArray companies = root.value(u"companies"_s).toArray();
    for (auto company = companies.begin(); company != companies.end(); ++company) {
        QJsonObject object = company->toObject();
        QJsonArray presets = object.value(u"presets"_s).toArray();
        for (auto preset = presets.begin(); preset != presets.end(); ++preset) {
            QJsonObject p = preset->toObject();
            p.insert(u"attachments"_s,
                QJsonObject { { u"maxBytes"_s, MaxBytes },
                    { u"types"_s, QJsonArray { u"application/pdf"_s } } });
            *preset = p;
        }
        object.insert(u"presets"_s, presets);
        *company = object;
    }
    root.insert(u"companies"_s, companies);
    *path = dir.filePath(u"demo.json"_s);
    QFile out(*path);
    return out.open(QIODevice::WriteOnly) && out.write(QJsonDocument(root).toJson()) > 0;
}

// A PDF by its first bytes, random after them.
bool writeFile(const QString &path, qint64 size)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QByteArray bytes("%PDF-1.7\n");
    bytes.resize(size);
    QRandomGenerator generator(2026);
    for (qint64 i = 9; i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return file.write(bytes) == size;
}

// A raw visitor's conversation: its id and the secret that names it in an upload's headers.
bool startRaw(
    Bench::RawWidget &visitor, Bench::Operator &op, QString *conversation, QString *secret)
{
    QString last;
    visitor.onMessage = [&](const QJsonObject &message) {
        last = message.value(u"type"_s).toString();
        if (last == "created"_L1)
            *conversation = message.value(u"conversation"_s).toString();
    };
    if (!Bench::waitUntil([&] { return visitor.welcomed(); }))
        return false;
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), 8);
    *secret = QString::fromLatin1(
        random.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    visitor.send({ { u"type"_s, u"start"_s }, { u"clientId"_s, u"upload-start"_s },
        { u"secret"_s, *secret }, { u"fields"_s, QJsonObject { { u"name"_s, u"Bench"_s } } } });
    if (!Bench::waitUntil([&] { return !conversation->isEmpty(); }))
        return false;
    const bool joined = Bench::accepted(op, [&] { return last == "joined"_L1; });
    visitor.onMessage = nullptr;
    return joined;
}

// One bare upload of `path`; its time in ms, or a negative number when it was not stored.
double bareUpload(QNetworkAccessManager &network, const QUrl &url, const QString &conversation,
    const QString &secret, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    QNetworkRequest request(url.resolved(QUrl(u"v1/attachments"_s)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/pdf"_s);
    request.setRawHeader("X-OWidget-Conversation", conversation.toLatin1());
    request.setRawHeader("X-OWidget-Secret", secret.toLatin1());
    request.setRawHeader("X-OWidget-File-Name", "bench.pdf");
    QElapsedTimer clock;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(network.post(request, &file));
    if (!Bench::waitUntil([&] { return reply->isFinished(); }, 120000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return status == 201 ? double(clock.nsecsElapsed()) / 1e6 : -1;
}

// One upload of `path` by the controller, until the server answered with the stored file.
double controllerUpload(OWidget::Controller &controller, const QString &path)
{
    bool uploaded = false;
    QString clientId;
    const auto connection = QObject::connect(&controller, &OWidget::Controller::attachmentUploaded,
        &controller, [&](const QString &id) { uploaded = uploaded || id == clientId; });
    QElapsedTimer clock;
    clock.start();
    clientId = controller.sendAttachment(path);
    const bool done = !clientId.isEmpty() && Bench::waitUntil([&] { return uploaded; }, 120000);
    QObject::disconnect(connection);
    return done ? double(clock.nsecsElapsed()) / 1e6 : -1;
}

void upload(benchmark::State &state)
{
    const qint64 size = state.range(0);
    const int rounds = Bench::size(1, 3);
    for (auto _ : state) {
        QTemporaryDir dir;
        QString import;
        const QString file = dir.filePath(u"bench.pdf"_s);
        if (!dir.isValid() || !writeImport(dir, &import) || !writeFile(file, size))
            return Bench::fail(state, u"the files could not be written"_s);
        ServerProcess server;
        server.setImportFile(import);
        if (!server.start())
            return Bench::fail(state, u"owidget-server did not start: "_s + server.error());
        Bench::Operator op(server.url());
        if (!op.connectAs(u"alice"_s, u"alice-demo"_s))
            return Bench::fail(state, u"the operator could not log in"_s);
        bool online = false;
        op.onMessage = [&online](const QJsonObject &m) {
            online = online || m.value(u"type"_s).toString() == "availability"_L1;
        };
        op.setAvailability(u"online"_s);
        if (!Bench::waitUntil([&] { return online; }, 15000))
            return Bench::fail(state, u"the operator did not go online"_s);
        op.onMessage = nullptr;

        OWidget::Controller controller;
        Bench::RawWidget visitor(Bench::socketUrl(server.url(), u"v1/socket"_s));
        QString conversation;
        QString secret;
        if (!Bench::startConversation(controller, server.url(), op))
            return Bench::fail(state, u"the controller's conversation did not start"_s);
        if (!startRaw(visitor, op, &conversation, &secret))
            return Bench::fail(state, u"the raw visitor's conversation did not start"_s);

        QNetworkAccessManager network;
        QList<double> own;
        QList<double> bare;
        for (int i = 0; i < rounds; ++i) {
            bare.append(bareUpload(network, server.url(), conversation, secret, file));
            own.append(controllerUpload(controller, file));
        }
        if (std::any_of(own.cbegin(), own.cend(), [](double ms) { return ms < 0; })
            || std::any_of(bare.cbegin(), bare.cend(), [](double ms) { return ms < 0; }))
            return Bench::fail(state, u"an upload was not stored"_s);
        const double ownMs = Bench::percentile(own, 50);
        const double bareMs = Bench::percentile(bare, 50);
        state.SetIterationTime(ownMs / 1000);
        state.counters["value"] = ownMs;
        state.counters["reference"] = bareMs;
        state.counters["mb_per_s"] = double(size) / 1e6 / (ownMs / 1000);
        state.counters["ref_mb_per_s"] = double(size) / 1e6 / (bareMs / 1000);
        state.counters["n"] = double(size) / 1e6;
    }
}

} // namespace

void registerUploadBenchmarks()
{
    benchmark::RegisterBenchmark("upload", upload)
        ->Arg(Bench::isSmoke() ? 1000000 : 20000000)
        ->Iterations(1)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
}
