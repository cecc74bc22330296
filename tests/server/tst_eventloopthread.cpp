#include "eventloopthread.h"

#include <QFileInfo>
#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <pthread.h>
#include <thread>
#include <unistd.h>

using chat::server::EventLoopThread;

namespace {
std::atomic<bool> teardownDone{false};

// State a library keeps per thread under a pthread key and frees when the thread ends, as
// OpenSSL does with its error queue and thread event handlers; freeing it takes a moment.
void freeSlowThreadState(void *)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // the work, not a wait
    teardownDone = true;
}
} // namespace

// The event-loop thread the server's workers run on: objects live there, and stop() returns only
// once the operating system's thread is gone, its thread-local teardown included.
class EventLoopThreadTest : public QObject
{
    Q_OBJECT
private slots:
    void objectsRunOnTheThread();
    void stopWaitsForThreadLocalTeardown();
    void stopTwiceIsHarmless();
};

void EventLoopThreadTest::objectsRunOnTheThread()
{
    EventLoopThread thread(QStringLiteral("chat-test-loop"));
    QVERIFY(thread.thread());
    QVERIFY(thread.thread() != QThread::currentThread());
    auto *object = new QObject;
    object->moveToThread(thread.thread());
    std::atomic<QThread *> ranOn{nullptr};
    char name[16] = {};
    std::atomic<int> order{0};
    QMetaObject::invokeMethod(
        object, [&] { order = order * 10 + 1; }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(
        object, [&] { order = order * 10 + 2; }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(
        object,
        [&, object] {
            ranOn = QThread::currentThread();
            ::pthread_getname_np(::pthread_self(), name, sizeof name);
            delete object; // on its own thread, as the server deletes its workers
        },
        Qt::BlockingQueuedConnection);
    QCOMPARE(ranOn.load(), thread.thread());
    QCOMPARE(QByteArray(name), QByteArray("chat-test-loop"));
    QCOMPARE(order.load(), 12); // queued calls ran, in order, before the blocking one
}

void EventLoopThreadTest::stopWaitsForThreadLocalTeardown()
{
    // QThread::wait() returns before this teardown has run (Qt 6.4 starts its threads detached
    // and marks them finished before their thread-local destructors), so a process that exits
    // right after it races the teardown. stop() joins.
    pthread_key_t key;
    QCOMPARE(::pthread_key_create(&key, &freeSlowThreadState), 0);
    teardownDone = false;
    EventLoopThread thread(QStringLiteral("chat-test-loop"));
    std::atomic<pid_t> tid{0};
    auto *object = new QObject;
    object->moveToThread(thread.thread());
    QMetaObject::invokeMethod(
        object,
        [&, object] {
            tid = ::gettid();
            ::pthread_setspecific(key, &tid); // any non-null value: the destructor runs
            delete object;
        },
        Qt::BlockingQueuedConnection);
    QVERIFY(tid > 0);
    const QString task = QStringLiteral("/proc/self/task/%1").arg(tid.load());
    QVERIFY(QFileInfo::exists(task));
    thread.stop();
    QVERIFY(teardownDone);
    QVERIFY2(!QFileInfo::exists(task), "the thread is still there after stop()");
    QCOMPARE(thread.thread(), nullptr);
    ::pthread_key_delete(key);
}

void EventLoopThreadTest::stopTwiceIsHarmless()
{
    EventLoopThread thread(QStringLiteral("chat-test-loop"));
    thread.stop();
    thread.stop(); // and the destructor a third time
    QCOMPARE(thread.thread(), nullptr);
}

QTEST_GUILESS_MAIN(EventLoopThreadTest)
#include "tst_eventloopthread.moc"
