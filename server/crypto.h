#pragma once

#include <QByteArray>
#include <QString>

namespace OWidget::Server::Crypto {

// How expensive a password hash is. Interactive is libsodium's recommended setting for
// logins; Cheap exists only so that tests can hash many passwords quickly.
enum class PasswordCost { Interactive, Cheap };

bool initialize();
// A random token of `bytes` bytes, base64url without padding.
QString randomToken(int bytes = 32);
// The hex-encoded BLAKE2b hash of a secret (resume secrets, session tokens).
QString hashSecret(const QString &secret);
// A hex-encoded BLAKE2b hash of arbitrary data (ETags).
QByteArray hashData(const QByteArray &data);
// An Argon2id hash string (crypto_pwhash_str), or an empty string when hashing failed.
QString hashPassword(const QString &password, PasswordCost cost);
bool verifyPassword(const QString &hash, const QString &password);

} // namespace OWidget::Server::Crypto
