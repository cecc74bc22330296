#pragma once

#include "serverfixture.h"
#include "testclient.h"

#include <QJsonArray>

#include <algorithm>
#include <memory>

// Helpers for the feature "rooms" (protocol-v2.md), on top of TestClient: raw frames, so that
// the tests read like the contract.
namespace rooms {

inline QJsonObject joinData(const QString &name, const QStringList &features = {"rooms"})
{
    return {{"name", name}, {"features", QJsonArray::fromStringList(features)}};
}

// Sends a request with an id and returns the whole ack (frames before it stay queued).
inline QJsonObject request(TestClient &client, const QString &event, const QJsonValue &data,
                           qint64 id)
{
    client.send(event, data, id);
    const auto find = [&] {
        return std::find_if(
            client.received.begin(), client.received.end(), [id](const QJsonObject &frame) {
                return frame.value("event") == "ack" && frame.value("id").toInteger() == id;
            });
    };
    if (!QTest::qWaitFor([&] { return find() != client.received.end(); }, 5000))
        return {};
    const auto it = find();
    const QJsonObject ack = *it;
    client.received.erase(it);
    return ack;
}

// The ack's data, or {} when it failed; its error code in `code`.
inline QJsonObject requestData(TestClient &client, const QString &event, const QJsonValue &data,
                               qint64 id, QString *code = nullptr)
{
    const QJsonObject ack = request(client, event, data, id);
    if (code)
        *code = ack.value("error").toObject().value("code").toString();
    return ack.value("data").toObject();
}

inline QString errorCode(TestClient &client, const QString &event, const QJsonValue &data,
                         qint64 id)
{
    QString code;
    requestData(client, event, data, id, &code);
    return code;
}

// Waits for the next frame that is not an ack.
inline QJsonObject nextEvent(TestClient &client, int timeoutMs = 5000)
{
    for (;;) {
        const QJsonObject frame = client.next(timeoutMs);
        if (frame.isEmpty() || frame.value("event") != "ack")
            return frame;
    }
}

inline QStringList names(const QJsonArray &users)
{
    QStringList result;
    for (const QJsonValue &user : users)
        result << user.toObject().value("name").toString();
    result.sort();
    return result;
}

inline QJsonObject roomState(const QJsonArray &states, const QString &name)
{
    for (const QJsonValue &state : states) {
        if (state.toObject().value("name").toString() == name)
            return state.toObject();
    }
    return {};
}

} // namespace rooms
