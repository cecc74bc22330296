// What a `delete` costs the server (feature "accounts"): the Registry with N users in general
// (v1 clients, and accounts-only clients, whom a deletion in general also reaches: half of the
// users unless --accounts-only says how many) and general's history full; each of its messages
// deleted by its author, timed from the call to the answer. Without a database (--db empty: the
// memory path, all under the registry's lock) and with one (--db FILE: the decision and the
// delete in the store's group commit, the ack after it is on disk). A `message` is timed the
// same way for scale.
//
// chat-deletebench [--users N] [--accounts-only A] [--history H] [--db FILE]
//                  [--db-sync full|normal]
#include "fanout.h"
#include "messagestore.h"
#include "registry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <future>
#include <vector>

using namespace chat;
using namespace chat::server;

namespace {
class CountingFanout final : public Fanout
{
public:
    void publish(const Broadcast &) override { ++published; }
    quint64 published = 0;
};

double percentile(const std::vector<double> &sorted, double p)
{
    const size_t rank = size_t(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

void summary(const char *what, std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    std::printf("%-36s n=%zu  p50 %.1f us  p99 %.1f us  min %.1f us  max %.1f us\n", what,
                samples.size(), percentile(samples, 50), percentile(samples, 99), samples.front(),
                samples.back());
}

// Runs `call` with a Done and waits for its answer (it may come from the store's thread).
template <typename Call> std::pair<double, std::variant<QByteArray, Error>> timed(Call call)
{
    std::promise<std::variant<QByteArray, Error>> answered;
    QElapsedTimer timer;
    timer.start();
    call([&](const std::variant<QByteArray, Error> &result) { answered.set_value(result); });
    auto result = answered.get_future().get();
    return {double(timer.nsecsElapsed()) / 1000.0, result};
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"users", "users in general", "N", "10000"});
    parser.addOption(
        {"accounts-only", "of them, accounts clients without rooms (default: half)", "A", "-1"});
    parser.addOption({"history", "history size (messages deleted)", "H", "100"});
    parser.addOption({"db", "database file (removed first); empty: none", "FILE", ""});
    parser.addOption({"db-sync", "full or normal", "MODE", "full"});
    parser.process(app);
    const int users = parser.value("users").toInt();
    const int accountsOnly = parser.value("accounts-only").toInt() < 0
                                 ? users / 2
                                 : parser.value("accounts-only").toInt();
    const int history = parser.value("history").toInt();
    const QString db = parser.value("db");

    ServerConfig config;
    config.historySize = history;
    CountingFanout fanout;
    Registry registry(config, fanout);
    std::unique_ptr<MessageStore> store;
    if (!db.isEmpty()) {
        QFile::remove(db);
        store = std::make_unique<MessageStore>(db, parser.value("db-sync") == "full");
        if (!store->open(history)) {
            std::fprintf(stderr, "%s\n", qPrintable(store->errorString()));
            return 1;
        }
        registry.restore(store->lastMessageId(), store->rooms());
        registry.setStore(store.get());
    }
    std::vector<User> joined;
    for (int i = 0; i < users; ++i) {
        Registry::JoinOptions options;
        // The last `accountsOnly` of them see `message deleted`, the first (the author) does not.
        options.accounts = i >= users - accountsOnly && i > 0;
        const auto result = registry.join(quint64(i + 1), QStringLiteral("user%1").arg(i), options);
        joined.push_back(std::get<Registry::Joined>(result).user);
    }
    std::vector<double> posts;
    std::vector<qint64> ids;
    for (int i = 0; i < history; ++i) {
        const auto [us, result] = timed([&](Registry::Done done) {
            registry.post(1, joined[0], QString(), QStringLiteral("message %1").arg(i), done);
        });
        posts.push_back(us);
        ids.push_back(
            QJsonDocument::fromJson(std::get<QByteArray>(result)).object().value("id").toInteger());
    }
    std::vector<double> deletes;
    for (const qint64 id : ids) {
        const auto [us, result] = timed([&](Registry::Done done) {
            registry.deleteMessage(1, joined[0], id, std::nullopt, done);
        });
        if (!std::holds_alternative<QByteArray>(result)) {
            std::fprintf(stderr, "delete %lld: %s\n", id,
                         qPrintable(std::get<Error>(result).message));
            return 1;
        }
        deletes.push_back(us);
    }
    std::printf(
        "users %d (%d accounts-only), history %d, %s\n", users, accountsOnly, history,
        db.isEmpty()
            ? "no database"
            : qPrintable(
                  QStringLiteral("database %1, synchronous=%2").arg(db, parser.value("db-sync"))));
    summary("message (post to general)", posts);
    summary("delete (own, general, full history)", deletes);
    if (store)
        store->close();
    return 0;
}
