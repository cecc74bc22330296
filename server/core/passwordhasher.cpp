#include "passwordhasher.h"

#include "mailbox.h"

#include <QMutex>
#include <QMutexLocker>

#include <sodium.h>

namespace chat::server {

PasswordCost PasswordCost::standard()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

namespace passwords {
void wipe(QByteArray &bytes)
{
    // The spare room too: a trimmed newline, or a longer text the array held before, may be
    // there.
    // data() first: it detaches an array shared with another, and the capacity to wipe is the
    // detached copy's (read before, it is the shared block's, possibly larger than the copy).
    char *data = bytes.data();
    if (bytes.capacity() > 0)
        sodium_memzero(data, size_t(bytes.capacity()));
    bytes.clear();
}
} // namespace passwords

namespace {
// A password that is wiped however its job ends: run, or dropped unrun from the pool's queue.
struct Secret
{
    explicit Secret(QByteArray &&password) : bytes(std::move(password)) {}
    ~Secret() { passwords::wipe(bytes); }
    QByteArray bytes;
};
} // namespace

namespace passwords {

bool initialise()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

std::optional<QByteArray> hash(QByteArray &password, const PasswordCost &cost)
{
    char out[crypto_pwhash_STRBYTES];
    const int status =
        initialise()
            ? crypto_pwhash_str_alg(out, password.constData(),
                                    static_cast<unsigned long long>(password.size()), cost.opsLimit,
                                    cost.memLimit, crypto_pwhash_ALG_ARGON2ID13)
            : -1;
    wipe(password);
    if (status != 0)
        return std::nullopt; // out of memory (or libsodium unusable)
    QByteArray result(out);
    sodium_memzero(out, sizeof out);
    return result;
}

namespace {
// verify() without wiping the password: the caller may still need it for a new hash.
PasswordVerdict check(const QByteArray &password, const QByteArray &stored,
                      const PasswordCost &cost)
{
    PasswordVerdict verdict;
    // crypto_pwhash_str_verify reads a C string of fewer than STRBYTES bytes.
    if (initialise() && stored.size() < qsizetype(crypto_pwhash_STRBYTES) &&
        !stored.contains('\0')) {
        verdict.matches =
            crypto_pwhash_str_verify(stored.constData(), password.constData(),
                                     static_cast<unsigned long long>(password.size())) == 0;
        verdict.needsRehash =
            verdict.matches &&
            crypto_pwhash_str_needs_rehash(stored.constData(), cost.opsLimit, cost.memLimit) != 0;
    }
    return verdict;
}
} // namespace

PasswordVerdict verify(QByteArray &password, const QByteArray &stored, const PasswordCost &cost)
{
    const PasswordVerdict verdict = check(password, stored, cost);
    wipe(password);
    return verdict;
}

} // namespace passwords

class PasswordHasher::Ticket
{
public:
    explicit Ticket(std::shared_ptr<std::atomic<int>> pending) : m_pending(std::move(pending)) {}
    ~Ticket() { --*m_pending; }
    Ticket(const Ticket &) = delete;
    Ticket &operator=(const Ticket &) = delete;

private:
    std::shared_ptr<std::atomic<int>> m_pending;
};

PasswordHasher::PasswordHasher(const Settings &settings) : m_settings(settings)
{
    passwords::initialise();
    m_pool.setMaxThreadCount(qMax(1, m_settings.concurrency));
    // Idle threads are kept: a login burst should not pay for thread creation each time.
    m_pool.setExpiryTimeout(-1);
}

PasswordHasher::~PasswordHasher()
{
    m_pool.clear();
    m_pool.waitForDone();
}

bool PasswordHasher::admit()
{
    const int limit = qMax(1, m_settings.concurrency) + qMax(0, m_settings.queueLimit);
    int current = m_pending->load();
    do {
        if (current >= limit)
            return false;
    } while (!m_pending->compare_exchange_weak(current, current + 1));
    ++m_accepted;
    return true;
}

void PasswordHasher::submit(std::function<void()> job)
{
    m_pool.start(std::move(job));
}

bool PasswordHasher::hash(QByteArray &&password, QObject *context, Hashed done)
{
    auto secret = std::make_shared<Secret>(std::move(password));
    Q_ASSERT(context);
    if (!admit())
        return false;
    auto ticket = std::make_shared<Ticket>(m_pending);
    submit([secret, cost = m_settings.cost, box = Mailbox::to(context), ticket = std::move(ticket),
            done = std::move(done)]() mutable {
        auto result = passwords::hash(secret->bytes, cost);
        box->post([ticket = std::move(ticket), done = std::move(done), result = std::move(result)] {
            done(result);
        });
    });
    return true;
}

bool PasswordHasher::verify(QByteArray &&password, QByteArray stored, QObject *context,
                            Verified done)
{
    auto secret = std::make_shared<Secret>(std::move(password));
    Q_ASSERT(context);
    if (!admit())
        return false;
    auto ticket = std::make_shared<Ticket>(m_pending);
    submit([secret, stored = std::move(stored), cost = m_settings.cost, box = Mailbox::to(context),
            ticket = std::move(ticket), done = std::move(done)]() mutable {
        // A hash made at another cost is replaced at a successful login, from the same copy
        // (hash() wipes it; else Secret does).
        PasswordVerdict verdict = passwords::check(secret->bytes, stored, cost);
        if (verdict.matches && verdict.needsRehash)
            verdict.rehashed = passwords::hash(secret->bytes, cost);
        box->post([ticket = std::move(ticket), done = std::move(done), verdict] { done(verdict); });
    });
    return true;
}

bool PasswordHasher::waitForIdle(int msecs)
{
    return m_pool.waitForDone(msecs);
}

} // namespace chat::server
