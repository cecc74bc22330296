#include "passwordhasher.h"

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
    if (bytes.capacity() > 0)
        sodium_memzero(bytes.data(), size_t(bytes.capacity()));
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

PasswordVerdict verify(QByteArray &password, const QByteArray &stored, const PasswordCost &cost)
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

namespace {
// Where a result goes: the caller's context object, until it is destroyed. Posting happens
// under the mutex, and the context's `destroyed` (emitted before its posted events are
// discarded) takes the mutex to forget it, so a result is never posted to a dead object.
struct Mailbox
{
    QMutex mutex;
    QObject *target = nullptr;
    QMetaObject::Connection watch;

    static std::shared_ptr<Mailbox> to(QObject *context)
    {
        auto box = std::make_shared<Mailbox>();
        box->target = context;
        box->watch =
            QObject::connect(context, &QObject::destroyed, [weak = std::weak_ptr<Mailbox>(box)] {
                if (const auto alive = weak.lock()) {
                    QMutexLocker lock(&alive->mutex);
                    alive->target = nullptr;
                }
            });
        return box;
    }

    // Runs `deliver` on the context's thread, unless the context is gone.
    template <typename F> void post(F deliver)
    {
        QMutexLocker lock(&mutex);
        if (!target)
            return;
        QMetaObject::invokeMethod(
            target,
            [deliver = std::move(deliver), watch = watch]() mutable {
                QObject::disconnect(watch);
                deliver();
            },
            Qt::QueuedConnection);
    }
};
} // namespace

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
        const PasswordVerdict verdict = passwords::verify(secret->bytes, stored, cost);
        box->post([ticket = std::move(ticket), done = std::move(done), verdict] { done(verdict); });
    });
    return true;
}

bool PasswordHasher::waitForIdle(int msecs)
{
    return m_pool.waitForDone(msecs);
}

} // namespace chat::server
