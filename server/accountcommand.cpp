#include "accountcommand.h"

#include "accounttable.h"
#include "commandline.h"
#include "configfile.h"
#include "databaselock.h"
#include "databasetarget.h"
#include "nameskeleton.h"
#include "passwordhasher.h"
#include "passwordinput.h"
#include "sqldialect.h"
#include "storeschema.h"
#include "validation.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <map>

using namespace chat::server;

namespace {

enum Exit
{
    Done = 0,
    Refused = 1,
    Usage = 2,
    Unavailable = 3,
};

struct Failure
{
    int exit = Unavailable;
    QString reason;
};

const QString connectionName = QStringLiteral("chat-account-command");

const char *const commands = "Commands:\n"
                             "  add NAME [--role user|moderator|admin]   register NAME\n"
                             "  passwd NAME                              set NAME's password\n"
                             "  role NAME user|moderator|admin           set NAME's role\n"
                             "  remove NAME                              delete NAME's account\n"
                             "  list                                     name, role, created\n"
                             "Passwords are read from standard input: twice without echo on a "
                             "terminal, one line from a pipe.\n";

// The connection of this command to the server's database: it opens the file as the server
// would, and decides whether it may use it (see DatabaseLock).
class AccountDatabase
{
public:
    explicit AccountDatabase(QString path)
        : m_path(std::move(path)), m_name(DatabaseTarget::redacted(m_path))
    {}
    ~AccountDatabase()
    {
        if (QSqlDatabase::contains(connectionName)) {
            QSqlDatabase::database(connectionName, false).close();
            QSqlDatabase::removeDatabase(connectionName);
        }
    }
    AccountDatabase(const AccountDatabase &) = delete;
    AccountDatabase &operator=(const AccountDatabase &) = delete;

    // `create`: make the file (and its directory) if it does not exist.
    std::optional<Failure> open(bool create);
    QSqlDatabase db() const { return QSqlDatabase::database(connectionName, false); }

private:
    std::optional<Failure> openPostgres(const DatabaseTarget &target);
    std::optional<Failure> useBesideServer(const QString &lockName);

    const QString m_path;
    const QString m_name; // m_path as it may be shown: without a URL's password
};

std::optional<Failure> AccountDatabase::open(bool create)
{
    QString parseError;
    const auto target = DatabaseTarget::parse(m_path, &parseError);
    if (!target)
        return Failure{Usage, QStringLiteral("%1 %2").arg(m_name, parseError)};
    if (target->engine == SqlEngine::PostgreSQL)
        return openPostgres(*target);
    if (!QFileInfo::exists(m_path)) {
        if (!create)
            return Failure{Unavailable, QStringLiteral("no database at %1 (the server creates it "
                                                       "when it first starts, and so does "
                                                       "`account add`)")
                                            .arg(m_path)};
        if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
            return Failure{Unavailable,
                           QStringLiteral("cannot create the directory of %1").arg(m_path)};
    }
    // Held while this command may change the schema; released before it waits for a password,
    // so that a server can start meanwhile.
    DatabaseLock lock(m_path);
    if (lock.tryLock() == DatabaseLock::State::Failed)
        return Failure{Unavailable, lock.errorString()};
    if (const auto error = openDatabase(*target, connectionName))
        return Failure{Unavailable, QStringLiteral("%1: %2").arg(m_path, *error)};
    QSqlDatabase db = this->db();
    if (lock.state() == DatabaseLock::State::HeldElsewhere)
        return useBesideServer(lock.lockFilePath());
    // No server: bring the schema up to date as the server would, in WAL mode as it runs.
    if (const auto error = storeschema::migrate(db))
        return Failure{Unavailable, QStringLiteral("%1: %2").arg(m_path, *error)};
    QSqlQuery wal(db);
    if (!wal.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
        return Failure{Unavailable, QStringLiteral("%1: %2").arg(m_path, wal.lastError().text())};
    return std::nullopt;
}

// PostgreSQL: the database must exist (the operator creates it); the schema is made here as the
// server would. The server's advisory lock says whether a single-instance server serves it.
std::optional<Failure> AccountDatabase::openPostgres(const DatabaseTarget &target)
{
    if (const auto error = openDatabase(target, connectionName))
        return Failure{Unavailable, QStringLiteral("%1: %2").arg(m_name, *error)};
    QSqlDatabase db = this->db();
    QString error;
    if (!SqlDialect::tryServerLock(db, false, &error)) {
        if (!error.isEmpty())
            return Failure{Unavailable,
                           QStringLiteral("%1: %2").arg(m_name, withoutPassword(target, error))};
        return useBesideServer(
            QStringLiteral("the advisory lock %1").arg(SqlDialect::serverLockKey));
    }
    const auto migrated = storeschema::migrate(db);
    SqlDialect::releaseServerLock(db);
    if (migrated)
        return Failure{Unavailable,
                       QStringLiteral("%1: %2").arg(m_name, withoutPassword(target, *migrated))};
    return std::nullopt;
}

std::optional<Failure> AccountDatabase::useBesideServer(const QString &lockName)
{
    QSqlDatabase handle = db();
    const auto version = storeschema::versionOf(handle);
    if (!version)
        return Failure{Unavailable,
                       QStringLiteral("%1: %2").arg(m_name, handle.lastError().text())};
    // The database orders this command's writes with the server's; a schema the two do not share
    // would have one of them write what the other does not expect.
    if (*version != storeschema::version)
        return Failure{Unavailable,
                       QStringLiteral("%1 is in use by a running chat-server (it holds %2) and its "
                                      "schema is version %3, this command's is %4: stop the "
                                      "server first, or use the chat-server binary it runs")
                           .arg(m_name, lockName)
                           .arg(*version)
                           .arg(storeschema::version)};
    return std::nullopt;
}

QString databaseFailure(const QString &path, const QString &error)
{
    return QStringLiteral("%1: the database refused the change: %2")
        .arg(DatabaseTarget::redacted(path), error);
}

struct Request
{
    QString action;
    QString name;
    QString key;
    Role role = Role::User;
};

std::optional<Failure> newHash(const QString &name, QByteArray &hash)
{
    QString error;
    auto password = readNewPassword(name, error);
    if (!password)
        return Failure{Refused, error};
    auto hashed = passwords::hash(*password, PasswordCost::standard()); // wipes the password
    if (!hashed)
        return Failure{Unavailable, QStringLiteral("cannot hash the password: out of memory")};
    hash = std::move(*hashed);
    return std::nullopt;
}

std::optional<Failure> run(const Request &request, const QString &path, QTextStream &out)
{
    AccountDatabase database(path);
    if (auto failure = database.open(request.action == QLatin1String("add")))
        return failure;
    AccountTable table(database.db());
    if (request.action == QLatin1String("list")) {
        const auto accounts = table.list();
        if (!accounts.ok)
            return Failure{Unavailable, databaseFailure(path, table.errorString())};
        for (const Account &account : accounts.value)
            out << account.name << '\t' << roleName(account.role) << '\t'
                << QDateTime::fromMSecsSinceEpoch(account.created, Qt::UTC)
                       .toString(Qt::ISODateWithMs)
                << '\n';
        return std::nullopt;
    }
    const auto existing = table.find(request.key);
    if (!existing.ok)
        return Failure{Unavailable, databaseFailure(path, table.errorString())};
    const auto noAccount = [&] {
        return Failure{Refused, QStringLiteral("there is no account %1").arg(request.name)};
    };
    Change change = Change::Failed;
    if (request.action == QLatin1String("add")) {
        if (existing.value)
            return Failure{Refused, QStringLiteral("%1 is registered already (as \"%2\")")
                                        .arg(request.name, existing.value->name)};
        Account account{
            request.key, request.name, {}, request.role, QDateTime::currentMSecsSinceEpoch()};
        if (auto failure = newHash(request.name, account.hash))
            return failure;
        change = table.add(account);
        if (change == Change::Done)
            out << "added " << request.name << " (" << roleName(request.role) << ")\n";
    } else if (!existing.value) {
        return noAccount();
    } else if (request.action == QLatin1String("passwd")) {
        QByteArray hash;
        if (auto failure = newHash(existing.value->name, hash))
            return failure;
        change = table.setHash(request.key, hash);
        if (change == Change::Done)
            out << "password of " << existing.value->name << " changed\n";
    } else if (request.action == QLatin1String("role")) {
        change = table.setRole(request.key, request.role);
        if (change == Change::Done)
            out << existing.value->name << " is " << roleName(request.role) << '\n';
    } else {
        change = table.remove(request.key);
        if (change == Change::Done)
            out << "removed " << existing.value->name << '\n';
    }
    switch (change) {
    case Change::Done:
        return std::nullopt;
    case Change::Exists: // registered by the server between the look and the write
        return Failure{Refused, QStringLiteral("%1 is registered already").arg(request.name)};
    case Change::Missing: // removed meanwhile
        return noAccount();
    case Change::Failed:
        break;
    }
    return Failure{Unavailable, databaseFailure(path, table.errorString())};
}

} // namespace

int runAccountCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const auto fail = [&](const Failure &failure) {
        err << "chat-server account: " << failure.reason << '\n';
        return failure.exit;
    };
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Administers the accounts of a chat-server's database (the one --db or "
                       "--config names, as for serving). It may run while the server runs; the "
                       "server sees a change at the next login.\n\n") +
        QString::fromLatin1(commands));
    parser.addHelpOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("The database: a SQLite file (default: %1) or a postgresql:// URL.")
            .arg(defaultDatabasePath()),
        QStringLiteral("PATH|URL"));
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QStringLiteral("The server's ini file: its history/database and limits/max_name_length."),
        QStringLiteral("FILE"));
    const QCommandLineOption roleOption(QStringLiteral("role"),
                                        QStringLiteral("add: the new account's role (default "
                                                       "user)."),
                                        QStringLiteral("ROLE"));
    parser.addOptions({dbOption, configOption, roleOption});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("add, passwd, role, remove or list, and its "
                                                "arguments."),
                                 QStringLiteral("COMMAND [ARGUMENTS]"));
    QStringList rest = arguments;
    rest.removeAt(1); // "account"
    if (!parser.parse(rest))
        return fail({Usage, parser.errorText()});
    if (parser.isSet(QStringLiteral("help"))) {
        // The usage line names the program as started; this is its account command.
        QString help = parser.helpText();
        help.replace(QRegularExpression(QStringLiteral("^Usage: \\S+")),
                     QStringLiteral("Usage: chat-server account"));
        out << help;
        return Done;
    }

    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    const std::map<QString, int> arity{{QStringLiteral("add"), 2},
                                       {QStringLiteral("passwd"), 2},
                                       {QStringLiteral("role"), 3},
                                       {QStringLiteral("remove"), 2},
                                       {QStringLiteral("list"), 1}};
    const auto expected = arity.find(action);
    if (expected == arity.end())
        return fail(
            {Usage, action.isEmpty()
                        ? QStringLiteral("which command? (--help lists them)")
                        : QStringLiteral("unknown command '%1' (--help lists them)").arg(action)});
    if (positional.size() != expected->second)
        return fail({Usage, QStringLiteral("%1 takes %2 (--help)")
                                .arg(action, expected->second == 1 ? QStringLiteral("no name")
                                             : expected->second == 2
                                                 ? QStringLiteral("a name")
                                                 : QStringLiteral("a name and a role"))});
    if (parser.isSet(roleOption) && action != QLatin1String("add"))
        return fail({Usage, QStringLiteral("--role is for add; to change a role: role NAME ROLE")});

    ServerConfig config;
    config.databasePath = defaultDatabasePath();
    if (parser.isSet(configOption)) {
        if (const auto error = applyConfigFile(parser.value(configOption), config))
            return fail({Usage, *error});
    }
    if (parser.isSet(dbOption)) {
        if (const auto error =
                applySetting(QStringLiteral("history/database"), parser.value(dbOption), config))
            return fail({Usage, QStringLiteral("--db: ") + *error});
    }
    if (config.databasePath == QLatin1String(":memory:"))
        return fail({Usage, QStringLiteral("the database is :memory:, which keeps no accounts")});

    Request request;
    request.action = action;
    request.name = positional.value(1);
    // The server's rules for a name it admits, and its uniqueness key ("Alice" is "alice").
    if (action == QLatin1String("add") &&
        (chat::validation::normalizeName(request.name, config.maxNameCodePoints) ||
         chat::validation::rendersAsNothing(request.name)))
        return fail({Usage, QStringLiteral("'%1' is not a name the server admits: 1 to %2 "
                                           "characters, no control or format characters")
                                .arg(request.name)
                                .arg(config.maxNameCodePoints)});
    request.name = request.name.trimmed();
    request.key = chat::validation::nameUniquenessKey(request.name);
    const QString roleText =
        action == QLatin1String("role") ? positional.value(2) : parser.value(roleOption);
    if (!roleText.isEmpty()) {
        const auto role = roleFromName(roleText);
        if (!role)
            return fail(
                {Usage,
                 QStringLiteral("'%1' is not a role: user, moderator or admin").arg(roleText)});
        request.role = *role;
    }
    if (const auto failure = run(request, config.databasePath, out))
        return fail(*failure);
    return Done;
}
