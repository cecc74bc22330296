#include "passwordinput.h"

#include "passwordhasher.h"
#include "protocol.h"
#include "validation.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <termios.h>
#include <unistd.h>

using chat::server::passwords::wipe;

namespace {

termios savedTerminal{};
volatile std::sig_atomic_t echoIsOff = 0;

// A signal while echo is off must not leave the operator's terminal silent: put it back, then
// let the signal do what it would have done.
void restoreTerminalAndReraise(int signal)
{
    if (echoIsOff)
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTerminal);
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

// Echo off (the newline still echoes) for its lifetime.
class EchoOff
{
public:
    EchoOff()
    {
        if (::tcgetattr(STDIN_FILENO, &savedTerminal) != 0)
            return;
        struct sigaction action
        {
        };
        action.sa_handler = restoreTerminalAndReraise;
        sigemptyset(&action.sa_mask);
        for (int i = 0; i < count; ++i)
            ::sigaction(handled[i], &action, &m_previous[i]);
        termios quiet = savedTerminal;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL;
        echoIsOff = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (echoIsOff)
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedTerminal);
        echoIsOff = 0;
        for (int i = 0; i < count; ++i)
            ::sigaction(handled[i], &m_previous[i], nullptr);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    static constexpr int count = 4;
    static constexpr int handled[count] = {SIGINT, SIGTERM, SIGQUIT, SIGHUP};
    struct sigaction m_previous[count]
    {
    };
};

enum class LineRead
{
    Line,       // a line, or the last bytes before the end of input
    Nothing,    // end of input before any byte
    Overlong,   // more than a password may have (the rest of the line was read and dropped)
    InputError, // read(2) failed
};

// Reads one line byte by byte (nothing read past it stays in a buffer of ours), without its
// newline or a carriage return before it. `line` has its room reserved first: it never grows,
// so no copy of the password is left behind in freed memory.
LineRead readLine(QByteArray &line)
{
    const qsizetype limit = chat::protocol::maxPasswordBytes;
    line.reserve(limit + 2);
    bool any = false;
    bool overlong = false;
    for (;;) {
        char c = 0;
        const ssize_t got = ::read(STDIN_FILENO, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return LineRead::InputError;
        if (got == 0)
            break;
        any = true;
        if (c == '\n')
            break;
        if (line.size() <= limit) // one more than allowed: then "\r" may still be stripped
            line.append(c);
        else
            overlong = true;
        c = 0;
    }
    if (line.endsWith('\r'))
        line.chop(1);
    if (overlong || line.size() > limit)
        return LineRead::Overlong;
    return any ? LineRead::Line : LineRead::Nothing;
}

QString rule()
{
    return QStringLiteral("a password is %1 to %2 bytes of UTF-8")
        .arg(chat::protocol::minPasswordBytes)
        .arg(chat::protocol::maxPasswordBytes);
}

// One line from standard input, checked; wiped and nothing on failure.
std::optional<QByteArray> readChecked(QString &error)
{
    QByteArray line;
    switch (readLine(line)) {
    case LineRead::Line:
        break;
    case LineRead::Nothing:
        error = QStringLiteral("no password on standard input (give it as one line)");
        return std::nullopt;
    case LineRead::Overlong:
        wipe(line);
        error = QStringLiteral("the password is too long: %1").arg(rule());
        return std::nullopt;
    case LineRead::InputError:
        wipe(line);
        error = QStringLiteral("cannot read standard input");
        return std::nullopt;
    }
    if (!chat::validation::isAcceptablePassword(line)) {
        const qsizetype bytes = line.size();
        wipe(line);
        error =
            QStringLiteral("the password is not acceptable (%1 bytes): %2").arg(bytes).arg(rule());
        return std::nullopt;
    }
    return line;
}

void prompt(const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

} // namespace

std::optional<QByteArray> readNewPassword(const QString &name, QString &error)
{
    if (!::isatty(STDIN_FILENO))
        return readChecked(error);
    const EchoOff echoOff;
    prompt(QStringLiteral("New password for %1: ").arg(name));
    auto first = readChecked(error);
    if (!first)
        return std::nullopt;
    prompt(QStringLiteral("Again: "));
    auto second = readChecked(error);
    if (!second) {
        wipe(*first);
        return std::nullopt;
    }
    const bool same = *first == *second;
    wipe(*second);
    if (!same) {
        wipe(*first);
        error = QStringLiteral("the two passwords differ");
        return std::nullopt;
    }
    return first;
}
