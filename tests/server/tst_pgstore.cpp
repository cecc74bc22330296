// The store on PostgreSQL (--db postgresql://...): libpq's environment for what the URL leaves
// out, the password never shown, one single-instance server per database (an advisory
// lock) and shared stores beside each other, ids reserved only upwards, epoch-ms integers,
// the schema made and reopened, and a chat-server process that keeps its history over a
// restart. Run by ctest through tests/support/with-postgres.sh (a throwaway cluster). The URL
// itself: tst_databasetarget.
#include "databasetarget.h"
#include "messagestore.h"
#include "sqldialect.h"
#include "storeschema.h"
#include "testclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QtTest>

#include <future>

using namespace chat::server;
using chat::ChatMsg;
using chat::test::TestDatabase;

namespace {
constexpr qint64 t0 = 1'700'000'000'000; // ms

// Runs `work` on the store's thread and connection, after the writes queued before it.
template <typename T> T onStore(MessageStore &store, std::function<T(QSqlDatabase &)> work)
{
    auto promise = std::make_shared<std::promise<T>>();
    auto future = promise->get_future();
    store.queueRead([promise, work](QSqlDatabase &db) {
        promise->set_value(work(db));
        return true;
    });
    if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready)
        qFatal("the store did not answer");
    return future.get();
}

QString scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toString()
                                           : "error: " + query.lastError().text();
}

QList<qint64> idsSince(MessageStore &store, qint64 after)
{
    auto promise = std::make_shared<std::promise<QList<qint64>>>();
    auto future = promise->get_future();
    store.readSince(after, 1000, [promise](bool ok, const QList<SinceMessage> &messages) {
        QList<qint64> ids;
        for (const SinceMessage &m : messages)
            ids << (ok ? m.id : -1);
        promise->set_value(ids);
    });
    future.wait();
    return future.get();
}

// A chat-server process; `output` collects everything it printed.
struct ServerProcess
{
    QProcess process;
    QByteArray output;
    int port = 0;

    bool start(const QStringList &arguments, const QProcessEnvironment &env)
    {
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(CHAT_SERVER_PATH),
                      QStringList{"--host", "127.0.0.1", "--port", "0", "--rate-limit", "off",
                                  "--request-rate", "off"} +
                          arguments);
        QRegularExpressionMatch match;
        [[maybe_unused]] const bool settled = QTest::qWaitFor(
            [&] {
                output += process.readAll();
                match = QRegularExpression("ws://127.0.0.1:(\\d+)/").match(output);
                return match.hasMatch() || process.state() == QProcess::NotRunning;
            },
            20'000);
        port = match.hasMatch() ? match.captured(1).toInt() : 0;
        return port > 0;
    }
    bool stop()
    {
        process.terminate();
        const bool done = process.waitForFinished(20'000) && process.exitCode() == 0;
        output += process.readAll();
        return done;
    }
    QUrl url() const { return QUrl(QString("ws://127.0.0.1:%1/").arg(port)); }
};

QProcessEnvironment verbose()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_LOGGING_RULES", "*.debug=true");
    return env;
}
} // namespace

class PgStoreTest : public QObject
{
    Q_OBJECT
private slots:
    void environmentFillsTheEmptyParts();
    void schemaIsMadeAndReopened();
    void reopenedAtOnce();
    void epochMillisecondsRoundTrip();
    void secondServerIsRefused();
    void sharedStoresCoexist();
    void reservedIdsOnlyRise();
    void passwordIsNeverShown();
    void processKeepsHistoryOverARestart();
};

void PgStoreTest::environmentFillsTheEmptyParts()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    // Exactly postgresql:///: host, port, user, password and the database from libpq's
    // environment (pg_virtualenv's PGHOST, PGPORT, PGUSER, PGPASSWORD; PGDATABASE set here).
    const QByteArray was = qgetenv("PGDATABASE");
    qputenv("PGDATABASE", database.location().section('/', -1).toUtf8());
    MessageStore store("postgresql:///", false);
    const bool opened = store.open(10);
    qputenv("PGDATABASE", was);
    QVERIFY2(opened, qPrintable(store.errorString()));
    const QString seen = onStore<QString>(store, [](QSqlDatabase &db) {
        return scalar(db, "SELECT current_database() || '|' || current_user || '|' ||"
                          " inet_server_port()");
    });
    QCOMPARE(seen, QStringList({database.location().section('/', -1),
                                qEnvironmentVariable("PGUSER"), qEnvironmentVariable("PGPORT")})
                       .join('|'));
}

void PgStoreTest::schemaIsMadeAndReopened()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    {
        MessageStore store(database.location(), false);
        QVERIFY2(store.open(10), qPrintable(store.errorString()));
        QCOMPARE(store.rooms().size(), size_t(1)); // general
        std::promise<bool> saved;
        store.saveRoom("dev", "Dev", "builds", [&](bool ok) { saved.set_value(ok); });
        QVERIFY(saved.get_future().get());
    }
    MessageStore store(database.location(), false);
    QVERIFY2(store.open(10), qPrintable(store.errorString()));
    QCOMPARE(store.rooms().size(), size_t(2));
    QCOMPARE(store.rooms().front().topic, "builds");
    const QString schema = onStore<QString>(store, [](QSqlDatabase &db) {
        return QStringList{
            scalar(db, "SELECT value FROM meta WHERE name = 'schema_version'"),
            scalar(db, "SELECT string_agg(table_name || '.' || column_name || ':' || data_type,"
                       " ',' ORDER BY table_name, column_name) FROM information_schema.columns"
                       " WHERE table_schema = current_schema() AND column_name IN"
                       " ('id', 'ts', 'until', 'created', 'value')")}
            .join(' ');
    });
    QCOMPARE(schema, QString::number(storeschema::version) +
                         " accounts.created:bigint,bans.created:bigint,bans.id:bigint,"
                         "bans.until:bigint,messages.id:bigint,messages.ts:bigint,"
                         "meta.value:bigint");
}

// A server restarted at once (systemd's restart, a test's next case) opens the database the
// moment the last one closed it: the advisory lock must be free by then, not when PostgreSQL's
// backend of the old connection has exited (which came later under load: "in use by another
// chat-server" at random).
void PgStoreTest::reopenedAtOnce()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    for (const bool shared : {false, true}) {
        for (int round = 0; round < 25; ++round) {
            MessageStore store(database.location(), false);
            store.setShared(shared);
            QVERIFY2(store.open(10), qPrintable(QStringLiteral("%1 round %2: %3")
                                                    .arg(shared ? "shared" : "exclusive")
                                                    .arg(round)
                                                    .arg(store.errorString())));
        }
    }
    // Given back exactly: an exclusive store after the shared ones takes it.
    MessageStore last(database.location(), false);
    QVERIFY2(last.open(10), qPrintable(last.errorString()));
}

void PgStoreTest::epochMillisecondsRoundTrip()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    MessageStore store(database.location(), false);
    QVERIFY2(store.open(10), qPrintable(store.errorString()));
    // Past 2^31 seconds and 2^53 ms are both out of a 32-bit or double column's reach.
    const QList<qint64> times{0, t0, 4'102'444'800'123, (qint64(1) << 53) + 1};
    qint64 id = 0;
    for (qint64 ts : times)
        store.append(ChatMsg{++id, "k", "ann", "at " + QString::number(ts), ts}, "general", {}, {});
    auto promise = std::make_shared<std::promise<QList<qint64>>>();
    store.readSince(0, 10, [promise](bool, const QList<SinceMessage> &messages) {
        QList<qint64> seen;
        for (const SinceMessage &m : messages)
            seen << m.ts;
        promise->set_value(seen);
    });
    QCOMPARE(promise->get_future().get(), times);
    // The session is in UTC (no time is stored as a timestamp; a server-side now() is UTC).
    QCOMPARE(onStore<QString>(store, [](QSqlDatabase &db) { return scalar(db, "SHOW TIME ZONE"); }),
             "UTC");
}

void PgStoreTest::secondServerIsRefused()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    auto first = std::make_unique<MessageStore>(database.location(), false);
    QVERIFY2(first->open(10), qPrintable(first->errorString()));
    {
        MessageStore second(database.location(), false);
        QVERIFY(!second.open(10));
        QVERIFY2(second.errorString().contains(
                     QString("holds the advisory lock %1): one server per database")
                         .arg(SqlDialect::serverLockKey)),
                 qPrintable(second.errorString()));
    }
    first.reset(); // the lock goes with the connection
    MessageStore again(database.location(), false);
    QVERIFY2(again.open(10), qPrintable(again.errorString()));
}

void PgStoreTest::sharedStoresCoexist()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    MessageStore one(database.location(), false);
    MessageStore two(database.location(), false);
    one.setShared(true);
    two.setShared(true);
    QVERIFY2(one.open(10), qPrintable(one.errorString()));
    QVERIFY2(two.open(10), qPrintable(two.errorString()));
    // Ids come from elsewhere in a cluster: each writes its own, each reads every one.
    one.append(ChatMsg{1, "k1", "ann", "from one", t0}, "general", {}, {});
    two.append(ChatMsg{2, "k2", "bob", "from two", t0}, "general", {}, {});
    QTRY_COMPARE(idsSince(one, 0), (QList<qint64>{1, 2}));
    QCOMPARE(idsSince(two, 1), QList<qint64>{2});
    // Neither kind starts beside the other.
    MessageStore single(database.location(), false);
    QVERIFY(!single.open(10));
    QVERIFY2(single.errorString().contains("is in use by another chat-server"),
             qPrintable(single.errorString()));
    one.close();
    two.close();
    MessageStore alone(database.location(), false);
    QVERIFY2(alone.open(10), qPrintable(alone.errorString()));
    MessageStore late(database.location(), false);
    late.setShared(true);
    QVERIFY(!late.open(10));
    QVERIFY2(late.errorString().contains("shared servers cannot join it"),
             qPrintable(late.errorString()));
}

void PgStoreTest::reservedIdsOnlyRise()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    {
        MessageStore one(database.location(), false);
        MessageStore two(database.location(), false);
        one.setShared(true);
        two.setShared(true);
        QVERIFY(one.open(10) && two.open(10));
        QVERIFY(one.reserveIds(500));
        QVERIFY(two.reserveIds(200)); // later, lower: the mark stays at 500
        QCOMPARE(onStore<QString>(two,
                                  [](QSqlDatabase &db) {
                                      return scalar(db, "SELECT value FROM meta WHERE name ="
                                                        " 'reserved_until'");
                                  }),
                 "500");
    }
    MessageStore after(database.location(), false);
    QVERIFY(after.open(10));
    QCOMPARE(after.lastMessageId(), qint64(500));
}

void PgStoreTest::passwordIsNeverShown()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    const QString name = database.location().section('/', -1);
    const QString role = "chat_" + name;
    const QString secret = "Se:cr@t/%-" + name; // characters the URL must percent-encode
    {
        QSqlDatabase admin = database.open("admin");
        QSqlQuery query(admin);
        QVERIFY2(query.exec(QString("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(role, secret)) &&
                     query.exec(QString("ALTER DATABASE %1 OWNER TO %2").arg(name, role)) &&
                     query.exec(QString("ALTER SCHEMA public OWNER TO %1").arg(role)),
                 qPrintable(query.lastError().text()));
        admin.close();
    }
    QSqlDatabase::removeDatabase("admin");
    const auto url = [&](const QString &password) {
        return QString("postgresql://%1:%2@%3:%4/%5")
            .arg(role, QString::fromLatin1(QUrl::toPercentEncoding(password)),
                 qEnvironmentVariable("PGHOST"), qEnvironmentVariable("PGPORT"), name);
    };
    // In an ini file (history/database), served with debug output on; /metrics asked.
    const QString ini = database.filePath("chat.ini");
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[history]\ndatabase=\"" + url(secret).toUtf8() + "\"\n");
    file.close();
    ServerProcess server;
    QVERIFY2(server.start({"--config", ini}, verbose()), server.output.constData());
    TestClient alice;
    QVERIFY(alice.open(server.url()));
    QVERIFY(alice.join("alice").contains("history"));
    QTcpSocket http;
    http.connectToHost("127.0.0.1", quint16(server.port));
    QVERIFY(http.waitForConnected(5000));
    http.write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray metrics;
    QTRY_VERIFY((metrics += http.readAll(), http.state() == QAbstractSocket::UnconnectedState));
    QVERIFY2(metrics.contains("chat_"), metrics.constData());
    QVERIFY(server.stop());
    // A wrong password on the command line: refused, and said without it.
    ServerProcess refused;
    QVERIFY(!refused.start({"--db", url("wrong-" + secret)}, verbose()));
    QVERIFY(refused.process.state() == QProcess::NotRunning ||
            refused.process.waitForFinished(20'000));
    refused.output += refused.process.readAll();
    const QByteArray refusal =
        "cannot open the history database postgresql://" + role.toUtf8() + ":***@";
    QVERIFY2(refused.output.contains(refusal), refused.output.constData());
    for (const QByteArray &shown : {server.output, metrics, refused.output}) {
        QVERIFY2(!shown.contains(secret.toUtf8()), shown.constData());
        QVERIFY2(!shown.contains(QUrl::toPercentEncoding(secret)), shown.constData());
    }
    QVERIFY2(
        server.output.contains(QByteArray("history in \"postgresql://" + role.toUtf8() + ":***@")),
        server.output.constData());
}

void PgStoreTest::processKeepsHistoryOverARestart()
{
    CHAT_POSTGRES_ONLY();
    TestDatabase database;
    QVERIFY2(database.errorString().isEmpty(), qPrintable(database.errorString()));
    // `--db postgresql:///` exactly: everything from libpq's environment.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("PGDATABASE", database.location().section('/', -1));
    QList<qint64> ids;
    {
        ServerProcess server;
        QVERIFY2(server.start({"--db", "postgresql:///"}, env), server.output.constData());
        TestClient alice;
        QVERIFY(alice.open(server.url()));
        alice.join("alice");
        for (int i = 1; i <= 3; ++i) {
            alice.send("message", QJsonObject{{"text", QString("m%1").arg(i)}}, i + 1);
            ids << alice.next().value("data")["id"].toInteger();
        }
        QVERIFY(server.stop());
        // A second single-instance server on it meanwhile would have been refused.
    }
    ServerProcess server;
    QVERIFY2(server.start({"--db", "postgresql:///"}, env), server.output.constData());
    ServerProcess second;
    QVERIFY(!second.start({"--db", "postgresql:///"}, env));
    QVERIFY2(second.output.contains("in use by another chat-server"), second.output.constData());
    TestClient bob;
    QVERIFY(bob.open(server.url()));
    const QJsonArray history = bob.join("bob").value("history").toArray();
    QCOMPARE(history.size(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(history[i]["id"].toInteger(), ids[i]);
    bob.send("message", QJsonObject{{"text", "after the restart"}}, 2);
    QVERIFY(bob.next().value("data")["id"].toInteger() > ids.last());
    QVERIFY(server.stop());
}

QTEST_GUILESS_MAIN(PgStoreTest)
#include "tst_pgstore.moc"
