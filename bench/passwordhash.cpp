// What a password costs the server (feature "accounts"): one Argon2id hash and one verification
// at the cost the server uses, timed one after another; then N verifications submitted at once
// to a PasswordHasher with its concurrency cap, each timed from submission to its answer on the
// submitting thread (what a login waits for the hash when N log in together).
//
// chat-passwordbench [--rounds R] [--logins N] [--concurrency C]
#include "passwordhasher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using chat::server::PasswordCost;
using chat::server::PasswordHasher;
using chat::server::PasswordVerdict;
namespace passwords = chat::server::passwords;

namespace {
// Nearest-rank percentile of sorted samples.
double percentile(const std::vector<double> &sorted, double p)
{
    const size_t rank = size_t(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

void summary(const char *what, std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    std::printf("%-44s n=%zu  p50 %.1f ms  p99 %.1f ms  min %.1f ms  max %.1f ms\n", what,
                samples.size(), percentile(samples, 50), percentile(samples, 99), samples.front(),
                samples.back());
}

double millisecondsOf(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption roundsOption("rounds", "Single hashes and verifications (10).", "R",
                                          "10");
    const QCommandLineOption loginsOption("logins", "Verifications submitted at once (50).", "N",
                                          "50");
    const QCommandLineOption concurrencyOption(
        "concurrency", "The pool's cap, accounts/hash_concurrency (2).", "C", "2");
    parser.addOptions({roundsOption, loginsOption, concurrencyOption});
    parser.process(app);
    const int rounds = qMax(1, parser.value(roundsOption).toInt());
    const int logins = qMax(1, parser.value(loginsOption).toInt());
    const int concurrency = qMax(1, parser.value(concurrencyOption).toInt());

    const PasswordCost cost = PasswordCost::standard();
    std::printf("Argon2id t=%llu m=%zu MiB p=1 (libsodium crypto_pwhash_str)\n", cost.opsLimit,
                cost.memLimit / (1024 * 1024));
    std::vector<double> hashes;
    std::vector<double> verifications;
    QByteArray stored;
    for (int i = 0; i < rounds; ++i) {
        QByteArray password("correct horse battery staple");
        QElapsedTimer timer;
        timer.start();
        stored = passwords::hash(password, cost).value_or(QByteArray());
        hashes.push_back(millisecondsOf(timer));
        password = "correct horse battery staple";
        timer.start();
        const bool ok = passwords::verify(password, stored, cost).matches;
        verifications.push_back(millisecondsOf(timer));
        if (stored.isEmpty() || !ok) {
            std::fprintf(stderr, "hashing failed\n");
            return 1;
        }
    }
    summary("one hash, on this thread", hashes);
    summary("one verification, on this thread", verifications);

    PasswordHasher hasher({concurrency, logins, cost});
    QObject context;
    std::vector<double> waits;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < logins; ++i) {
        auto submitted = std::make_shared<QElapsedTimer>();
        submitted->start();
        const bool accepted =
            hasher.verify(QByteArray("correct horse battery staple"), stored, &context,
                          [&, submitted](PasswordVerdict verdict) {
                              waits.push_back(verdict.matches ? millisecondsOf(*submitted) : -1);
                              if (int(waits.size()) == logins)
                                  app.quit();
                          });
        if (!accepted) {
            std::fprintf(stderr, "refused: the queue is full\n");
            return 1;
        }
    }
    app.exec();
    const double total = millisecondsOf(wall);
    if (std::any_of(waits.begin(), waits.end(), [](double w) { return w < 0; })) {
        std::fprintf(stderr, "a verification failed\n");
        return 1;
    }
    char label[96];
    std::snprintf(label, sizeof label, "%d verifications at once, %d at a time", logins,
                  concurrency);
    summary(label, waits);
    std::printf("%-44s %.0f ms (%.1f verifications/s)\n", "all answered after", total,
                logins * 1000.0 / total);
    return 0;
}
