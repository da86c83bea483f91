#include "conversationservice.h"
#include "crypto.h"
#include "database.h"
#include "directory.h"
#include "json_p.h"
#include "logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace OWidget::Server {

namespace {

const QString conversationColumns = u"id, company, preset, group_name, secret_hash, state, "
                                    u"language, fields, custom_data, start_client_id, "
                                    u"operator_login, operator_name, created, ended, last_seq"_s;

QJsonObject parseObject(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(compactJson(o));
}

Conversation readConversation(const QSqlQuery &q)
{
    Conversation c;
    c.id = q.value(0).toString();
    c.company = q.value(1).toString();
    c.preset = q.value(2).toString();
    c.group = q.value(3).toString();
    c.secretHash = q.value(4).toString();
    c.state = q.value(5).toString();
    c.language = q.value(6).toString();
    c.fields = parseObject(q.value(7));
    c.customData = parseObject(q.value(8));
    c.startClientId = q.value(9).toString();
    c.operatorLogin = q.value(10).toString();
    c.operatorName = q.value(11).toString();
    c.created = q.value(12).toLongLong();
    c.ended = q.value(13).toLongLong();
    c.lastSeq = q.value(14).toInt();
    return c;
}

Event readEvent(const QSqlQuery &q)
{
    Event e;
    e.seq = q.value(0).toInt();
    e.type = q.value(1).toString();
    e.time = q.value(2).toLongLong();
    e.from = q.value(3).toString();
    e.name = q.value(4).toString();
    e.text = q.value(5).toString();
    e.by = q.value(6).toString();
    e.clientId = q.value(7).toString();
    return e;
}

const QString eventColumns = u"seq, type, at_ms, sender, name, body, ended_by, client_id"_s;

bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    if (!q.prepare(sql))
        return false;
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (q.exec())
        return true;
    qCWarning(lcServer, "event=sql_error error=\"%s\"", qUtf8Printable(q.lastError().text()));
    return false;
}

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

} // namespace

QJsonObject Event::toWidgetJson() const
{
    QJsonObject o { { "type"_L1, type }, { "seq"_L1, seq }, { "time"_L1, isoTime(time) } };
    if (type == "joined"_L1) {
        o.insert("operator"_L1, name);
    } else if (type == "message"_L1) {
        o.insert("from"_L1, from);
        if (from == "operator"_L1)
            o.insert("name"_L1, name);
        else
            o.insert("clientId"_L1, clientId);
        o.insert("text"_L1, text);
    } else if (type == "ended"_L1) {
        o.insert("by"_L1, by);
    }
    return o;
}

QJsonObject Event::toOperatorJson() const
{
    QJsonObject o = toWidgetJson();
    if (type == "joined"_L1)
        o.insert("name"_L1, name);
    if (type == "message"_L1) {
        o.insert("clientId"_L1, clientId);
        o.insert("name"_L1, name);
    }
    return o;
}

QJsonObject OfflineItem::toJson() const
{
    QJsonObject o { { "id"_L1, id }, { "created"_L1, isoTime(created) }, { "preset"_L1, preset },
        { "fields"_L1, fields } };
    if (kind == "message"_L1)
        o.insert("text"_L1, text);
    else
        o.insert("phone"_L1, phone);
    return o;
}

ConversationService::ConversationService(
    Database &database, Directory &directory, qint64 resumeWindowMs, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_directory(directory)
    , m_resumeWindowMs(resumeWindowMs)
{ }

qint64 ConversationService::nextTimestamp()
{
    // Strictly increasing, so that creation times order the queues without ties.
    m_lastTimestamp = qMax(QDateTime::currentMSecsSinceEpoch(), m_lastTimestamp + 1);
    return m_lastTimestamp;
}

std::optional<Conversation> ConversationService::find(const QString &id) const
{
    QSqlQuery q(m_database.handle());
    if (!run(q, u"SELECT "_s % conversationColumns % u" FROM conversations WHERE id = ?"_s, { id })
        || !q.next())
        return std::nullopt;
    return readConversation(q);
}

std::optional<Conversation> ConversationService::resume(
    const QString &id, const QString &secret) const
{
    const auto c = find(id);
    if (!c || c->secretHash != Crypto::hashSecret(secret))
        return std::nullopt;
    if (c->state == "ended"_L1 && QDateTime::currentMSecsSinceEpoch() - c->ended > m_resumeWindowMs)
        return std::nullopt;
    return c;
}

std::optional<Conversation> ConversationService::start(const QString &company,
    const QString &preset, const QString &language, const QJsonObject &fields,
    const QJsonObject &customData, const QString &clientId, QString *secret)
{
    const auto p = m_directory.preset(company, preset);
    if (!p || p->groups.isEmpty())
        return std::nullopt;
    Conversation c;
    c.id = u"c-"_s % Crypto::randomToken(12);
    c.company = company;
    c.preset = p->name;
    c.group = p->groups.first();
    *secret = Crypto::randomToken(32);
    c.secretHash = Crypto::hashSecret(*secret);
    c.state = u"waiting"_s;
    c.language = language;
    c.fields = fields;
    c.customData = customData;
    c.startClientId = clientId;
    c.created = nextTimestamp();

    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"INSERT INTO conversations ("_s % conversationColumns
                % u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, NULL, 0)"_s,
            { c.id, c.company, c.preset, c.group, c.secretHash, c.state, c.language,
                jsonText(c.fields), jsonText(c.customData), c.startClientId, c.created }))
        return std::nullopt;
    qCInfo(lcServer, "event=conversation_created conversation=%s company=%s preset=%s group=%s",
        qUtf8Printable(c.id), qUtf8Printable(company), qUtf8Printable(c.preset),
        qUtf8Printable(c.group));
    Q_EMIT queueChanged(c.company, c.group);
    return c;
}

QList<Event> ConversationService::events(const QString &id, int afterSeq) const
{
    QList<Event> list;
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT "_s % eventColumns
                % u" FROM events WHERE conversation = ? AND seq > ? ORDER BY seq"_s,
            { id, afterSeq }))
        return list;
    while (q.next())
        list.append(readEvent(q));
    return list;
}

std::optional<Event> ConversationService::appendEvent(const QString &id, Event event)
{
    auto db = m_database.handle();
    Transaction transaction(db);
    QSqlQuery q(db);
    if (!run(q, u"UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ?"_s, { id })
        || !run(q, u"SELECT last_seq FROM conversations WHERE id = ?"_s, { id }) || !q.next())
        return std::nullopt;
    event.seq = q.value(0).toInt();
    event.time = nextTimestamp();
    if (!run(q,
            u"INSERT INTO events (conversation, "_s % eventColumns
                % u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { id, event.seq, event.type, event.time, nullable(event.from), nullable(event.name),
                nullable(event.text), nullable(event.by), nullable(event.clientId) }))
        return std::nullopt;
    if (event.type == "ended"_L1
        && !run(q, u"UPDATE conversations SET state = 'ended', ended = ? WHERE id = ?"_s,
            { event.time, id }))
        return std::nullopt;
    if (!transaction.commit())
        return std::nullopt;
    return event;
}

std::optional<Event> ConversationService::appendMessage(const QString &id, const QString &from,
    const QString &name, const QString &clientId, const QString &text, bool *duplicate)
{
    QSqlQuery q(m_database.handle());
    if (run(q,
            u"SELECT "_s % eventColumns
                % u" FROM events WHERE conversation = ? AND sender = ? AND client_id = ?"_s,
            { id, from, clientId })
        && q.next()) {
        *duplicate = true;
        return readEvent(q);
    }
    *duplicate = false;
    Event e;
    e.type = u"message"_s;
    e.from = from;
    e.name = name;
    e.clientId = clientId;
    e.text = text;
    const auto stored = appendEvent(id, e);
    const auto c = find(id);
    if (stored && c) {
        qCInfo(lcServer, "event=message conversation=%s from=%s seq=%d length=%d",
            qUtf8Printable(id), qUtf8Printable(from), stored->seq, int(text.size()));
        qCDebug(lcServer, "event=message_text conversation=%s text=\"%s\"", qUtf8Printable(id),
            qUtf8Printable(text));
        Q_EMIT eventAppended(*c, *stored);
    }
    return stored;
}

std::optional<Conversation> ConversationService::accept(
    const QString &login, const QString &id, QString *errorCode)
{
    const auto op = m_directory.operatorInfo(login);
    if (!op) {
        *errorCode = u"not_found"_s;
        return std::nullopt;
    }
    if (m_directory.activeChats(login) >= op->maxChats) {
        *errorCode = u"at_capacity"_s;
        return std::nullopt;
    }
    std::optional<Conversation> c;
    if (id.isEmpty()) {
        const auto queue = waiting(op->company, op->groups);
        if (queue.isEmpty()) {
            *errorCode = u"not_found"_s;
            return std::nullopt;
        }
        c = queue.first();
    } else {
        c = find(id);
        if (!c || c->company != op->company || !op->groups.contains(c->group)) {
            *errorCode = u"not_found"_s;
            return std::nullopt;
        }
        if (c->state != "waiting"_L1) {
            *errorCode = u"conflict"_s;
            return std::nullopt;
        }
    }

    auto db = m_database.handle();
    {
        Transaction transaction(db);
        QSqlQuery q(db);
        if (!run(q,
                u"UPDATE conversations SET state = 'active', operator_login = ?, "
                u"operator_name = ? WHERE id = ? AND state = 'waiting'"_s,
                { login, op->name, c->id })
            || q.numRowsAffected() != 1 || !transaction.commit()) {
            *errorCode = u"conflict"_s;
            return std::nullopt;
        }
    }
    Event joined;
    joined.type = u"joined"_s;
    joined.name = op->name;
    const auto stored = appendEvent(c->id, joined);
    c = find(c->id);
    if (!stored || !c) {
        *errorCode = u"internal"_s;
        return std::nullopt;
    }
    qCInfo(lcServer, "event=conversation_accepted conversation=%s operator=%s",
        qUtf8Printable(c->id), qUtf8Printable(login));
    updateActiveChats(login);
    Q_EMIT conversationAccepted(*c);
    Q_EMIT eventAppended(*c, *stored);
    Q_EMIT queueChanged(c->company, c->group);
    return c;
}

bool ConversationService::end(const QString &id, const QString &by)
{
    const auto before = find(id);
    if (!before || before->state == "ended"_L1)
        return false;
    Event ended;
    ended.type = u"ended"_s;
    ended.by = by;
    const auto stored = appendEvent(id, ended);
    const auto c = find(id);
    if (!stored || !c)
        return false;
    qCInfo(lcServer, "event=conversation_ended conversation=%s by=%s", qUtf8Printable(id),
        qUtf8Printable(by));
    if (!c->operatorLogin.isEmpty())
        updateActiveChats(c->operatorLogin);
    Q_EMIT eventAppended(*c, *stored);
    if (before->state == "waiting"_L1)
        Q_EMIT queueChanged(c->company, c->group);
    return true;
}

void ConversationService::notifyTyping(const QString &id, bool fromOperator, bool active)
{
    Q_EMIT typingChanged(id, fromOperator, active);
}

QList<Conversation> ConversationService::waiting(
    const QString &company, const QStringList &groups) const
{
    QList<Conversation> list;
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT "_s % conversationColumns
                % u" FROM conversations WHERE company = ? AND state = 'waiting' "
                  u"ORDER BY created, id"_s,
            { company }))
        return list;
    while (q.next()) {
        Conversation c = readConversation(q);
        if (groups.contains(c.group))
            list.append(c);
    }
    return list;
}

int ConversationService::queuePosition(const Conversation &conversation) const
{
    if (conversation.state != "waiting"_L1)
        return 0;
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT COUNT(*) FROM conversations WHERE company = ? AND group_name = ? AND "
            u"state = 'waiting' AND created <= ?"_s,
            { conversation.company, conversation.group, conversation.created })
        || !q.next())
        return 0;
    return q.value(0).toInt();
}

QList<Conversation> ConversationService::activeFor(const QString &login) const
{
    QList<Conversation> list;
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT "_s % conversationColumns
                % u" FROM conversations WHERE operator_login = ? AND state = 'active' "
                  u"ORDER BY created"_s,
            { login }))
        return list;
    while (q.next())
        list.append(readConversation(q));
    return list;
}

void ConversationService::updateActiveChats(const QString &login)
{
    m_directory.setActiveChats(login, int(activeFor(login).size()));
}

std::optional<OfflineItem> ConversationService::addOfflineItem(
    const OfflineItem &item, bool *duplicate)
{
    QSqlQuery q(m_database.handle());
    const QString columns = u"id, company, preset, kind, client_id, fields, body, phone, created"_s;
    auto read = [&q] {
        OfflineItem o;
        o.id = q.value(0).toString();
        o.company = q.value(1).toString();
        o.preset = q.value(2).toString();
        o.kind = q.value(3).toString();
        o.clientId = q.value(4).toString();
        o.fields = parseObject(q.value(5));
        o.text = q.value(6).toString();
        o.phone = q.value(7).toString();
        o.created = q.value(8).toLongLong();
        return o;
    };
    if (run(q,
            u"SELECT "_s % columns
                % u" FROM offline_items WHERE company = ? AND kind = ? AND client_id = ?"_s,
            { item.company, item.kind, item.clientId })
        && q.next()) {
        *duplicate = true;
        return read();
    }
    *duplicate = false;
    OfflineItem stored = item;
    stored.id = (item.kind == "message"_L1 ? u"m-"_s : u"r-"_s) % Crypto::randomToken(12);
    stored.created = nextTimestamp();
    if (!run(q,
            u"INSERT INTO offline_items ("_s % columns % u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
            { stored.id, stored.company, stored.preset, stored.kind, stored.clientId,
                jsonText(stored.fields), nullable(stored.text), nullable(stored.phone),
                stored.created }))
        return std::nullopt;
    qCInfo(lcServer, "event=offline_item kind=%s id=%s company=%s", qUtf8Printable(stored.kind),
        qUtf8Printable(stored.id), qUtf8Printable(stored.company));
    Q_EMIT offlineItemAdded(stored);
    return stored;
}

QList<OfflineItem> ConversationService::offlineItems(
    const QString &company, const QString &kind) const
{
    QList<OfflineItem> list;
    QSqlQuery q(m_database.handle());
    if (!run(q,
            u"SELECT id, company, preset, kind, client_id, fields, body, phone, created "
            u"FROM offline_items WHERE company = ? AND kind = ? ORDER BY created"_s,
            { company, kind }))
        return list;
    while (q.next()) {
        OfflineItem o;
        o.id = q.value(0).toString();
        o.company = q.value(1).toString();
        o.preset = q.value(2).toString();
        o.kind = q.value(3).toString();
        o.clientId = q.value(4).toString();
        o.fields = parseObject(q.value(5));
        o.text = q.value(6).toString();
        o.phone = q.value(7).toString();
        o.created = q.value(8).toLongLong();
        list.append(o);
    }
    return list;
}

} // namespace OWidget::Server
