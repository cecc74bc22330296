// Messages per second the history store commits (MessageStore: group commit, each commit durable
// before its acks), on SQLite or PostgreSQL with the same load: one producer appends 100-byte
// room messages, keeping at most `--window` of them uncommitted (1: one message per commit,
// as a lone closed-loop sender; more: what the group commit makes of a burst). The store's
// thread and the producer are the whole program; no sockets, no fan-out.
//
// chat-storebench --db FILE|postgresql://... [--db-sync full|normal] [--messages N] [--window W]
#include "messagestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <condition_variable>
#include <cstdio>
#include <mutex>

using namespace chat;
using namespace chat::server;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dbOption("db", "The database (a SQLite file or a URL).", "DB");
    const QCommandLineOption syncOption("db-sync", "full (default) or normal (SQLite).", "MODE",
                                        "full");
    const QCommandLineOption messagesOption("messages", "Messages to commit (default 20000).", "N",
                                            "20000");
    const QCommandLineOption windowOption("window", "Uncommitted messages at most (default 1).",
                                          "W", "1");
    parser.addOptions({dbOption, syncOption, messagesOption, windowOption});
    parser.process(app);
    const int messages = parser.value(messagesOption).toInt();
    const int window = qMax(1, parser.value(windowOption).toInt());

    MessageStore store(parser.value(dbOption), parser.value(syncOption) == "full");
    if (!store.open(0)) {
        std::fprintf(stderr, "chat-storebench: %s\n", qPrintable(store.errorString()));
        return 1;
    }
    const QString text(100, QLatin1Char('x'));
    std::mutex mutex;
    std::condition_variable changed;
    int inFlight = 0;
    int failed = 0;
    qint64 id = store.lastMessageId();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < messages; ++i) {
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return inFlight < window; });
            ++inFlight;
        }
        store.append(ChatMsg{++id, "k", "bench", text, 1'700'000'000'000 + i}, "general", {},
                     [&](bool ok) {
                         std::lock_guard lock(mutex);
                         --inFlight;
                         failed += !ok;
                         changed.notify_all();
                     });
    }
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return inFlight == 0; });
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("%d messages, window %d: %.2f s, %.0f messages/s committed, %d failed\n", messages,
                window, seconds, messages / seconds, failed);
    store.close();
    return failed == 0 ? 0 : 1;
}
