// Password hashes (feature "accounts"): Argon2id at the chosen cost, checked in constant time, on
// a pool of their own with a bounded queue, answered on the caller's thread.
#include "passwordhasher.h"

#include <QtTest>

using namespace chat::server;

namespace {
// OWASP's minimum for Argon2id (m=19 MiB, t=2, p=1): a hash made at another cost than ours.
const PasswordCost owaspMinimum{2, 19u * 1024 * 1024};

QByteArray hashOf(const char *password, const PasswordCost &cost = PasswordCost::standard())
{
    QByteArray bytes(password);
    return passwords::hash(bytes, cost).value_or(QByteArray());
}
} // namespace

class PasswordHasherTest : public QObject
{
    Q_OBJECT
private slots:
    void hashesAreArgon2idAtTheStandardCost();
    void verifiesRightAndWrong();
    void tellsWhenAHashNeedsRenewing();
    void passwordsAreWiped();
    void workIsOffTheCallingThread();
    void queueBeyondItsCapIsRefusedAtOnce();
    void answerIsDroppedWithItsContext();
};

void PasswordHasherTest::hashesAreArgon2idAtTheStandardCost()
{
    const PasswordCost standard = PasswordCost::standard();
    // At least OWASP's recommendation (m=19 MiB, t=2, p=1).
    QVERIFY(standard.memLimit >= 19u * 1024 * 1024);
    QVERIFY(standard.opsLimit >= 2);
    const QByteArray hash = hashOf("correct horse");
    QVERIFY2(hash.startsWith("$argon2id$v=19$m=65536,t=2,p=1$"), hash.left(32).constData());
    QVERIFY(hashOf("correct horse") != hash); // salted
}

void PasswordHasherTest::verifiesRightAndWrong()
{
    const QByteArray stored = hashOf("correct horse");
    const PasswordCost cost = PasswordCost::standard();
    QByteArray right("correct horse");
    QVERIFY(passwords::verify(right, stored, cost).matches);
    for (const char *wrong : {"correct horse ", "Correct horse", "", "correct hors"}) {
        QByteArray attempt(wrong);
        QVERIFY2(!passwords::verify(attempt, stored, cost).matches, wrong);
    }
    // Malformed, truncated or other-algorithm strings never match (and do not crash).
    for (const QByteArray &bad :
         {QByteArray(), QByteArray("plain"), stored.left(40), QByteArray(200, '$'),
          QByteArray("$2y$10$abcdefghijklmnopqrstuv")}) {
        QByteArray attempt("correct horse");
        QVERIFY(!passwords::verify(attempt, bad, cost).matches);
    }
}

void PasswordHasherTest::tellsWhenAHashNeedsRenewing()
{
    const PasswordCost standard = PasswordCost::standard();
    QByteArray password("correct horse");
    const PasswordVerdict current = passwords::verify(password, hashOf("correct horse"), standard);
    QVERIFY(current.matches);
    QVERIFY(!current.needsRehash);
    password = "correct horse";
    const PasswordVerdict old =
        passwords::verify(password, hashOf("correct horse", owaspMinimum), standard);
    QVERIFY(old.matches);     // a hash made at another cost still verifies...
    QVERIFY(old.needsRehash); // ...and asks to be made again at ours
    password = "wrong horse";
    const PasswordVerdict wrong =
        passwords::verify(password, hashOf("correct horse", owaspMinimum), standard);
    QVERIFY(!wrong.matches);
    QVERIFY(!wrong.needsRehash); // nothing to renew without the right password
}

void PasswordHasherTest::passwordsAreWiped()
{
    QByteArray password("correct horse");
    const auto hash = passwords::hash(password, PasswordCost::standard());
    QVERIFY(hash);
    QVERIFY(password.isEmpty());
    QVERIFY(!hash->contains("correct horse"));
    // A copy that shares the buffer is detached from, not zeroed under its other owner.
    QByteArray kept("correct horse");
    QByteArray alias = kept; // shares the buffer: the wipe detaches and must not touch `kept`
    passwords::wipe(alias);
    QCOMPARE(kept, QByteArray("correct horse"));
    passwords::wipe(kept);
    QVERIFY(kept.isEmpty());
}

void PasswordHasherTest::workIsOffTheCallingThread()
{
    PasswordHasher hasher({1, 4, PasswordCost::standard()});
    QObject context;
    std::optional<PasswordVerdict> verdict;
    QThread *answeredOn = nullptr;
    const QByteArray stored = hashOf("correct horse");
    QVERIFY(hasher.verify(QByteArray("correct horse"), stored, &context, [&](PasswordVerdict v) {
        verdict = v;
        answeredOn = QThread::currentThread();
    }));
    QVERIFY(!verdict); // not answered inside the call
    // This thread blocks here without running its event loop, and the check still finishes:
    // it ran elsewhere. The answer waits for this thread's event loop.
    QVERIFY(hasher.waitForIdle(60'000));
    QVERIFY(!verdict);
    QCOMPARE(hasher.pending(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(verdict.has_value(), 10'000);
    QVERIFY(verdict->matches);
    QCOMPARE(answeredOn, QThread::currentThread());
    QCOMPARE(hasher.pending(), 0);
}

void PasswordHasherTest::queueBeyondItsCapIsRefusedAtOnce()
{
    // One at a time, two more waiting: a fourth is refused, whatever the timing, because a
    // request counts until its answer is delivered here (this thread's event loop is not run
    // in between).
    PasswordHasher hasher({1, 2, PasswordCost::standard()});
    QObject context;
    int answered = 0;
    for (int i = 0; i < 3; ++i)
        QVERIFY(hasher.hash(QByteArray("password"), &context,
                            [&](auto hash) { answered += hash.has_value(); }));
    bool called = false;
    QVERIFY(!hasher.hash(QByteArray("password"), &context, [&](auto) { called = true; }));
    QVERIFY(!hasher.verify(QByteArray("password"), "x", &context, [&](auto) { called = true; }));
    QCOMPARE(hasher.pending(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(answered, 3, 60'000);
    QCOMPARE(hasher.pending(), 0);
    QVERIFY(!called); // a refused request is never answered
    // Room again once answered.
    QVERIFY(hasher.hash(QByteArray("password"), &context,
                        [&](auto hash) { answered += hash.has_value(); }));
    QTRY_COMPARE_WITH_TIMEOUT(answered, 4, 60'000);
}

void PasswordHasherTest::answerIsDroppedWithItsContext()
{
    PasswordHasher hasher({2, 4, PasswordCost::standard()});
    bool called = false;
    auto context = std::make_unique<QObject>();
    QVERIFY(hasher.hash(QByteArray("password"), context.get(), [&](auto) { called = true; }));
    QVERIFY(hasher.waitForIdle(60'000)); // computed; its answer is posted to the context
    context.reset();                     // gone before its event loop ran
    QCoreApplication::processEvents();
    QVERIFY(!called);
    QCOMPARE(hasher.pending(), 0); // the dropped answer gave its place back
    // And a context destroyed while its job runs.
    context = std::make_unique<QObject>();
    QVERIFY(hasher.hash(QByteArray("password"), context.get(), [&](auto) { called = true; }));
    context.reset();
    QVERIFY(hasher.waitForIdle(60'000));
    QCoreApplication::processEvents();
    QVERIFY(!called);
    QCOMPARE(hasher.pending(), 0);
}

QTEST_GUILESS_MAIN(PasswordHasherTest)
#include "tst_passwordhasher.moc"
