// Feature "accounts" in a real chat-server process: the server password from
// --server-password-file, --guests and --registration on the command line, the same keys in the
// ini file applied on SIGHUP, an account made by `chat-server account add`, bad values that stop
// the start, and nothing secret in anything the process printed (debug output on).
#include "accountsfixture.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using accounts::code;
using accounts::joinData;

namespace {
const QByteArray serverSecret = "first-server-secret";
const QByteArray nextServerSecret = "second-server-secret";
const QByteArray alicePassword = "alice-cli-secret";
const QByteArray finnPassword = "finn-register-secret";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QProcessEnvironment verbose()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_LOGGING_RULES", "*.debug=true");
    return env;
}
} // namespace

class AccountsConfigTest : public QObject
{
    Q_OBJECT
private slots:
    void commandLineAndReload();
    void badValuesStopTheStart_data();
    void badValuesStopTheStart();
};

void AccountsConfigTest::commandLineAndReload()
{
    chat::test::TestDatabase database; // SQLite, or PostgreSQL in the _pg run
    const QString db = database.location();
    const QString passwordFile = database.filePath("server-password");
    const QString ini = database.filePath("chat.ini");
    QVERIFY(writeFile(passwordFile, serverSecret + "\n"));
    QVERIFY(writeFile(ini, "[limits]\nrate_limit=off\n"));

    // The operator's command line makes the account.
    QProcess add;
    add.setProcessEnvironment(verbose());
    add.start(QStringLiteral(CHAT_SERVER_PATH), {"account", "add", "alice", "--db", db});
    add.write(alicePassword + "\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(30'000));
    QCOMPARE(add.exitCode(), 0);
    QByteArray output = add.readAll();

    QProcess server;
    QUrl url;
    const auto start = [&](const QStringList &extra) {
        server.setProcessEnvironment(verbose());
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(
            QStringLiteral(CHAT_SERVER_PATH),
            QStringList{"--config", ini, "--host", "127.0.0.1", "--port", "0", "--db", db} + extra);
        QRegularExpressionMatch port;
        QByteArray fresh; // this run's output: the last one's names another port
        const bool up = QTest::qWaitFor(
            [&] {
                fresh += server.readAll();
                port = QRegularExpression("ws://127.0.0.1:(\\d+)/").match(fresh);
                return port.hasMatch();
            },
            10'000);
        output += fresh;
        url = QUrl(QString("ws://127.0.0.1:%1/").arg(port.captured(1)));
        return up;
    };
    const auto stop = [&] {
        server.terminate();
        const bool done = server.waitForFinished(10'000) && server.exitCode() == 0;
        output += server.readAll();
        return done;
    };
    const auto joinAt = [&](TestClient &client, const QJsonObject &data, qint64 id) {
        if (client.socket.state() != QAbstractSocket::ConnectedState && !client.open(url))
            return QJsonObject();
        return rooms::request(client, "join", data, id);
    };

    // The command line: a server password from a file, accounts only, registration closed.
    QVERIFY(start(
        {"--server-password-file", passwordFile, "--guests", "false", "--registration", "closed"}));
    {
        TestClient client;
        QCOMPARE(code(joinAt(client, joinData("alice", alicePassword), 1)), "bad_server_password");
        QCOMPARE(code(joinAt(client, joinData("finn", {}, serverSecret), 2)), "account_required");
        QCOMPARE(code(joinAt(client, joinData("alice", "not-alice-secret", serverSecret), 3)),
                 "auth_failed");
        const QJsonObject in = joinAt(client, joinData("alice", alicePassword, serverSecret), 4);
        QCOMPARE(in.value("data").toObject().value("account").toObject().value("registered"), true);
        // SIGHUP reads the password file again.
        QVERIFY(writeFile(passwordFile, nextServerSecret + "\n"));
        ::kill(pid_t(server.processId()), SIGHUP);
        TestClient next;
        QTRY_COMPARE_WITH_TIMEOUT(code(joinAt(next, joinData("bo", {}, serverSecret), 1)),
                                  QString("bad_server_password"), 10'000);
        QCOMPARE(code(joinAt(next, joinData("bo", {}, nextServerSecret), 2)), "account_required");
    }
    QVERIFY(stop());

    // The ini file: guests refused and registration closed, then both opened by SIGHUP.
    QVERIFY(writeFile(ini, "[accounts]\nguests=false\nregistration=closed\n"
                           "[limits]\nrate_limit=off\n"));
    QVERIFY(start({}));
    {
        TestClient finn;
        QCOMPARE(code(joinAt(finn, joinData("finn"), 1)), "account_required");
        QVERIFY(writeFile(ini, "[accounts]\nguests=true\nregistration=open\n"
                               "[limits]\nrate_limit=off\n"));
        ::kill(pid_t(server.processId()), SIGHUP);
        qint64 id = 1;
        QString last;
        const bool admitted = QTest::qWaitFor(
            [&] {
                last = code(joinAt(finn, joinData("finn"), ++id));
                return last.isEmpty();
            },
            10'000);
        QVERIFY2(admitted, qPrintable(last));
        QCOMPARE(rooms::errorCode(finn, "register",
                                  QJsonObject{{"password", QString(finnPassword)}}, 100),
                 "");
    }
    QVERIFY(stop());
    QVERIFY2(output.contains("listening"), output.constData());
    for (const QByteArray &secret : {serverSecret, nextServerSecret, alicePassword, finnPassword,
                                     QByteArray("not-alice-secret"), QByteArray("$argon2id$")})
        QVERIFY2(!output.contains(secret), secret.constData());
}

void AccountsConfigTest::badValuesStopTheStart_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("--guests maybe") << QStringList{"--guests", "maybe"} << "--guests";
    QTest::newRow("--registration half")
        << QStringList{"--registration", "half"} << "--registration";
    QTest::newRow("--server-password-file missing")
        << QStringList{"--server-password-file", "/nonexistent/server-password"}
        << "cannot read /nonexistent/server-password";
}

void AccountsConfigTest::badValuesStopTheStart()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    QProcess server;
    server.start(QStringLiteral(CHAT_SERVER_PATH), arguments + QStringList{"--db", ":memory:"});
    QVERIFY(server.waitForFinished(10'000));
    QVERIFY(server.exitCode() != 0);
    const QString error = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(AccountsConfigTest)
#include "tst_accountsconfig.moc"
