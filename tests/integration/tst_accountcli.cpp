// `chat-server account …` as an operator runs it: the real binary, its exit codes and messages,
// passwords from a pipe and from a terminal (a pseudo-terminal), beside a running server. On
// SQLite, and on PostgreSQL in tst_accountcli_pg.
#include "passwordhasher.h"
#include "sqldialect.h"
#include "storeschema.h"
#include "testdatabase.h"
#include "validation.h"

#include <QDateTime>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {
const QString serverPath = QStringLiteral(CHAT_SERVER_PATH);
const QByteArray password = "correct horse battery";
using chat::test::TestDatabase;

// A connection of the test's own to `db` (a SQLite file or a postgresql:// URL).
QSqlDatabase openConnection(const QString &db, const QString &connectionName)
{
    const auto target = chat::server::DatabaseTarget::parse(db);
    if (!target || chat::server::openDatabase(*target, connectionName))
        return {};
    return QSqlDatabase::database(connectionName, false);
}

struct Run
{
    int exit = -1;
    QString out;
    QString err;
};

// Every output of the commands a test ran: none may show a password or a hash.
QByteArray everything;

Run account(const QStringList &arguments, const QByteArray &input = {})
{
    QProcess process;
    process.start(serverPath, QStringList{"account"} + arguments);
    if (!process.waitForStarted())
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(60'000))
        process.kill();
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    everything += out + err;
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(out), QString::fromUtf8(err)};
}

// The hash stored for a name, read with a connection of the test's own.
QByteArray storedHash(const QString &db, const QString &name)
{
    const QString key = chat::validation::nameUniquenessKey(name);
    QByteArray hash;
    {
        QSqlDatabase sql = openConnection(db, "peek");
        if (sql.isOpen()) {
            QSqlQuery query(sql);
            query.prepare("SELECT hash FROM accounts WHERE key = ?");
            query.addBindValue(key);
            if (query.exec() && query.next())
                hash = query.value(0).toByteArray();
        }
    }
    QSqlDatabase::removeDatabase("peek");
    return hash;
}

bool sqlExec(const QString &db, const QString &statement)
{
    bool ok = false;
    {
        QSqlDatabase sql = openConnection(db, "poke");
        QSqlQuery query(sql);
        ok = sql.isOpen() && query.exec(statement);
    }
    QSqlDatabase::removeDatabase("poke");
    return ok;
}

bool matches(const QByteArray &hash, const QByteArray &candidate)
{
    QByteArray copy = candidate;
    return chat::server::passwords::verify(copy, hash, chat::server::PasswordCost::standard())
        .matches;
}

// A chat-server serving `db`, until the object goes.
class Server
{
public:
    explicit Server(const QString &db)
    {
        m_process.start(serverPath, {"--host", "127.0.0.1", "--port", "0", "--db", db});
    }
    ~Server() { stop(); }
    bool listening()
    {
        if (!m_process.waitForStarted())
            return false;
        QDeadlineTimer deadline(20'000);
        while (!m_process.canReadLine() && m_process.state() == QProcess::Running &&
               !deadline.hasExpired())
            m_process.waitForReadyRead(int(deadline.remainingTime()));
        return m_process.readLine().startsWith("listening on");
    }
    bool stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return true;
        m_process.terminate();
        return m_process.waitForFinished(20'000) && m_process.exitCode() == 0;
    }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
};

// Runs the command on a pseudo-terminal as an operator would type: each answer is sent once
// its prompt is shown. Returns the exit code and what the terminal showed.
std::pair<int, QByteArray> onTerminal(const QStringList &arguments,
                                      const QList<QPair<QByteArray, QByteArray>> &answers)
{
    QList<QByteArray> argv{serverPath.toLocal8Bit(), "account"};
    for (const QString &argument : arguments)
        argv << argument.toLocal8Bit();
    std::vector<char *> pointers;
    for (QByteArray &a : argv)
        pointers.push_back(a.data());
    pointers.push_back(nullptr);
    int terminal = -1;
    const pid_t child = ::forkpty(&terminal, nullptr, nullptr, nullptr);
    if (child < 0)
        return {-1, "forkpty failed"};
    if (child == 0) {
        ::execv(pointers[0], pointers.data());
        ::_exit(127);
    }
    QByteArray shown;
    int next = 0;
    QDeadlineTimer deadline(60'000);
    for (;;) {
        if (next < answers.size() && shown.contains(answers[next].first)) {
            const QByteArray typed = answers[next].second + "\n";
            if (::write(terminal, typed.constData(), size_t(typed.size())) != typed.size())
                break;
            ++next;
            continue;
        }
        pollfd readable{terminal, POLLIN, 0};
        if (::poll(&readable, 1, int(deadline.remainingTime())) <= 0)
            break; // the deadline: the test fails on what was shown
        char buffer[512];
        const ssize_t got = ::read(terminal, buffer, sizeof buffer);
        if (got <= 0)
            break; // EIO: the command ended and closed the terminal
        shown.append(buffer, got);
    }
    ::close(terminal);
    int status = 0;
    if (::waitpid(child, &status, deadline.hasExpired() ? WNOHANG : 0) != child) {
        ::kill(child, SIGKILL);
        ::waitpid(child, &status, 0);
        return {-1, shown};
    }
    everything += shown;
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, shown};
}
} // namespace

class AccountCliTest : public QObject
{
    Q_OBJECT
private slots:
    void addListRoleRemove();
    void passwdReplacesTheHash();
    void configFileNamesTheDatabase();
    void badRequestsExitWithReasons_data();
    void badRequestsExitWithReasons();
    void terminalAsksTwiceWithoutEcho();
    void terminalRefusesDifferentPasswords();
    void worksBesideARunningServer();
    void refusesAServerOfAnotherSchema();
    void secondServerRefusesToStart();
    void nothingSecretWasPrinted();
};

void AccountCliTest::addListRoleRemove()
{
    TestDatabase database;
    // SQLite: made by `add`, directory too. PostgreSQL: the database exists, `add` makes tables.
    const QString db =
        database.isPostgres() ? database.location() : database.filePath("new/chat.db");
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    Run run = account({"add", "alice", "--db", db}, password + "\n");
    QCOMPARE(run.exit, 0);
    QCOMPARE(run.out, "added alice (user)\n");
    QCOMPARE(account({"add", "Bob", "--role", "admin", "--db", db}, password).exit, 0);
    // Unique as names are on the server: case and look-alike letters.
    run = account({"add", "ALICE", "--db", db}, password + "\n");
    QCOMPARE(run.exit, 1);
    QVERIFY2(run.err.contains("ALICE is registered already (as \"alice\")"), qPrintable(run.err));

    run = account({"list", "--db", db});
    QCOMPARE(run.exit, 0);
    const QStringList lines = run.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].section('\t', 0, 1), "alice\tuser");
    QCOMPARE(lines[1].section('\t', 0, 1), "Bob\tadmin");
    const QDateTime created = QDateTime::fromString(lines[0].section('\t', 2), Qt::ISODateWithMs);
    QVERIFY2(created.isValid() && created.toMSecsSinceEpoch() >= before, qPrintable(lines[0]));

    run = account({"role", "alice", "moderator", "--db", db});
    QCOMPARE(run.exit, 0);
    QCOMPARE(run.out, "alice is moderator\n");
    QVERIFY(account({"list", "--db", db}).out.startsWith("alice\tmoderator\t"));
    run = account({"remove", "ALICE", "--db", db});
    QCOMPARE(run.exit, 0);
    QCOMPARE(run.out, "removed alice\n");
    run = account({"remove", "alice", "--db", db});
    QCOMPARE(run.exit, 1);
    QVERIFY(run.err.contains("there is no account alice"));
    QCOMPARE(account({"list", "--db", db}).out.split('\n', Qt::SkipEmptyParts).size(), 1);
}

void AccountCliTest::passwdReplacesTheHash()
{
    TestDatabase database;
    const QString db = database.location();
    QCOMPARE(account({"add", "carol", "--db", db}, password + "\r\n").exit, 0);
    const QByteArray first = storedHash(db, "carol");
    QVERIFY(matches(first, password)); // the carriage return is not part of it
    QCOMPARE(account({"passwd", "Carol", "--db", db}, "a new secret\n").exit, 0);
    const QByteArray second = storedHash(db, "carol");
    QVERIFY(second != first);
    QVERIFY(matches(second, "a new secret"));
    QVERIFY(!matches(second, password));
    const Run run = account({"passwd", "dave", "--db", db}, "whatever1\n");
    QCOMPARE(run.exit, 1);
    QVERIFY(run.err.contains("there is no account dave"));
}

void AccountCliTest::configFileNamesTheDatabase()
{
    CHAT_SQLITE_ONLY("files named by an ini (a URL in an ini: tst_pgstore)");
    QTemporaryDir dir;
    const QString db = dir.filePath("from-ini.db");
    QFile ini(dir.filePath("chat.ini"));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[history]\ndatabase=" + db.toUtf8() + "\n[limits]\nmax_name_length=5\n");
    ini.close();
    QCOMPARE(account({"add", "erin", "--config", ini.fileName()}, password).exit, 0);
    QVERIFY(QFile::exists(db));
    QVERIFY(account({"list", "--config", ini.fileName()}).out.startsWith("erin\tuser\t"));
    // The server's name rules, with the file's limit.
    const Run run = account({"add", "frederick", "--config", ini.fileName()}, password);
    QCOMPARE(run.exit, 2);
    QVERIFY2(run.err.contains("1 to 5 characters"), qPrintable(run.err));
    // --db wins over the file, as when serving.
    QCOMPARE(account({"add", "gus", "--config", ini.fileName(), "--db", dir.filePath("other.db")},
                     password)
                 .exit,
             0);
    QCOMPARE(account({"list", "--config", ini.fileName()}).out.count('\n'), 1);
}

void AccountCliTest::badRequestsExitWithReasons_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("mentions");
    const QByteArray ok = password + "\n";
    QTest::newRow("no command") << QStringList{} << ok << 2 << "which command?";
    QTest::newRow("unknown command") << QStringList{"delete", "x"} << ok << 2 << "unknown command";
    QTest::newRow("no name") << QStringList{"add"} << ok << 2 << "add takes a name";
    QTest::newRow("no role") << QStringList{"role", "x"} << ok << 2 << "a name and a role";
    QTest::newRow("bad role") << QStringList{"add", "x", "--role", "king"} << ok << 2
                              << "'king' is not a role";
    QTest::newRow("--role elsewhere")
        << QStringList{"passwd", "x", "--role", "admin"} << ok << 2 << "--role is for add";
    QTest::newRow("unknown option") << QStringList{"list", "--force"} << ok << 2 << "force";
    QTest::newRow("control character")
        << QStringList{"add", "a\ab"} << ok << 2 << "not a name the server admits";
    QTest::newRow(":memory:") << QStringList{"list", "--db", ":memory:"} << ok << 2
                              << "keeps no accounts";
    QTest::newRow("short password") << QStringList{"add", "x"} << QByteArray("seven77\n") << 1
                                    << "(7 bytes): a password is 8 to 1024 bytes of UTF-8";
    QTest::newRow("long password")
        << QStringList{"add", "x"} << QByteArray(1025, 'p') << 1 << "too long";
    QTest::newRow("not UTF-8") << QStringList{"add", "x"} << QByteArray("abc\xff\xfe defg\n") << 1
                               << "not acceptable";
    QTest::newRow("no password") << QStringList{"add", "x"} << QByteArray() << 1
                                 << "no password on standard input";
    QTest::newRow("no database") << QStringList{"list", "--db", "@missing"} << ok << 3
                                 << "no database at";
    QTest::newRow("newer schema") << QStringList{"list", "--db", "@newer"} << ok << 3
                                  << "newer release (schema version 9";
}

void AccountCliTest::badRequestsExitWithReasons()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(int, exit);
    QFETCH(QString, mentions);
    CHAT_SQLITE_ONLY("the usage errors are the engine's business nowhere; the last rows are "
                     "SQLite files");
    QTemporaryDir dir;
    const QString db = dir.filePath("chat.db");
    QCOMPARE(account({"add", "taken", "--db", db}, password).exit, 0);
    QVERIFY(sqlExec(dir.filePath("newer.db"), "PRAGMA user_version = 9"));
    for (QString &argument : arguments)
        argument.replace(QRegularExpression("^@(\\w+)$"), dir.filePath("\\1.db"));
    if (!arguments.contains("--db"))
        arguments << "--db" << db;
    const Run run = account(arguments, input);
    QCOMPARE(run.exit, exit);
    QVERIFY2(run.err.startsWith("chat-server account: ") && run.err.count('\n') == 1,
             qPrintable(run.err)); // one line
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QCOMPARE(account({"list", "--db", db}).out.count('\n'), 1); // nothing was added
}

void AccountCliTest::terminalAsksTwiceWithoutEcho()
{
    TestDatabase database;
    const QString db = database.location();
    const auto [exit, shown] =
        onTerminal({"add", "henry", "--db", db},
                   {{"New password for henry: ", password}, {"Again: ", password}});
    QVERIFY2(exit == 0, shown.constData());
    QVERIFY2(shown.contains("added henry (user)"), shown.constData());
    QVERIFY2(!shown.contains(password), "the terminal echoed the password");
    QVERIFY(matches(storedHash(db, "henry"), password));
}

void AccountCliTest::terminalRefusesDifferentPasswords()
{
    TestDatabase database;
    const QString db = database.location();
    const auto [exit, shown] =
        onTerminal({"add", "ida", "--db", db},
                   {{"New password for ida: ", password}, {"Again: ", password + "!"}});
    QCOMPARE(exit, 1);
    QVERIFY2(shown.contains("the two passwords differ"), shown.constData());
    QVERIFY(storedHash(db, "ida").isEmpty());
}

void AccountCliTest::worksBesideARunningServer()
{
    // The contract: "a running server sees its changes at the next login". SQLite orders the
    // two processes' writes; the command's are single statements.
    TestDatabase database;
    const QString db = database.location();
    Server server(db);
    QVERIFY(server.listening());
    Run run = account({"add", "judy", "--role", "moderator", "--db", db}, password);
    QVERIFY2(run.exit == 0, qPrintable(run.err));
    QVERIFY(matches(storedHash(db, "judy"), password));
    QCOMPARE(account({"passwd", "judy", "--db", db}, "another one\n").exit, 0);
    QVERIFY(account({"list", "--db", db}).out.startsWith("judy\tmoderator\t"));
    QCOMPARE(account({"remove", "judy", "--db", db}).exit, 0);
    QCOMPARE(server.process().state(), QProcess::Running);
    QVERIFY(server.stop());
}

void AccountCliTest::refusesAServerOfAnotherSchema()
{
    // A server that expects one schema must not have another written under it. Here the file
    // says version 2 while a server holds it (as a server of the release before accounts would
    // be): the command, which would migrate it, refuses; once the server is gone it may.
    TestDatabase database;
    const QString db = database.location();
    {
        Server server(db);
        QVERIFY(server.listening());
        QVERIFY(sqlExec(db, database.isPostgres()
                                ? "UPDATE meta SET value = 2 WHERE name = 'schema_version'"
                                : "PRAGMA user_version = 2"));
        const Run run = account({"add", "kim", "--db", db}, password);
        QCOMPARE(run.exit, 3);
        const QString lock =
            database.isPostgres()
                ? QString("the advisory lock %1").arg(chat::server::SqlDialect::serverLockKey)
                : db + ".lock";
        QVERIFY2(run.err.contains("is in use by a running chat-server (it holds " + lock +
                                  ") and its schema is version 2, this command's is " +
                                  QString::number(chat::server::storeschema::version)),
                 qPrintable(run.err));
        QVERIFY(storedHash(db, "kim").isEmpty());
        QVERIFY(server.stop());
    }
    const Run run = account({"add", "kim", "--db", db}, password);
    QVERIFY2(run.exit == 0, qPrintable(run.err));
    QVERIFY(matches(storedHash(db, "kim"), password));
}

void AccountCliTest::secondServerRefusesToStart()
{
    TestDatabase database;
    const QString db = database.location();
    Server first(db);
    QVERIFY(first.listening());
    Server second(db);
    QVERIFY(second.process().waitForFinished(20'000));
    QVERIFY(second.process().exitCode() != 0);
    const QString error = QString::fromUtf8(second.process().readAllStandardError());
    QVERIFY2(error.contains("is in use by another chat-server"), qPrintable(error));
    // The lock goes with the process, even one killed without a chance to clean up.
    ::kill(pid_t(first.process().processId()), SIGKILL);
    QVERIFY(first.process().waitForFinished(20'000));
    Server third(db);
    QVERIFY(third.listening());
    QVERIFY(third.stop());
}

void AccountCliTest::nothingSecretWasPrinted()
{
    // Runs last: what every command above printed, on any channel.
    QVERIFY(everything.size() > 1000);
    QVERIFY(!everything.contains(password));
    QVERIFY(!everything.contains("a new secret"));
    QVERIFY(!everything.contains("$argon2"));
}

QTEST_GUILESS_MAIN(AccountCliTest)
#include "tst_accountcli.moc"
