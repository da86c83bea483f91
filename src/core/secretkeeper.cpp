#include "secretkeeper_p.h"

#include "logging_p.h"
#include "secretservice_p.h"

#include <QTimer>

#if OWIDGET_HAS_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

using namespace Qt::StringLiterals;

namespace OWidget {

bool SecretKeeper::isBuiltWithKeychain()
{
    return OWIDGET_HAS_KEYCHAIN;
}

QString SecretKeeper::serviceName()
{
    return u"OWidget conversations"_s;
}

#if OWIDGET_HAS_KEYCHAIN

namespace {

// Starts `job`; it deletes itself after `finished`.
template<typename Job, typename Done> void run(Job *job, const QString &conversation, Done done)
{
    job->setKey(conversation);
    QObject::connect(job, &QKeychain::Job::finished, job, [job, done] { done(job); });
    job->start();
}

QString describe(const QKeychain::Job *job)
{
    return job->error() == QKeychain::NoError ? QString() : job->errorString();
}

} // namespace

// QtKeychain is used only when it can answer without a word to the person: a keychain that
// would have to be started, created or unlocked asks for a password, so the secret stays in
// the session file instead.
void SecretKeeper::whenAvailable(const std::function<void(const QString &reason)> &then)
{
    SecretService::check(this, [then](const QString &reason) {
        if (reason.isEmpty())
            qCInfo(lcCore) << "the resume secret is kept in the system keychain";
        else
            qCInfo(lcCore) << "the resume secret is kept in the session file:" << reason;
        then(reason);
    });
}

void SecretKeeper::read(const QString &conversation)
{
    whenAvailable([this, conversation](const QString &reason) {
        if (!reason.isEmpty()) {
            Q_EMIT readFinished(conversation, {}, reason);
            return;
        }
        run(new QKeychain::ReadPasswordJob(serviceName(), this), conversation,
            [this, conversation](QKeychain::ReadPasswordJob *job) {
                const QString error = describe(job);
                Q_EMIT readFinished(conversation, error.isEmpty() ? job->textData() : QString(),
                    error.isEmpty() && job->textData().isEmpty() ? u"the secret is empty"_s
                                                                 : error);
            });
    });
}

void SecretKeeper::write(const QString &conversation, const QString &secret)
{
    whenAvailable([this, conversation, secret](const QString &reason) {
        if (!reason.isEmpty()) {
            Q_EMIT writeFinished(conversation, reason);
            return;
        }
        auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
        job->setTextData(secret);
        run(job, conversation, [this, conversation](QKeychain::WritePasswordJob *finished) {
            Q_EMIT writeFinished(conversation, describe(finished));
        });
    });
}

void SecretKeeper::remove(const QString &conversation)
{
    whenAvailable([this, conversation](const QString &reason) {
        if (reason.isEmpty()) {
            run(new QKeychain::DeletePasswordJob(serviceName(), this), conversation,
                [](QKeychain::DeletePasswordJob *) {});
        }
    });
}

#else // without QtKeychain, every answer is "no keychain", given later as the keychain's would be

void SecretKeeper::read(const QString &conversation)
{
    QTimer::singleShot(0, this, [this, conversation] {
        Q_EMIT readFinished(conversation, {}, u"built without a keychain"_s);
    });
}

void SecretKeeper::write(const QString &conversation, const QString &)
{
    QTimer::singleShot(0, this, [this, conversation] {
        Q_EMIT writeFinished(conversation, u"built without a keychain"_s);
    });
}

void SecretKeeper::remove(const QString &)
{ }

#endif

} // namespace OWidget
