// The configuration document (docs/protocol.md, section 2): the protocol's example and a minimal
// document parsed, each rule broken once and refused with an error that names the field, and
// the PresetConfig helpers that read it.
#include "protocol_p.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace OWidget;
using namespace OWidget::Protocol;

namespace {

// Verbatim from docs/protocol.md, section 2.
const QByteArray exampleDocument = R"({
  "protocol": 1,
  "company": "6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20",
  "preset": "support",
  "languages": ["cs", "en"],
  "defaultLanguage": "cs",
  "texts": {
    "cs": { "title": "Podpora", "greeting": "Dobrý den, jak vám můžeme pomoci?",
            "offline": "Teď tu nikdo není. Zanechte nám zprávu.", "busy": "Všichni operátoři jsou vytíženi." },
    "en": { "title": "Support", "greeting": "Hello, how can we help?",
            "offline": "Nobody is here right now. Leave us a message.", "busy": "All operators are busy." }
  },
  "fields": [
    { "name": "name",  "type": "text",  "required": true,  "label": { "cs": "Jméno", "en": "Name" } },
    { "name": "email", "type": "email", "required": false, "label": { "cs": "E-mail", "en": "E-mail" } },
    { "name": "phone", "type": "phone", "required": false, "label": { "cs": "Telefon", "en": "Phone" } }
  ],
  "features": { "chat": true, "callback": true, "offlineMessage": true },
  "offlineBehavior": "form",
  "phoneRegion": "CZ",
  "colors": { "online": "#2E7D32", "busy": "#F9A825", "offline": "#757575", "accent": "#1565C0" },
  "socket": "/v1/socket",
  "heartbeatSeconds": 15
})"_ba;

const QByteArray minimalDocument
    = R"({"protocol":1,"company":"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20","preset":"",
          "languages":["en"],"defaultLanguage":"en","socket":"wss://chat.example.com/v1/socket"})"_ba;

/// `root` with the value at `path` (keys and array indexes) replaced by `value`, or removed when
/// `value` is undefined.
QJsonValue replaced(const QJsonValue &root, QStringList path, const QJsonValue &value)
{
    const QString head = path.takeFirst();
    const bool remove = path.isEmpty() && value.isUndefined();
    if (root.isArray()) {
        QJsonArray array = root.toArray();
        const int index = head.toInt();
        if (remove)
            array.removeAt(index);
        else
            array[index] = path.isEmpty() ? value : replaced(array.at(index), path, value);
        return array;
    }
    QJsonObject object = root.toObject();
    if (remove)
        object.remove(head);
    else
        object[head] = path.isEmpty() ? value : replaced(object.value(head), path, value);
    return object;
}

/// The example document with the value at `path` ("fields/0/name") replaced or removed.
QByteArray exampleWith(const QString &path, const QJsonValue &value = QJsonValue::Undefined)
{
    const QJsonValue root = QJsonDocument::fromJson(exampleDocument).object();
    return QJsonDocument(replaced(root, path.split(u'/'), value).toObject()).toJson();
}

/// A JSON array of `count` copies of `value`.
QJsonArray repeated(const QJsonValue &value, int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(value);
    return array;
}

/// `count` valid pre-chat fields with distinct names.
QJsonArray formFields(int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(QJsonObject { { "name"_L1, u"f%1"_s.arg(i) }, { "type"_L1, u"text"_s } });
    return array;
}

/// The example document padded with a field the parser does not know, to exactly `size` bytes.
QByteArray exampleOfSize(qsizetype size)
{
    const qsizetype unpadded = exampleWith(u"pad"_s, QString()).size();
    return exampleWith(u"pad"_s, QString(size - unpadded, u'x'));
}

/// Business hours in Prague: weekdays 8:00-17:00, Saturday 9:00-12:00 and 13:00-15:00.
QJsonObject pragueHours()
{
    const QJsonArray day { QJsonArray { u"08:00"_s, u"17:00"_s } };
    return { { "timeZone"_L1, u"Europe/Prague"_s },
        { "weekly"_L1,
            QJsonObject { { "mon"_L1, day }, { "tue"_L1, day }, { "wed"_L1, day },
                { "thu"_L1, day }, { "fri"_L1, day },
                { "sat"_L1,
                    QJsonArray { QJsonArray { u"09:00"_s, u"12:00"_s },
                        QJsonArray { u"13:00"_s, u"15:00"_s } } } } } };
}

/// The example document with business hours whose week is `weekly`.
QByteArray exampleWithWeekly(const QJsonObject &weekly)
{
    return exampleWith(u"businessHours"_s,
        QJsonObject { { "timeZone"_L1, u"Europe/Prague"_s }, { "weekly"_L1, weekly } });
}

PresetConfig parsed(const QByteArray &document, QString *why)
{
    const auto result = parsePresetConfig(document);
    if (const auto *error = std::get_if<DecodeError>(&result)) {
        *why = error->message;
        return {};
    }
    return std::get<PresetConfig>(result);
}

} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void example();
    void minimal();
    void acceptedAtTheLimits_data();
    void acceptedAtTheLimits();
    void refused_data();
    void refused();
    void fieldLabel();
    void rating_data();
    void rating();
    void presetText();
    void businessHours();
    void businessHoursEncoded();
    void openAndNextOpening_data();
    void openAndNextOpening();
};

void TestConfig::example()
{
    QString why;
    const PresetConfig config = parsed(exampleDocument, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    QCOMPARE(config.company, u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s);
    QCOMPARE(config.preset, u"support"_s);
    QCOMPARE(config.languages, QStringList({ u"cs"_s, u"en"_s }));
    QCOMPARE(config.defaultLanguage, u"cs"_s);

    QCOMPARE(config.texts.size(), 2);
    QCOMPARE(config.texts.value(u"cs"_s).size(), 4);
    QCOMPARE(config.text(u"cs"_s, u"title"_s), u"Podpora"_s);
    QCOMPARE(config.text(u"cs"_s, u"greeting"_s), u"Dobrý den, jak vám můžeme pomoci?"_s);
    QCOMPARE(config.text(u"cs"_s, u"offline"_s), u"Teď tu nikdo není. Zanechte nám zprávu."_s);
    QCOMPARE(config.text(u"cs"_s, u"busy"_s), u"Všichni operátoři jsou vytíženi."_s);
    QCOMPARE(config.text(u"en"_s, u"title"_s), u"Support"_s);
    QCOMPARE(config.text(u"en"_s, u"greeting"_s), u"Hello, how can we help?"_s);
    QCOMPARE(
        config.text(u"en"_s, u"offline"_s), u"Nobody is here right now. Leave us a message."_s);
    QCOMPARE(config.text(u"en"_s, u"busy"_s), u"All operators are busy."_s);

    QCOMPARE(config.fields.size(), 3);
    QCOMPARE(config.fields.at(0).name, u"name"_s);
    QCOMPARE(config.fields.at(0).type, FormField::Type::Text);
    QCOMPARE(config.fields.at(0).required, true);
    QCOMPARE(config.fields.at(0).label(u"cs"_s), u"Jméno"_s);
    QCOMPARE(config.fields.at(0).label(u"en"_s), u"Name"_s);
    QCOMPARE(config.fields.at(1).name, u"email"_s);
    QCOMPARE(config.fields.at(1).type, FormField::Type::Email);
    QCOMPARE(config.fields.at(1).required, false);
    QCOMPARE(config.fields.at(1).labels.value(u"cs"_s), u"E-mail"_s);
    QCOMPARE(config.fields.at(2).name, u"phone"_s);
    QCOMPARE(config.fields.at(2).type, FormField::Type::Phone);
    QCOMPARE(config.fields.at(2).required, false);
    QCOMPARE(config.fields.at(2).label(u"cs"_s), u"Telefon"_s);

    QVERIFY(config.chatEnabled);
    QVERIFY(config.callbackEnabled);
    QVERIFY(config.offlineMessageEnabled);
    QCOMPARE(config.offlineBehavior, PresetConfig::OfflineBehavior::Form);
    QCOMPARE(config.phoneRegion, u"CZ"_s);
    QCOMPARE(config.onlineColor, QColor(0x2E, 0x7D, 0x32));
    QCOMPARE(config.busyColor, QColor(0xF9, 0xA8, 0x25));
    QCOMPARE(config.offlineColor, QColor(0x75, 0x75, 0x75));
    QCOMPARE(config.accentColor, QColor(0x15, 0x65, 0xC0));
    QCOMPARE(config.socket, u"/v1/socket"_s);
    QCOMPARE(config.heartbeatSeconds, 15);
}

void TestConfig::minimal()
{
    QString why;
    const PresetConfig config = parsed(minimalDocument, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    QCOMPARE(config.preset, QString());
    QCOMPARE(config.languages, QStringList { u"en"_s });
    QCOMPARE(config.defaultLanguage, u"en"_s);
    QVERIFY(config.texts.isEmpty());
    QVERIFY(config.fields.isEmpty());
    QVERIFY(!config.chatEnabled);
    QVERIFY(!config.callbackEnabled);
    QVERIFY(!config.offlineMessageEnabled);
    QCOMPARE(config.offlineBehavior, PresetConfig::OfflineBehavior::Form);
    QCOMPARE(config.phoneRegion, QString());
    QVERIFY(!config.onlineColor.isValid());
    QVERIFY(!config.busyColor.isValid());
    QVERIFY(!config.offlineColor.isValid());
    QVERIFY(!config.accentColor.isValid());
    QCOMPARE(config.socket, u"wss://chat.example.com/v1/socket"_s);
    QCOMPARE(config.heartbeatSeconds, 15);
    QCOMPARE(config.text(u"en"_s, u"title"_s), QString());
}

void TestConfig::acceptedAtTheLimits_data()
{
    QTest::addColumn<QByteArray>("document");

    QStringList languages { u"cs"_s, u"en"_s };
    for (int i = languages.size(); i < MaxLanguages; ++i)
        languages.append(u"q"_s + QChar(u'a' + i / 26) + QChar(u'a' + i % 26));
    QTest::newRow("32 languages") << exampleWith(
        u"languages"_s, QJsonArray::fromStringList(languages));
    QTest::newRow("16-character tag")
        << exampleWith(u"languages"_s, QJsonArray { u"cs"_s, u"en"_s, u"en-Latn-GB-x-abc"_s });
    QTest::newRow("16 fields") << exampleWith(u"fields"_s, formFields(MaxFields));
    QTest::newRow("32-character field name")
        << exampleWith(u"fields/0/name"_s, QString(MaxFieldNameLength, u'a'));
    QTest::newRow("textarea field") << exampleWith(u"fields/0/type"_s, u"textarea"_s);
    QTest::newRow("text of 1000 characters")
        << exampleWith(u"texts/cs/title"_s, QString(MaxConfigTextLength, u'ž'));
    QTest::newRow("unknown text key") << exampleWith(u"texts/en/farewell"_s, u"Bye"_s);
    QTest::newRow("label of 200 characters")
        << exampleWith(u"fields/0/label/cs"_s, QString(MaxLabelLength, u'a'));
    QTest::newRow("lower-case colour") << exampleWith(u"colors/accent"_s, u"#1565c0"_s);
    QTest::newRow("empty phone region") << exampleWith(u"phoneRegion"_s, QString());
    QTest::newRow("offline disabled") << exampleWith(u"offlineBehavior"_s, u"disabled"_s);
    QTest::newRow("absolute ws socket")
        << exampleWith(u"socket"_s, u"ws://127.0.0.1:8080/v1/socket"_s);
    QTest::newRow("heartbeat 1") << exampleWith(u"heartbeatSeconds"_s, 1);
    QTest::newRow("heartbeat 300") << exampleWith(u"heartbeatSeconds"_s, 300);
    QTest::newRow("256 KiB") << exampleOfSize(MaxConfigBytes);
    QTest::newRow("business hours") << exampleWith(u"businessHours"_s, pragueHours());
    QTest::newRow("open until midnight") << exampleWithWeekly(
        { { "sun"_L1, QJsonArray { QJsonArray { u"00:00"_s, u"24:00"_s } } } });
    QTest::newRow("no opening at all") << exampleWithWeekly({});
    QTest::newRow("8 intervals a day") << exampleWithWeekly({ { "mon"_L1,
        QJsonArray { QJsonArray { u"01:00"_s, u"02:00"_s }, QJsonArray { u"02:00"_s, u"03:00"_s },
            QJsonArray { u"04:00"_s, u"05:00"_s }, QJsonArray { u"06:00"_s, u"07:00"_s },
            QJsonArray { u"08:00"_s, u"09:00"_s }, QJsonArray { u"10:00"_s, u"11:00"_s },
            QJsonArray { u"12:00"_s, u"13:00"_s }, QJsonArray { u"14:00"_s, u"15:00"_s } } } });
    // A zone this system may not know is still read: the server has checked it.
    QTest::newRow("zone of another system") << exampleWith(u"businessHours"_s,
        QJsonObject { { "timeZone"_L1, u"Mars/Olympus_Mons"_s }, { "weekly"_L1, QJsonObject() } });
    QTest::newRow("reply in a minute") << exampleWith(u"expectedReplyMinutes"_s, 1);
    QTest::newRow("reply in a week") << exampleWith(u"expectedReplyMinutes"_s, 7 * 24 * 60);
    QTest::newRow("attachments of 25 MiB") << exampleWith(u"attachments"_s,
        QJsonObject { { "maxBytes"_L1, 25 * 1024 * 1024 },
            { "types"_L1, QJsonArray { u"image/png"_s, u"text/plain"_s } } });
    QTest::newRow("attachments off") << exampleWith(
        u"attachments"_s, QJsonObject { { "maxBytes"_L1, 0 }, { "types"_L1, QJsonArray() } });
}

void TestConfig::acceptedAtTheLimits()
{
    QFETCH(QByteArray, document);

    QString why;
    parsed(document, &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestConfig::refused_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("expected"); // a part of the error's message

    // The document itself
    QTest::newRow("257 KiB") << exampleOfSize(257 * 1024) << u"over the limit of 262144 bytes"_s;
    QTest::newRow("256 KiB and a byte") << exampleOfSize(MaxConfigBytes + 1) << u"over the limit"_s;
    QTest::newRow("not JSON") << "<html>502</html>"_ba << u"config: not valid JSON"_s;
    QTest::newRow("an array") << "[]"_ba << u"config: not a JSON object"_s;
    QTest::newRow("invalid UTF-8")
        << exampleWith(u"preset"_s, u"PRESET"_s).replace("PRESET", "\xff\xfe")
        << u"config: not valid UTF-8"_s;

    QTest::newRow("protocol 2") << exampleWith(u"protocol"_s, 2) << u"field 'protocol'"_s;
    QTest::newRow("protocol missing")
        << exampleWith(u"protocol"_s) << u"field 'protocol' is missing"_s;
    QTest::newRow("company missing")
        << exampleWith(u"company"_s) << u"field 'company' is missing"_s;
    QTest::newRow("company a number")
        << exampleWith(u"company"_s, 42) << u"field 'company' must be a string"_s;
    QTest::newRow("preset missing") << exampleWith(u"preset"_s) << u"field 'preset' is missing"_s;

    QTest::newRow("languages missing")
        << exampleWith(u"languages"_s) << u"field 'languages' is missing"_s;
    QTest::newRow("languages a string")
        << exampleWith(u"languages"_s, u"cs"_s) << u"field 'languages' must be an array"_s;
    QTest::newRow("languages empty")
        << exampleWith(u"languages"_s, QJsonArray()) << u"field 'languages' must hold 1 to 32"_s;
    QTest::newRow("33 languages") << exampleWith(
        u"languages"_s, repeated(u"cs"_s, MaxLanguages + 1))
                                  << u"field 'languages' must hold 1 to 32"_s;
    QTest::newRow("language a number")
        << exampleWith(u"languages/1"_s, 7) << u"field 'languages[1]' must be a string"_s;
    QTest::newRow("language of 17 characters") << exampleWith(u"languages/1"_s,
        u"en-Latn-GB-x-abcd"_s) << u"field 'languages[1]' must be at most 16 characters"_s;
    QTest::newRow("language not a tag")
        << exampleWith(u"languages/1"_s, u"en GB"_s) << u"field 'languages[1]' must be a BCP 47"_s;
    QTest::newRow("defaultLanguage missing")
        << exampleWith(u"defaultLanguage"_s) << u"field 'defaultLanguage' is missing"_s;
    QTest::newRow("defaultLanguage not offered") << exampleWith(u"defaultLanguage"_s,
        u"de"_s) << u"field 'defaultLanguage' must be one of the 'languages'"_s;

    QTest::newRow("texts an array")
        << exampleWith(u"texts"_s, QJsonArray()) << u"field 'texts' must be an object"_s;
    QTest::newRow("texts of a language not offered")
        << exampleWith(u"texts/de"_s, QJsonObject { { "title"_L1, u"Hilfe"_s } })
        << u"field 'texts.de' is not one of the 'languages'"_s;
    QTest::newRow("texts of a language a string")
        << exampleWith(u"texts/en"_s, u"Support"_s) << u"field 'texts.en' must be an object"_s;
    QTest::newRow("text a number")
        << exampleWith(u"texts/en/title"_s, 1) << u"field 'texts.en.title' must be a string"_s;
    QTest::newRow("text of 1001 characters")
        << exampleWith(u"texts/cs/greeting"_s, QString(MaxConfigTextLength + 1, u'a'))
        << u"field 'texts.cs.greeting' must be at most 1000 characters"_s;

    QTest::newRow("fields an object")
        << exampleWith(u"fields"_s, QJsonObject()) << u"field 'fields' must be an array"_s;
    QTest::newRow("17 fields") << exampleWith(u"fields"_s, formFields(MaxFields + 1))
                               << u"field 'fields' must hold at most 16"_s;
    QTest::newRow("field a string")
        << exampleWith(u"fields/1"_s, u"email"_s) << u"field 'fields[1]' must be an object"_s;
    QTest::newRow("field name missing")
        << exampleWith(u"fields/0/name"_s) << u"field 'fields[0].name' is missing"_s;
    QTest::newRow("field name empty") << exampleWith(u"fields/0/name"_s, QString())
                                      << u"field 'fields[0].name' must be 1 to 32"_s;
    QTest::newRow("field name upper case")
        << exampleWith(u"fields/2/name"_s, u"Phone"_s) << u"field 'fields[2].name'"_s;
    QTest::newRow("field name with a dash")
        << exampleWith(u"fields/1/name"_s, u"e-mail"_s) << u"field 'fields[1].name'"_s;
    QTest::newRow("field name of 33 characters") << exampleWith(u"fields/0/name"_s,
        QString(MaxFieldNameLength + 1, u'a')) << u"field 'fields[0].name'"_s;
    QTest::newRow("field name repeated")
        << exampleWith(u"fields/2/name"_s, u"email"_s) << u"field 'fields[2].name' repeats"_s;
    QTest::newRow("field type unknown")
        << exampleWith(u"fields/1/type"_s, u"date"_s) << u"field 'fields[1].type' must be one of"_s;
    QTest::newRow("field type missing")
        << exampleWith(u"fields/1/type"_s) << u"field 'fields[1].type' is missing"_s;
    QTest::newRow("field required a string") << exampleWith(
        u"fields/0/required"_s, u"yes"_s) << u"field 'fields[0].required' must be true or false"_s;
    QTest::newRow("field label a string") << exampleWith(u"fields/0/label"_s, u"Name"_s)
                                          << u"field 'fields[0].label' must be an object"_s;
    QTest::newRow("field label of 201 characters")
        << exampleWith(u"fields/0/label/en"_s, QString(MaxLabelLength + 1, u'a'))
        << u"field 'fields[0].label.en' must be at most 200 characters"_s;

    QTest::newRow("features an array")
        << exampleWith(u"features"_s, QJsonArray()) << u"field 'features' must be an object"_s;
    QTest::newRow("feature a string") << exampleWith(u"features/chat"_s, u"true"_s)
                                      << u"field 'features.chat' must be true or false"_s;
    QTest::newRow("feature a number")
        << exampleWith(u"features/offlineMessage"_s, 1) << u"field 'features.offlineMessage'"_s;
    QTest::newRow("offlineBehavior unknown") << exampleWith(u"offlineBehavior"_s, u"hide"_s)
                                             << u"field 'offlineBehavior' must be one of"_s;
    QTest::newRow("phoneRegion lower case")
        << exampleWith(u"phoneRegion"_s, u"cz"_s) << u"field 'phoneRegion'"_s;
    QTest::newRow("phoneRegion alpha-3")
        << exampleWith(u"phoneRegion"_s, u"CZE"_s) << u"field 'phoneRegion'"_s;
    QTest::newRow("phoneRegion a number")
        << exampleWith(u"phoneRegion"_s, 420) << u"field 'phoneRegion' must be a string"_s;

    QTest::newRow("colors an array")
        << exampleWith(u"colors"_s, QJsonArray()) << u"field 'colors' must be an object"_s;
    QTest::newRow("colour by name") << exampleWith(u"colors/online"_s, u"green"_s)
                                    << u"field 'colors.online' must be a colour"_s;
    QTest::newRow("colour too short")
        << exampleWith(u"colors/busy"_s, u"#F9A82"_s) << u"field 'colors.busy'"_s;
    QTest::newRow("colour with alpha")
        << exampleWith(u"colors/offline"_s, u"#757575FF"_s) << u"field 'colors.offline'"_s;
    QTest::newRow("colour without #")
        << exampleWith(u"colors/accent"_s, u"1565C0"_s) << u"field 'colors.accent'"_s;
    QTest::newRow("colour not hex")
        << exampleWith(u"colors/accent"_s, u"#1565CG"_s) << u"field 'colors.accent'"_s;
    QTest::newRow("colour a number")
        << exampleWith(u"colors/online"_s, 0x2E7D32) << u"field 'colors.online' must be a string"_s;

    QTest::newRow("socket missing") << exampleWith(u"socket"_s) << u"field 'socket' is missing"_s;
    QTest::newRow("socket empty") << exampleWith(u"socket"_s, QString())
                                  << u"field 'socket' must not be empty"_s;
    QTest::newRow("socket over https")
        << exampleWith(u"socket"_s, u"https://chat.example.com/v1/socket"_s) << u"field 'socket'"_s;
    QTest::newRow("heartbeat 0") << exampleWith(u"heartbeatSeconds"_s, 0)
                                 << u"field 'heartbeatSeconds' must be an integer from 1 to 300"_s;
    QTest::newRow("heartbeat 301")
        << exampleWith(u"heartbeatSeconds"_s, 301) << u"field 'heartbeatSeconds'"_s;
    QTest::newRow("heartbeat a string")
        << exampleWith(u"heartbeatSeconds"_s, u"15"_s) << u"field 'heartbeatSeconds'"_s;
    QTest::newRow("heartbeat a fraction")
        << exampleWith(u"heartbeatSeconds"_s, 1.5) << u"field 'heartbeatSeconds'"_s;
    QTest::newRow("rating unknown")
        << exampleWith(u"rating"_s, u"smileys"_s) << u"field 'rating' must be one of"_s;
    QTest::newRow("rating a number")
        << exampleWith(u"rating"_s, 5) << u"field 'rating' must be a string"_s;
    QTest::newRow("rating upper case")
        << exampleWith(u"rating"_s, u"Stars"_s) << u"field 'rating' must be one of"_s;

    QTest::newRow("businessHours a string") << exampleWith(u"businessHours"_s, u"8-17"_s)
                                            << u"field 'businessHours' must be an object"_s;
    QTest::newRow("timeZone missing")
        << exampleWith(u"businessHours"_s, QJsonObject { { "weekly"_L1, QJsonObject() } })
        << u"field 'businessHours.timeZone' is missing"_s;
    QTest::newRow("timeZone an offset")
        << exampleWith(u"businessHours"_s,
               QJsonObject { { "timeZone"_L1, u"+01:00"_s }, { "weekly"_L1, QJsonObject() } })
        << u"field 'businessHours.timeZone' must be an IANA time zone name"_s;
    QTest::newRow("weekly missing")
        << exampleWith(u"businessHours"_s, QJsonObject { { "timeZone"_L1, u"Europe/Prague"_s } })
        << u"field 'businessHours.weekly' is missing"_s;
    QTest::newRow("weekday misspelt") << exampleWithWeekly({ { "monday"_L1, QJsonArray() } })
                                      << u"field 'businessHours.weekly.monday' is not a weekday"_s;
    QTest::newRow("day an object") << exampleWithWeekly({ { "tue"_L1, QJsonObject() } })
                                   << u"field 'businessHours.weekly.tue' must be an array"_s;
    QTest::newRow("interval a string")
        << exampleWithWeekly({ { "wed"_L1, QJsonArray { u"08:00-17:00"_s } } })
        << u"field 'businessHours.weekly.wed[0]' must be a pair of times"_s;
    QTest::newRow("interval of three") << exampleWithWeekly(
        { { "wed"_L1, QJsonArray { QJsonArray { u"08:00"_s, u"12:00"_s, u"17:00"_s } } } })
                                       << u"field 'businessHours.weekly.wed[0]'"_s;
    QTest::newRow("time without minutes")
        << exampleWithWeekly({ { "thu"_L1, QJsonArray { QJsonArray { u"8"_s, u"17:00"_s } } } })
        << u"field 'businessHours.weekly.thu[0][0]'"_s;
    QTest::newRow("opening at 24:00")
        << exampleWithWeekly({ { "thu"_L1, QJsonArray { QJsonArray { u"24:00"_s, u"24:00"_s } } } })
        << u"field 'businessHours.weekly.thu[0][0]'"_s;
    QTest::newRow("closing at 25:00")
        << exampleWithWeekly({ { "fri"_L1, QJsonArray { QJsonArray { u"08:00"_s, u"25:00"_s } } } })
        << u"field 'businessHours.weekly.fri[0][1]'"_s;
    QTest::newRow("closing before opening")
        << exampleWithWeekly({ { "fri"_L1, QJsonArray { QJsonArray { u"17:00"_s, u"08:00"_s } } } })
        << u"field 'businessHours.weekly.fri[0]' must end after it starts"_s;
    QTest::newRow("overlapping") << exampleWithWeekly({ { "sat"_L1,
        QJsonArray {
            QJsonArray { u"08:00"_s, u"12:00"_s }, QJsonArray { u"11:00"_s, u"15:00"_s } } } })
                                 << u"field 'businessHours.weekly.sat[1]' must start after"_s;
    QTest::newRow("9 intervals a day")
        << exampleWithWeekly({ { "sun"_L1, repeated(QJsonArray { u"08:00"_s, u"09:00"_s }, 9) } })
        << u"field 'businessHours.weekly.sun' must hold at most 8"_s;
    QTest::newRow("reply in 0 minutes") << exampleWith(u"expectedReplyMinutes"_s, 0)
                                        << u"field 'expectedReplyMinutes' must be an integer"_s;
    QTest::newRow("reply in over a week") << exampleWith(u"expectedReplyMinutes"_s, 7 * 24 * 60 + 1)
                                          << u"field 'expectedReplyMinutes'"_s;
    QTest::newRow("reply a string")
        << exampleWith(u"expectedReplyMinutes"_s, u"5"_s) << u"field 'expectedReplyMinutes'"_s;
    const auto attachments = [](const QJsonValue &maxBytes, const QJsonArray &types) {
        return exampleWith(
            u"attachments"_s, QJsonObject { { "maxBytes"_L1, maxBytes }, { "types"_L1, types } });
    };
    QTest::newRow("attachments over 25 MiB") << attachments(25 * 1024 * 1024 + 1,
        { u"image/png"_s }) << u"field 'attachments.maxBytes' must be an integer"_s;
    QTest::newRow("attachments of a negative size")
        << attachments(-1, { u"image/png"_s }) << u"field 'attachments.maxBytes'"_s;
    QTest::newRow("attachments of an unknown type") << attachments(
        1024, { u"image/svg+xml"_s }) << u"field 'attachments.types[0]' must be one of image/png"_s;
    QTest::newRow("attachment type twice") << attachments(1024, { u"image/png"_s, u"image/png"_s })
                                           << u"field 'attachments.types[1]' repeats"_s;
    QTest::newRow("attachments without types")
        << exampleWith(u"attachments"_s, QJsonObject { { "maxBytes"_L1, 1024 } })
        << u"field 'attachments.types'"_s;
}

// The preset's rating: none unless it says, and kept through the server's encoder.
void TestConfig::rating_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<int>("expected"); // a PresetConfig::Rating

    QTest::newRow("absent") << exampleWith(u"rating"_s) << int(PresetConfig::Rating::None);
    QTest::newRow("none") << exampleWith(u"rating"_s, u"none"_s) << int(PresetConfig::Rating::None);
    QTest::newRow("thumbs") << exampleWith(u"rating"_s, u"thumbs"_s)
                            << int(PresetConfig::Rating::Thumbs);
    QTest::newRow("stars") << exampleWith(u"rating"_s, u"stars"_s)
                           << int(PresetConfig::Rating::Stars);
}

void TestConfig::rating()
{
    QFETCH(QByteArray, document);
    QFETCH(int, expected);

    QString why;
    QCOMPARE(int(parsed(document, &why).rating), expected);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    const auto decoded = OWidget::Protocol::parseConfig(document);
    QVERIFY(std::holds_alternative<OWidget::Protocol::Config>(decoded));
    const QByteArray encoded = QJsonDocument(
        OWidget::Protocol::encodeConfig(std::get<OWidget::Protocol::Config>(decoded)))
                                   .toJson(QJsonDocument::Compact);
    QCOMPARE(int(parsed(encoded, &why).rating), expected);
}

void TestConfig::refused()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, expected);

    const auto result = parsePresetConfig(document);
    const auto *error = std::get_if<DecodeError>(&result);
    QVERIFY2(error, "the document was accepted");
    QVERIFY2(error->message.contains(expected),
        qPrintable(u"'%1' does not contain '%2'"_s.arg(error->message, expected)));
}

void TestConfig::fieldLabel()
{
    FormField field;
    field.name = u"phone"_s;
    QCOMPARE(field.label(u"cs"_s), u"phone"_s);

    field.labels = { { u"en"_s, u"Phone"_s }, { u"sk"_s, u"Telefón"_s }, { u"pl"_s, u"Telefon"_s },
        { u"hu"_s, u"Telefonszám"_s }, { u"fi"_s, u"Puhelin"_s }, { u"et"_s, u"Telefon"_s },
        { u"de"_s, u"Rufnummer"_s }, { u"da"_s, QString() } };
    QCOMPARE(field.label(u"en"_s), u"Phone"_s);
    // Another language's label, the same whatever the hash order: the first language in sorted
    // order whose label is not empty.
    QCOMPARE(field.label(u"cs"_s), u"Rufnummer"_s);
    // An empty label counts as missing.
    QCOMPARE(field.label(u"da"_s), u"Rufnummer"_s);
}

void TestConfig::presetText()
{
    PresetConfig config;
    config.texts = { { u"cs"_s, { { u"title"_s, u"Podpora"_s } } },
        { u"en"_s, { { u"title"_s, u"Support"_s } } } };

    QCOMPARE(config.text(u"cs"_s, u"title"_s), u"Podpora"_s);
    QCOMPARE(config.text(u"en"_s, u"title"_s), u"Support"_s);
    QCOMPARE(config.text(u"en"_s, u"greeting"_s), QString());
    QCOMPARE(config.text(u"de"_s, u"title"_s), QString());
}

void TestConfig::businessHours()
{
    QString why;
    const PresetConfig config = parsed(
        QJsonDocument(
            QJsonDocument::fromJson(exampleWith(u"businessHours"_s, pragueHours())).object())
            .toJson()
            .replace("\"heartbeatSeconds\"", "\"expectedReplyMinutes\": 5, \"heartbeatSeconds\""),
        &why);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(config.timeZone, u"Europe/Prague"_s);
    QCOMPARE(config.expectedReplyMinutes, 5);
    QCOMPARE(config.openingHours.size(), 7);
    QCOMPARE(config.openingHours.first().day, Qt::Monday);
    QCOMPARE(config.openingHours.first().fromMinute, 8 * 60);
    QCOMPARE(config.openingHours.first().toMinute, 17 * 60);
    QCOMPARE(config.openingHours.at(5).day, Qt::Saturday);
    QCOMPARE(config.openingHours.at(6).fromMinute, 13 * 60);

    // Without them, as an old server serves it: open always, reply time not said.
    const PresetConfig plain = parsed(exampleDocument, &why);
    QCOMPARE(plain.timeZone, QString());
    QVERIFY(plain.openingHours.isEmpty());
    QCOMPARE(plain.expectedReplyMinutes, 0);
    QVERIFY(plain.isOpenAt(QDateTime::currentDateTimeUtc()));
    QVERIFY(!plain.nextOpening(QDateTime::currentDateTimeUtc()).isValid());
}

void TestConfig::businessHoursEncoded()
{
    // What the server writes, the client reads back the same; nothing when the preset has none.
    const auto example = parseConfig(exampleWith(u"businessHours"_s, pragueHours()));
    QVERIFY(std::holds_alternative<Config>(example));
    Config config = std::get<Config>(example);
    config.expectedReplyMinutes = 30;
    const QJsonObject encoded = encodeConfig(config);
    QCOMPARE(encoded.value("businessHours"_L1).toObject(), pragueHours());
    QCOMPARE(encoded.value("expectedReplyMinutes"_L1).toInt(), 30);

    Config none = std::get<Config>(parseConfig(exampleDocument));
    QVERIFY(!encodeConfig(none).contains("businessHours"_L1));
    QVERIFY(!encodeConfig(none).contains("expectedReplyMinutes"_L1));
}

void TestConfig::openAndNextOpening_data()
{
    QTest::addColumn<QDateTime>("when");
    QTest::addColumn<bool>("open");
    QTest::addColumn<QDateTime>("change");

    const auto utc = [](int month, int day, int hour, int minute) {
        return QDateTime(QDate(2026, month, day), QTime(hour, minute), Qt::UTC);
    };
    // Prague is UTC+1 in winter, UTC+2 in summer; 2026-11-27 is a Friday.
    QTest::newRow("Friday 9:00") << utc(11, 27, 8, 0) << true << utc(11, 27, 16, 0);
    QTest::newRow("Friday 7:59") << utc(11, 27, 6, 59) << false << utc(11, 27, 7, 0);
    QTest::newRow("Friday 17:00") << utc(11, 27, 16, 0) << false << utc(11, 28, 8, 0);
    QTest::newRow("Saturday lunch") << utc(11, 28, 11, 30) << false << utc(11, 28, 12, 0);
    QTest::newRow("Saturday evening") << utc(11, 28, 18, 0) << false << utc(11, 30, 7, 0);
    // The clocks go back on 25 October 2026 at 3:00: Monday 8:00 is UTC+1 again.
    QTest::newRow("over the autumn change") << utc(10, 24, 20, 0) << false << utc(10, 26, 7, 0);
    QTest::newRow("summer Monday") << utc(10, 19, 5, 30) << false << utc(10, 19, 6, 0);
    // They go forward on 29 March 2026: Monday 8:00 is UTC+2.
    QTest::newRow("over the spring change") << utc(3, 28, 20, 0) << false << utc(3, 30, 6, 0);
}

void TestConfig::openAndNextOpening()
{
    QFETCH(QDateTime, when);
    QFETCH(bool, open);
    QFETCH(QDateTime, change);

    const auto result = parseConfig(exampleWith(u"businessHours"_s, pragueHours()));
    const BusinessHours hours = std::get<Config>(result).businessHours;
    QCOMPARE(isOpen(hours, when), open);
    QCOMPARE(nextChange(hours, when), change);
    QCOMPARE(nextOpening(hours, when), open ? QDateTime() : change);
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
