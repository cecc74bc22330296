#include "signalwatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

int SignalWatcher::s_fds[2] = {-1, -1};
std::atomic<int> SignalWatcher::s_writeEnd{-1};
static_assert(std::atomic<int>::is_always_lock_free, "used in a signal handler");

SignalWatcher::SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent)
    : QObject(parent)
{
    // Non-blocking: a handler must never wait, not even on a full socket (a signal storm).
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, s_fds) != 0)
        qFatal("socketpair failed: cannot watch signals");
    s_writeEnd = s_fds[0];
    m_notifier = new QSocketNotifier(s_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readSignal);

    struct sigaction action = {};
    action.sa_handler = &SignalWatcher::handle;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    for (int signal : signalNumbers)
        ::sigaction(signal, &action, nullptr);
}

SignalWatcher::~SignalWatcher()
{
    // The handlers stay installed (a late signal must not kill a process that is exiting): they
    // find no descriptor and drop the signal, instead of writing into one reused meanwhile.
    s_writeEnd = -1;
    ::close(s_fds[0]);
    ::close(s_fds[1]);
}

void SignalWatcher::handle(int signal)
{
    const int writeEnd = s_writeEnd;
    if (writeEnd < 0)
        return;
    const int savedErrno = errno; // the interrupted code may be about to read it
    const unsigned char byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const auto written = ::write(writeEnd, &byte, 1);
    errno = savedErrno;
}

void SignalWatcher::readSignal()
{
    unsigned char byte = 0;
    if (::read(s_fds[1], &byte, 1) == 1)
        emit caught(int(byte));
}
