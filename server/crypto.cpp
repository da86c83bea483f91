#include "crypto.h"

#include <sodium.h>

namespace OWidget::Server::Crypto {

bool initialize()
{
    return sodium_init() >= 0;
}

QString randomToken(int bytes)
{
    QByteArray buffer(bytes, Qt::Uninitialized);
    randombytes_buf(buffer.data(), size_t(buffer.size()));
    return QString::fromLatin1(
        buffer.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray hashData(const QByteArray &data)
{
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()),
        reinterpret_cast<const unsigned char *>(data.constData()), quint64(data.size()), nullptr,
        0);
    return out.toHex();
}

QString hashSecret(const QString &secret)
{
    return QString::fromLatin1(hashData(secret.toUtf8()));
}

QString hashPassword(const QString &password, PasswordCost cost)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const bool cheap = cost == PasswordCost::Cheap;
    const auto ops = cheap ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const auto mem = cheap ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str_alg(
            out, utf8.constData(), quint64(utf8.size()), ops, mem, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return {};
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &hash, const QString &password)
{
    const QByteArray h = hash.toLatin1();
    const QByteArray p = password.toUtf8();
    return !h.isEmpty()
        && crypto_pwhash_str_verify(h.constData(), p.constData(), quint64(p.size())) == 0;
}

} // namespace OWidget::Server::Crypto
