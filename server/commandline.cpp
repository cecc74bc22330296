#include "commandline.h"

#include "configfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QTextStream>

using chat::server::RateLimit;
using chat::server::ServerConfig;

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/chat.db");
}

std::optional<ServerConfig> parseCommandLine(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Headless chat server speaking the chat protocol v1 over WebSocket.\n"
                       "Accounts: chat-server account --help"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption hostOption(
        QStringLiteral("host"), QStringLiteral("Address to listen on (default: all interfaces)."),
        QStringLiteral("ADDRESS"));
    const QCommandLineOption portOption(
        QStringLiteral("port"),
        QStringLiteral("Port to listen on (default: %1; 0 picks a free port).")
            .arg(chat::protocol::defaultPort),
        QStringLiteral("N"));
    const QCommandLineOption rateOption(
        QStringLiteral("rate-limit"),
        QStringLiteral("Messages per connection as BURST:PER_SECOND (default 10:5), or 'off'."),
        QStringLiteral("BURST:PER_SECOND"));
    const QCommandLineOption requestRateOption(
        QStringLiteral("request-rate"),
        QStringLiteral("Every frame per connection, in cost units (1 per frame, +1 per 4 KiB), as "
                       "BURST:PER_SECOND (default 60:30), or 'off'."),
        QStringLiteral("BURST:PER_SECOND"));
    const QCommandLineOption workersOption(
        QStringLiteral("workers"),
        QStringLiteral("Worker threads that serve connections (default: one per core)."),
        QStringLiteral("N"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("The database: a SQLite file (default: %1; ':memory:' keeps nothing) or "
                       "postgresql://USER:PASSWORD@HOST:PORT/DBNAME (an empty part: libpq's "
                       "PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).")
            .arg(defaultDatabasePath()),
        QStringLiteral("PATH|URL"));
    const QCommandLineOption redisOption(
        QStringLiteral("redis"),
        QStringLiteral("Serve one chat with other instances through this Redis "
                       "(redis://HOST:PORT[/DB]; needs a PostgreSQL --db)."),
        QStringLiteral("URL"));
    const QCommandLineOption syncOption(
        QStringLiteral("db-sync"),
        QStringLiteral("'full' (default): each commit is on disk before its ack, even across a "
                       "power loss; 'normal': survives a killed server, not a power loss."),
        QStringLiteral("full|normal"));
    const QCommandLineOption configOption(
        QStringLiteral("config"),
        QStringLiteral("Read settings from an ini file (see resources/chat-server.ini); the "
                       "options given here override it."),
        QStringLiteral("FILE"));
    const QCommandLineOption certOption(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve wss:// with this PEM certificate (chain); needs --tls-key."),
        QStringLiteral("PEM"));
    const QCommandLineOption keyOption(QStringLiteral("tls-key"),
                                       QStringLiteral("The PEM private key of --tls-cert."),
                                       QStringLiteral("PEM"));
    // Feature "accounts". The server's join password only from a file: a command line is
    // visible to every user of the machine (ps, /proc).
    const QCommandLineOption serverPasswordOption(
        QStringLiteral("server-password-file"),
        QStringLiteral("Clients must give the join password on this file's first line (read "
                       "again on SIGHUP)."),
        QStringLiteral("PATH"));
    const QCommandLineOption guestsOption(
        QStringLiteral("guests"),
        QStringLiteral("'true' (default): unregistered names may join; 'false': accounts only."),
        QStringLiteral("true|false"));
    const QCommandLineOption registrationOption(
        QStringLiteral("registration"),
        QStringLiteral("'open' (default): users may register their name; 'closed': only the "
                       "operator's 'chat-server account add'."),
        QStringLiteral("open|closed"));
    const QCommandLineOption webClientOption(
        QStringLiteral("web-client"),
        QStringLiteral("'true' (default): serve the browser client at http(s)://HOST:PORT/; "
                       "'false': WebSocket clients only."),
        QStringLiteral("true|false"));
    parser.addOptions({configOption, hostOption, portOption, rateOption, requestRateOption,
                       workersOption, dbOption, redisOption, syncOption, certOption, keyOption,
                       serverPasswordOption, guestsOption, registrationOption, webClientOption});
    parser.process(app);

    QTextStream err(stderr);
    ServerConfig config;
    config.databasePath = defaultDatabasePath();
    if (parser.isSet(configOption)) {
        if (const auto error = applyConfigFile(parser.value(configOption), config)) {
            err << "chat-server: " << *error << '\n';
            return std::nullopt;
        }
    }
    // Each option is the ini key it stands for, validated by the same reader as the file.
    const std::pair<const QCommandLineOption &, const char *> settings[] = {
        {hostOption, "server/host"},
        {portOption, "server/port"},
        {workersOption, "server/workers"},
        {dbOption, "history/database"},
        {redisOption, "cluster/redis"},
        {syncOption, "history/sync"},
        {rateOption, "limits/rate_limit"},
        {requestRateOption, "limits/request_rate"},
        {certOption, "tls/certificate"},
        {keyOption, "tls/private_key"},
        {serverPasswordOption, "accounts/server_password_file"},
        {guestsOption, "accounts/guests"},
        {registrationOption, "accounts/registration"},
        {webClientOption, "http/web_client"},
    };
    for (const auto &[option, key] : settings) {
        if (!parser.isSet(option))
            continue;
        if (const auto error =
                applySetting(QString::fromLatin1(key), parser.value(option), config)) {
            err << "chat-server: --" << option.names().constFirst() << ": " << *error << '\n';
            return std::nullopt;
        }
    }
    return config;
}
