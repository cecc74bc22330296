#include "serverfixture.h"
#include "testclient.h"

#include <QJsonArray>
#include <QTcpSocket>

#include <memory>

using chat::server::ChatServer;
using chat::server::ServerConfig;

// protocol.md, row by row, through real sockets against the real server.
class ServerTest : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void joinAck();
    void joinAnnouncedToJoinedOnly();
    void keysAndTokensAreRandomAndPrivate();
    void joinErrors_data();
    void joinErrors();
    void namesInAnyScriptJoin();
    void nameTakenIgnoresCase();
    void alreadyJoined();
    void messageRelayedToOthersOnly();
    void messageIdsIncrease();
    void messageErrors_data();
    void messageErrors();
    void requestWithoutIdIsAnsweredOnlyOnFailure();
    void historyHoldsTheLast100OldestFirst();
    void malformedFrames_data();
    void malformedFrames();
    void unknownTopLevelFieldsIgnored();
    void rateLimited();
    void binaryFrameCloses1003();
    void oversizedMessageCloses1009();
    void floodOfBadRequestsCloses1008();
    void disconnectAnnounced();
    void plainHttpIsRefused();

private:
    std::unique_ptr<TestClient> connectClient();
    std::unique_ptr<TestClient> joinedClient(const QString &name);

    std::unique_ptr<ChatServer> m_server;
    ServerConfig m_config;
};

void ServerTest::init()
{
    m_config = ServerConfig{};
    const QString test = QString::fromLatin1(QTest::currentTestFunction());
    if (test != QLatin1String("rateLimited"))
        m_config.messageRate = {0, 0}; // off, except where the limit is the subject
    m_config.requestRate = {0, 0};     // a scripted client; the budget is tst_hostile's subject
    m_server = startServer(m_config);
    QVERIFY(m_server);
}

void ServerTest::cleanup()
{
    m_server.reset();
}

std::unique_ptr<TestClient> ServerTest::connectClient()
{
    auto client = std::make_unique<TestClient>();
    if (!client->open(serverUrl(*m_server)))
        return nullptr;
    return client;
}

std::unique_ptr<TestClient> ServerTest::joinedClient(const QString &name)
{
    auto client = connectClient();
    if (!client || client->join(name).value("key").toString().isEmpty())
        return nullptr;
    return client;
}

void ServerTest::joinAck()
{
    auto alice = joinedClient("alice");
    QVERIFY(alice);
    auto bob = connectClient();
    QVERIFY(bob);
    bob->send("join", QJsonObject{{"name", "  bob  "}}, 42);
    const QJsonObject ack = bob->next();
    QCOMPARE(ack.value("event").toString(), "ack");
    QCOMPARE(ack.value("id").toInteger(), 42);
    QVERIFY(!ack.contains("error"));
    const QJsonObject data = ack.value("data").toObject();
    QVERIFY(data.value("key").isString());
    QVERIFY(data.value("token").isString());
    QCOMPARE(data.value("history").toArray().size(), 0);
    QStringList names;
    for (const QJsonValue &user : data.value("users").toArray()) {
        QCOMPARE(user.toObject().keys(), (QStringList{"key", "name"}));
        names << user["name"].toString();
    }
    names.sort();
    QCOMPARE(names, (QStringList{"alice", "bob"})); // trimmed, and the new user included
    QCOMPARE(m_server->userCount(), 2);
}

void ServerTest::joinAnnouncedToJoinedOnly()
{
    auto alice = joinedClient("alice");
    auto lurker = connectClient(); // connected, never joined
    QVERIFY(alice && lurker);
    auto bob = connectClient();
    const QJsonObject bobAck = bob->join("bob");
    const QJsonObject announced = alice->next();
    QCOMPARE(announced.value("event").toString(), "user connected");
    QCOMPARE(announced.value("data").toObject(),
             (QJsonObject{{"key", bobAck.value("key")}, {"name", "bob"}}));

    // bob sends a message so that we know everything before it was delivered.
    bob->send("message", QJsonObject{{"text", "hi"}}, 2);
    QCOMPARE(bob->next().value("event").toString(), "ack");
    QCOMPARE(alice->next().value("event").toString(), "new chat msg");
    QVERIFY(bob->received.empty());    // not its own join, not its own message
    QVERIFY(lurker->received.empty()); // sent only to sockets that have joined
}

void ServerTest::keysAndTokensAreRandomAndPrivate()
{
    QSet<QString> seen;
    std::vector<std::unique_ptr<TestClient>> clients;
    QStringList tokens;
    for (int i = 0; i < 20; ++i) {
        auto client = connectClient();
        const QJsonObject ack = client->join(QString("user%1").arg(i));
        const QString key = ack.value("key").toString();
        const QString token = ack.value("token").toString();
        // At least 96 random bits: 16 base64 characters.
        QVERIFY2(key.size() >= 16, qPrintable(key));
        QVERIFY2(token.size() >= 16, qPrintable(token));
        QVERIFY(!seen.contains(key) && !seen.contains(token));
        seen << key << token;
        tokens << token;
        clients.push_back(std::move(client));
    }
    clients.front()->send("message", QJsonObject{{"text", "x"}}, 9);
    QTRY_COMPARE(clients.back()->receivedCount, 1);
    // No frame that reached another client carries anyone's token.
    for (const auto &client : clients) {
        for (const QJsonObject &frame : client->received) {
            const QString text = QString::fromUtf8(QJsonDocument(frame).toJson());
            for (const QString &token : std::as_const(tokens))
                QVERIFY(!text.contains(token));
        }
    }
}

void ServerTest::joinErrors_data()
{
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty name") << QJsonValue(QJsonObject{{"name", ""}}) << "invalid_name";
    QTest::newRow("blank name") << QJsonValue(QJsonObject{{"name", " \t "}}) << "invalid_name";
    QTest::newRow("33 characters")
        << QJsonValue(QJsonObject{{"name", QString(33, 'n')}}) << "invalid_name";
    QTest::newRow("control character")
        << QJsonValue(QJsonObject{{"name", "a\u0007b"}}) << "invalid_name";
    QTest::newRow("bidi override")
        << QJsonValue(QJsonObject{{"name", QStringLiteral("\u202Egnp.exe")}}) << "invalid_name";
    QTest::newRow("zero width space")
        << QJsonValue(QJsonObject{{"name", QStringLiteral("ali\u200Bce")}}) << "invalid_name";
    QTest::newRow("name not a string") << QJsonValue(QJsonObject{{"name", 12}}) << "bad_request";
    QTest::newRow("data not an object") << QJsonValue("alice") << "bad_request";
    QTest::newRow("data missing") << QJsonValue() << "bad_request";
}

void ServerTest::joinErrors()
{
    QFETCH(QJsonValue, data);
    QFETCH(QString, code);
    auto client = connectClient();
    QJsonObject frame{{"event", "join"}, {"id", 3}};
    if (!data.isNull())
        frame.insert("data", data);
    client->send(frame);
    const QJsonObject ack = client->next();
    QCOMPARE(ack.value("event").toString(), "ack");
    QCOMPARE(ack.value("id").toInteger(), 3);
    QCOMPARE(ack.value("error")["code"].toString(), code);
    QVERIFY(!ack.value("error")["message"].toString().isEmpty());
    QVERIFY(!ack.contains("data"));
    // The connection stays usable: a valid join now succeeds.
    QVERIFY(!client->join("valid").value("key").toString().isEmpty());
}

void ServerTest::namesInAnyScriptJoin()
{
    // The format-character rule refuses no ordinary name: each joins and is listed as given.
    const QStringList names{QStringLiteral("Zoë Ångström"), QStringLiteral("李小龍"),
                            QStringLiteral("محمد"),         QStringLiteral("हिन्दी"),
                            QStringLiteral("alice 😀"),      QStringLiteral("🇩🇪")};
    std::vector<std::unique_ptr<TestClient>> clients;
    for (const QString &name : names) {
        auto client = connectClient();
        QVERIFY(client);
        const QJsonObject data = client->join(name);
        QVERIFY2(!data.value("key").toString().isEmpty(), qPrintable(name));
        QCOMPARE(data.value("users").toArray().last()["name"].toString(), name);
        clients.push_back(std::move(client));
    }
}

void ServerTest::nameTakenIgnoresCase()
{
    auto alice = joinedClient("Alice");
    QVERIFY(alice);
    auto other = connectClient();
    other->send("join", QJsonObject{{"name", " aLiCe "}}, 1);
    QCOMPARE(other->next().value("error")["code"].toString(), "name_taken");
    QVERIFY(alice->received.empty());
    // The name is free again once its owner leaves.
    alice.reset();
    QTRY_COMPARE(m_server->userCount(), 0);
    QVERIFY(!other->join("alice", 2).value("key").toString().isEmpty());
}

void ServerTest::alreadyJoined()
{
    auto alice = joinedClient("alice");
    alice->send("join", QJsonObject{{"name", "alice2"}}, 5);
    const QJsonObject ack = alice->next();
    QCOMPARE(ack.value("id").toInteger(), 5);
    QCOMPARE(ack.value("error")["code"].toString(), "already_joined");
    QCOMPARE(m_server->userCount(), 1);
}

void ServerTest::messageRelayedToOthersOnly()
{
    auto alice = joinedClient("alice");
    auto bob = joinedClient("bob");
    auto carol = joinedClient("carol");
    QVERIFY(alice && bob && carol);
    alice->received.clear();
    bob->received.clear();

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    alice->send("message", QJsonObject{{"text", "<b>hello</b> &amp;"}}, 10);
    const QJsonObject ack = alice->next();
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(ack.value("event").toString(), "ack");
    QCOMPARE(ack.value("id").toInteger(), 10);
    const QJsonObject ackData = ack.value("data").toObject();
    QCOMPARE(ackData.keys(), (QStringList{"id", "ts"}));
    QVERIFY(ackData.value("ts").toInteger() >= before && ackData.value("ts").toInteger() <= after);

    for (TestClient *receiver : {bob.get(), carol.get()}) {
        const QJsonObject event = receiver->next();
        QCOMPARE(event.value("event").toString(), "new chat msg");
        const QJsonObject msg = event.value("data").toObject();
        QCOMPARE(msg.keys(), (QStringList{"id", "key", "message", "sender", "ts"}));
        QCOMPARE(msg.value("id"), ackData.value("id"));
        QCOMPARE(msg.value("ts"), ackData.value("ts"));
        QCOMPARE(msg.value("sender").toString(), "alice");
        QCOMPARE(msg.value("message").toString(), "<b>hello</b> &amp;"); // relayed verbatim
        QVERIFY(!msg.value("key").toString().isEmpty());
    }
    // The sender learns id and ts from its ack, not from its own new chat msg.
    bob->send("message", QJsonObject{{"text", "sync"}}, 1);
    QCOMPARE(alice->next().value("data")["message"].toString(), "sync");
    QVERIFY(alice->received.empty());
}

void ServerTest::messageIdsIncrease()
{
    auto alice = joinedClient("alice");
    auto bob = joinedClient("bob");
    qint64 last = 0;
    for (int i = 1; i <= 20; ++i) {
        TestClient *sender = i % 2 ? alice.get() : bob.get();
        sender->send("message", QJsonObject{{"text", QString::number(i)}}, i);
        QJsonObject ack;
        do {
            ack = sender->next();
        } while (!ack.isEmpty() && ack.value("event").toString() != "ack");
        const qint64 id = ack.value("data")["id"].toInteger();
        QVERIFY2(id > last, qPrintable(QString("%1 after %2").arg(id).arg(last)));
        last = id;
    }
}

void ServerTest::messageErrors_data()
{
    QTest::addColumn<bool>("join");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<QString>("code");
    QTest::newRow("not joined") << false << QJsonValue(QJsonObject{{"text", "hi"}}) << "not_joined";
    QTest::newRow("empty") << true << QJsonValue(QJsonObject{{"text", ""}}) << "invalid_message";
    QTest::newRow("white space") << true << QJsonValue(QJsonObject{{"text", " \n\t "}})
                                 << "invalid_message";
    QTest::newRow("4001 bytes") << true << QJsonValue(QJsonObject{{"text", QString(4001, 'x')}})
                                << "too_long";
    QTest::newRow("2001 two-byte characters")
        << true << QJsonValue(QJsonObject{{"text", QString(2001, QChar(0xe9))}}) << "too_long";
    QTest::newRow("text not a string")
        << true << QJsonValue(QJsonObject{{"text", 5}}) << "bad_request";
    QTest::newRow("no data") << true << QJsonValue() << "bad_request";
}

void ServerTest::messageErrors()
{
    QFETCH(bool, join);
    QFETCH(QJsonValue, data);
    QFETCH(QString, code);
    auto watcher = joinedClient("watcher");
    auto client = connectClient();
    if (join)
        QVERIFY(!client->join("sender").value("key").toString().isEmpty());
    watcher->received.clear();

    QJsonObject frame{{"event", "message"}, {"id", 77}};
    if (!data.isNull())
        frame.insert("data", data);
    client->send(frame);
    const QJsonObject ack = client->next();
    QCOMPARE(ack.value("id").toInteger(), 77);
    QCOMPARE(ack.value("error")["code"].toString(), code);

    // Nothing was relayed: the next frame the watcher sees is a valid message after it.
    if (join) {
        client->send("message", QJsonObject{{"text", QString(4000, 'y')}}, 78);
        QVERIFY(!client->next().contains("error")); // exactly 4,000 bytes is fine
        const QJsonObject event = watcher->next();
        QCOMPARE(event.value("data")["message"].toString(), QString(4000, 'y'));
    }
}

void ServerTest::requestWithoutIdIsAnsweredOnlyOnFailure()
{
    auto alice = joinedClient("alice");
    auto bob = connectClient();
    bob->send("join", QJsonObject{{"name", "bob"}}); // no id: no ack
    QCOMPARE(alice->next().value("event").toString(), "user connected");
    bob->send("message", QJsonObject{{"text", "no ack wanted"}});
    QCOMPARE(alice->next().value("data")["message"].toString(), "no ack wanted");
    QVERIFY(bob->received.empty());

    bob->send("message", QJsonObject{{"text", "   "}}); // failed, no id: an error event
    const QJsonObject error = bob->next();
    QCOMPARE(error.value("event").toString(), "error");
    QVERIFY(!error.contains("id"));
    QCOMPARE(error.value("data")["code"].toString(), "invalid_message");
    QVERIFY(!error.value("data")["message"].toString().isEmpty());
}

void ServerTest::historyHoldsTheLast100OldestFirst()
{
    auto alice = joinedClient("alice");
    for (int i = 1; i <= 105; ++i)
        alice->send("message", QJsonObject{{"text", QString("m%1").arg(i)}}, i);
    QTRY_COMPARE(alice->receivedCount, 1 + 105);

    auto bob = connectClient();
    const QJsonArray history = bob->join("bob").value("history").toArray();
    QCOMPARE(history.size(), 100);
    QCOMPARE(history.first()["message"].toString(), "m6");
    QCOMPARE(history.last()["message"].toString(), "m105");
    for (int i = 1; i < history.size(); ++i)
        QVERIFY(history[i]["id"].toInteger() > history[i - 1]["id"].toInteger());
    QCOMPARE(history.first().toObject().keys(),
             (QStringList{"id", "key", "message", "sender", "ts"}));
}

void ServerTest::malformedFrames_data()
{
    QTest::addColumn<QString>("frame");
    QTest::addColumn<QString>("event"); // "error" or "ack"
    QTest::addColumn<QString>("code");
    QTest::newRow("not json") << "hello"
                              << "error"
                              << "bad_request";
    QTest::newRow("json array") << "[1,2]"
                                << "error"
                                << "bad_request";
    QTest::newRow("json null") << "null"
                               << "error"
                               << "bad_request";
    QTest::newRow("no event") << R"({"data":{}})"
                              << "error"
                              << "bad_request";
    QTest::newRow("no event, valid id") << R"({"id":8})"
                                        << "ack"
                                        << "bad_request";
    QTest::newRow("event not a string") << R"({"event":["join"]})"
                                        << "error"
                                        << "bad_request";
    QTest::newRow("id 1.5") << R"({"event":"join","data":{"name":"a"},"id":1.5})"
                            << "error"
                            << "bad_request";
    QTest::newRow("id -3") << R"({"event":"join","data":{"name":"a"},"id":-3})"
                           << "error"
                           << "bad_request";
    QTest::newRow("id x") << R"({"event":"join","data":{"name":"a"},"id":"x"})"
                          << "error"
                          << "bad_request";
    QTest::newRow("id 1e300") << R"({"event":"join","data":{"name":"a"},"id":1e300})"
                              << "error"
                              << "bad_request";
    QTest::newRow("unknown event") << R"({"event":"dance"})"
                                   << "error"
                                   << "unknown_event";
    QTest::newRow("unknown event, id") << R"({"event":"dance","id":9})"
                                       << "ack"
                                       << "unknown_event";
    QTest::newRow("server event name") << R"({"event":"user connected","id":9})"
                                       << "ack"
                                       << "unknown_event";
    QTest::newRow("deep nesting") << QString(R"({"event":"join","data":)") + QString(3000, '[')
                                  << "error"
                                  << "bad_request";
}

void ServerTest::malformedFrames()
{
    QFETCH(QString, frame);
    QFETCH(QString, event);
    QFETCH(QString, code);
    auto bystander = joinedClient("bystander");
    auto client = connectClient();
    client->sendRaw(frame);
    const QJsonObject answer = client->next();
    QCOMPARE(answer.value("event").toString(), event);
    const QJsonObject error =
        (event == "ack" ? answer.value("error") : answer.value("data")).toObject();
    QCOMPARE(error.value("code").toString(), code);
    QVERIFY(!error.value("message").toString().isEmpty());
    // The connection stays open and usable; the bystander noticed nothing.
    QVERIFY(!client->join("client", 2).value("key").toString().isEmpty());
    QCOMPARE(bystander->next().value("event").toString(), "user connected");
    QVERIFY(bystander->received.empty());
}

void ServerTest::unknownTopLevelFieldsIgnored()
{
    auto client = connectClient();
    client->send(QJsonObject{{"event", "join"},
                             {"data", QJsonObject{{"name", "fwd"}, {"avatar", "x"}}},
                             {"id", 1},
                             {"version", 2},
                             {"extra", QJsonArray{1, 2}}});
    QVERIFY(!client->next().value("data")["key"].toString().isEmpty());
}

void ServerTest::rateLimited()
{
    // Default limit: a burst of 10, then 5 per second.
    auto flooder = joinedClient("flooder");
    auto alice = joinedClient("alice");
    QCOMPARE(flooder->next().value("event").toString(), "user connected");
    for (int i = 1; i <= 15; ++i)
        flooder->send("message", QJsonObject{{"text", QString("f%1").arg(i)}}, i);
    int delivered = 0;
    int limited = 0;
    for (int i = 1; i <= 15; ++i) {
        const QJsonObject ack = flooder->next();
        QCOMPARE(ack.value("id").toInteger(), i);
        if (ack.value("error")["code"].toString() == "rate_limited")
            ++limited;
        else
            ++delivered;
    }
    QVERIFY2(delivered >= 10 && delivered <= 11, qPrintable(QString::number(delivered)));
    QCOMPARE(limited, 15 - delivered);
    // Only the accepted ones were relayed; alice can still chat, and the flooder's connection
    // stays open.
    QTRY_COMPARE(alice->receivedCount, 1 + delivered); // its join ack, then the relayed ones
    alice->received.clear();
    alice->send("message", QJsonObject{{"text", "still here"}}, 1);
    QCOMPARE(alice->next().value("event").toString(), "ack");
    QTRY_COMPARE(flooder->receivedCount, 1 + 1 + 15 + 1); // ack, alice joined, 15 acks, hers
    QCOMPARE(flooder->received.back().value("data")["message"].toString(), "still here");
    QCOMPARE(alice->receivedCount, 1 + delivered + 1);
    QVERIFY(!flooder->disconnected);
}

void ServerTest::binaryFrameCloses1003()
{
    auto bystander = joinedClient("bystander");
    auto client = joinedClient("binary");
    client->socket.sendBinaryMessage(QByteArray("\x01\x02\x03", 3));
    QVERIFY(client->waitDisconnected());
    QCOMPARE(int(client->socket.closeCode()), 1003);
    QCOMPARE(bystander->next().value("event").toString(), "user connected");
    QCOMPARE(bystander->next().value("event").toString(), "user disconnected");
}

void ServerTest::oversizedMessageCloses1009()
{
    auto bystander = joinedClient("bystander");
    auto client = joinedClient("big");
    QCOMPARE(bystander->next().value("event").toString(), "user connected");
    const QString text(70 * 1024, 'x');
    client->send("message", QJsonObject{{"text", text}}, 2);
    QVERIFY(client->waitDisconnected());
    QCOMPARE(int(client->socket.closeCode()), 1009);
    QCOMPARE(bystander->next().value("event").toString(), "user disconnected");
    // A message just under the limit is not closed but refused as too long.
    auto near = joinedClient("near");
    near->send("message", QJsonObject{{"text", QString(60 * 1024, 'x')}}, 3);
    QCOMPARE(near->next().value("error")["code"].toString(), "too_long");
    QVERIFY(!near->disconnected);
}

void ServerTest::floodOfBadRequestsCloses1008()
{
    auto bystander = joinedClient("bystander");
    auto client = connectClient();
    for (int i = 0; i < 200 && !client->disconnected; ++i)
        client->sendRaw("nonsense");
    QVERIFY(client->waitDisconnected());
    QCOMPARE(int(client->socket.closeCode()), 1008);
    QVERIFY(client->received.size() >= 20); // it was answered until the budget ran out
    bystander->send("message", QJsonObject{{"text", "unaffected"}}, 2);
    QCOMPARE(bystander->next().value("event").toString(), "ack");
}

void ServerTest::disconnectAnnounced()
{
    auto alice = joinedClient("alice");
    auto bob = connectClient();
    const QString bobKey = bob->join("bob").value("key").toString();
    QCOMPARE(alice->next().value("event").toString(), "user connected");
    auto lurker = connectClient();
    lurker.reset();      // never joined: nobody hears of it
    bob->socket.abort(); // no close handshake: still a disconnect
    const QJsonObject left = alice->next();
    QCOMPARE(left.value("event").toString(), "user disconnected");
    QCOMPARE(left.value("data").toObject(), (QJsonObject{{"key", bobKey}, {"name", "bob"}}));
    QTRY_COMPARE(m_server->userCount(), 1);
    QVERIFY(alice->received.empty());
}

void ServerTest::plainHttpIsRefused()
{
    QTcpSocket http;
    http.connectToHost(QHostAddress::LocalHost, m_server->port());
    QVERIFY(http.waitForConnected(5000));
    http.write("GET /no-such-page HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY(http.bytesAvailable() > 0 || http.state() != QAbstractSocket::ConnectedState);
    const QByteArray answer = http.readAll();
    QVERIFY2(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer.constData());
    auto client = joinedClient("after");
    QVERIFY(client);
}

QTEST_GUILESS_MAIN(ServerTest)
#include "tst_server.moc"
