#include "sessionstore_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace OWidget;

namespace {

const QString Company = u"6f1c9a4e-3c1b-4d0e-9a57-2b5d8e7f1a20"_s;

StoredSession session(const QString &conversation, qint64 lastSeq = 0)
{
    return { conversation, u"secret-of-"_s + conversation, lastSeq, false, {} };
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class tst_SessionStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void defaultPath();
    void roundTrip();
    void outbox();
    void secretInKeychain();
    void overwrite();
    void pendingStart();
    void startAge();
    void startFreshness_data();
    void startFreshness();
    void startWithoutTime();
    void unreadableStart_data();
    void unreadableStart();
    void missingFile();
    void isolated_data();
    void isolated();
    void companySpellings_data();
    void companySpellings();
    void remove();
    void removeMissing();
    void survivesNewInstance();
    void corruptFile_data();
    void corruptFile();
    void incompleteEntry_data();
    void incompleteEntry();
    void ownerOnly();
    void createsDirectory();
    void unwritable_data();
    void unwritable();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void tst_SessionStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"sessions.json"_s);
}

void tst_SessionStore::defaultPath()
{
    QStandardPaths::setTestModeEnabled(true);
    const QString expected = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + u"/owidget/sessions.json"_s;
    QCOMPARE(SessionStore::defaultPath(), expected);
    QCOMPARE(SessionStore().path(), expected);
    QStandardPaths::setTestModeEnabled(false);
}

void tst_SessionStore::roundTrip()
{
    SessionStore store(m_path);
    QCOMPARE(store.path(), m_path);
    QString error;
    QVERIFY(store.save(Company, u"support"_s, u"shop"_s,
        { u"c-81f0"_s, u"k3"_s, Q_INT64_C(9007199254740991), false, {} }, &error));
    QVERIFY(error.isEmpty());

    const std::optional<StoredSession> loaded = store.load(Company, u"support"_s, u"shop"_s);
    QVERIFY(loaded);
    QCOMPARE(loaded->conversation, u"c-81f0"_s);
    QCOMPARE(loaded->secret, u"k3"_s);
    QCOMPARE(loaded->lastSeq, Q_INT64_C(9007199254740991));

    // Written atomically: nothing but the file itself is left in the directory.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::Hidden),
        QStringList { u"sessions.json"_s });
}

void tst_SessionStore::outbox()
{
    StoredSession stored = session(u"c-7"_s, 4);
    ChatMessage first;
    first.clientId = u"a1"_s;
    first.text = u"<b>not markup</b>\nsecond line"_s;
    first.time = QDateTime(QDate(2026, 11, 25), QTime(6, 30, 1, 250), Qt::UTC);
    ChatMessage second;
    second.clientId = u"a2"_s;
    second.text = u"Žluťoučký kůň"_s;
    stored.outbox = { first, second };

    SessionStore store(m_path);
    QVERIFY(store.save(Company, QString(), QString(), stored));
    const std::optional<StoredSession> loaded = SessionStore(m_path).load(Company, {}, {});
    QVERIFY(loaded);
    QCOMPARE(loaded->outbox.size(), 2);
    QCOMPARE(loaded->outbox.at(0).clientId, u"a1"_s);
    QCOMPARE(loaded->outbox.at(0).text, first.text);
    QCOMPARE(loaded->outbox.at(0).time, first.time);
    QCOMPARE(loaded->outbox.at(1).clientId, u"a2"_s);
    QCOMPARE(loaded->outbox.at(1).text, second.text);

    // An entry that could not be sent is dropped; the rest of the outbox stays.
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray content = file.readAll();
    file.close();
    content.replace("\"clientId\": \"a1\"", "\"clientId\": \"\"");
    QVERIFY(writeFile(m_path, content));
    const std::optional<StoredSession> damaged = SessionStore(m_path).load(Company, {}, {});
    QVERIFY(damaged);
    QCOMPARE(damaged->outbox.size(), 1);
    QCOMPARE(damaged->outbox.at(0).clientId, u"a2"_s);
}

void tst_SessionStore::secretInKeychain()
{
    StoredSession stored = session(u"c-9"_s, 2);
    stored.secretInKeychain = true;
    SessionStore store(m_path);
    QVERIFY(store.save(Company, QString(), QString(), stored));

    // The file says where the secret is, and holds no copy of it.
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains(R"("secretIn": "keychain")"));
    QVERIFY(!content.contains("secret-of-c-9"));

    const std::optional<StoredSession> loaded = store.load(Company, {}, {});
    QVERIFY(loaded);
    QVERIFY(loaded->secretInKeychain);
    QVERIFY(loaded->secret.isEmpty());
    QCOMPARE(loaded->conversation, u"c-9"_s);
    QCOMPARE(loaded->lastSeq, 2);
}

void tst_SessionStore::overwrite()
{
    SessionStore store(m_path);
    QVERIFY(store.save(Company, u"support"_s, QString(), session(u"c-1"_s, 3)));
    QVERIFY(store.save(Company, u"support"_s, QString(), session(u"c-2"_s, 7)));
    const std::optional<StoredSession> loaded = store.load(Company, u"support"_s, QString());
    QVERIFY(loaded);
    QCOMPARE(loaded->conversation, u"c-2"_s);
    QCOMPARE(loaded->lastSeq, 7);
}

// A start waiting for `created` takes the place of the stored conversation, is no conversation
// to resume, and is replaced by the conversation once it is created.
void tst_SessionStore::pendingStart()
{
    SessionStore store(m_path);
    const QByteArray frame = R"({"type":"start","clientId":"s1","secret":"k"})"_ba;
    QVERIFY(store.save(Company, u"support"_s, QString(), session(u"c-1"_s, 3)));
    QVERIFY(store.saveStart(
        Company, u"support"_s, QString(), { frame, QDateTime::currentDateTimeUtc() }));
    QCOMPARE(store.loadStart(Company, u"support"_s, QString())->frame, frame);
    QVERIFY(!store.load(Company, u"support"_s, QString()));
    QVERIFY(!store.loadStart(Company, u"other"_s, QString()));
    QVERIFY(store.save(Company, u"support"_s, QString(), session(u"c-2"_s, 0)));
    QVERIFY(!store.loadStart(Company, u"support"_s, QString()));
    QCOMPARE(store.load(Company, u"support"_s, QString())->conversation, u"c-2"_s);
}

// The time a start was stored comes back with it, to the millisecond, whatever time zone it
// was given in.
void tst_SessionStore::startAge()
{
    SessionStore store(m_path);
    const QByteArray frame = R"({"type":"start","clientId":"s1","secret":"k"})"_ba;
    const QDateTime savedAt(QDate(2026, 3, 29), QTime(1, 59, 58, 123), QTimeZone(3600));
    QVERIFY(store.saveStart(Company, u"support"_s, QString(), { frame, savedAt }));
    const std::optional<StoredStart> loaded
        = SessionStore(m_path).loadStart(Company, u"support"_s, QString());
    QVERIFY(loaded);
    QCOMPARE(loaded->frame, frame);
    QVERIFY(loaded->savedAt.isValid());
    QCOMPARE(loaded->savedAt, savedAt);
    QCOMPARE(loaded->savedAt.toMSecsSinceEpoch(), savedAt.toMSecsSinceEpoch());
}

void tst_SessionStore::startFreshness_data()
{
    QTest::addColumn<qint64>("ageSecs");
    QTest::addColumn<bool>("fresh");

    const qint64 limit = std::chrono::seconds(StoredStart::MaxAge).count();
    QTest::newRow("just saved") << qint64(0) << true;
    QTest::newRow("an hour") << qint64(3600) << true;
    QTest::newRow("at the limit") << limit << true;
    QTest::newRow("a second over") << limit + 1 << false;
    QTest::newRow("three weeks") << qint64(21 * 24 * 3600) << false;
    QTest::newRow("in the future") << qint64(-60) << false;
}

// A start stored longer ago than the limit is not to be sent again; nor is one the clock says
// is from the future, as a clock set back would make any start young.
void tst_SessionStore::startFreshness()
{
    QFETCH(qint64, ageSecs);
    QFETCH(bool, fresh);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const StoredStart start { "{}"_ba, now.addSecs(-ageSecs) };
    QCOMPARE(start.isFresh(now), fresh);
}

// A file written before the time was stored: the frame is read, its age is unknown, and it is
// not fresh.
void tst_SessionStore::startWithoutTime()
{
    const QByteArray frame = R"({"type":"start","clientId":"s1","secret":"k"})"_ba;
    SessionStore store(m_path);
    QVERIFY(store.saveStart(Company, u"support"_s, QString(), { frame, {} }));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject sessions = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.begin()->toObject().keys(), QStringList { u"start"_s });

    const std::optional<StoredStart> loaded = store.loadStart(Company, u"support"_s, QString());
    QVERIFY(loaded);
    QCOMPARE(loaded->frame, frame);
    QVERIFY(!loaded->savedAt.isValid());
    QVERIFY(!loaded->isFresh(QDateTime::currentDateTimeUtc()));
}

void tst_SessionStore::unreadableStart_data()
{
    QTest::addColumn<QByteArray>("entry");
    QTest::addColumn<QString>("problem");

    QTest::newRow("number frame") << QByteArray(R"({"start": 42})") << u"not a non-empty string"_s;
    QTest::newRow("object frame") << QByteArray(R"({"start": {"type": "start"}})")
                                  << u"not a non-empty string"_s;
    QTest::newRow("empty frame") << QByteArray(R"({"start": ""})") << u"not a non-empty string"_s;
    QTest::newRow("words for a time")
        << QByteArray(R"({"start": "{}", "startSavedAt": "yesterday"})") << u"yesterday"_s;
    QTest::newRow("number for a time")
        << QByteArray(R"({"start": "{}", "startSavedAt": 1764201600})") << u"1764201600"_s;
    QTest::newRow("empty time") << QByteArray(R"({"start": "{}", "startSavedAt": ""})")
                                << u"ISO 8601"_s;
}

// A stored start of the wrong shape is no start, with a warning that names what was wrong,
// and a new start replaces it.
void tst_SessionStore::unreadableStart()
{
    QFETCH(QByteArray, entry);
    QFETCH(QString, problem);

    SessionStore store(m_path);
    QVERIFY(store.saveStart(Company, u"support"_s, u"a"_s, { "{}"_ba, {} }));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject sessions = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QCOMPARE(sessions.size(), 1);
    sessions.insert(sessions.keys().constFirst(), QJsonDocument::fromJson(entry).object());
    QVERIFY(writeFile(m_path, QJsonDocument(sessions).toJson()));

    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(u"stored start.*"_s + QRegularExpression::escape(problem)));
    QString named;
    QVERIFY(!store.loadStart(Company, u"support"_s, u"a"_s, &named));
    QVERIFY2(named.contains(problem), qPrintable(named));

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(store.saveStart(Company, u"support"_s, u"a"_s, { "{}"_ba, now }));
    QCOMPARE(store.loadStart(Company, u"support"_s, u"a"_s)->savedAt, now);
}

void tst_SessionStore::missingFile()
{
    const SessionStore store(m_path);
    QVERIFY(!store.load(Company, u"support"_s, QString()));
    QVERIFY(!QFile::exists(m_path));
}

void tst_SessionStore::isolated_data()
{
    QTest::addColumn<QString>("savedCompany");
    QTest::addColumn<QString>("savedPreset");
    QTest::addColumn<QString>("savedScope");
    QTest::addColumn<QString>("company");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<QString>("scope");

    const QString other = u"0b7e6c2a-1d3f-4e5a-8b9c-0d1e2f3a4b5c"_s;
    const QString p = u"support"_s;

    QTest::newRow("scope") << Company << p << u"a"_s << Company << p << u"b"_s;
    QTest::newRow("scope vs no scope") << Company << p << u"a"_s << Company << p << QString();
    QTest::newRow("no scope vs scope") << Company << p << QString() << Company << p << u"a"_s;
    QTest::newRow("scope case") << Company << p << u"Shop"_s << Company << p << u"shop"_s;
    QTest::newRow("preset") << Company << p << u"a"_s << Company << u"sales"_s << u"a"_s;
    QTest::newRow("default preset") << Company << p << u"a"_s << Company << QString() << u"a"_s;
    QTest::newRow("company") << Company << p << u"a"_s << other << p << u"a"_s;
    // A plain join with a separator would make these the same key.
    QTest::newRow("separator in preset")
        << Company << u"a/b"_s << u"c"_s << Company << u"a"_s << u"b/c"_s;
    QTest::newRow("separator in scope")
        << Company << u"a"_s << u"b|c"_s << Company << u"a|b"_s << u"c"_s;
    QTest::newRow("quote in scope")
        << Company << u"a"_s << u"\",\"b"_s << Company << u"a\",\""_s << u"b"_s;
    QTest::newRow("nul in scope") << Company << u"a"_s << u"b\0c"_s << Company << u"a\0b"_s
                                  << u"c"_s;
}

void tst_SessionStore::isolated()
{
    QFETCH(QString, savedCompany);
    QFETCH(QString, savedPreset);
    QFETCH(QString, savedScope);
    QFETCH(QString, company);
    QFETCH(QString, preset);
    QFETCH(QString, scope);

    SessionStore store(m_path);
    QVERIFY(store.save(savedCompany, savedPreset, savedScope, session(u"c-saved"_s)));
    QVERIFY(!store.load(company, preset, scope));

    // Both live side by side.
    QVERIFY(store.save(company, preset, scope, session(u"c-other"_s)));
    QCOMPARE(store.load(savedCompany, savedPreset, savedScope)->conversation, u"c-saved"_s);
    QCOMPARE(store.load(company, preset, scope)->conversation, u"c-other"_s);
}

void tst_SessionStore::companySpellings_data()
{
    QTest::addColumn<QString>("spelling");

    QTest::newRow("same") << Company;
    QTest::newRow("upper case") << Company.toUpper();
    QTest::newRow("braces") << u"{"_s + Company + u"}"_s;
    QTest::newRow("braces, upper case") << u"{"_s + Company.toUpper() + u"}"_s;
}

void tst_SessionStore::companySpellings()
{
    QFETCH(QString, spelling);

    SessionStore store(m_path);
    QVERIFY(store.save(Company, u"support"_s, u"a"_s, session(u"c-1"_s)));
    const std::optional<StoredSession> loaded = store.load(spelling, u"support"_s, u"a"_s);
    QVERIFY(loaded);
    QCOMPARE(loaded->conversation, u"c-1"_s);
}

void tst_SessionStore::remove()
{
    SessionStore store(m_path);
    QVERIFY(store.save(Company, u"support"_s, u"a"_s, session(u"c-a"_s)));
    QVERIFY(store.save(Company, u"support"_s, u"b"_s, session(u"c-b"_s)));

    QString error;
    QVERIFY(store.remove(Company, u"support"_s, u"a"_s, &error));
    QVERIFY(error.isEmpty());
    QVERIFY(!store.load(Company, u"support"_s, u"a"_s));
    QCOMPARE(store.load(Company, u"support"_s, u"b"_s)->conversation, u"c-b"_s);
    QVERIFY(!SessionStore(m_path).load(Company, u"support"_s, u"a"_s));
}

void tst_SessionStore::removeMissing()
{
    SessionStore store(m_path);
    QVERIFY(store.remove(Company, u"support"_s, u"a"_s));
    QVERIFY(!QFile::exists(m_path));
    QVERIFY(store.save(Company, u"support"_s, u"b"_s, session(u"c-b"_s)));
    QVERIFY(store.remove(Company, u"support"_s, u"a"_s));
    QVERIFY(store.load(Company, u"support"_s, u"b"_s));
}

void tst_SessionStore::survivesNewInstance()
{
    QVERIFY(SessionStore(m_path).save(Company, u"support"_s, u"a"_s, session(u"c-1"_s, 12)));
    QVERIFY(SessionStore(m_path).save(Company, u"sales"_s, u"a"_s, session(u"c-2"_s, 4)));

    const SessionStore reopened(m_path);
    const std::optional<StoredSession> loaded = reopened.load(Company, u"support"_s, u"a"_s);
    QVERIFY(loaded);
    QCOMPARE(loaded->conversation, u"c-1"_s);
    QCOMPARE(loaded->secret, u"secret-of-c-1"_s);
    QCOMPARE(loaded->lastSeq, 12);
    QCOMPARE(reopened.load(Company, u"sales"_s, u"a"_s)->lastSeq, 4);
}

void tst_SessionStore::corruptFile_data()
{
    QTest::addColumn<QByteArray>("content");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << "\x00\xff not json"_ba;
    QTest::newRow("truncated") << QByteArray(R"({"[\"a\",\"b\",\"c\"]": {"conversation": )");
    QTest::newRow("array") << QByteArray(R"([1, 2, 3])");
    QTest::newRow("string") << QByteArray(R"("sessions")");
}

void tst_SessionStore::corruptFile()
{
    QFETCH(QByteArray, content);
    QVERIFY(writeFile(m_path, content));

    SessionStore store(m_path);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"corrupt session file"_s));
    QVERIFY(!store.load(Company, u"support"_s, u"a"_s));

    // Saving replaces the corrupt content.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"corrupt session file"_s));
    QVERIFY(store.save(Company, u"support"_s, u"a"_s, session(u"c-1"_s)));
    QCOMPARE(store.load(Company, u"support"_s, u"a"_s)->conversation, u"c-1"_s);
}

void tst_SessionStore::incompleteEntry_data()
{
    QTest::addColumn<QByteArray>("entry");

    QTest::newRow("not an object") << QByteArray("42");
    QTest::newRow("no secret") << QByteArray(R"({"conversation": "c-1", "lastSeq": 1})");
    QTest::newRow("no conversation") << QByteArray(R"({"secret": "k", "lastSeq": 1})");
    QTest::newRow("empty secret") << QByteArray(
        R"({"conversation": "c-1", "secret": "", "lastSeq": 1})");
    QTest::newRow("number conversation")
        << QByteArray(R"({"conversation": 5, "secret": "k", "lastSeq": 1})");
    QTest::newRow("negative lastSeq")
        << QByteArray(R"({"conversation": "c-1", "secret": "k", "lastSeq": -1})");
    QTest::newRow("string lastSeq")
        << QByteArray(R"({"conversation": "c-1", "secret": "k", "lastSeq": "1"})");
    QTest::newRow("fractional lastSeq")
        << QByteArray(R"({"conversation": "c-1", "secret": "k", "lastSeq": 1.5})");
}

void tst_SessionStore::incompleteEntry()
{
    QFETCH(QByteArray, entry);

    // Save a valid entry, then replace its value, whatever its key.
    SessionStore store(m_path);
    QVERIFY(store.save(Company, u"support"_s, u"a"_s, session(u"c-1"_s)));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject sessions = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QCOMPARE(sessions.size(), 1);
    const QJsonValue value = QJsonDocument::fromJson("[" + entry + "]").array().at(0);
    QVERIFY(!value.isUndefined());
    sessions.insert(sessions.keys().constFirst(), value);
    QVERIFY(writeFile(m_path, QJsonDocument(sessions).toJson()));

    QVERIFY(!store.load(Company, u"support"_s, u"a"_s));
}

void tst_SessionStore::ownerOnly()
{
    SessionStore store(m_path);
    QVERIFY(store.save(Company, u"support"_s, u"a"_s, session(u"c-1"_s)));
    const QFileDevice::Permissions ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    // Qt also reports the owner's rights as the user's.
    const QFileDevice::Permissions all
        = QFileInfo(m_path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser);
    QCOMPARE(all, ownerOnly);

    // Also when an existing file was more open.
    QVERIFY(QFile::setPermissions(m_path, ownerOnly | QFileDevice::ReadOther));
    QVERIFY(store.save(Company, u"support"_s, u"b"_s, session(u"c-2"_s)));
    QCOMPARE(QFileInfo(m_path).permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
        ownerOnly);
}

void tst_SessionStore::createsDirectory()
{
    const QString path = m_dir->filePath(u"deep/er/sessions.json"_s);
    SessionStore store(path);
    QVERIFY(store.save(Company, u"support"_s, u"a"_s, session(u"c-1"_s)));
    QVERIFY(QFileInfo(path).isFile());
    QCOMPARE(store.load(Company, u"support"_s, u"a"_s)->conversation, u"c-1"_s);
}

void tst_SessionStore::unwritable_data()
{
    QTest::addColumn<QString>("file");      // created as a regular file, if not empty
    QTest::addColumn<QString>("directory"); // created as a directory, if not empty
    QTest::addColumn<QString>("path");      // the store's file
    QTest::addColumn<int>("warnings");      // logged by one save

    // The tests may run as root, for whom permission bits stop nothing: a regular file where
    // a directory must be, or a directory where the file must be, stops even root.
    QTest::newRow("directory is a file")
        << u"blocker"_s << QString() << u"blocker/sessions.json"_s << 1;
    QTest::newRow("parent directory is a file")
        << u"blocker"_s << QString() << u"blocker/sub/sessions.json"_s << 1;
    // Also cannot be read, which is one more warning.
    QTest::newRow("file is a directory")
        << QString() << u"sessions.json"_s << u"sessions.json"_s << 2;
}

void tst_SessionStore::unwritable()
{
    QFETCH(QString, file);
    QFETCH(QString, directory);
    QFETCH(QString, path);
    QFETCH(int, warnings);
    if (!file.isEmpty())
        QVERIFY(writeFile(m_dir->filePath(file), "not a directory"));
    if (!directory.isEmpty())
        QVERIFY(QDir(m_dir->path()).mkdir(directory));
    const QString fullPath = m_dir->filePath(path);
    const QRegularExpression warning(u"^Cannot (read|save)"_s);

    SessionStore store(fullPath);
    QString error;
    for (int i = 0; i < warnings; ++i)
        QTest::ignoreMessage(QtWarningMsg, warning);
    QVERIFY(!store.save(Company, u"support"_s, u"a"_s, session(u"c-1"_s), &error));
    QVERIFY2(error.startsWith(u"Cannot save the session file "_s + fullPath + u": "_s),
        qPrintable(error));

    // Without an error out-parameter it fails the same way.
    for (int i = 0; i < warnings; ++i)
        QTest::ignoreMessage(QtWarningMsg, warning);
    QVERIFY(!store.save(Company, u"support"_s, u"a"_s, session(u"c-1"_s)));
}

QTEST_GUILESS_MAIN(tst_SessionStore)
#include "tst_sessionstore.moc"
