#include "localfanout.h"

#include "worker.h"

namespace chat::server {

void LocalFanout::setWorkers(std::vector<Worker *> workers)
{
    QWriteLocker lock(&m_lock);
    m_workers = std::move(workers);
}

void LocalFanout::close()
{
    setWorkers({});
}

void LocalFanout::publish(const Broadcast &broadcast)
{
    QReadLocker lock(&m_lock);
    for (Worker *worker : m_workers) {
        // Queued events of one thread run in the order they were posted: with the room's lock
        // held by the caller, every worker sees broadcasts in sequence order.
        QMetaObject::invokeMethod(
            worker, [worker, broadcast] { worker->deliver(broadcast); }, Qt::QueuedConnection);
    }
}

} // namespace chat::server
