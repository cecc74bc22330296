#include "chatserver.h"
#include "commandline.h"
#include "logging.h"
#include "signalwatcher.h"

#include <QCoreApplication>
#include <QWebSocketProtocol>

#include <csignal>
#include <cstdio>
#include <sys/resource.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

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

// Every connection keeps a few buffers of 8 KiB or more that it touches only at the start (Qt's
// socket read buffer is a 16 KiB block holding one small frame at a time). From malloc's heap
// they fragment it: after a join storm the pages around them stay resident. From mmap only the
// touched pages count. Measured at 10,000 idle clients: 17.2 -> 13.5 KiB per client
// (docs/performance.md). GLIBC_TUNABLES=glibc.malloc.mmap_threshold=N still overrides it.
void tuneMalloc()
{
#ifdef __GLIBC__
    if (!qEnvironmentVariable("GLIBC_TUNABLES").contains(QLatin1String("mmap_threshold")))
        ::mallopt(M_MMAP_THRESHOLD, 8 * 1024);
#endif
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("QtChat"));
    QCoreApplication::setApplicationName(QStringLiteral("chat-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
    ::signal(SIGPIPE, SIG_IGN);

    const auto config = parseCommandLine(app);
    if (!config)
        return 2;
    tuneMalloc();
    raiseOpenFileLimit();

    chat::server::ChatServer server(*config);
    if (!server.listen()) {
        std::fprintf(stderr, "chat-server: cannot listen on %s port %u: %s\n",
                     qPrintable(config->host.toString()), unsigned(config->port),
                     qPrintable(server.errorString()));
        return 1;
    }
    std::printf("listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);

    SignalWatcher signalWatcher({SIGINT, SIGTERM, SIGHUP});
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
    QObject::connect(&server, &chat::server::ChatServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}
