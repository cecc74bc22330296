#pragma once

#include "redisserver.h"
#include "testclient.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <memory>

// Three real chat-server processes serving one chat through a real redis-server (cluster mode),
// for tst_cluster. Each instance is started with its own ini file (short heartbeats, so that a
// dead instance is noticed in about three seconds), no rate limits, and the database the test
// gives (":memory:" or a PostgreSQL URL).
class ClusterFixture
{
public:
    static constexpr int instances = 3;
    static constexpr int heartbeatMs = 300;
    static constexpr int deadAfterMs = 2000;

    bool startRedis() { return m_redis.start(); }
    RedisServer &redis() { return m_redis; }
    QString redisUrl() const { return QStringLiteral("redis://127.0.0.1:%1").arg(m_redis.port()); }

    // Starts instance `i` and waits until it listens (it is in step with the others by then,
    // unless Redis is away); false when it does not come up. `ini`: more of its ini file.
    bool start(int i, const QString &database = QStringLiteral(":memory:"),
               const QByteArray &ini = {})
    {
        auto &process = m_processes[size_t(i)];
        process = std::make_unique<QProcess>();
        const QString iniPath = m_dir.filePath(QStringLiteral("instance%1.ini").arg(i));
        QFile file(iniPath);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        file.write(QStringLiteral("[cluster]\nredis=%1\nheartbeat_ms=%2\ndead_after_ms=%3\n")
                       .arg(redisUrl())
                       .arg(heartbeatMs)
                       .arg(deadAfterMs)
                       .toUtf8() +
                   ini);
        file.close();
        process->setProcessChannelMode(QProcess::SeparateChannels);
        process->start(QStringLiteral(CHAT_SERVER_PATH),
                       {"--config", iniPath, "--host", "127.0.0.1", "--port", "0", "--rate-limit",
                        "off", "--request-rate", "off", "--db", database});
        if (!process->waitForStarted())
            return false;
        QByteArray line;
        if (!QTest::qWaitFor(
                [&] {
                    if (process->canReadLine())
                        line = process->readLine();
                    return line.startsWith("listening") || process->state() != QProcess::Running;
                },
                20'000))
            return false;
        const auto match = QRegularExpression(":(\\d+)/").match(QString::fromUtf8(line));
        m_ports[size_t(i)] = match.hasMatch() ? match.captured(1).toInt() : 0;
        return m_ports[size_t(i)] > 0;
    }
    // Starts instances 0 … count-1 as start() does; how many came up, in order (a test compares
    // it with `count`, so a failure says which instance did not start).
    int startAll(const QString &database = QStringLiteral(":memory:"), const QByteArray &ini = {},
                 int count = instances)
    {
        for (int i = 0; i < count; ++i) {
            if (!start(i, database, ini))
                return i;
        }
        return count;
    }
    void kill(int i)
    {
        auto &process = m_processes[size_t(i)];
        process->kill();
        process->waitForFinished();
    }
    QByteArray log(int i) { return m_processes[size_t(i)]->readAllStandardError(); }
    QUrl url(int i) const
    {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_ports[size_t(i)]));
    }
    int port(int i) const { return m_ports[size_t(i)]; }

    // GET /healthz of instance `i`: its status code (0 when it does not answer).
    int health(int i) const
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(m_ports[size_t(i)]));
        if (!socket.waitForConnected(2000))
            return 0;
        socket.write("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        QByteArray response;
        while (socket.waitForReadyRead(2000))
            response += socket.readAll();
        const auto match =
            QRegularExpression("^HTTP/1.1 (\\d+)").match(QString::fromUtf8(response));
        return match.hasMatch() ? match.captured(1).toInt() : 0;
    }

    ~ClusterFixture()
    {
        for (auto &process : m_processes) {
            if (process && process->state() == QProcess::Running) {
                process->terminate();
                if (!process->waitForFinished(10'000))
                    process->kill();
            }
        }
    }

private:
    QTemporaryDir m_dir;
    RedisServer m_redis;
    std::array<std::unique_ptr<QProcess>, instances> m_processes;
    std::array<int, instances> m_ports{};
};

// A client joined on an instance, with what the join answered.
struct ClusterClient
{
    std::unique_ptr<TestClient> client = std::make_unique<TestClient>();
    QJsonObject ack; // the join's ack ({} when it did not come)

    bool join(const QUrl &url, const QString &name, const QStringList &features = {})
    {
        return join(
            url, QJsonObject{{"name", name}, {"features", QJsonArray::fromStringList(features)}});
    }
    // With the join's whole data (a token and lastSeenId to resume).
    bool join(const QUrl &url, const QJsonObject &data)
    {
        if (!client->open(url))
            return false;
        client->send("join", data, 1);
        for (;;) {
            const QJsonObject frame = client->next(10'000);
            if (frame.isEmpty())
                return false;
            if (frame.value("event") == "ack" && frame.value("id").toInteger() == 1) {
                ack = frame;
                return !frame.contains("error");
            }
        }
    }
    // Waits for the next event named `event` (others are dropped); {} when none comes.
    QJsonObject waitFor(const QString &event, int timeoutMs = 10'000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            const QJsonObject frame = client->next(int(qMax<qint64>(1, deadline.remainingTime())));
            if (frame.value("event") == event)
                return frame;
        }
        return {};
    }
};
