#pragma once

#include <QTcpServer>

#include <functional>

namespace chat::server {

// Accepts TCP connections and hands their descriptors on, so that each one can live on a worker
// thread. (QWebSocketServer's own listener would keep every socket on its thread and listen
// with a backlog of 50, which drops SYNs in a burst of connects.)
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    using Handler = std::function<void(qintptr)>;
    explicit Listener(Handler handler, QObject *parent = nullptr)
        : QTcpServer(parent), m_handler(std::move(handler))
    {}

protected:
    void incomingConnection(qintptr descriptor) override { m_handler(descriptor); }

private:
    Handler m_handler;
};

} // namespace chat::server
