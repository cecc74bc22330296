#include "eventloopthread.h"

#include <QEventLoop>
#include <QThread>

#include <future>
#include <pthread.h>

namespace chat::server {

EventLoopThread::EventLoopThread(const QString &name)
{
    std::promise<QThread *> started;
    std::future<QThread *> adopted = started.get_future();
    // The promise moves to the thread: it may still be inside set_value() when get() returns.
    m_thread = std::thread([started = std::move(started), name]() mutable {
        ::pthread_setname_np(::pthread_self(), name.left(15).toLocal8Bit().constData());
        QThread *self = QThread::currentThread(); // Qt adopts this thread here
        self->setObjectName(name);
        QEventLoop loop;
        started.set_value(self);
        // QThread::quit() ends this loop, also when it comes before exec() (Qt checks then).
        loop.exec();
    });
    m_qthread = adopted.get();
}

EventLoopThread::~EventLoopThread()
{
    stop();
}

void EventLoopThread::stop()
{
    if (!m_thread.joinable())
        return;
    m_qthread->quit();
    m_thread.join();
    m_qthread = nullptr; // Qt deleted the adopted QThread when the thread ended
}

} // namespace chat::server
