#pragma once

#include "proxyheader.h"

#include <QObject>

#include <functional>

class QSocketNotifier;

namespace chat::server {

// Reads a PROXY protocol header (proxyheader.h) off a freshly accepted descriptor, before any
// QTcpSocket or TLS sees the connection: it peeks at the descriptor and takes exactly the
// header's bytes, so whatever follows (an HTTP request head, a TLS ClientHello) is left for
// them. Answers once, on its thread, and deletes itself: with State::Done (the header taken),
// State::None (no header: nothing taken), or State::Invalid (malformed, closed by the peer, or
// not complete within `deadlineMs`).
class ProxyHeaderReader : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const proxyheader::Result &result)>;
    ProxyHeaderReader(qintptr descriptor, int deadlineMs, QObject *parent, Done done);

private:
    void readable();
    void finish(const proxyheader::Result &result);

    const qintptr m_descriptor;
    QSocketNotifier *m_notifier;
    Done m_done;
    bool m_finished = false;
};

} // namespace chat::server
