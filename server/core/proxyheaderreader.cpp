#include "proxyheaderreader.h"

#include <QSocketNotifier>
#include <QTimer>

#include <sys/socket.h>

namespace chat::server {

namespace {
// A header that has begun and is not complete is looked at again this often: the notifier
// would otherwise fire at once again for the bytes already there.
constexpr int partialRetryMs = 20;
} // namespace

ProxyHeaderReader::ProxyHeaderReader(qintptr descriptor, int deadlineMs, QObject *parent, Done done)
    : QObject(parent), m_descriptor(descriptor),
      m_notifier(new QSocketNotifier(descriptor, QSocketNotifier::Read, this)),
      m_done(std::move(done))
{
    connect(m_notifier, &QSocketNotifier::activated, this, &ProxyHeaderReader::readable);
    QTimer::singleShot(deadlineMs, this, [this] {
        finish(proxyheader::Result{proxyheader::Result::State::Invalid, 0, {}});
    });
}

void ProxyHeaderReader::readable()
{
    // Version 1 fits in 107 bytes; version 2 says its length in its first 16.
    QByteArray peeked(16 + 65535, Qt::Uninitialized);
    const ssize_t got =
        ::recv(int(m_descriptor), peeked.data(), size_t(peeked.size()), MSG_PEEK | MSG_DONTWAIT);
    if (got <= 0) {
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        finish(proxyheader::Result{proxyheader::Result::State::Invalid, 0, {}}); // closed
        return;
    }
    peeked.truncate(got);
    const proxyheader::Result result = proxyheader::parse(peeked);
    if (result.state == proxyheader::Result::State::NeedMore) {
        m_notifier->setEnabled(false);
        QTimer::singleShot(partialRetryMs, this, [this] { m_notifier->setEnabled(true); });
        return;
    }
    if (result.state == proxyheader::Result::State::Done) {
        // Exactly the header: what follows stays in the kernel for the socket that reads next.
        QByteArray header(result.length, Qt::Uninitialized);
        if (::recv(int(m_descriptor), header.data(), size_t(header.size()), MSG_DONTWAIT) !=
            result.length) {
            finish(proxyheader::Result{proxyheader::Result::State::Invalid, 0, {}});
            return;
        }
    }
    finish(result);
}

void ProxyHeaderReader::finish(const proxyheader::Result &result)
{
    if (std::exchange(m_finished, true))
        return;
    m_notifier->setEnabled(false);
    deleteLater();
    m_done(result);
}

} // namespace chat::server
