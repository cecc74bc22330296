#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <deque>

// A raw protocol client for tests: a real QWebSocket that records every frame it receives.
class TestClient : public QObject
{
    Q_OBJECT
public:
    explicit TestClient(QObject *parent = nullptr) : QObject(parent)
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
            received.push_back(doc.object());
            ++receivedCount;
        });
        connect(&socket, &QWebSocket::disconnected, this, [this] { disconnected = true; });
    }

    // Connects; false as soon as the connection fails (a refused handshake, say).
    bool open(const QUrl &url)
    {
        bool connected = false;
        bool failed = false;
        const auto onConnected =
            connect(&socket, &QWebSocket::connected, this, [&] { connected = true; });
        const auto onFailed =
            connect(&socket, &QWebSocket::disconnected, this, [&] { failed = true; });
        socket.open(url);
        [[maybe_unused]] const bool settled =
            QTest::qWaitFor([&] { return connected || failed; }, 10000);
        disconnect(onConnected);
        disconnect(onFailed);
        if (failed)
            disconnected = false; // this was the attempt, not a connection that ended
        return connected;
    }

    void sendRaw(const QString &text) { socket.sendTextMessage(text); }
    void send(const QJsonObject &object)
    {
        sendRaw(QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
    }
    void send(const QString &event, const QJsonValue &data, qint64 id = 0)
    {
        QJsonObject object{{QStringLiteral("event"), event}, {QStringLiteral("data"), data}};
        if (id > 0)
            object.insert(QStringLiteral("id"), id);
        send(object);
    }

    // Waits for the next frame; an empty object when none came in time.
    QJsonObject next(int timeoutMs = 5000)
    {
        if (!QTest::qWaitFor([this] { return !received.empty() || disconnected; }, timeoutMs) ||
            received.empty())
            return {};
        QJsonObject front = received.front();
        received.pop_front();
        return front;
    }

    // Joins and returns the ack's data (empty when the join failed).
    QJsonObject join(const QString &name, qint64 id = 1)
    {
        send(QStringLiteral("join"), QJsonObject{{QStringLiteral("name"), name}}, id);
        const QJsonObject ack = next();
        return ack.value(QStringLiteral("data")).toObject();
    }

    bool waitDisconnected(int timeoutMs = 5000)
    {
        return QTest::qWaitFor([this] { return disconnected; }, timeoutMs);
    }

    QWebSocket socket;
    std::deque<QJsonObject> received;
    int receivedCount = 0;
    bool disconnected = false;
};
