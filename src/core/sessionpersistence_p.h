// Keeps the conversation across restarts of the program: the session file (SessionStore), the
// resume secret in the system keychain where there is one (SecretKeeper), and writes delayed
// while messages flow. The conversation itself is the controller's value; this class reads it
// when it writes, and fills in the secret when the keychain gives it back.
#pragma once

#include "conversation_p.h"
#include "secretkeeper_p.h"
#include "sessionstore_p.h"
#include "testexport_p.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace OWidget {

class OWIDGET_TEST_EXPORT SessionPersistence : public QObject
{
    Q_OBJECT
public:
    /// The last sequence number is written at most this often while messages flow: a write
    /// replaces a file and syncs it, which would otherwise dominate each message's round trip.
    static constexpr int SaveDelayMsecs = 1000;

    /// Writes `conversation`, which must outlive this object, into `store`.
    explicit SessionPersistence(
        Conversation *conversation, SessionStore store = SessionStore(), QObject *parent = nullptr);
    /// Writes what is due.
    ~SessionPersistence() override;

    /// The company, preset and scope the conversation is stored under.
    void setKey(const QString &company, const QString &preset, const QString &scope);
    /// The conversation stored under the key. When its secret is in the keychain, reading it
    /// starts: isSecretPending() until secretRead().
    std::optional<StoredSession> load();
    bool isSecretPending() const { return m_secretPending; }

    /// The uploads still going, written beside the outbox.
    void setUploadsSource(std::function<QHash<QString, StoredUpload>()> source)
    {
        m_uploadsSource = std::move(source);
    }
    /// Writes the conversation and its outbox now.
    void save();
    /// Writes within SaveDelayMsecs, once for many changes.
    void saveSoon();
    /// Writes now if a write is due.
    void flush();
    /// The server created the conversation: written at once, with the secret, which then moves
    /// to the keychain if there is one.
    void saveCreated();
    /// The conversation ended or cannot be resumed: gone from the file and the keychain. The
    /// conversation value loses its session.
    void forget();

    /// A `start` waiting for `created`, written at once with the time, in place of the stored
    /// conversation (there is none: a conversation is on only after `created`); saveCreated()
    /// replaces it.
    void saveStart(const QByteArray &frame);
    /// The `start` stored under the key; nullopt when there is none or it cannot be read, with
    /// `*problem` saying what was wrong with it.
    std::optional<StoredStart> loadStart(QString *problem = nullptr) const
    {
        return m_store.loadStart(m_company, m_preset, m_scope, problem);
    }
    /// The server refused the start: it is gone from the file.
    void forgetStart();

Q_SIGNALS:
    /// The keychain answered: the secret is in the conversation, or `error` says why not.
    void secretRead(const QString &error);
    /// The file could not be written or removed.
    void failed(const QString &error);

private:
    void onSecretRead(const QString &conversation, const QString &secret, const QString &error);
    void onSecretWritten(const QString &conversation, const QString &error);

    Conversation *const m_conversation;
    SessionStore m_store;
    SecretKeeper m_keeper;
    QTimer m_saveDelay;
    QString m_company;
    QString m_preset;
    QString m_scope;
    bool m_secretPending = false;
    std::function<QHash<QString, StoredUpload>()> m_uploadsSource;
};

} // namespace OWidget
