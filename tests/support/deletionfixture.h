#pragma once

#include "accountsfixture.h"

#include <QJsonArray>

// The opening the deletion and private history tests share (tst_deletion, tst_privatehistory):
// accounts clients on a real server with a database file, and the requests they make.
namespace deletion {

inline const QString password = QStringLiteral("correct-horse-1");

// Joins as `name` (logged in when `password` is given) listing `features`; the ack's data, {}
// when it failed.
inline QJsonObject joinAs(TestClient &client, const chat::server::ChatServer &server,
                          const QString &name, const QString &password = {},
                          const QStringList &features = {"rooms", "accounts"},
                          const QJsonObject &extra = {})
{
    if (client.socket.state() != QAbstractSocket::ConnectedState && !client.open(serverUrl(server)))
        return {};
    QJsonObject data = rooms::joinData(name, features);
    if (!password.isNull())
        data.insert("password", password);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        data.insert(it.key(), it.value());
    return rooms::requestData(client, "join", data, 1);
}

// Posts to `room` (empty: general, as a v1 client does); the message's id, 0 on failure.
inline qint64 say(TestClient &client, const QString &text, qint64 requestId,
                  const QString &room = {})
{
    QJsonObject data{{"text", text}};
    if (!room.isEmpty())
        data.insert("room", room);
    return rooms::requestData(client, "message", data, requestId).value("id").toInteger();
}

inline qint64 whisper(TestClient &client, const QString &toKey, const QString &text,
                      qint64 requestId)
{
    return rooms::requestData(client, "private", QJsonObject{{"to", toKey}, {"text", text}},
                              requestId)
        .value("id")
        .toInteger();
}

// `delete`: "" when acknowledged, else the error's code ("timeout" when no answer came).
inline QString deleteMessage(TestClient &client, qint64 messageId, qint64 requestId,
                             const QString &reason = {})
{
    QJsonObject data{{"id", messageId}};
    if (!reason.isNull())
        data.insert("reason", reason);
    const QJsonObject ack = rooms::request(client, "delete", data, requestId);
    if (ack.isEmpty())
        return QStringLiteral("timeout");
    return accounts::code(ack);
}

// The ids of an array of ChatMsg or PrivateMsg objects.
inline QList<qint64> ids(const QJsonArray &messages)
{
    QList<qint64> result;
    for (const QJsonValue &msg : messages)
        result << msg.toObject().value("id").toInteger();
    return result;
}

} // namespace deletion
