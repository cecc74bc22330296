#include "commandline.h"

#include "configfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QTextStream>

using chat::server::RateLimit;
using chat::server::ServerConfig;

namespace {

QString defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/chat.db");
}

} // namespace

std::optional<ServerConfig> parseCommandLine(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Headless chat server speaking the chat protocol v1 over WebSocket."));
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
    const QCommandLineOption workersOption(
        QStringLiteral("workers"),
        QStringLiteral("Worker threads that serve connections (default: one per core)."),
        QStringLiteral("N"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("SQLite file for the message history (default: %1; ':memory:' keeps "
                       "nothing).")
            .arg(defaultDatabasePath()),
        QStringLiteral("PATH"));
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
    parser.addOptions({configOption, hostOption, portOption, rateOption, workersOption, dbOption,
                       syncOption, certOption, keyOption});
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
    if (parser.isSet(dbOption))
        config.databasePath = parser.value(dbOption);
    if (parser.isSet(certOption))
        config.tlsCertificatePath = parser.value(certOption);
    if (parser.isSet(keyOption))
        config.tlsKeyPath = parser.value(keyOption);
    if (parser.isSet(hostOption)) {
        const QString host = parser.value(hostOption);
        if (host == QLatin1String("localhost"))
            config.host = QHostAddress::LocalHost;
        else if (!config.host.setAddress(host)) {
            err << "chat-server: --host: '" << host << "' is not an IP address\n";
            return std::nullopt;
        }
    }
    if (parser.isSet(portOption)) {
        bool ok = false;
        const uint port = parser.value(portOption).toUInt(&ok);
        if (!ok || port > 65535) {
            err << "chat-server: --port: '" << parser.value(portOption)
                << "' is not a port number (0-65535)\n";
            return std::nullopt;
        }
        config.port = quint16(port);
    }
    if (parser.isSet(rateOption)) {
        const auto rate = parseRateLimit(parser.value(rateOption));
        if (!rate) {
            err << "chat-server: --rate-limit: '" << parser.value(rateOption)
                << "' is not BURST:PER_SECOND (e.g. 10:5) or 'off'\n";
            return std::nullopt;
        }
        config.messageRate = *rate;
    }
    if (parser.isSet(syncOption)) {
        const QString sync = parser.value(syncOption);
        if (sync != QLatin1String("full") && sync != QLatin1String("normal")) {
            err << "chat-server: --db-sync: '" << sync << "' is not 'full' or 'normal'\n";
            return std::nullopt;
        }
        config.databaseFullSync = sync == QLatin1String("full");
    }
    if (parser.isSet(workersOption)) {
        bool ok = false;
        const int workers = parser.value(workersOption).toInt(&ok);
        if (!ok || workers < 1 || workers > 256) {
            err << "chat-server: --workers: '" << parser.value(workersOption)
                << "' is not a number from 1 to 256\n";
            return std::nullopt;
        }
        config.workerThreads = workers;
    }
    return config;
}
