#pragma once

#include "fanout.h"

#include <QReadWriteLock>

#include <vector>

namespace chat::server {

class Worker;

// Delivers broadcasts to the worker threads of this process, each in its own event loop.
class LocalFanout final : public Fanout
{
public:
    void setWorkers(std::vector<Worker *> workers);
    // After close(), publish() does nothing: used while the server is torn down.
    void close();
    void publish(const Broadcast &broadcast) override;

private:
    QReadWriteLock m_lock;
    std::vector<Worker *> m_workers;
};

} // namespace chat::server
