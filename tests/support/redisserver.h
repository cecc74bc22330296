#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <csignal>
#include <sys/types.h>

// A real redis-server on 127.0.0.1 and a free port, for the tests of the Redis client: started
// with no persistence in a temporary directory, and killed, stopped or started again on the same
// port as a test needs. Tests QSKIP when redis-server is not installed (scripts/deps.sh installs
// it).
class RedisServer
{
public:
    static QString executable() { return QStandardPaths::findExecutable("redis-server"); }

    ~RedisServer() { kill(); }

    // Starts it (with `extraArguments`, e.g. --requirepass) on a free port, which later starts
    // keep; returns once it answers PING.
    bool start(const QStringList &extraArguments = {})
    {
        if (m_port == 0) {
            QTcpServer probe;
            if (!probe.listen(QHostAddress::LocalHost, 0))
                return false;
            m_port = probe.serverPort();
        }
        m_extraArguments = extraArguments;
        return startAgain();
    }

    // Starts it again on the same port with the same arguments (after kill()).
    bool startAgain()
    {
        kill();
        m_output.clear();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(executable(), QStringList{"--port", QString::number(m_port), "--bind",
                                                  "127.0.0.1", "--save", "", "--appendonly", "no",
                                                  "--dir", m_dir.path(), "--loglevel", "notice"} +
                                          m_extraArguments);
        if (!m_process.waitForStarted(10000))
            return false;
        // Its log says when it listens; a PING then proves it answers.
        const QDeadlineTimer deadline(20000);
        while (!m_output.contains("Ready to accept connections")) {
            if (m_process.state() != QProcess::Running ||
                !m_process.waitForReadyRead(int(deadline.remainingTime())))
                return false;
            m_output += m_process.readAll();
        }
        QObject::connect(&m_process, &QProcess::readyRead, &m_process,
                         [this] { m_output += m_process.readAll(); });
        return answers();
    }

    // SIGKILL, and waits until it is gone.
    void kill()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill(); // a stopped process dies too

        m_process.waitForFinished(10000);
        QObject::disconnect(&m_process, &QProcess::readyRead, nullptr, nullptr);
    }

    // SIGSTOP: it keeps its connections but answers nothing until resume().
    void pause() { ::kill(pid_t(m_process.processId()), SIGSTOP); }
    void resume() { ::kill(pid_t(m_process.processId()), SIGCONT); }

    quint16 port() const { return m_port; }
    QByteArray log() const { return m_output; }

private:
    bool answers()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_port);
        if (!socket.waitForConnected(5000))
            return false;
        socket.write("PING\r\n");
        while (socket.bytesAvailable() < 1) {
            if (!socket.waitForReadyRead(5000))
                return false;
        }
        // +PONG, or -NOAUTH when it wants a password: either way it answers.
        const char first = socket.peek(1).at(0);
        return first == '+' || first == '-';
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    QStringList m_extraArguments;
    QByteArray m_output;
    quint16 m_port = 0;
};

#define REQUIRE_REDIS_SERVER()                                                                     \
    do {                                                                                           \
        if (RedisServer::executable().isEmpty())                                                   \
            QSKIP("redis-server is not installed (scripts/deps.sh installs it)");                  \
    } while (false)
