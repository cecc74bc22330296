#pragma once

#include "accountsfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMutex>
#include <QStringList>

#include <atomic>
#include <functional>

// The opening the moderation tests share (tst_moderation, tst_bans): accounts clients that log
// in with a role, what a removed client is told and how it is closed, an injectable wall clock,
// and what the process logs (the server runs in it).
namespace moderation {

inline const QString password = QStringLiteral("moderation-password-1");

// Joins as an accounts client (with `password`, when it is not empty, and the other `features`
// given): the ack's data, {} when refused (its error code in `error`).
inline QJsonObject join(TestClient &client, const chat::server::ChatServer &server,
                        const QString &name, const QString &withPassword = {},
                        const QStringList &features = {"accounts"}, QString *error = nullptr)
{
    if (client.socket.state() != QAbstractSocket::ConnectedState && !client.open(serverUrl(server)))
        return {};
    QJsonObject data = rooms::joinData(name, features);
    if (!withPassword.isEmpty())
        data.insert("password", withPassword);
    return rooms::requestData(client, "join", data, 1, error);
}

// The next frame of `event` (others before it are dropped); {} when none comes.
inline QJsonObject nextNamed(TestClient &client, const QString &event, int timeoutMs = 5000)
{
    for (;;) {
        const QJsonObject frame = client.next(timeoutMs);
        if (frame.isEmpty() || frame.value("event").toString() == event)
            return frame;
    }
}

// Waits for the server to close the client: its close code (-1: still open).
inline int closeCode(TestClient &client)
{
    if (!client.waitDisconnected())
        return -1;
    return int(client.socket.closeCode());
}

// The User objects' members, e.g. {"key", "name"} for a v1 client.
inline QStringList members(const QJsonValue &user)
{
    return user.toObject().keys();
}

inline QJsonObject userNamed(const QJsonArray &users, const QString &name)
{
    for (const QJsonValue &user : users) {
        if (user.toObject().value("name").toString() == name)
            return user.toObject();
    }
    return {};
}

// A wall clock for the server that a test moves forward (ChatServer::setWallClock).
struct Clock
{
    std::atomic<qint64> at{QDateTime::currentMSecsSinceEpoch()};
    std::function<qint64()> function()
    {
        return [this] {
            return at.load();
        };
    }
    void advanceMinutes(qint64 minutes) { at += minutes * 60'000; }
};

// What the process logs while a test runs, by category ("chat.server.audit: ...").
class LogCapture
{
public:
    static void install()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        qInstallMessageHandler(collect);
    }
    static QStringList lines(const QString &category)
    {
        QMutexLocker lock(&mutex());
        QStringList found;
        for (const QString &line : std::as_const(all())) {
            if (line.startsWith(category + QStringLiteral(": ")))
                found << line;
        }
        return found;
    }
    static QStringList &all()
    {
        static QStringList lines;
        return lines;
    }

private:
    static QMutex &mutex()
    {
        static QMutex m;
        return m;
    }
    static void collect(QtMsgType, const QMessageLogContext &context, const QString &message)
    {
        QMutexLocker lock(&mutex());
        all() << QString::fromLatin1(context.category ? context.category : "") +
                     QStringLiteral(": ") + message;
    }
};

} // namespace moderation
