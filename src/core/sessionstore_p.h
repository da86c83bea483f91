// Remembers the active conversation per company, preset and scope, so it can be resumed after
// the program restarts, with the visitor's messages the server has not acknowledged yet. One
// JSON file, readable only by the user; the resume secret is in it unless it is in the system
// keychain (SecretKeeper).
#pragma once

#include "testexport_p.h"

#include <owidget/types.h>

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace OWidget {

/// A visitor's attachment still uploading: the file and the upload key, so that it goes on
/// after a restart and the server stores it once.
struct StoredUpload
{
    QString path;
    QString key;
    bool temporary = false; ///< the library's copy of pasted data, removed once sent
};

struct StoredSession
{
    QString conversation;
    QString secret; ///< empty when loaded with secretInKeychain: read it from there
    qint64 lastSeq = 0;
    bool secretInKeychain = false; ///< the file holds no secret: the system keychain does
    /// The visitor's messages not yet acknowledged, oldest first: client id, text and time.
    QList<ChatMessage> outbox;
    /// The uploads of the outbox's attachments not on the server yet, by client id.
    QHash<QString, StoredUpload> uploads {};
};

/// A `start` sent and not yet answered by `created`, as stored.
struct OWIDGET_TEST_EXPORT StoredStart
{
    /// How long a stored start may still go again. Older, it is the visitor's form of another
    /// visit (the host program was closed for a day or weeks): sent now it would reach an
    /// operator as a new request with a stale first message, so the form shows instead.
    static constexpr std::chrono::hours MaxAge { 24 };

    QByteArray frame;  ///< the `start` frame as it was sent
    QDateTime savedAt; ///< when it was stored; invalid in a file written before it was
    /// Whether it may go again at `now`: stored at most MaxAge before, and not in the future
    /// (a clock set back cannot make a start young again). One without a time is not.
    bool isFresh(const QDateTime &now) const;
};

class OWIDGET_TEST_EXPORT SessionStore
{
public:
    /// `path`: the file; by default `sessions.json` in the application's data location.
    explicit SessionStore(QString path = defaultPath());

    static QString defaultPath();
    QString path() const { return m_path; }

    std::optional<StoredSession> load(
        const QString &company, const QString &preset, const QString &scope) const;
    /// Writes atomically (QSaveFile); false with `*error` set when the file cannot be written.
    bool save(const QString &company, const QString &preset, const QString &scope,
        const StoredSession &session, QString *error = nullptr);
    bool remove(const QString &company, const QString &preset, const QString &scope,
        QString *error = nullptr);

    /// The `start` frame sent and not yet answered by `created`, in place of a conversation,
    /// so that it goes again as it was (same client id, same secret) after a restart: the
    /// server may have made the conversation and lost only the answer. save() replaces it.
    /// Nullopt when there is none, and when the entry cannot be read, with `*problem` saying
    /// what was wrong with it.
    std::optional<StoredStart> loadStart(const QString &company, const QString &preset,
        const QString &scope, QString *problem = nullptr) const;
    bool saveStart(const QString &company, const QString &preset, const QString &scope,
        const StoredStart &start, QString *error = nullptr);

private:
    QString m_path;
};

} // namespace OWidget
