// Import validation: the demo file imports; every rule refuses a bad file with an error that
// names the file, the JSON path and the reason; a refused import writes nothing.

#include "serverharness.h"

#include "database.h"
#include "importer.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace OWidget::Server;

namespace {

QJsonObject demoDocument()
{
    QFile file(OWidgetTest::demoFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
    // The copies are written elsewhere, without the pictures the demo names beside it.
    QJsonArray companies = doc.value("companies"_L1).toArray();
    for (qsizetype c = 0; c < companies.size(); ++c) {
        QJsonObject company = companies.at(c).toObject();
        QJsonArray operators = company.value("operators"_L1).toArray();
        for (qsizetype o = 0; o < operators.size(); ++o) {
            QJsonObject op = operators.at(o).toObject();
            op.remove("avatar"_L1);
            operators[o] = op;
        }
        company.insert("operators"_L1, operators);
        companies[c] = company;
    }
    doc.insert("companies"_L1, companies);
    return doc;
}

int count(Database &db, const QString &table)
{
    QSqlQuery q(db.handle());
    if (!q.exec(u"SELECT COUNT(*) FROM "_s + table) || !q.next())
        return -1;
    return q.value(0).toInt();
}

// Applies `edit` to a copy of the demo document: the company, its first preset, its first
// operator.
using Edit = std::function<void(QJsonObject &company, QJsonObject &preset, QJsonObject &op)>;

QByteArray edited(const Edit &edit)
{
    QJsonObject doc = demoDocument();
    QJsonArray companies = doc.value("companies"_L1).toArray();
    QJsonObject company = companies.at(0).toObject();
    QJsonArray presets = company.value("presets"_L1).toArray();
    QJsonArray operators = company.value("operators"_L1).toArray();
    QJsonObject preset = presets.at(0).toObject();
    QJsonObject op = operators.at(0).toObject();
    edit(company, preset, op);
    if (company.contains("presets"_L1) && company.value("presets"_L1) == QJsonValue(presets)) {
        presets[0] = preset;
        company.insert("presets"_L1, presets);
    }
    if (company.contains("operators"_L1)
        && company.value("operators"_L1) == QJsonValue(operators)) {
        operators[0] = op;
        company.insert("operators"_L1, operators);
    }
    companies[0] = company;
    doc.insert("companies"_L1, companies);
    return QJsonDocument(doc).toJson();
}

/// An image of `size` in `format`, as a file would hold it.
QByteArray imageBytes(QSize size, const char *format)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(0x15, 0x65, 0xC0));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

/// The demo document, its first operator's avatar `file`, written to `dir` as data.json with
/// `bytes` as the picture (none when empty); the document's path.
QString withAvatar(const QTemporaryDir &dir, const QString &file, const QByteArray &bytes)
{
    if (!bytes.isEmpty()) {
        QFile picture(dir.filePath(file));
        if (!picture.open(QIODevice::WriteOnly))
            return {};
        picture.write(bytes);
    }
    QFile data(dir.filePath(u"data.json"_s));
    if (!data.open(QIODevice::WriteOnly))
        return {};
    data.write(
        edited([&](QJsonObject &, QJsonObject &, QJsonObject &o) { o.insert("avatar"_L1, file); }));
    return data.fileName();
}

} // namespace

class TestServerImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Crypto::initialize()); }

    void demoImports()
    {
        QTemporaryDir dir;
        Database db;
        QString error;
        QVERIFY2(db.open(dir.filePath(u"db.sqlite"_s), &error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY2(importer.importFile(OWidgetTest::demoFile(), &error), qPrintable(error));
        QCOMPARE(count(db, u"companies"_s), 1);
        QCOMPARE(count(db, u"presets"_s), 2);
        QCOMPARE(count(db, u"operators"_s), 3);
        QCOMPARE(count(db, u"operator_groups"_s), 2);
        // Importing again replaces, not duplicates.
        QVERIFY2(importer.importFile(OWidgetTest::demoFile(), &error), qPrintable(error));
        QCOMPARE(count(db, u"operators"_s), 3);
        // Passwords are stored as Argon2id hashes, never as given.
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"SELECT password_hash FROM operators WHERE login = 'alice'"_s));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toString().startsWith("$argon2id$"_L1));
        QVERIFY(Crypto::verifyPassword(q.value(0).toString(), u"alice-demo"_s));
    }

    void badFile_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected"); // the message after "bad.json: "

        QTest::newRow("not json") << "{ nope"_ba << u"not valid JSON"_s;
        QTest::newRow("not an object") << "[]"_ba << u"(document): must be a JSON object"_s;
        QTest::newRow("no companies")
            << "{\"companies\": []}"_ba << u"companies: must be a non-empty array"_s;
        QTest::newRow("company id") << edited([](QJsonObject &c, QJsonObject &, QJsonObject &) {
            c.insert("id"_L1, u"not-a-guid"_s);
        }) << u"companies[0].id: must be a GUID"_s;
        QTest::newRow("company name")
            << edited([](QJsonObject &c, QJsonObject &, QJsonObject &) { c.remove("name"_L1); })
            << u"companies[0].name: must be a non-empty string"_s;
        QTest::newRow("awayIsBusy") << edited([](QJsonObject &c, QJsonObject &, QJsonObject &) {
            c.insert("awayIsBusy"_L1, u"yes"_s);
        }) << u"companies[0].awayIsBusy: must be a boolean"_s;
        QTest::newRow("group name") << edited([](QJsonObject &c, QJsonObject &, QJsonObject &) {
            c.insert("groups"_L1, QJsonArray { u"Support Team"_s });
        }) << u"companies[0].groups[0]: must be 1-64 characters"_s;
        QTest::newRow("languages") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("languages"_L1, QJsonArray {});
        }) << u"companies[0].presets[0].languages: must be a non-empty array of language tags"_s;
        QTest::newRow("language tag") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("languages"_L1, QJsonArray { u"cs"_s, u"english!"_s });
        }) << u"companies[0].presets[0].languages: must be a non-empty array"_s;
        QTest::newRow("default language")
            << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
                   p.insert("defaultLanguage"_L1, u"de"_s);
               })
            << u"companies[0].presets[0].defaultLanguage: must be one of the preset's languages"_s;
        QTest::newRow("texts language") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            QJsonObject texts = p.value("texts"_L1).toObject();
            texts.insert("de"_L1, QJsonObject {});
            p.insert("texts"_L1, texts);
        }) << u"companies[0].presets[0].texts.de: is not one of the preset's languages"_s;
        QTest::newRow("field type") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("fields"_L1,
                QJsonArray { QJsonObject { { "name"_L1, u"x"_s }, { "type"_L1, u"date"_s } } });
        }) << u"companies[0].presets[0].fields[0].type: must be text, email, phone or textarea"_s;
        QTest::newRow("field name") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("fields"_L1,
                QJsonArray {
                    QJsonObject { { "name"_L1, u"Full Name"_s }, { "type"_L1, u"text"_s } } });
        }) << u"companies[0].presets[0].fields[0].name: must be 1-32 characters"_s;
        QTest::newRow("feature") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("features"_L1, QJsonObject { { "chat"_L1, 1 } });
        }) << u"companies[0].presets[0].features.chat: must be a boolean"_s;
        QTest::newRow("offlineBehavior") << edited(
            [](QJsonObject &, QJsonObject &p, QJsonObject &) {
                p.insert("offlineBehavior"_L1, u"hide"_s);
            }) << u"companies[0].presets[0].offlineBehavior: must be \"form\" or \"disabled\""_s;
        QTest::newRow("rating unknown") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("rating"_L1, u"smileys"_s);
        }) << u"companies[0].presets[0].rating: must be none, thumbs or stars"_s;
        QTest::newRow("rating a number")
            << edited(
                   [](QJsonObject &, QJsonObject &p, QJsonObject &) { p.insert("rating"_L1, 5); })
            << u"companies[0].presets[0].rating: must be none, thumbs or stars"_s;
        QTest::newRow("phoneRegion") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("phoneRegion"_L1, u"cz"_s);
        }) << u"companies[0].presets[0].phoneRegion: must be an ISO 3166-1 alpha-2 region"_s;
        QTest::newRow("colour") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("colors"_L1, QJsonObject { { "online"_L1, u"green"_s } });
        }) << u"companies[0].presets[0].colors.online: must be #RRGGBB"_s;
        QTest::newRow("preset group") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("groups"_L1, QJsonArray { u"nobody"_s });
        }) << u"companies[0].presets[0].groups[0]: must name one of the company's groups"_s;
        QTest::newRow("two defaults") << edited([](QJsonObject &c, QJsonObject &, QJsonObject &) {
            QJsonArray presets = c.value("presets"_L1).toArray();
            QJsonObject second = presets.at(1).toObject();
            second.insert("default"_L1, true);
            presets[1] = second;
            c.insert("presets"_L1, presets);
        }) << u"companies[0].presets: exactly one preset must have \"default\": true (found 2)"_s;
        QTest::newRow("operator login") << edited([](QJsonObject &, QJsonObject &, QJsonObject &o) {
            o.insert("login"_L1, u"Alice Smith"_s);
        }) << u"companies[0].operators[0].login: must be 1-64 characters"_s;
        QTest::newRow("operator password") << edited(
            [](QJsonObject &, QJsonObject &, QJsonObject &o) {
                o.insert("password"_L1, u"short"_s);
            }) << u"companies[0].operators[0].password: must be a string of 8-1024 characters"_s;
        QTest::newRow("operator group") << edited([](QJsonObject &, QJsonObject &, QJsonObject &o) {
            o.insert("groups"_L1, QJsonArray { u"nobody"_s });
        }) << u"companies[0].operators[0].groups[0]: must name one of the company's groups"_s;
        QTest::newRow("maxChats") << edited([](QJsonObject &, QJsonObject &, QJsonObject &o) {
            o.insert("maxChats"_L1, 0);
        }) << u"companies[0].operators[0].maxChats: must be an integer from 1 to 100"_s;
        QTest::newRow("duplicate login") << edited(
            [](QJsonObject &c, QJsonObject &, QJsonObject &) {
                QJsonArray operators = c.value("operators"_L1).toArray();
                QJsonObject second = operators.at(1).toObject();
                second.insert("login"_L1, u"alice"_s);
                operators[1] = second;
                c.insert("operators"_L1, operators);
            }) << u"companies[0].operators[1].login: duplicate operator login 'alice'"_s;
        const auto hours = [](const QJsonValue &zone, const QJsonObject &weekly) {
            return edited([=](QJsonObject &, QJsonObject &p, QJsonObject &) {
                p.insert("businessHours"_L1,
                    QJsonObject { { "timeZone"_L1, zone }, { "weekly"_L1, weekly } });
            });
        };
        const QJsonObject weekdays { { "mon"_L1,
            QJsonArray { QJsonArray { u"08:00"_s, u"17:00"_s } } } };
        QTest::newRow("time zone unknown")
            << hours(u"Europe/Atlantis"_s, weekdays)
            << u"companies[0].presets[0].businessHours.timeZone: is not a time zone this server "
               u"knows"_s;
        QTest::newRow("time zone a number")
            << hours(1, weekdays)
            << u"companies[0].presets[0]: field 'businessHours.timeZone' must be a string"_s;
        QTest::newRow("weekday misspelt")
            << hours(u"Europe/Prague"_s, { { "Mon"_L1, QJsonArray() } })
            << u"companies[0].presets[0]: field 'businessHours.weekly.Mon' is not a weekday"_s;
        QTest::newRow("closing time")
            << hours(u"Europe/Prague"_s,
                   { { "fri"_L1, QJsonArray { QJsonArray { u"08:00"_s, u"5 pm"_s } } } })
            << u"companies[0].presets[0]: field 'businessHours.weekly.fri[0][1]' must be a time"_s;
        QTest::newRow("intervals overlap")
            << hours(u"Europe/Prague"_s,
                   { { "sat"_L1,
                       QJsonArray { QJsonArray { u"09:00"_s, u"12:00"_s },
                           QJsonArray { u"11:00"_s, u"13:00"_s } } } })
            << u"companies[0].presets[0]: field 'businessHours.weekly.sat[1]' must start after"_s;
        QTest::newRow("expected reply") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("expectedReplyMinutes"_L1, 0);
        }) << u"companies[0].presets[0]: field 'expectedReplyMinutes' must be an integer from 1"_s;
        QTest::newRow("attachments too large")
            << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
                   p.insert("attachments"_L1,
                       QJsonObject { { "maxBytes"_L1, 26 * 1024 * 1024 },
                           { "types"_L1, QJsonArray { u"image/png"_s } } });
               })
            << u"companies[0].presets[0]: field 'attachments.maxBytes' must be an integer from 0 "
               u"to 26214400"_s;
        QTest::newRow("attachment type unknown") << edited(
            [](QJsonObject &, QJsonObject &p, QJsonObject &) {
                p.insert("attachments"_L1,
                    QJsonObject {
                        { "maxBytes"_L1, 1024 }, { "types"_L1, QJsonArray { u"text/html"_s } } });
            }) << u"companies[0].presets[0]: field 'attachments.types[0]' must be one of"_s;
    }

    // The preset's attachment limits are stored and served: the defaults when the data says
    // nothing, none when it says 0.
    void attachmentsStored()
    {
        const QByteArray json = edited([&](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("attachments"_L1,
                QJsonObject {
                    { "maxBytes"_L1, 0 }, { "types"_L1, QJsonArray { u"image/png"_s } } });
        });
        QTemporaryDir dir;
        Database db;
        QString error;
        QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY2(importer.importJson(json, u"attachments.json"_s, &error), qPrintable(error));
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"SELECT config FROM presets ORDER BY name"_s));
        QVERIFY(q.next());
        QVERIFY(!q.value(0).toString().contains("attachments"_L1));
        QVERIFY(q.next());
        const QJsonObject other = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        const QJsonObject limits = other.value("attachments"_L1).toObject();
        QCOMPARE(limits.value("maxBytes"_L1).toInteger(), 10 * 1024 * 1024);
        QCOMPARE(limits.value("types"_L1).toArray().size(), 6);
    }

    void avatarRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");

        const QByteArray png = imageBytes({ 40, 40 }, "PNG");
        QTest::newRow("missing") << QByteArray() << u"cannot be read"_s;
        QTest::newRow("text") << "hello"_ba << u"must be a PNG or JPEG image"_s;
        QTest::newRow("BMP") << imageBytes({ 40, 40 }, "BMP") << u"must be a PNG or JPEG image"_s;
        QTest::newRow("too wide") << imageBytes({ 1025, 10 }, "PNG")
                                  << u"must be at most 1024 × 1024 pixels"_s;
        // A header that claims 100,000 × 100,000 pixels: refused before anything is decoded.
        QByteArray huge = png;
        huge.replace(16, 8, QByteArray::fromHex("000186a0000186a0"));
        QTest::newRow("lying size") << huge << u"must be at most 1024 × 1024 pixels"_s;
        QTest::newRow("truncated") << png.left(png.size() / 2) << u"is not a readable image"_s;
        QTest::newRow("over 512 KiB")
            << png + QByteArray(512 * 1024, '\0') << u"must be at most 512 KiB"_s;
    }

    void avatarRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = withAvatar(dir, u"alice.png"_s, bytes);
        Database db;
        QString error;
        QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY(!importer.importFile(path, &error));
        QVERIFY2(error.contains(u"companies[0].operators[0].avatar: must name a PNG or JPEG file: "
                                u"'alice.png' "_s
                     + expected),
            qPrintable(error));
        QCOMPARE(count(db, u"operators"_s), 0);
    }

    // A picture beside the import file is stored small and square, and served to anyone at a
    // fixed address for good; a replaced import replaces it.
    void avatarStoredAndServed()
    {
        QTemporaryDir dir;
        const QString path = withAvatar(dir, u"alice.jpg"_s, imageBytes({ 300, 200 }, "JPEG"));
        OWidgetTest::TestServer server(path);
        QSqlQuery q(server.server().database().handle());
        QVERIFY(q.exec(u"SELECT id, login FROM operator_avatars"_s));
        QVERIFY(q.next());
        const QString id = q.value(0).toString();
        QCOMPARE(q.value(1).toString(), u"alice"_s);
        QVERIFY(!q.next());
        QVERIFY(!id.contains(u"alice"_s));

        QNetworkAccessManager network;
        const auto get = [&](const QString &route) {
            std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(server.url(route))));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            finished.wait(10000);
            return reply;
        };
        const auto reply = get(u"/v1/avatars/"_s + id + u".png"_s);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(), u"image/png"_s);
        QVERIFY(reply->rawHeader("Cache-Control"_ba).contains("max-age=31536000"));
        const QByteArray body = reply->readAll();
        QBuffer buffer(const_cast<QByteArray *>(&body));
        QImageReader reader(&buffer, "png");
        QCOMPARE(reader.size(), QSize(96, 96));

        for (const QString &route : { QString(u"/v1/avatars/"_s + id), u"/v1/avatars/alice.png"_s,
                 u"/v1/avatars/0123456789abcdef0123456789abcdef.png"_s }) {
            QCOMPARE(get(route)->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        }
    }

    // Business hours and the expected reply are stored and served as given.
    void businessHoursStored()
    {
        const QJsonObject hours { { "timeZone"_L1, u"America/New_York"_s },
            { "weekly"_L1,
                QJsonObject { { "mon"_L1,
                                  QJsonArray { QJsonArray { u"09:00"_s, u"12:00"_s },
                                      QJsonArray { u"13:00"_s, u"24:00"_s } } },
                    { "sun"_L1, QJsonArray { QJsonArray { u"00:00"_s, u"06:30"_s } } } } } };
        const QByteArray json = edited([&](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("businessHours"_L1, hours);
            p.insert("expectedReplyMinutes"_L1, 5);
        });
        QTemporaryDir dir;
        Database db;
        QString error;
        QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY2(importer.importJson(json, u"hours.json"_s, &error), qPrintable(error));
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"SELECT config FROM presets ORDER BY name"_s));
        QVERIFY(q.next());
        const QJsonObject stored = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        QCOMPARE(stored.value("businessHours"_L1).toObject(), hours);
        QCOMPARE(stored.value("expectedReplyMinutes"_L1).toInt(), 5);
        // The other preset has none, and says none.
        QVERIFY(q.next());
        QVERIFY(!q.value(0).toString().contains("businessHours"_L1));
    }

    // The preset's rating is stored with it and served: none when the data says nothing.
    void rating_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("demo") << edited([](QJsonObject &, QJsonObject &, QJsonObject &) {})
                              << u"stars"_s;
        QTest::newRow("thumbs") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.insert("rating"_L1, u"thumbs"_s);
        }) << u"thumbs"_s;
        QTest::newRow("absent") << edited([](QJsonObject &, QJsonObject &p, QJsonObject &) {
            p.remove("rating"_L1);
        }) << u"none"_s;
    }
    void rating()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"data.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();

        Database db;
        QString error;
        QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY2(importer.importFile(path, &error), qPrintable(error));
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"SELECT config FROM presets WHERE name = 'podpora'"_s) && q.next());
        const QJsonObject config = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        QCOMPARE(config.value("rating"_L1).toString(), expected);
    }

    void badFile()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(json);
        file.close();

        Database db;
        QString error;
        QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY(!importer.importFile(path, &error));
        QVERIFY2(error.startsWith(path + u": "_s), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        for (const auto &table : { u"companies"_s, u"presets"_s, u"operators"_s,
                 u"operator_groups"_s, u"operator_memberships"_s })
            QCOMPARE(count(db, table), 0);
    }

    // Lengths are counted in characters (code points), as the client that reads the preset
    // counts them: a text of 1,000 emoji is 2,000 UTF-16 units and still within the limit.
    void lengthsInCharacters()
    {
        QString emoji;
        for (int i = 0; i < 1000; ++i)
            emoji.append(QChar::fromUcs4(0x1F600));
        const QByteArray json = edited([&](QJsonObject &, QJsonObject &p, QJsonObject &) {
            QJsonObject texts = p.value("texts"_L1).toObject();
            const QString language = p.value("languages"_L1).toArray().at(0).toString();
            QJsonObject own = texts.value(language).toObject();
            own.insert("greeting"_L1, emoji);
            texts.insert(language, own);
            p.insert("texts"_L1, texts);
        });
        QTemporaryDir dir;
        Database db;
        QString error;
        QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY2(importer.importJson(json, u"emoji.json"_s, &error), qPrintable(error));
        QCOMPARE(count(db, u"presets"_s), 2);
    }

    void failedImportKeepsOldConfiguration()
    {
        QTemporaryDir dir;
        Database db;
        QString error;
        QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        Importer importer(db, Crypto::PasswordCost::Cheap);
        QVERIFY(importer.importFile(OWidgetTest::demoFile(), &error));
        // Another company that claims alice's login: refused, and the demo company is intact.
        const QByteArray other = edited([](QJsonObject &c, QJsonObject &, QJsonObject &) {
            c.insert("id"_L1, u"00000000-0000-0000-0000-000000000001"_s);
        });
        QVERIFY(!importer.importJson(other, u"other.json"_s, &error));
        QVERIFY2(error.contains(u"other.json: companies[0].operators[0].login: is already used"_s),
            qPrintable(error));
        QCOMPARE(count(db, u"companies"_s), 1);
        QCOMPARE(count(db, u"operators"_s), 3);
        QCOMPARE(count(db, u"presets"_s), 2);
    }

    void schemaSurvivesReopen()
    {
        QTemporaryDir dir;
        QString error;
        {
            Database db;
            QVERIFY(db.open(dir.filePath(u"db.sqlite"_s), &error));
        }
        Database db;
        QVERIFY2(db.open(dir.filePath(u"db.sqlite"_s), &error), qPrintable(error));
        QCOMPARE(db.schemaVersion(), Database::latestSchemaVersion());
        QSqlQuery q(db.handle());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
    }
};

QTEST_GUILESS_MAIN(TestServerImport)
#include "tst_server_import.moc"
