#pragma once

#include "serverfixture.h"
#include "testclient.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <map>
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

// Two users enter the same new rooms at once, each without waiting: `first` must end up
// seeing `second` (named `otherName`) in every room as a client would (the ack's members, plus the
// `user entered` events after it; those before it are dropped, the room not being the client's
// yet). Empty when it does, else what went wrong. Frames of `first` are consumed.
inline QString enterRaceOutcome(TestClient &first, TestClient &second, const QString &otherName,
                                int rooms)
{
    const qint64 firstId = 1000;
    for (int i = 0; i < rooms; ++i) {
        const QJsonObject room{{"room", QString("race%1").arg(i)}};
        first.send("enter", room, firstId + i);
        second.send("enter", room, firstId + i);
    }
    const auto acks = [](const TestClient &client) {
        return std::count_if(client.received.begin(), client.received.end(),
                             [](const QJsonObject &f) { return f.value("event") == "ack"; });
    };
    if (!QTest::qWaitFor([&] { return acks(first) == rooms && acks(second) == rooms; }, 10000))
        return "not every enter was answered";
    // Every `user entered` of the second's was published before its ack: a request of the
    // first's answered now comes after them.
    if (request(first, "rooms", QJsonValue(), 999).isEmpty())
        return "no answer to rooms";
    std::map<QString, QStringList> seen;
    for (const QJsonObject &frame : first.received) {
        const QString event = frame.value("event").toString();
        if (event == "ack") {
            const QJsonObject state = frame.value("data").toObject().value("room").toObject();
            if (!frame.value("error").isUndefined() || state.isEmpty())
                return "enter failed: " +
                       QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact));
            seen[state.value("name").toString()] = names(state.value("users").toArray());
        } else if (event == "user entered") {
            const QJsonObject data = frame.value("data").toObject();
            const auto it = seen.find(data.value("room").toString());
            if (it != seen.end() && !it->second.contains(data.value("name").toString()))
                it->second << data.value("name").toString();
        }
    }
    for (int i = 0; i < rooms; ++i) {
        const QString name = QString("race%1").arg(i);
        if (!seen[name].contains(otherName))
            return name + ": " + otherName + " missing from " + seen[name].join(',');
    }
    first.received.clear();
    return {};
}

} // namespace rooms
