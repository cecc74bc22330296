#pragma once

#include <QString>

#include <thread>

class QThread;

namespace chat::server {

// A thread that runs a Qt event loop for the objects moved to it, and that stop() joins.
//
// Not a QThread: QThread::wait() returns before the operating system's thread has ended, while
// it still runs its thread-local destructors (Qt's thread data, OpenSSL's per-thread state that
// Qt's TLS backend sets up on the thread of the first QWebSocket). A process that returns from
// main() right after wait() races those destructors against exit(): OpenSSL's atexit cleanup
// deletes the key whose destructor would free the thread's state, and LeakSanitizer reports it.
// std::thread::join() returns only once the thread is gone, destructors included.
class EventLoopThread
{
public:
    // Starts the thread; `name` shows in ps/top/gdb (15 bytes at most there).
    explicit EventLoopThread(const QString &name);
    ~EventLoopThread(); // stop()
    EventLoopThread(const EventLoopThread &) = delete;
    EventLoopThread &operator=(const EventLoopThread &) = delete;

    // The thread for QObject::moveToThread(); its event loop runs until stop().
    QThread *thread() const { return m_qthread; }
    // Ends the event loop and joins the thread. Objects still living on it are not deleted:
    // delete them on the thread first.
    void stop();

private:
    std::thread m_thread;
    QThread *m_qthread = nullptr;
};

} // namespace chat::server
