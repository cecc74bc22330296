#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>

namespace chat::server {

// Argon2id cost of a password hash (libsodium's crypto_pwhash_str; its lanes are always 1).
struct PasswordCost
{
    unsigned long long opsLimit = 0; // passes over memory (t)
    std::size_t memLimit = 0;        // bytes (m)

    // libsodium's "interactive" level: t=2, m=64 MiB, p=1. OWASP's Password Storage Cheat Sheet
    // recommends Argon2id with at least m=19 MiB, t=2, p=1 (or the equivalent trades, such as
    // m=46 MiB, t=1); this is stronger than that minimum on memory at the same time cost.
    // A login costs about one such hash (docs/performance.md, "Password hashing").
    static PasswordCost standard();
};

// The result of checking a password against a stored hash.
struct PasswordVerdict
{
    bool matches = false;
    // The hash is valid but made at another cost than the current one: store a new hash of the
    // password (it is at hand only now, at a successful login).
    bool needsRehash = false;
    // PasswordHasher::verify: when needsRehash, the new hash at the current cost, made in the
    // same job from the same (only) copy of the password; nothing when it could not be made.
    std::optional<QByteArray> rehashed = std::nullopt;
};

// Synchronous hashing, for whoever may block (the operator's command line, the pool's jobs).
// Each wipes `password` (sodium_memzero) before it returns; pass the only copy.
namespace passwords {
// The crypto_pwhash_str string ("$argon2id$v=19$m=…"), or nothing when the memory could not be
// had.
std::optional<QByteArray> hash(QByteArray &password, const PasswordCost &cost);
// Compares in constant time (crypto_pwhash_str_verify); a malformed `stored` never matches.
PasswordVerdict verify(QByteArray &password, const QByteArray &stored, const PasswordCost &cost);
// True when libsodium could be initialised (it is once per process; cheap afterwards).
bool initialise();
// Zeroes the bytes and the array's spare room (sodium_memzero), then empties it.
void wipe(QByteArray &bytes);
} // namespace passwords

// Hashes and checks passwords on a pool of its own, so that an Argon2id hash (tens of
// milliseconds, tens of MiB) never runs on an event loop. At most `concurrency` run at once; at
// most `queueLimit` more wait. Beyond that a request is refused at once (the call returns false
// and its callback never runs): the caller answers "busy" instead of queueing without bound.
// Thread-safe: any thread may call. Results are delivered on the thread of `context` (queued),
// and dropped with it if it is destroyed first. Nothing here logs a password or a hash.
class PasswordHasher
{
public:
    struct Settings
    {
        int concurrency = 2; // ini accounts/hash_concurrency
        int queueLimit = 64; // ini accounts/hash_queue
        PasswordCost cost = PasswordCost::standard();
    };
    using Hashed = std::function<void(std::optional<QByteArray> hash)>;
    using Verified = std::function<void(PasswordVerdict verdict)>;

    explicit PasswordHasher(const Settings &settings);
    // Drops the queued jobs unanswered and waits for the running ones (their answers are still
    // posted to their contexts).
    ~PasswordHasher();
    PasswordHasher(const PasswordHasher &) = delete;
    PasswordHasher &operator=(const PasswordHasher &) = delete;

    // `password` is moved in and wiped after use: pass the only copy.
    bool hash(QByteArray &&password, QObject *context, Hashed done);
    bool verify(QByteArray &&password, QByteArray stored, QObject *context, Verified done);

    // Requests accepted whose answer has not been delivered (or dropped) yet.
    int pending() const { return m_pending->load(); }
    // Requests accepted since the start: each is one Argon2id run (a login's throttling is
    // seen here: a refused try adds nothing).
    quint64 accepted() const { return m_accepted.load(); }
    // Blocks until no job runs or waits in the pool (answers may still be on their way).
    bool waitForIdle(int msecs);
    const Settings &settings() const { return m_settings; }

private:
    // Counts a request from its acceptance until its answer is delivered or dropped.
    class Ticket;
    bool admit();
    void submit(std::function<void()> job);

    const Settings m_settings;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic<int>> m_pending = std::make_shared<std::atomic<int>>(0);
    std::atomic<quint64> m_accepted{0};
};

} // namespace chat::server
