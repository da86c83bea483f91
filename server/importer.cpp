#include "importer.h"
#include "avatarimage.h"
#include "database.h"
#include "importdata.h"
#include "logging.h"

#include "protocol/config.h"
#include "protocol/limits.h"
#include "protocol/reader.h"
#include "protocol/types.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

using Protocol::characterCount;
using namespace Import;

// "a, b or c", for a reason that lists what is allowed.
QString choices(const QStringList &names)
{
    return names.size() < 2
        ? names.join(QString())
        : names.mid(0, names.size() - 1).join(u", "_s) % u" or "_s % names.last();
}

/// An object of strings, read into a hash; the caller has checked it.
QHash<QString, QString> stringHash(const QJsonObject &object)
{
    QHash<QString, QString> hash;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        hash.insert(it.key(), it.value().toString());
    return hash;
}

// Walks the document and remembers the first error with its JSON path.
class Validator
{
public:
    QString error;
    QString baseDir; ///< of the import file: an operator's avatar is a path relative to it

    bool fail(const QString &path, const QString &reason)
    {
        if (error.isEmpty())
            error = path % u": "_s % reason;
        return false;
    }

    bool parse(const QJsonDocument &doc, QList<CompanyData> *out)
    {
        if (!doc.isObject())
            return fail(u"(document)"_s, u"must be a JSON object"_s);
        const QJsonValue companies = doc.object().value("companies"_L1);
        if (!companies.isArray() || companies.toArray().isEmpty())
            return fail(u"companies"_s, u"must be a non-empty array of companies"_s);
        QSet<QString> ids;
        QSet<QString> logins;
        const QJsonArray array = companies.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString path = u"companies[%1]"_s.arg(i);
            CompanyData company;
            if (!parseCompany(array.at(i), path, &company))
                return false;
            if (ids.contains(company.id))
                return fail(path % u".id"_s, u"duplicate company id"_s);
            ids.insert(company.id);
            for (qsizetype o = 0; o < company.operators.size(); ++o) {
                const QString &login = company.operators.at(o).login;
                if (logins.contains(login))
                    return fail(path % u".operators[%1].login"_s.arg(o),
                        u"duplicate operator login '%1'"_s.arg(login));
                logins.insert(login);
            }
            out->append(company);
        }
        return true;
    }

private:
    static bool matches(const QString &pattern, const QString &text)
    {
        return QRegularExpression(pattern).match(text).hasMatch();
    }

    /// A name of a group or a preset: a widget names its preset in hello, so it is at most as
    /// long as an id.
    static bool isName(const QJsonValue &v)
    {
        static const QRegularExpression pattern(u"^[a-z0-9_-]{1,%1}$"_s.arg(Protocol::MaxIdLength));
        return v.isString() && pattern.match(v.toString()).hasMatch();
    }

    bool name(const QJsonObject &o, const QString &key, const QString &path, QString *out)
    {
        const QJsonValue v = o.value(key);
        if (!isName(v))
            return fail(path % u'.' % key, u"must be 1-64 characters of a-z, 0-9, _ and -"_s);
        *out = v.toString();
        return true;
    }

    bool text(const QJsonObject &o, const QString &key, const QString &path, int max, QString *out)
    {
        const QJsonValue v = o.value(key);
        if (!v.isString() || v.toString().trimmed().isEmpty() || characterCount(v.toString()) > max)
            return fail(path % u'.' % key,
                u"must be a non-empty string of at most %1 characters"_s.arg(max));
        *out = v.toString();
        return true;
    }

    bool stringMap(const QJsonValue &v, const QString &path, int max,
        const QSet<QString> *allowedKeys = nullptr)
    {
        if (!v.isObject())
            return fail(path, u"must be an object of strings"_s);
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (allowedKeys && !allowedKeys->contains(it.key()))
                return fail(path % u'.' % it.key(), u"is not one of the preset's languages"_s);
            if (!it.value().isString() || !QStringView(it.value().toString()).isValidUtf16()
                || characterCount(it.value().toString()) > max)
                return fail(path % u'.' % it.key(),
                    u"must be a string of at most %1 characters"_s.arg(max));
        }
        return true;
    }

    /// Business hours, expected reply and attachments, by the protocol's reader; a zone this
    /// server knows.
    bool businessHours(const QJsonObject &o, const QString &path, Protocol::Config *config)
    {
        Protocol::Failure failure(path);
        Protocol::Reader reader(o, failure);
        if (o.contains("businessHours"_L1)) {
            Protocol::Reader hours = reader.child("businessHours"_L1);
            config->businessHours = Protocol::readBusinessHours(hours);
        }
        config->expectedReplyMinutes = int(reader.integer("expectedReplyMinutes"_L1, 1,
            Protocol::MaxExpectedReplyMinutes, Protocol::Presence::Optional, 0));
        // Optional: a preset that says nothing of attachments allows the defaults; one whose
        // maxBytes is 0 or whose types are empty allows none.
        config->attachments = o.contains("attachments"_L1) ? Protocol::readAttachmentPolicy(reader)
                                                           : Protocol::AttachmentPolicy::defaults();
        if (failure.failed())
            return fail(path, failure.error().message.mid(path.size() + 2));
        if (config->businessHours.isSet()
            && !Protocol::isKnownTimeZone(config->businessHours.timeZone))
            return fail(path % u".businessHours.timeZone"_s,
                u"is not a time zone this server knows (an IANA name such as Europe/Prague)"_s);
        return true;
    }

    bool parseCompany(const QJsonValue &value, const QString &path, CompanyData *company)
    {
        if (!value.isObject())
            return fail(path, u"must be an object"_s);
        const QJsonObject o = value.toObject();
        if (!o.value("id"_L1).isString() || !Protocol::isGuid(o.value("id"_L1).toString()))
            return fail(path % u".id"_s, u"must be a GUID"_s);
        company->id = Protocol::normalizedGuid(o.value("id"_L1).toString());
        if (!text(o, u"name"_s, path, Protocol::MaxNameLength, &company->name))
            return false;
        if (o.contains("awayIsBusy"_L1)) {
            if (!o.value("awayIsBusy"_L1).isBool())
                return fail(path % u".awayIsBusy"_s, u"must be a boolean"_s);
            company->awayIsBusy = o.value("awayIsBusy"_L1).toBool();
        }

        const QJsonValue groups = o.value("groups"_L1);
        if (!groups.isArray() || groups.toArray().isEmpty())
            return fail(path % u".groups"_s, u"must be a non-empty array of group names"_s);
        for (qsizetype i = 0; i < groups.toArray().size(); ++i) {
            const QJsonValue g = groups.toArray().at(i);
            const QString gPath = path % u".groups[%1]"_s.arg(i);
            if (!isName(g))
                return fail(gPath, u"must be 1-64 characters of a-z, 0-9, _ and -"_s);
            if (company->groups.contains(g.toString()))
                return fail(gPath, u"duplicate group '%1'"_s.arg(g.toString()));
            company->groups.append(g.toString());
        }

        const QJsonValue presets = o.value("presets"_L1);
        if (!presets.isArray() || presets.toArray().isEmpty())
            return fail(path % u".presets"_s, u"must be a non-empty array of presets"_s);
        int defaults = 0;
        for (qsizetype i = 0; i < presets.toArray().size(); ++i) {
            const QString pPath = path % u".presets[%1]"_s.arg(i);
            PresetData preset;
            if (!parsePreset(presets.toArray().at(i), pPath, company->groups, &preset))
                return false;
            for (const auto &other : std::as_const(company->presets)) {
                if (other.name == preset.name)
                    return fail(pPath % u".name"_s, u"duplicate preset '%1'"_s.arg(preset.name));
            }
            defaults += preset.isDefault ? 1 : 0;
            company->presets.append(preset);
        }
        if (defaults != 1)
            return fail(path % u".presets"_s,
                u"exactly one preset must have \"default\": true (found %1)"_s.arg(defaults));

        const QJsonValue operators = o.value("operators"_L1);
        if (!operators.isUndefined() && !operators.isArray())
            return fail(path % u".operators"_s, u"must be an array of operators"_s);
        for (qsizetype i = 0; i < operators.toArray().size(); ++i) {
            OperatorData op;
            if (!parseOperator(operators.toArray().at(i), path % u".operators[%1]"_s.arg(i),
                    company->groups, &op))
                return false;
            company->operators.append(op);
        }
        return true;
    }

    bool parsePreset(
        const QJsonValue &value, const QString &path, const QStringList &groups, PresetData *preset)
    {
        if (!value.isObject())
            return fail(path, u"must be an object"_s);
        const QJsonObject o = value.toObject();
        if (!name(o, u"name"_s, path, &preset->name))
            return false;
        if (o.contains("default"_L1) && !o.value("default"_L1).isBool())
            return fail(path % u".default"_s, u"must be a boolean"_s);
        preset->isDefault = o.value("default"_L1).toBool();

        const QJsonValue languages = o.value("languages"_L1);
        const QJsonArray langArray = languages.toArray();
        QSet<QString> langSet;
        bool langsOk = languages.isArray() && !langArray.isEmpty()
            && langArray.size() <= Protocol::MaxLanguages;
        for (const QJsonValue &l : langArray) {
            langsOk = langsOk && l.isString() && Protocol::isLanguageTag(l.toString());
            langSet.insert(l.toString());
            preset->config.languages.append(l.toString());
        }
        if (!langsOk || langSet.size() != langArray.size())
            return fail(path % u".languages"_s, u"must be a non-empty array of language tags"_s);

        QString defaultLanguage = langArray.first().toString();
        if (o.contains("defaultLanguage"_L1)) {
            defaultLanguage = o.value("defaultLanguage"_L1).toString();
            if (!langSet.contains(defaultLanguage))
                return fail(
                    path % u".defaultLanguage"_s, u"must be one of the preset's languages"_s);
        }

        const QJsonObject texts = o.value("texts"_L1).toObject();
        if (o.contains("texts"_L1) && !o.value("texts"_L1).isObject())
            return fail(path % u".texts"_s, u"must be an object keyed by language"_s);
        for (auto it = texts.begin(); it != texts.end(); ++it) {
            if (!langSet.contains(it.key()))
                return fail(
                    path % u".texts."_s % it.key(), u"is not one of the preset's languages"_s);
            if (!stringMap(
                    it.value(), path % u".texts."_s % it.key(), Protocol::MaxConfigTextLength))
                return false;
            preset->config.texts.insert(it.key(), stringHash(it.value().toObject()));
        }

        const QJsonValue fields = o.value("fields"_L1);
        if (!fields.isUndefined()
            && (!fields.isArray() || fields.toArray().size() > Protocol::MaxFields))
            return fail(path % u".fields"_s,
                u"must be an array of at most %1 fields"_s.arg(Protocol::MaxFields));
        QSet<QString> fieldNames;
        for (qsizetype i = 0; i < fields.toArray().size(); ++i) {
            const QString fPath = path % u".fields[%1]"_s.arg(i);
            const QJsonValue f = fields.toArray().at(i);
            if (!f.isObject())
                return fail(fPath, u"must be an object"_s);
            const QJsonObject fo = f.toObject();
            Protocol::ConfigField field;
            field.name = fo.value("name"_L1).toString();
            if (!Protocol::isFieldName(field.name))
                return fail(fPath % u".name"_s,
                    u"must be 1-%1 characters of a-z, 0-9 and _"_s.arg(
                        Protocol::MaxFieldNameLength));
            if (fieldNames.contains(field.name))
                return fail(fPath % u".name"_s, u"duplicate field '%1'"_s.arg(field.name));
            fieldNames.insert(field.name);
            const auto type
                = Protocol::fromName<Protocol::FieldType>(fo.value("type"_L1).toString());
            if (!type) {
                return fail(fPath % u".type"_s,
                    u"must be "_s % choices(Protocol::spellings<Protocol::FieldType>()));
            }
            field.type = *type;
            if (fo.contains("required"_L1) && !fo.value("required"_L1).isBool())
                return fail(fPath % u".required"_s, u"must be a boolean"_s);
            field.required = fo.value("required"_L1).toBool();
            if (fo.contains("label"_L1)
                && !stringMap(fo.value("label"_L1), fPath % u".label"_s, Protocol::MaxLabelLength))
                return false;
            field.labels = stringHash(fo.value("label"_L1).toObject());
            preset->config.fields.append(field);
        }

        const QJsonValue features = o.value("features"_L1);
        if (!features.isUndefined()) {
            if (!features.isObject())
                return fail(path % u".features"_s, u"must be an object of booleans"_s);
            static const QStringList known { u"chat"_s, u"callback"_s, u"offlineMessage"_s };
            const QJsonObject fo = features.toObject();
            for (auto it = fo.begin(); it != fo.end(); ++it) {
                if (!known.contains(it.key()))
                    return fail(path % u".features."_s % it.key(),
                        u"is not a feature (chat, callback, offlineMessage)"_s);
                if (!it.value().isBool())
                    return fail(path % u".features."_s % it.key(), u"must be a boolean"_s);
            }
        }

        const QString offlineBehavior = o.value("offlineBehavior"_L1).toString(u"form"_s);
        if (offlineBehavior != "form"_L1 && offlineBehavior != "disabled"_L1)
            return fail(path % u".offlineBehavior"_s, u"must be \"form\" or \"disabled\""_s);

        const QJsonValue region = o.value("phoneRegion"_L1);
        if (!region.isUndefined() && (!region.isString() || !Protocol::isRegion(region.toString())))
            return fail(path % u".phoneRegion"_s,
                u"must be an ISO 3166-1 alpha-2 region (e.g. CZ) or empty"_s);

        const QJsonValue colors = o.value("colors"_L1);
        if (!colors.isUndefined()) {
            if (!colors.isObject())
                return fail(path % u".colors"_s, u"must be an object"_s);
            static const QStringList known { u"online"_s, u"busy"_s, u"offline"_s, u"accent"_s };
            const QJsonObject co = colors.toObject();
            for (auto it = co.begin(); it != co.end(); ++it) {
                if (!known.contains(it.key()))
                    return fail(path % u".colors."_s % it.key(),
                        u"is not a colour (online, busy, offline, accent)"_s);
                if (!Protocol::isColor(it.value().toString()))
                    return fail(path % u".colors."_s % it.key(), u"must be #RRGGBB"_s);
            }
        }

        // Optional: a preset asks for no rating unless the import data says which kind.
        const QJsonValue rating = o.value("rating"_L1);
        const auto ratingKind
            = Protocol::fromName<Protocol::RatingKind>(rating.toString(u"none"_s));
        if (!ratingKind || (!rating.isUndefined() && !rating.isString())) {
            return fail(path % u".rating"_s,
                u"must be "_s % choices(Protocol::spellings<Protocol::RatingKind>()));
        }

        const QJsonValue presetGroups = o.value("groups"_L1);
        if (!presetGroups.isArray() || presetGroups.toArray().isEmpty())
            return fail(path % u".groups"_s, u"must be a non-empty array of group names"_s);
        for (qsizetype i = 0; i < presetGroups.toArray().size(); ++i) {
            const QString g = presetGroups.toArray().at(i).toString();
            if (!groups.contains(g))
                return fail(
                    path % u".groups[%1]"_s.arg(i), u"must name one of the company's groups"_s);
            if (!preset->groups.contains(g))
                preset->groups.append(g);
        }

        if (!businessHours(o, path, &preset->config))
            return false;
        Protocol::Config &config = preset->config;
        config.preset = preset->name;
        config.defaultLanguage = defaultLanguage;
        const QJsonObject featureObject = features.toObject();
        config.chat = featureObject.value("chat"_L1).toBool();
        config.callback = featureObject.value("callback"_L1).toBool();
        config.offlineMessage = featureObject.value("offlineMessage"_L1).toBool();
        config.offlineBehavior = offlineBehavior == "disabled"_L1
            ? Protocol::Config::OfflineBehavior::Disabled
            : Protocol::Config::OfflineBehavior::Form;
        config.phoneRegion = region.toString();
        config.colors = stringHash(colors.toObject());
        config.rating = *ratingKind;
        config.socket = u"/v1/socket"_s;
        // What is stored is served: the client's own reader must accept it.
        const auto parsed = Protocol::parseConfig(
            QJsonDocument(Protocol::encodeConfig(config)).toJson(QJsonDocument::Compact));
        if (const auto *refusal = std::get_if<Protocol::DecodeError>(&parsed))
            return fail(path, refusal->message);
        return true;
    }

    bool parseOperator(
        const QJsonValue &value, const QString &path, const QStringList &groups, OperatorData *op)
    {
        if (!value.isObject())
            return fail(path, u"must be an object"_s);
        const QJsonObject o = value.toObject();
        const QString login = o.value("login"_L1).toString();
        if (!matches(u"^[a-z0-9._-]{1,64}$"_s, login))
            return fail(path % u".login"_s, u"must be 1-64 characters of a-z, 0-9, ., _ and -"_s);
        op->login = login;
        if (!text(o, u"name"_s, path, 100, &op->name))
            return false;
        if (o.contains("passwordHash"_L1)) {
            op->passwordHash = o.value("passwordHash"_L1).toString();
            if (!op->passwordHash.startsWith("$argon2id$"_L1))
                return fail(path % u".passwordHash"_s, u"must be an Argon2id hash string"_s);
        } else {
            const QJsonValue pw = o.value("password"_L1);
            if (!pw.isString() || pw.toString().size() < 8 || pw.toString().size() > 1024)
                return fail(path % u".password"_s,
                    u"must be a string of 8-1024 characters (or give passwordHash)"_s);
            op->password = pw.toString();
        }
        const QJsonValue opGroups = o.value("groups"_L1);
        if (!opGroups.isArray() || opGroups.toArray().isEmpty())
            return fail(path % u".groups"_s, u"must be a non-empty array of group names"_s);
        for (qsizetype i = 0; i < opGroups.toArray().size(); ++i) {
            const QString g = opGroups.toArray().at(i).toString();
            if (!groups.contains(g))
                return fail(
                    path % u".groups[%1]"_s.arg(i), u"must name one of the company's groups"_s);
            if (!op->groups.contains(g))
                op->groups.append(g);
        }
        const QJsonValue maxChats = o.value("maxChats"_L1);
        if (!maxChats.isUndefined()) {
            const double d = maxChats.toDouble(-1);
            if (!maxChats.isDouble() || d != double(int(d)) || d < 1 || d > 100)
                return fail(path % u".maxChats"_s, u"must be an integer from 1 to 100"_s);
            op->maxChats = int(d);
        } else {
            op->maxChats = 3;
        }
        if (!o.contains("avatar"_L1))
            return true;
        const QString file = o.value("avatar"_L1).toString();
        auto png = AvatarImage::fromFile(QDir(baseDir).filePath(file));
        if (const auto *reason = std::get_if<QString>(&png); reason || file.isEmpty())
            return fail(path % u".avatar"_s,
                u"must name a PNG or JPEG file: '"_s % file % u"' "_s
                    % (reason ? *reason : QString()));
        op->avatar = std::get<QByteArray>(png);
        return true;
    }
};

bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    return q.exec();
}

} // namespace

Importer::Importer(Database &database, Crypto::PasswordCost cost)
    : m_database(database)
    , m_cost(cost)
{ }

bool Importer::importFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path % u": cannot be read: "_s % file.errorString();
        return false;
    }
    if (file.size() > 16 * 1024 * 1024) {
        *error = path % u": is larger than 16 MiB"_s;
        return false;
    }
    return importJson(file.readAll(), path, error);
}

bool Importer::importJson(const QByteArray &json, const QString &fileLabel, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = fileLabel % u": not valid JSON at offset %1: "_s.arg(parseError.offset)
            % parseError.errorString();
        return false;
    }
    Validator validator;
    validator.baseDir = QFileInfo(fileLabel).absolutePath();
    QList<CompanyData> companies;
    if (!validator.parse(doc, &companies)) {
        *error = fileLabel % u": "_s % validator.error;
        return false;
    }

    auto db = m_database.handle();
    QSqlQuery q(db);
    // Logins are global: one taken by another company that is not part of this import fails.
    for (qsizetype c = 0; c < companies.size(); ++c) {
        for (qsizetype o = 0; o < companies.at(c).operators.size(); ++o) {
            run(q, u"SELECT company FROM operators WHERE login = ?"_s,
                { companies.at(c).operators.at(o).login });
            if (q.next() && q.value(0).toString() != companies.at(c).id) {
                *error = fileLabel % u": companies[%1].operators[%2].login: "_s.arg(c).arg(o)
                    % u"is already used by another company"_s;
                return false;
            }
        }
    }

    Transaction transaction(db);
    bool ok = true;
    for (const CompanyData &company : std::as_const(companies)) {
        for (const auto &table :
            { u"presets"_s, u"preset_groups"_s, u"operator_groups"_s, u"operator_avatars"_s })
            ok = ok && run(q, u"DELETE FROM "_s % table % u" WHERE company = ?"_s, { company.id });
        ok = ok
            && run(q,
                u"DELETE FROM operator_memberships WHERE login IN "
                u"(SELECT login FROM operators WHERE company = ?)"_s,
                { company.id })
            && run(q, u"DELETE FROM operators WHERE company = ?"_s, { company.id })
            && run(q, u"DELETE FROM companies WHERE id = ?"_s, { company.id })
            && run(q, u"INSERT INTO companies (id, name, away_is_busy) VALUES (?, ?, ?)"_s,
                { company.id, company.name, int(company.awayIsBusy) });
        for (const QString &group : company.groups)
            ok = ok
                && run(q, u"INSERT INTO operator_groups (company, name) VALUES (?, ?)"_s,
                    { company.id, group });
        for (const PresetData &preset : company.presets) {
            ok = ok
                && run(q,
                    u"INSERT INTO presets (company, name, is_default, config) "
                    u"VALUES (?, ?, ?, ?)"_s,
                    { company.id, preset.name, int(preset.isDefault),
                        QString::fromUtf8(QJsonDocument(Protocol::encodeConfig(preset.config))
                                              .toJson(QJsonDocument::Compact)) });
            for (qsizetype i = 0; i < preset.groups.size(); ++i)
                ok = ok
                    && run(q,
                        u"INSERT INTO preset_groups (company, preset, group_name, position) "
                        u"VALUES (?, ?, ?, ?)"_s,
                        { company.id, preset.name, preset.groups.at(i), int(i) });
        }
        for (const OperatorData &op : company.operators) {
            QString hash = op.passwordHash;
            if (hash.isEmpty())
                hash = Crypto::hashPassword(op.password, m_cost);
            if (hash.isEmpty()) {
                *error
                    = fileLabel % u": operator '%1': hashing the password failed"_s.arg(op.login);
                return false;
            }
            ok = ok
                && run(q,
                    u"INSERT INTO operators (login, company, name, password_hash, max_chats) "
                    u"VALUES (?, ?, ?, ?, ?)"_s,
                    { op.login, company.id, op.name, hash, op.maxChats })
                && (op.avatar.isEmpty()
                    || run(q,
                        u"INSERT INTO operator_avatars (id, company, login, png) "
                        u"VALUES (?, ?, ?, ?)"_s,
                        { AvatarImage::idFor(op.login, op.avatar), company.id, op.login,
                            QString::fromLatin1(op.avatar.toBase64()) }));
            for (const QString &group : op.groups)
                ok = ok
                    && run(q,
                        u"INSERT INTO operator_memberships (login, group_name) VALUES (?, ?)"_s,
                        { op.login, group });
        }
    }
    if (!ok || !transaction.commit()) {
        *error = fileLabel % u": writing to the database failed: "_s % q.lastError().text();
        return false;
    }
    qCInfo(lcServer, "event=config_imported file=%s companies=%d", qUtf8Printable(fileLabel),
        int(companies.size()));
    return true;
}

} // namespace OWidget::Server
