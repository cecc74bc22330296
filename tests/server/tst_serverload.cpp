#include "serverfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <vector>

using chat::server::ChatServer;
using chat::server::ServerConfig;

// A few hundred real clients at once: all join, all receive every message, in order.
class ServerLoadTest : public QObject
{
    Q_OBJECT
private slots:
    void hundredsJoinAndReceive();
};

namespace {
struct LoadClient
{
    std::unique_ptr<QWebSocket> socket = std::make_unique<QWebSocket>();
    int acks = 0;
    int usersInAck = 0;
    int joinedSeen = 0;
    std::vector<qint64> messageIds;
};
} // namespace

void ServerLoadTest::hundredsJoinAndReceive()
{
    constexpr int clientCount = 300;
    constexpr int messages = 20;
    ServerConfig config;
    config.messageRate = {0, 0};
    config.requestRate = {0, 0}; // a scripted client; the budget is tst_hostile's subject
    auto server = startServer(config);
    QVERIFY(server);

    std::vector<LoadClient> clients(clientCount);
    int connected = 0;
    for (int i = 0; i < clientCount; ++i) {
        LoadClient &client = clients[size_t(i)];
        QObject::connect(client.socket.get(), &QWebSocket::connected, [&, i] {
            ++connected;
            const QJsonObject join{{"event", "join"},
                                   {"data", QJsonObject{{"name", QString("load%1").arg(i)}}},
                                   {"id", 1}};
            clients[size_t(i)].socket->sendTextMessage(
                QString::fromUtf8(QJsonDocument(join).toJson(QJsonDocument::Compact)));
        });
        QObject::connect(
            client.socket.get(), &QWebSocket::textMessageReceived, [&client](const QString &text) {
                const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
                const QString event = frame.value("event").toString();
                if (event == "ack") {
                    if (++client.acks == 1)
                        client.usersInAck = int(frame["data"]["users"].toArray().size());
                } else if (event == "user connected")
                    ++client.joinedSeen;
                else if (event == "new chat msg")
                    client.messageIds.push_back(frame["data"]["id"].toInteger());
            });
        client.socket->open(serverUrl(*server));
    }
    QTRY_COMPARE_WITH_TIMEOUT(connected, clientCount, 30'000);
    QTRY_COMPARE_WITH_TIMEOUT(server->userCount(), clientCount, 30'000);
    for (const LoadClient &client : clients)
        QTRY_COMPARE_WITH_TIMEOUT(client.acks, 1, 10'000);

    // The first client's senders: each message goes to every other joined client.
    for (int m = 0; m < messages; ++m) {
        const QJsonObject msg{{"event", "message"},
                              {"data", QJsonObject{{"text", QString("m%1").arg(m)}}},
                              {"id", 2 + m}};
        clients[size_t(m % 4)].socket->sendTextMessage(
            QString::fromUtf8(QJsonDocument(msg).toJson(QJsonDocument::Compact)));
    }
    for (int i = 0; i < clientCount; ++i) {
        const LoadClient &client = clients[size_t(i)];
        const int own = i < 4 ? messages / 4 : 0;
        QTRY_COMPARE_WITH_TIMEOUT(int(client.messageIds.size()), messages - own, 20'000);
        QVERIFY(std::is_sorted(client.messageIds.begin(), client.messageIds.end()));
        // Everyone else is known exactly once: from the ack's users or as a later join.
        QTRY_COMPARE(client.usersInAck + client.joinedSeen, clientCount);
    }
}

QTEST_GUILESS_MAIN(ServerLoadTest)
#include "tst_serverload.moc"
