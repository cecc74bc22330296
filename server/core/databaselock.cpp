#include "databaselock.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace chat::server {

QString DatabaseLock::lockFilePathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".lock");
}

DatabaseLock::DatabaseLock(QString databasePath) : m_lockPath(lockFilePathFor(databasePath)) {}

DatabaseLock::~DatabaseLock()
{
    unlock();
}

DatabaseLock::State DatabaseLock::tryLock()
{
    if (m_state == State::Held)
        return m_state;
    if (m_fd < 0) {
        // Read-only is enough for flock, and lets a server open a lock file that the operator's
        // command line created as another user. Close-on-exec: a child must not inherit it.
        const QByteArray path = QFile::encodeName(m_lockPath);
        m_fd = ::open(path.constData(), O_RDONLY | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0) {
            m_error = QStringLiteral("cannot open %1: %2")
                          .arg(m_lockPath, QString::fromLocal8Bit(std::strerror(errno)));
            return m_state = State::Failed;
        }
    }
    int status;
    do {
        status = ::flock(m_fd, LOCK_EX | LOCK_NB);
    } while (status != 0 && errno == EINTR);
    if (status == 0)
        return m_state = State::Held;
    if (errno == EWOULDBLOCK)
        return m_state = State::HeldElsewhere;
    m_error = QStringLiteral("cannot lock %1: %2")
                  .arg(m_lockPath, QString::fromLocal8Bit(std::strerror(errno)));
    return m_state = State::Failed;
}

void DatabaseLock::unlock()
{
    if (m_fd >= 0)
        ::close(m_fd); // closing the only descriptor of the open file releases its flock
    m_fd = -1;
    m_state = State::Unlocked;
}

} // namespace chat::server
