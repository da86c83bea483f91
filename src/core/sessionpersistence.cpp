#include "sessionpersistence_p.h"

#include "logging_p.h"

namespace OWidget {

SessionPersistence::SessionPersistence(
    Conversation *conversation, SessionStore store, QObject *parent)
    : QObject(parent)
    , m_conversation(conversation)
    , m_store(std::move(store))
{
    m_saveDelay.setSingleShot(true);
    m_saveDelay.setInterval(SaveDelayMsecs);
    connect(&m_saveDelay, &QTimer::timeout, this, &SessionPersistence::save);
    connect(&m_keeper, &SecretKeeper::readFinished, this, &SessionPersistence::onSecretRead);
    connect(&m_keeper, &SecretKeeper::writeFinished, this, &SessionPersistence::onSecretWritten);
}

SessionPersistence::~SessionPersistence()
{
    flush();
}

void SessionPersistence::setKey(const QString &company, const QString &preset, const QString &scope)
{
    flush();
    m_company = company;
    m_preset = preset;
    m_scope = scope;
}

std::optional<StoredSession> SessionPersistence::load()
{
    const std::optional<StoredSession> stored = m_store.load(m_company, m_preset, m_scope);
    m_secretPending = stored && stored->secretInKeychain;
    if (m_secretPending)
        m_keeper.read(stored->conversation);
    return stored;
}

void SessionPersistence::saveSoon()
{
    if (!m_saveDelay.isActive())
        m_saveDelay.start();
}

void SessionPersistence::flush()
{
    if (m_saveDelay.isActive())
        save();
}

// Writes the conversation and the outbox: the visitor's messages not yet acknowledged, so they
// still go after the host program closed and opened again.
void SessionPersistence::save()
{
    m_saveDelay.stop();
    auto &session = m_conversation->session;
    if (!session)
        return;
    session->outbox = m_conversation->pending();
    session->uploads = m_uploadsSource ? m_uploadsSource() : QHash<QString, StoredUpload>();
    QString error;
    if (!m_store.save(m_company, m_preset, m_scope, *session, &error))
        Q_EMIT failed(error);
}

void SessionPersistence::saveCreated()
{
    save();
    if (SecretKeeper::isBuiltWithKeychain() && m_conversation->session)
        m_keeper.write(m_conversation->session->conversation, m_conversation->session->secret);
}

void SessionPersistence::forget()
{
    m_saveDelay.stop();
    m_secretPending = false;
    auto &session = m_conversation->session;
    if (!session)
        return;
    if (session->secretInKeychain)
        m_keeper.remove(session->conversation);
    session.reset();
    QString error;
    if (!m_store.remove(m_company, m_preset, m_scope, &error))
        Q_EMIT failed(error);
}

void SessionPersistence::saveStart(const QByteArray &frame)
{
    QString error;
    const StoredStart start { frame, QDateTime::currentDateTimeUtc() };
    if (!m_store.saveStart(m_company, m_preset, m_scope, start, &error))
        Q_EMIT failed(error);
}

void SessionPersistence::forgetStart()
{
    QString error;
    if (!m_conversation->session && !m_store.remove(m_company, m_preset, m_scope, &error))
        Q_EMIT failed(error);
}

void SessionPersistence::onSecretRead(
    const QString &conversation, const QString &secret, const QString &error)
{
    auto &session = m_conversation->session;
    if (!m_secretPending || !session || session->conversation != conversation)
        return; // an answer for a conversation the controller has since left
    m_secretPending = false;
    if (!secret.isEmpty())
        session->secret = secret;
    Q_EMIT secretRead(secret.isEmpty() ? error : QString());
}

// Once the keychain holds the secret, the file no longer does; where there is no keychain it
// stays in the file, which only the user can read.
void SessionPersistence::onSecretWritten(const QString &conversation, const QString &error)
{
    auto &session = m_conversation->session;
    if (!session || session->conversation != conversation) {
        if (error.isEmpty())
            m_keeper.remove(conversation); // the conversation ended meanwhile
        return;
    }
    if (!error.isEmpty()) {
        qCDebug(lcCore) << "no system keychain, the resume secret stays in the session file:"
                        << error;
        return;
    }
    session->secretInKeychain = true;
    save();
}

} // namespace OWidget
