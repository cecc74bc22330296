// Moderation (feature "accounts") in a real chat-server process: the [moderation] keys of the
// ini file (the longest reason, sent to accounts clients as limits.maxReasonLength; the longest
// timed ban), applied again on SIGHUP, bad values that stop the start, a moderator made by
// `chat-server account add --role moderator`, and the audit lines on the process's standard
// error, one per act, with user text escaped.
#include "accountsfixture.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

namespace {
const QByteArray moPassword = "mo-config-secret";

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}
} // namespace

class ModerationConfigTest : public QObject
{
    Q_OBJECT
private slots:
    void iniKeysAndAuditLines();
    void badValuesStopTheStart_data();
    void badValuesStopTheStart();
};

void ModerationConfigTest::iniKeysAndAuditLines()
{
    chat::test::TestDatabase database; // SQLite, or PostgreSQL in the _pg run
    const QString db = database.location();
    const QString ini = database.filePath("chat.ini");
    QVERIFY(writeFile(ini, "[moderation]\nmax_reason_length=12\nmax_ban_minutes=30\n"
                           "[limits]\nrate_limit=off\n"));
    QProcess add;
    add.start(QStringLiteral(CHAT_SERVER_PATH),
              {"account", "add", "mo", "--role", "moderator", "--db", db});
    add.write(moPassword + "\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(30'000));
    QCOMPARE(add.exitCode(), 0);

    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(QStringLiteral(CHAT_SERVER_PATH),
                 {"--config", ini, "--host", "127.0.0.1", "--port", "0", "--db", db});
    QByteArray output;
    QRegularExpressionMatch port;
    QVERIFY(QTest::qWaitFor(
        [&] {
            output += server.readAll();
            port = QRegularExpression("ws://127.0.0.1:(\\d+)/").match(output);
            return port.hasMatch();
        },
        10'000));
    const QUrl url(QString("ws://127.0.0.1:%1/").arg(port.captured(1)));

    TestClient mo;
    QVERIFY(mo.open(url));
    const QJsonObject ack =
        rooms::requestData(mo, "join", accounts::joinData("mo", QString::fromUtf8(moPassword)), 1);
    QCOMPARE(ack.value("limits").toObject().value("maxReasonLength").toInt(), 12);
    QCOMPARE(rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"minutes", 31}}, 2),
             "bad_request");
    QCOMPARE(
        rooms::errorCode(mo, "ban", QJsonObject{{"name", "x"}, {"reason", "thirteen char"}}, 3),
        "bad_request");
    QCOMPARE(rooms::errorCode(mo, "ban",
                              QJsonObject{{"name", "x"}, {"minutes", 30}, {"reason", "say \"hi\""}},
                              4),
             "");
    // Live: SIGHUP reads the keys again.
    QVERIFY(writeFile(ini, "[moderation]\nmax_reason_length=12\nmax_ban_minutes=60\n"
                           "[limits]\nrate_limit=off\n"));
    ::kill(pid_t(server.processId()), SIGHUP);
    qint64 id = 10;
    QTRY_COMPARE_WITH_TIMEOUT(
        rooms::errorCode(mo, "ban", QJsonObject{{"name", "y"}, {"minutes", 60}}, ++id), "", 10'000);
    QCOMPARE(rooms::errorCode(mo, "unban", QJsonObject{{"name", "x"}}, 20), "");

    server.terminate();
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 0);
    output += server.readAll();
    const QString text = QString::fromUtf8(output);
    QVERIFY2(text.contains(QRegularExpression(
                 R"(chat\.server\.audit: ban: by "mo" \(moderator\) of "x" \(user\) until \S+Z )"
                 R"(\(offline\) address: none reason: "say \\"hi\\""\n)")),
             output.constData());
    QVERIFY2(text.contains("chat.server.audit: ban: by \"mo\" (moderator) of \"y\" (user)"),
             output.constData());
    QVERIFY2(text.contains("chat.server.audit: unban: by \"mo\" (moderator) of \"x\"\n"),
             output.constData());
    QVERIFY(!output.contains(moPassword));
}

void ModerationConfigTest::badValuesStopTheStart_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("max_reason_length=-1")
        << QByteArray("[moderation]\nmax_reason_length=-1\n") << "moderation/max_reason_length";
    QTest::newRow("max_reason_length=x")
        << QByteArray("[moderation]\nmax_reason_length=x\n") << "moderation/max_reason_length";
    QTest::newRow("max_ban_minutes=0")
        << QByteArray("[moderation]\nmax_ban_minutes=0\n") << "moderation/max_ban_minutes";
    QTest::newRow("max_ban_minutes past 100 years")
        << QByteArray("[moderation]\nmax_ban_minutes=60000000\n") << "moderation/max_ban_minutes";
}

void ModerationConfigTest::badValuesStopTheStart()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString ini = dir.filePath("chat.ini");
    QVERIFY(writeFile(ini, content));
    QProcess server;
    server.start(QStringLiteral(CHAT_SERVER_PATH), {"--config", ini, "--db", ":memory:"});
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitCode(), 2);
    const QString error = QString::fromUtf8(server.readAllStandardError());
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(ModerationConfigTest)
#include "tst_moderationconfig.moc"
