// Remembers the active conversation per company, preset and scope, so it can be resumed after
// the program restarts, with the visitor's messages the server has not acknowledged yet. One
// JSON file, readable only by the user; the resume secret is in it unless it is in the system
// keychain (SecretKeeper).
#pragma once

#include "testexport_p.h"

#include <owidget/types.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace OWidget {

struct StoredSession
{
    QString conversation;
    QString secret; ///< empty when loaded with secretInKeychain: read it from there
    qint64 lastSeq = 0;
    bool secretInKeychain = false; ///< the file holds no secret: the system keychain does
    /// The visitor's messages not yet acknowledged, oldest first: client id, text and time.
    QList<ChatMessage> outbox;
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
    QByteArray loadStart(const QString &company, const QString &preset, const QString &scope) const;
    bool saveStart(const QString &company, const QString &preset, const QString &scope,
        const QByteArray &frame, QString *error = nullptr);

private:
    QString m_path;
};

} // namespace OWidget
