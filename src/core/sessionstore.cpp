#include "sessionstore_p.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace OWidget {

namespace {

Q_LOGGING_CATEGORY(lcStore, "owidget.store", QtWarningMsg)

// A company id in one spelling: lower case, without the braces QUuid may add.
QString normalizedCompany(const QString &company)
{
    QString id = company.trimmed().toLower();
    if (id.startsWith(u'{') && id.endsWith(u'}'))
        id = id.mid(1, id.size() - 2);
    return id;
}

// The key of one conversation: a compact JSON array, so no company, preset or scope can make
// two different triples collide the way a plain join would.
QString keyFor(const QString &company, const QString &preset, const QString &scope)
{
    const QJsonArray parts { normalizedCompany(company), preset, scope };
    return QString::fromUtf8(QJsonDocument(parts).toJson(QJsonDocument::Compact));
}

// Every stored conversation; an absent file is empty, and so is one that cannot be read or
// parsed (with a warning), so that the next save replaces it.
QJsonObject readAll(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcStore) << "Cannot read" << path << ":" << file.errorString();
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        qCWarning(lcStore) << "Ignoring the corrupt session file" << path << ":"
                           << (parseError.error == QJsonParseError::NoError
                                      ? u"not a JSON object"_s
                                      : parseError.errorString());
        return {};
    }
    return document.object();
}

bool fail(QString *error, const QString &message)
{
    qCWarning(lcStore).noquote() << message;
    if (error)
        *error = message;
    return false;
}

// Replaces the file with `sessions` atomically: the old content stays until the new one is
// complete. The file is readable and writable by its owner only.
bool writeAll(const QString &path, const QJsonObject &sessions, QString *error)
{
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(error,
            u"Cannot save the session file %1: cannot create the directory %2"_s.arg(path, dir));

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, u"Cannot save the session file %1: %2"_s.arg(path, file.errorString()));
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return fail(error,
            u"Cannot save the session file %1: cannot restrict its permissions: %2"_s.arg(
                path, file.errorString()));
    }
    file.write(QJsonDocument(sessions).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(error, u"Cannot save the session file %1: %2"_s.arg(path, file.errorString()));
    return true;
}

QJsonArray outboxToJson(const QList<ChatMessage> &outbox)
{
    QJsonArray array;
    for (const ChatMessage &message : outbox) {
        array.append(QJsonObject {
            { "clientId"_L1, message.clientId },
            { "text"_L1, message.text },
            { "time"_L1, message.time.toString(Qt::ISODateWithMs) },
        });
        if (message.attachment.isNull())
            continue;
        const Attachment &attachment = message.attachment;
        QJsonObject entry = array.last().toObject();
        entry.insert("attachment"_L1,
            QJsonObject { { "id"_L1, attachment.id }, { "name"_L1, attachment.name },
                { "type"_L1, attachment.type }, { "size"_L1, attachment.size },
                { "width"_L1, attachment.pixelSize.width() },
                { "height"_L1, attachment.pixelSize.height() } });
        array.replace(array.size() - 1, entry);
    }
    return array;
}

// The stored outbox; an entry without a client id or text is dropped, as it could not be sent.
QList<ChatMessage> outboxFromJson(const QJsonArray &array)
{
    QList<ChatMessage> outbox;
    for (const QJsonValue &value : array) {
        const QJsonObject entry = value.toObject();
        ChatMessage message;
        message.clientId = entry.value("clientId"_L1).toString();
        message.text = entry.value("text"_L1).toString();
        message.time = QDateTime::fromString(entry.value("time"_L1).toString(), Qt::ISODateWithMs);
        const QJsonObject attachment = entry.value("attachment"_L1).toObject();
        message.attachment.id = attachment.value("id"_L1).toString();
        message.attachment.name = attachment.value("name"_L1).toString();
        message.attachment.type = attachment.value("type"_L1).toString();
        message.attachment.size = attachment.value("size"_L1).toInteger();
        const QSize pixels(
            attachment.value("width"_L1).toInt(), attachment.value("height"_L1).toInt());
        if (!pixels.isEmpty())
            message.attachment.pixelSize = pixels;
        if (message.clientId.isEmpty() || (message.text.isEmpty() && message.attachment.isNull())) {
            qCWarning(lcStore) << "Ignoring an unreadable message of the outbox";
            continue;
        }
        outbox.append(message);
    }
    return outbox;
}

} // namespace

SessionStore::SessionStore(QString path)
    : m_path(std::move(path))
{ }

QString SessionStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + "/owidget/sessions.json"_L1;
}

std::optional<StoredSession> SessionStore::load(
    const QString &company, const QString &preset, const QString &scope) const
{
    const QJsonObject entry = readAll(m_path).value(keyFor(company, preset, scope)).toObject();
    StoredSession session;
    session.conversation = entry.value("conversation"_L1).toString();
    session.secret = entry.value("secret"_L1).toString();
    session.secretInKeychain = entry.value("secretIn"_L1).toString() == "keychain"_L1;
    session.lastSeq = entry.value("lastSeq"_L1).toInteger(-1);
    session.outbox = outboxFromJson(entry.value("outbox"_L1).toArray());
    const QJsonObject uploads = entry.value("uploads"_L1).toObject();
    for (auto it = uploads.begin(); it != uploads.end(); ++it) {
        const QJsonObject upload = it.value().toObject();
        session.uploads.insert(it.key(),
            StoredUpload { upload.value("path"_L1).toString(), upload.value("key"_L1).toString(),
                upload.value("temporary"_L1).toBool() });
    }
    // Resuming needs both the id and the secret (docs/protocol.md, section 4).
    const bool hasSecret = session.secretInKeychain || !session.secret.isEmpty();
    if (session.conversation.isEmpty() || !hasSecret || session.lastSeq < 0)
        return std::nullopt;
    if (session.secretInKeychain)
        session.secret.clear();
    return session;
}

bool SessionStore::save(const QString &company, const QString &preset, const QString &scope,
    const StoredSession &session, QString *error)
{
    QJsonObject entry {
        { "conversation"_L1, session.conversation },
        { "lastSeq"_L1, session.lastSeq },
        { "outbox"_L1, outboxToJson(session.outbox) },
    };
    if (!session.uploads.isEmpty()) {
        QJsonObject uploads;
        for (auto it = session.uploads.cbegin(); it != session.uploads.cend(); ++it)
            uploads.insert(it.key(),
                QJsonObject { { "path"_L1, it->path }, { "key"_L1, it->key },
                    { "temporary"_L1, it->temporary } });
        entry.insert("uploads"_L1, uploads);
    }
    if (session.secretInKeychain)
        entry.insert("secretIn"_L1, u"keychain"_s);
    else
        entry.insert("secret"_L1, session.secret);
    QJsonObject sessions = readAll(m_path);
    sessions.insert(keyFor(company, preset, scope), entry);
    return writeAll(m_path, sessions, error);
}

bool StoredStart::isFresh(const QDateTime &now) const
{
    if (!savedAt.isValid())
        return false;
    const qint64 age = savedAt.msecsTo(now);
    return age >= 0 && age <= std::chrono::milliseconds(MaxAge).count();
}

std::optional<StoredStart> SessionStore::loadStart(
    const QString &company, const QString &preset, const QString &scope, QString *problem) const
{
    const QJsonObject entry = readAll(m_path).value(keyFor(company, preset, scope)).toObject();
    const QJsonValue frame = entry.value("start"_L1);
    const QJsonValue savedAt = entry.value("startSavedAt"_L1);
    const auto unreadable = [&](const QString &what) -> std::optional<StoredStart> {
        qCWarning(lcStore).noquote() << "Ignoring the stored start in" << m_path << ":" << what;
        if (problem)
            *problem = what;
        return std::nullopt;
    };
    if (frame.isUndefined())
        return std::nullopt;
    if (!frame.isString() || frame.toString().isEmpty())
        return unreadable(u"its frame is not a non-empty string"_s);
    StoredStart start { frame.toString().toUtf8(), {} };
    // A file written before the time was stored has none: the start's age is unknown.
    if (!savedAt.isUndefined()) {
        start.savedAt = QDateTime::fromString(savedAt.toString(), Qt::ISODateWithMs);
        if (!start.savedAt.isValid())
            return unreadable(u"its time \"%1\" is not an ISO 8601 date and time"_s.arg(
                savedAt.toVariant().toString().left(64)));
    }
    return start;
}

bool SessionStore::saveStart(const QString &company, const QString &preset, const QString &scope,
    const StoredStart &start, QString *error)
{
    QJsonObject sessions = readAll(m_path);
    QJsonObject entry { { "start"_L1, QString::fromUtf8(start.frame) } };
    if (start.savedAt.isValid())
        entry.insert("startSavedAt"_L1, start.savedAt.toUTC().toString(Qt::ISODateWithMs));
    sessions.insert(keyFor(company, preset, scope), entry);
    return writeAll(m_path, sessions, error);
}

bool SessionStore::remove(
    const QString &company, const QString &preset, const QString &scope, QString *error)
{
    QJsonObject sessions = readAll(m_path);
    const QString key = keyFor(company, preset, scope);
    if (!sessions.contains(key))
        return true;
    sessions.remove(key);
    return writeAll(m_path, sessions, error);
}

} // namespace OWidget
