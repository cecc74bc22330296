#include "accountcommand.h"
#include "chatserver.h"
#include "commandline.h"
#include "logging.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QWebSocketProtocol>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>

namespace {

// Thousands of clients need thousands of descriptors: lift the soft limit to the hard one.
void raiseOpenFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
        return;
    const rlim_t before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &limit) == 0)
        qCInfo(lcServer) << "open-file limit raised from" << before << "to" << limit.rlim_cur;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("QtChat"));
    QCoreApplication::setApplicationName(QStringLiteral("chat-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    ::signal(SIGPIPE, SIG_IGN);
    if (app.arguments().value(1) == QLatin1String("account"))
        return runAccountCommand(app.arguments());

    const auto config = parseCommandLine(app);
    if (!config)
        return 2;
    raiseOpenFileLimit();

    // The handlers exist before the listening line is printed: a supervisor that reads the line
    // and sends SIGTERM at once must get a clean stop, not the default action (status 143). A
    // signal that comes before the event loop runs waits in the watcher's socket until it does.
    // Declared before the server, the watcher outlives it: a second signal while the server
    // winds down is caught too (and ignored) instead of killing the process.
    SignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP});
    chat::server::ChatServer server(*config);
    QObject::connect(&signalWatcher, &SignalWatcher::caught, &server, [&server, &app](int signal) {
        if (signal == SIGHUP) {
            // Read the command line and the config file again; apply what can change live.
            qCInfo(lcServer) << "SIGHUP: reloading the configuration";
            const auto next = parseCommandLine(app);
            if (!next)
                qCWarning(lcServer) << "reload refused: the configuration has errors";
            else if (!server.reload(*next))
                qCWarning(lcServer) << "reload refused:" << server.errorString();
            return;
        }
        qCInfo(lcServer) << "signal" << signal << "received: closing every client and stopping";
        server.shutdown(QWebSocketProtocol::CloseCodeGoingAway,
                        QStringLiteral("The server is shutting down."));
    });
    if (!server.listen()) {
        std::fprintf(stderr, "chat-server: cannot listen on %s port %u: %s\n",
                     qPrintable(config->host.toString()), unsigned(config->port),
                     qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);

    QObject::connect(&server, &chat::server::ChatServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}
