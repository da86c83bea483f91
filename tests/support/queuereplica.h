// The queue an operator client sees: the snapshot's, kept up to date by the server's `queued`
// and `dequeued` messages (docs/protocol.md section 6), as the console keeps it.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace OWidgetTest {

// Applies one message the operator socket received to `queue`; other messages change nothing.
inline void applyToQueue(QJsonArray &queue, const QJsonObject &message)
{
    using namespace Qt::StringLiterals;
    const QString type = message.value("type"_L1).toString();
    if (type == "snapshot"_L1 || type == "queue"_L1) {
        queue = message.value("queue"_L1).toArray();
    } else if (type == "queued"_L1) {
        const QJsonObject entry = message.value("entry"_L1).toObject();
        // Positions are per group; the entries of all groups are in the order they came.
        queue.append(entry);
    } else if (type == "dequeued"_L1) {
        const QString id = message.value("conversation"_L1).toString();
        const QString group = message.value("group"_L1).toString();
        const int position = message.value("position"_L1).toInt();
        QJsonArray kept;
        for (const QJsonValue &v : std::as_const(queue)) {
            QJsonObject entry = v.toObject();
            if (entry.value("id"_L1).toString() == id)
                continue;
            if (entry.value("group"_L1).toString() == group
                && entry.value("position"_L1).toInt() > position)
                entry.insert("position"_L1, entry.value("position"_L1).toInt() - 1);
            kept.append(entry);
        }
        queue = kept;
    }
}

} // namespace OWidgetTest
