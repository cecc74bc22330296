// The server's own HTTP on the chat port, for load balancers and monitoring: GET /healthz (200
// while it serves; 503 while it drains or its database refuses writes), GET /metrics (the
// Prometheus text format, counting what happened), the drain on shutdown: healthz and new
// upgrades answered 503 at once, the clients closed with 1001 after http/drain_delay_ms; and
// http/web_client (the browser client's files: tst_staticsite).
#include "httpclient.h"
#include "roomsfixture.h"
#include "testdatabase.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QtTest>

using chat::server::ChatServer;
using chat::server::ServerConfig;

namespace {
const QByteArray upgradeHeaders = "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                  "Sec-WebSocket-Version: 13\r\n";

// The value of an unlabelled sample (or a labelled one: `name` with its labels).
double sample(const QByteArray &metrics, const QByteArray &name)
{
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith(QByteArray(name).append(' ')))
            return line.mid(name.size() + 1).toDouble();
    }
    return -1;
}
} // namespace

class HttpEndpointsTest : public QObject
{
    Q_OBJECT
private slots:
    void healthzWhileServing();
    void metricsCountWhatHappened();
    void metricsFollowTheirSetting();
    void webClientFollowsItsSetting();
    void drainAnswers503ThenCloses1001();
    void healthzSaysWhenTheDatabaseRefusesWrites();
};

void HttpEndpointsTest::healthzWhileServing()
{
    auto server = startServer(rooms::scriptedConfig());
    QVERIFY(server);
    const HttpReply get = httpRequest(server->port(), "GET", "/healthz");
    QCOMPARE(get.status, QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(get.body, QByteArray("ok\n"));
    QVERIFY(get.head.contains("Cache-Control: no-store"));
    // HEAD: the same head, no body (a load balancer's cheapest check).
    const HttpReply head = httpRequest(server->port(), "HEAD", "/healthz?probe=1");
    QCOMPARE(head.status, QByteArray("HTTP/1.1 200 OK"));
    QVERIFY(head.head.contains("Content-Length: 3"));
    QVERIFY(head.body.isEmpty());
    // Anything else is the browser client's (tst_staticsite): POST /healthz is not allowed.
    const HttpReply post = httpRequest(server->port(), "POST", "/healthz");
    QCOMPARE(post.status, QByteArray("HTTP/1.1 405 Method Not Allowed"));
    QCOMPARE(post.header("Allow"), QByteArray("GET, HEAD"));
}

void HttpEndpointsTest::webClientFollowsItsSetting()
{
    ServerConfig config = rooms::scriptedConfig();
    config.webClient = false;
    auto server = startServer(config);
    QVERIFY(server);
    // Off: every plain request but /healthz and /metrics is answered 426, as before the browser
    // client; a WebSocket still upgrades.
    for (const char *path : {"/", "/index.html", "/map/land-110m.json", "/nothing"}) {
        const HttpReply reply = httpRequest(server->port(), "GET", path);
        QVERIFY2(reply.status.startsWith("HTTP/1.1 426"), path);
        QVERIFY(!reply.hasHeader("Content-Security-Policy"));
    }
    QVERIFY(httpRequest(server->port(), "POST", "/healthz").status.startsWith("HTTP/1.1 426"));
    QCOMPARE(httpRequest(server->port(), "GET", "/healthz").status, QByteArray("HTTP/1.1 200 OK"));
    TestClient alice;
    QVERIFY(!rooms::joinV1(alice, *server, "alice").isEmpty());
    // Live: a reload turns it on.
    config.webClient = true;
    QVERIFY(server->reload(config));
    QTRY_COMPARE(httpRequest(server->port(), "GET", "/map/land-110m.json").status,
                 QByteArray("HTTP/1.1 200 OK"));
    QCOMPARE(httpRequest(server->port(), "GET", "/nothing").status,
             QByteArray("HTTP/1.1 404 Not Found"));
}

void HttpEndpointsTest::metricsCountWhatHappened()
{
    chat::test::TestDatabase database;
    ServerConfig config = rooms::scriptedConfig();
    config.databasePath = database.location();
    config.messageRate = {3, 0.001}; // the fourth message in a row is rate_limited
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice;
    TestClient bob;
    QVERIFY(!rooms::joinV1(alice, *server, "alice").isEmpty());
    QVERIFY(!rooms::joinV1(bob, *server, "bob").isEmpty());
    alice.next(); // bob connected
    for (int i = 0; i < 4; ++i)
        alice.send("message", QJsonObject{{"text", QStringLiteral("m%1").arg(i)}}, 10 + i);
    // The refusal is answered at once, the others once committed: in any order.
    QStringList answers;
    for (int i = 0; i < 4; ++i) {
        const QJsonObject answer = alice.next();
        answers << QStringLiteral("%1:%2")
                       .arg(answer.value("id").toInt())
                       .arg(answer.value("error").toObject().value("code").toString());
    }
    answers.sort();
    QCOMPARE(answers, QStringList({"10:", "11:", "12:", "13:rate_limited"}));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(bob.next().value("event").toString(), "new chat msg");

    const HttpReply reply = httpRequest(server->port(), "GET", "/metrics");
    QCOMPARE(reply.status, QByteArray("HTTP/1.1 200 OK"));
    QVERIFY(reply.head.contains("Content-Type: text/plain; version=0.0.4"));
    const QByteArray &text = reply.body;
    // The format: HELP and TYPE lines, then samples "name{labels} value".
    const QRegularExpression sampleLine(
        QStringLiteral(R"(^[a-z_]+(\{le="[^"]+"\})? -?[0-9.e+]+$)"));
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith("# HELP ") || line.startsWith("# TYPE "))
            continue;
        QVERIFY2(sampleLine.match(QString::fromUtf8(line)).hasMatch(), line.constData());
    }
    QCOMPARE(sample(text, "chat_joined_users"), 2.0);
    QCOMPARE(sample(text, "chat_connections"), 3.0); // the scrape's own connection counts
    for (const char *family : {"chat_held_sessions", "chat_slow_readers_closed_total",
                               "chat_handshake_failures_total", "chat_connections_refused_total"})
        QCOMPARE(sample(text, family), 0.0);
    QCOMPARE(sample(text, "chat_rooms"), 1.0);
    QCOMPARE(sample(text, "chat_messages_total"), 3.0);
    QCOMPARE(sample(text, "chat_rate_limited_total"), 1.0);
    QCOMPARE(sample(text, "chat_serving"), 1.0);
    // Deliveries: at least the three messages to bob, their acks and the join acks.
    QVERIFY2(sample(text, "chat_deliveries_total") >= 8, text.constData());
    QVERIFY(sample(text, "chat_sent_bytes_total") > 100);
    // Three messages committed (maybe in fewer transactions); each transaction observed.
    QVERIFY(sample(text, "chat_store_commit_seconds_count") >= 1);
    QCOMPARE(sample(text, "chat_store_commit_seconds_bucket{le=\"+Inf\"}"),
             sample(text, "chat_store_commit_seconds_count"));
    QVERIFY(text.contains("# TYPE chat_store_commit_seconds histogram"));
    QVERIFY(text.contains("# TYPE chat_messages_total counter"));

    // A handshake that fails (a head over 16 KiB, a malformed head) is counted.
    QTcpSocket oversized;
    oversized.connectToHost(QHostAddress::LocalHost, server->port());
    QVERIFY(oversized.waitForConnected(5000));
    oversized.write("GET / HTTP/1.1\r\nX-Padding: " + QByteArray(17 * 1024, 'x'));
    QTRY_COMPARE(server->metrics().handshakeFailures.load(), quint64(1));
    QVERIFY(rawHttp(server->port(), "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n")
                .status.startsWith("HTTP/1.1 400"));
    QCOMPARE(server->metrics().handshakeFailures.load(), quint64(2));
}

void HttpEndpointsTest::metricsFollowTheirSetting()
{
    ServerConfig config = rooms::scriptedConfig();
    config.httpMetrics = false;
    auto server = startServer(config);
    QVERIFY(server);
    // Off, /metrics is a path like any other: the browser client has no such file.
    QVERIFY(httpRequest(server->port(), "GET", "/metrics").status.startsWith("HTTP/1.1 404"));
    QCOMPARE(httpRequest(server->port(), "GET", "/healthz").status, QByteArray("HTTP/1.1 200 OK"));
    config.httpMetrics = true; // live: a reload turns it on
    QVERIFY(server->reload(config));
    QTRY_VERIFY(httpRequest(server->port(), "GET", "/metrics").status.startsWith("HTTP/1.1 200"));
}

void HttpEndpointsTest::drainAnswers503ThenCloses1001()
{
    ServerConfig config = rooms::scriptedConfig();
    config.drainDelayMs = 800;
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice;
    QVERIFY(!rooms::joinV1(alice, *server, "alice").isEmpty());
    QSignalSpy stopped(server.get(), &ChatServer::stopped);
    QElapsedTimer sinceShutdown;
    sinceShutdown.start();
    server->shutdown(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("Going away."));

    // At once: the health check fails, and a new client is turned away (to another instance).
    const HttpReply health = httpRequest(server->port(), "GET", "/healthz");
    QCOMPARE(health.status, QByteArray("HTTP/1.1 503 Service Unavailable"));
    QVERIFY(health.body.startsWith("draining"));
    const HttpReply upgrade = httpRequest(server->port(), "GET", "/", upgradeHeaders);
    QCOMPARE(upgrade.status, QByteArray("HTTP/1.1 503 Service Unavailable"));
    QVERIFY(upgrade.head.contains("Retry-After:"));
    QVERIFY(server->metrics().render().contains("chat_serving 0"));
    // The client that is there is still served meanwhile...
    QCOMPARE(alice.socket.state(), QAbstractSocket::ConnectedState);
    // ...and closed with 1001 once the delay has passed.
    QTRY_COMPARE_WITH_TIMEOUT(alice.socket.state(), QAbstractSocket::UnconnectedState, 10'000);
    QVERIFY2(sinceShutdown.elapsed() >= 700, QByteArray::number(sinceShutdown.elapsed()));
    QCOMPARE(alice.socket.closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
    QTRY_COMPARE(stopped.count(), 1);
}

void HttpEndpointsTest::healthzSaysWhenTheDatabaseRefusesWrites()
{
    chat::test::TestDatabase database;
    ServerConfig config = rooms::scriptedConfig();
    config.databasePath = database.location();
    auto server = startServer(config);
    QVERIFY(server);
    TestClient alice;
    QVERIFY(!rooms::joinV1(alice, *server, "alice").isEmpty());

    // Another program holds SQLite's write lock: the server's commit fails. PostgreSQL would
    // wait for a lock instead: there a constraint refuses the message.
    {
        QSqlDatabase db = database.open("holder");
        QVERIFY(db.isOpen());
        QSqlQuery lock(db);
        QVERIFY(database.isPostgres()
                    ? lock.exec("ALTER TABLE messages ADD CONSTRAINT outage"
                                " CHECK (message <> 'during the outage') NOT VALID")
                    : lock.exec("BEGIN EXCLUSIVE"));
        alice.send("message", QJsonObject{{"text", "during the outage"}}, 5);
        const QJsonObject refused = alice.next(15'000);
        QCOMPARE(refused.value("id").toInt(), 5);
        QVERIFY(refused.contains("error"));
        const HttpReply down = httpRequest(server->port(), "GET", "/healthz");
        QCOMPARE(down.status, QByteArray("HTTP/1.1 503 Service Unavailable"));
        QVERIFY(down.body.contains("database"));
        QVERIFY(lock.exec(database.isPostgres() ? "ALTER TABLE messages DROP CONSTRAINT outage"
                                                : "ROLLBACK"));
        db.close();
    }
    QSqlDatabase::removeDatabase("holder");
    // The next commit succeeds: healthy again.
    alice.send("message", QJsonObject{{"text", "after it"}}, 6);
    const QJsonObject stored = alice.next(15'000);
    QCOMPARE(stored.value("id").toInt(), 6);
    QVERIFY(!stored.contains("error"));
    QCOMPARE(httpRequest(server->port(), "GET", "/healthz").status, QByteArray("HTTP/1.1 200 OK"));
}

QTEST_MAIN(HttpEndpointsTest)
#include "tst_httpendpoints.moc"
