#pragma once

#include "accountsfixture.h"

#include <QJsonArray>

#include <memory>

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

// The events (not acks) `client` received before the `new chat msg` whose text is `marker`;
// {"timeout"} when that message did not come.
inline QList<QJsonObject> eventsBefore(TestClient &client, const QString &marker)
{
    QList<QJsonObject> events;
    for (;;) {
        const QJsonObject frame = rooms::nextEvent(client);
        if (frame.isEmpty())
            return {QJsonObject{{"event", "timeout"}}};
        if (frame.value("event") == "new chat msg" &&
            frame.value("data").toObject().value("message") == marker)
            return events;
        events << frame;
    }
}

// The first event named `name` that `client` receives, the others skipped; {} on a timeout.
inline QJsonObject firstOf(TestClient &client, const QString &name)
{
    for (;;) {
        const QJsonObject frame = rooms::nextEvent(client);
        if (frame.isEmpty() || frame.value("event") == name)
            return frame;
    }
}

inline QJsonObject deletedEvent(qint64 id, const QString &room, const QString &by)
{
    QJsonObject data{{"id", id}, {"by", by}};
    if (!room.isEmpty())
        data.insert("room", room);
    return {{"event", "message deleted"}, {"data", data}};
}

// The server's database with the accounts the tests use: ann and bea users, mod a moderator,
// boss an admin (one hash made once: a login costs a verification of it).
struct Accounts
{
    accounts::Database db;
    std::unique_ptr<chat::server::ChatServer> server;

    bool start(chat::server::ServerConfig config)
    {
        server = startServer(config);
        if (!server)
            return false;
        static const QByteArray hash = [] {
            QByteArray copy = password.toUtf8();
            return *chat::server::passwords::hash(copy, chat::server::PasswordCost::standard());
        }();
        return db.addAccountWithHash("ann", hash) && db.addAccountWithHash("bea", hash) &&
               db.addAccountWithHash("mod", hash, chat::server::Role::Moderator) &&
               db.addAccountWithHash("boss", hash, chat::server::Role::Admin);
    }
    bool start() { return start(db.config()); }
};

} // namespace deletion
