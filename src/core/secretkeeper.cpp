#include "secretkeeper_p.h"

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

void SecretKeeper::read(const QString &conversation)
{
    run(new QKeychain::ReadPasswordJob(serviceName(), this), conversation,
        [this, conversation](QKeychain::ReadPasswordJob *job) {
            const QString error = describe(job);
            Q_EMIT readFinished(conversation, error.isEmpty() ? job->textData() : QString(),
                error.isEmpty() && job->textData().isEmpty() ? u"the secret is empty"_s : error);
        });
}

void SecretKeeper::write(const QString &conversation, const QString &secret)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setTextData(secret);
    run(job, conversation, [this, conversation](QKeychain::WritePasswordJob *finished) {
        Q_EMIT writeFinished(conversation, describe(finished));
    });
}

void SecretKeeper::remove(const QString &conversation)
{
    run(new QKeychain::DeletePasswordJob(serviceName(), this), conversation,
        [](QKeychain::DeletePasswordJob *) {});
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
