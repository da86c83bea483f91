// An operator for the fault tests: a console's behaviour over a raw socket, which survives
// every cut link and server restart.
#pragma once

#include "serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTimer>
#include <QWebSocket>

#include <functional>

namespace OWidgetTest {

using namespace Qt::StringLiterals;

// An operator as a console is one, which comes back by itself after every fault: it logs in
// again, reads the conversation from the snapshot, and sends again what was not acknowledged,
// with the same client ids.
class ReliableOperator : public QObject
{
public:
    explicit ReliableOperator(const QUrl &server)
        : m_server(server)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &ReliableOperator::onMessage);
        connect(&m_socket, &QWebSocket::disconnected, this, [this] {
            m_ready = false;
            m_readSent = 0; // sent again on the next link, in case it was lost with this one
            QTimer::singleShot(20, this, &ReliableOperator::login);
        });
    }

    void login()
    {
        QNetworkRequest request(m_server.resolved(QUrl(u"v1/operator/login"_s)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        const QJsonObject body { { u"login"_s, u"alice"_s }, { u"password"_s, u"alice-demo"_s } };
        QNetworkReply *reply = m_network.post(request, QJsonDocument(body).toJson());
        connect(reply, &QNetworkReply::finished, this, [this, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                openSocket();
            else
                QTimer::singleShot(20, this, &ReliableOperator::login);
        });
    }

    bool isReady() const { return m_ready; }
    QString conversation() const { return m_conversation; }

    void accept(const QString &conversation)
    {
        m_conversation = conversation;
        sendFrame({ { u"type"_s, u"accept"_s }, { u"conversation"_s, conversation } });
    }

    void say(const QString &text)
    {
        const QString clientId = u"o-%1"_s.arg(m_outbox.size());
        m_outbox.append({ clientId, text });
        if (m_ready)
            sendMessage(m_outbox.constLast());
    }

    bool allAcknowledged() const { return m_acked.size() == m_outbox.size(); }

    // Read marks, as a console sends them: the greatest seq it knows of, when it is new.
    qint64 highestSeq() const { return m_highestSeq; }
    void markRead()
    {
        if (!m_ready || m_highestSeq <= m_readSent)
            return;
        m_readSent = m_highestSeq;
        sendFrame({ { u"type"_s, u"read"_s }, { u"conversation"_s, m_conversation },
            { u"seq"_s, m_readSent } });
    }
    /// The visitor's mark as the server told it, and whether it ever went back.
    qint64 visitorRead() const { return m_visitorRead; }
    bool visitorReadWentBack() const { return m_visitorReadWentBack; }

    /// The conversation's messages as this operator has seen them, each seq once, in seq order:
    /// a message's text, or what `said` makes of it.
    QStringList texts(
        const QString &from, const std::function<QString(const QJsonObject &)> &said = textOf) const
    {
        QStringList list;
        for (const QJsonObject &event : m_events) {
            if (event[u"from"_s].toString() == from)
                list.append(said(event));
        }
        return list;
    }
    static QString textOf(const QJsonObject &event) { return event[u"text"_s].toString(); }

private:
    struct Outgoing
    {
        QString clientId;
        QString text;
    };

    void openSocket() { m_socket.open(operatorSocketRequest(m_server, m_network.cookieJar())); }

    void onMessage(const QString &text)
    {
        const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
        const QString type = message[u"type"_s].toString();
        if (type == "snapshot"_L1) {
            for (const QJsonValue &c : message[u"conversations"_s].toArray())
                readConversation(c.toObject());
            m_ready = true;
            markRead();
            for (const Outgoing &outgoing : std::as_const(m_outbox)) {
                if (!m_acked.contains(outgoing.clientId))
                    sendMessage(outgoing);
            }
        } else if (type == "conversation"_L1) {
            readConversation(message[u"conversation"_s].toObject());
        } else if (type == "event"_L1 && message[u"conversation"_s].toString() == m_conversation) {
            record(message[u"event"_s].toObject());
        } else if (type == "events"_L1 && message[u"conversation"_s].toString() == m_conversation) {
            // The conversation's earlier events, after its newest came with it.
            for (const QJsonValue &event : message[u"events"_s].toArray())
                record(event.toObject());
        } else if (type == "ack"_L1) {
            m_acked.insert(message[u"clientId"_s].toString());
            m_highestSeq = qMax(m_highestSeq, message[u"seq"_s].toInteger());
        } else if (type == "read"_L1 && message[u"conversation"_s].toString() == m_conversation) {
            // Sent only when the mark moves forward, so each one is greater than the last.
            const qint64 seq = message[u"seq"_s].toInteger();
            m_visitorReadWentBack = m_visitorReadWentBack || seq <= m_visitorRead;
            m_visitorRead = seq;
        }
    }

    void readConversation(const QJsonObject &conversation)
    {
        if (conversation[u"id"_s].toString() != m_conversation)
            return;
        // Stored: after a reconnect or a server restart, never behind what was told before.
        const qint64 read = conversation[u"visitorRead"_s].toInteger();
        m_visitorReadWentBack = m_visitorReadWentBack || read < m_visitorRead;
        m_visitorRead = read;
        for (const QJsonValue &event : conversation[u"events"_s].toArray())
            record(event.toObject());
    }

    void record(const QJsonObject &event)
    {
        m_highestSeq = qMax(m_highestSeq, event[u"seq"_s].toInteger());
        if (event[u"type"_s].toString() == "message"_L1)
            m_events.insert(event[u"seq"_s].toInteger(), event);
    }

    void sendMessage(const Outgoing &outgoing)
    {
        sendFrame({ { u"type"_s, u"message"_s }, { u"conversation"_s, m_conversation },
            { u"clientId"_s, outgoing.clientId }, { u"text"_s, outgoing.text } });
    }

    void sendFrame(const QJsonObject &frame)
    {
        m_socket.sendTextMessage(
            QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }

    QUrl m_server;
    QNetworkAccessManager m_network;
    QWebSocket m_socket;
    bool m_ready = false;
    QString m_conversation;
    QList<Outgoing> m_outbox;
    QSet<QString> m_acked;
    QMap<qint64, QJsonObject> m_events; ///< by seq: a replayed event replaces itself
    qint64 m_highestSeq = 0;
    qint64 m_readSent = 0;
    qint64 m_visitorRead = 0;
    bool m_visitorReadWentBack = false;
};

} // namespace OWidgetTest
