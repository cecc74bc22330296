// chat-load: a lean WebSocket load generator for the chat protocol (docs/protocol.md).
//
// It opens N clients at once, joins them all, lets S of them send closed-loop (the next message
// when the ack returns), and records for every delivery the time from send to receipt.
// With --rooms R --room-size M (feature "rooms", protocol-v2.md) it opens R x M clients that
// join with the feature and enter room "r<k>" (M members each, not general); sender s is the
// first member of room s and sends to its room. One
// thread, epoll, its own minimal RFC 6455 framing, no JSON library: it must cost far less than
// the server it measures (its own CPU use is reported beside the server's).
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

struct Options
{
    std::string host = "127.0.0.1";
    int port = 5220;
    int clients = 100;
    int senders = 4;
    int size = 100;
    double duration = 10;
    double settle = 3; // seconds between the last join and the idle memory sample
    int serverPid = 0;
    int rooms = 0; // 0: protocol v1, one room
    int roomSize = 10;
};

enum class State
{
    Connecting,
    Handshaking,
    Joining,
    Joined,
    Closed
};

struct Conn
{
    int fd = -1;
    int index = 0;
    State state = State::Connecting;
    std::string in;
    std::string out;
    bool wantWrite = false;
    bool sender = false;
    int64_t seq = 0;
    int64_t acked = 0;
    bool awaitingAck = false;
};

struct ProcSample
{
    double cpuSeconds = 0; // utime + stime
    long rssKiB = 0;
};

// utime + stime, in seconds, from a /proc/.../stat file (of a process or of one thread).
double cpuSecondsFromStat(const std::string &path)
{
    std::ifstream stat(path);
    const std::string content((std::istreambuf_iterator<char>(stat)),
                              std::istreambuf_iterator<char>());
    const auto close = content.rfind(')'); // the command name may hold spaces
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(content.substr(close + 2));
    std::string field;
    unsigned long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14)
            utime = std::stoul(field);
        if (i == 15)
            stime = std::stoul(field);
    }
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

ProcSample sampleProcess(int pid)
{
    ProcSample sample;
    if (pid <= 0)
        return sample;
    sample.cpuSeconds = cpuSecondsFromStat("/proc/" + std::to_string(pid) + "/stat");
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            sample.rssKiB = std::atol(line.c_str() + 6);
    }
    return sample;
}

// CPU seconds of each of the server's threads.
std::vector<std::pair<int, double>> threadTicks(int pid)
{
    std::vector<std::pair<int, double>> result;
    if (pid <= 0)
        return result;
    const std::string dir = "/proc/" + std::to_string(pid) + "/task/";
    DIR *tasks = opendir(dir.c_str());
    if (!tasks)
        return result;
    while (const dirent *entry = readdir(tasks)) {
        if (entry->d_name[0] == '.')
            continue;
        result.emplace_back(std::atoi(entry->d_name),
                            cpuSecondsFromStat(dir + entry->d_name + "/stat"));
    }
    closedir(tasks);
    return result;
}

double selfCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

class LoadGenerator
{
public:
    explicit LoadGenerator(const Options &options) : m_opt(options)
    {
        m_epoll = epoll_create1(0);
        m_conns.resize(size_t(options.clients));
        m_rng = uint32_t(nowNs()) | 1;
    }

    int run();

private:
    void startConnect(Conn &c);
    void onEvent(Conn &c, uint32_t events);
    void flush(Conn &c);
    void queueFrame(Conn &c, const std::string &payload);
    void onReadable(Conn &c);
    void onFrame(Conn &c, const char *data, size_t size);
    void sendNext(Conn &c);
    void setWantWrite(Conn &c, bool want);
    void loop(int timeoutMs);
    uint32_t nextMask()
    {
        m_rng ^= m_rng << 13;
        m_rng ^= m_rng >> 17;
        m_rng ^= m_rng << 5;
        return m_rng;
    }

    Options m_opt;
    int m_epoll = -1;
    std::vector<Conn> m_conns;
    uint32_t m_rng;
    int m_joined = 0;
    int m_closed = 0;
    bool m_sending = false;
    int64_t m_acked = 0;
    int64_t m_rejected = 0;
    int64_t m_deliveries = 0;
    int64_t m_lastDeliveryNs = 0;
    std::vector<uint32_t> m_latencyUs;
    std::string m_pad;
};

void LoadGenerator::startConnect(Conn &c)
{
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
        std::perror("socket");
        std::exit(1);
    }
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(m_opt.port));
    inet_pton(AF_INET, m_opt.host.c_str(), &addr.sin_addr);
    if (connect(c.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 &&
        errno != EINPROGRESS) {
        std::perror("connect");
        std::exit(1);
    }
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = uint32_t(c.index);
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, c.fd, &ev);
    c.wantWrite = true;
    c.out = "GET / HTTP/1.1\r\nHost: " + m_opt.host + ":" + std::to_string(m_opt.port) +
            "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

void LoadGenerator::setWantWrite(Conn &c, bool want)
{
    if (c.wantWrite == want)
        return;
    c.wantWrite = want;
    epoll_event ev{};
    ev.events = EPOLLIN | (want ? EPOLLOUT : 0u);
    ev.data.u32 = uint32_t(c.index);
    epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &ev);
}

void LoadGenerator::flush(Conn &c)
{
    while (!c.out.empty()) {
        const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n > 0) {
            c.out.erase(0, size_t(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        if (n < 0 && errno == ENOTCONN) // connect still in progress
            break;
        c.state = State::Closed;
        ++m_closed;
        return;
    }
    setWantWrite(c, !c.out.empty());
}

void LoadGenerator::queueFrame(Conn &c, const std::string &payload)
{
    std::string frame;
    frame.reserve(payload.size() + 14);
    frame.push_back(char(0x81));
    const size_t n = payload.size();
    if (n < 126) {
        frame.push_back(char(0x80 | n));
    } else if (n < 65536) {
        frame.push_back(char(0x80 | 126));
        frame.push_back(char(n >> 8));
        frame.push_back(char(n & 0xff));
    } else {
        frame.push_back(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            frame.push_back(char((uint64_t(n) >> (8 * i)) & 0xff));
    }
    const uint32_t mask = nextMask();
    char key[4];
    std::memcpy(key, &mask, 4);
    frame.append(key, 4);
    for (size_t i = 0; i < n; ++i)
        frame.push_back(char(payload[i] ^ key[i & 3]));
    c.out += frame;
    flush(c);
}

void LoadGenerator::sendNext(Conn &c)
{
    // Text: "s<sender>:<seq>:<send ns>:" padded to the message size.
    std::string text = "s" + std::to_string(c.index) + ":" + std::to_string(++c.seq) + ":" +
                       std::to_string(nowNs()) + ":";
    if (int(text.size()) < m_opt.size)
        text.append(size_t(m_opt.size) - text.size(), 'x');
    c.awaitingAck = true;
    const std::string room =
        m_opt.rooms > 0 ? R"("room":"r)" + std::to_string(c.index / m_opt.roomSize) + R"(",)"
                        : std::string();
    queueFrame(c, R"({"event":"message","data":{)" + room + R"("text":")" + text + R"("},"id":)" +
                      std::to_string(c.seq + 1) + "}");
}

void LoadGenerator::onFrame(Conn &c, const char *data, size_t size)
{
    const std::string_view frame(data, size);
    if (frame.find(R"("event":"ack")") != std::string_view::npos) {
        const bool error = frame.find(R"("error")") != std::string_view::npos;
        if (c.state == State::Joining) {
            if (error) {
                std::fprintf(stderr, "join refused: %.*s\n", int(size), data);
                std::exit(1);
            }
            c.state = State::Joined;
            ++m_joined;
            return;
        }
        if (!c.awaitingAck)
            return;
        c.awaitingAck = false;
        if (error)
            ++m_rejected;
        else {
            ++m_acked;
            ++c.acked;
        }
        if (m_sending)
            sendNext(c);
        return;
    }
    const auto at = frame.find(R"("message":"s)");
    if (at == std::string_view::npos)
        return; // user connected / disconnected
    const char *p = data + at + 12;
    const char *end = data + size;
    auto number = [&]() {
        int64_t v = 0;
        while (p < end && *p >= '0' && *p <= '9')
            v = v * 10 + (*p++ - '0');
        ++p; // ':'
        return v;
    };
    number(); // sender
    number(); // seq
    const int64_t sentNs = number();
    const int64_t now = nowNs();
    m_latencyUs.push_back(uint32_t(std::min<int64_t>((now - sentNs) / 1000, UINT32_MAX)));
    ++m_deliveries;
    m_lastDeliveryNs = now;
}

void LoadGenerator::onReadable(Conn &c)
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            c.in.append(buffer, size_t(n));
            if (size_t(n) < sizeof buffer)
                break;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            break;
        if (c.state != State::Closed) {
            c.state = State::Closed;
            ++m_closed;
        }
        return;
    }
    size_t pos = 0;
    if (c.state == State::Handshaking || c.state == State::Connecting) {
        const auto end = c.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return;
        if (c.in.compare(0, 12, "HTTP/1.1 101") != 0) {
            std::fprintf(stderr, "handshake refused: %s\n", c.in.substr(0, end).c_str());
            std::exit(1);
        }
        pos = end + 4;
        c.state = State::Joining;
        const std::string rooms = m_opt.rooms > 0
                                      ? R"(,"features":["rooms"],"rooms":["r)" +
                                            std::to_string(c.index / m_opt.roomSize) + R"("])"
                                      : std::string();
        queueFrame(c, R"({"event":"join","data":{"name":"load)" + std::to_string(c.index) + R"(")" +
                          rooms + R"(},"id":1})");
    }
    const size_t avail = c.in.size();
    while (avail - pos >= 2) {
        const auto *h = reinterpret_cast<const unsigned char *>(c.in.data() + pos);
        size_t header = 2;
        uint64_t len = h[1] & 0x7f;
        if (len == 126) {
            if (avail - pos < 4)
                break;
            len = (uint64_t(h[2]) << 8) | h[3];
            header = 4;
        } else if (len == 127) {
            if (avail - pos < 10)
                break;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | h[2 + i];
            header = 10;
        }
        if (avail - pos < header + len)
            break;
        const int opcode = h[0] & 0x0f;
        if (opcode == 0x8) {
            c.state = State::Closed;
            ++m_closed;
            return;
        }
        if (opcode == 0x1 || opcode == 0x0)
            onFrame(c, c.in.data() + pos + header, size_t(len));
        pos += header + len;
    }
    c.in.erase(0, pos);
}

void LoadGenerator::onEvent(Conn &c, uint32_t events)
{
    if (c.state == State::Closed)
        return;
    if (events & EPOLLOUT) {
        if (c.state == State::Connecting)
            c.state = State::Handshaking;
        flush(c);
    }
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR))
        onReadable(c);
}

void LoadGenerator::loop(int timeoutMs)
{
    epoll_event events[1024];
    const int n = epoll_wait(m_epoll, events, 1024, timeoutMs);
    for (int i = 0; i < n; ++i)
        onEvent(m_conns[events[i].data.u32], events[i].events);
}

int LoadGenerator::run()
{
    const ProcSample idle = sampleProcess(m_opt.serverPid);

    // 1. Everyone connects at the same moment and joins.
    const int64_t joinStart = nowNs();
    for (int i = 0; i < m_opt.clients; ++i) {
        m_conns[size_t(i)].index = i;
        startConnect(m_conns[size_t(i)]);
    }
    const int64_t joinDeadline = joinStart + 120'000'000'000LL;
    while (m_joined < m_opt.clients && nowNs() < joinDeadline && m_closed == 0)
        loop(100);
    const double joinSeconds = double(nowNs() - joinStart) * 1e-9;
    if (m_joined < m_opt.clients) {
        std::fprintf(stderr, "only %d of %d joined (%d closed)\n", m_joined, m_opt.clients,
                     m_closed);
        return 1;
    }
    // Let the "user connected" storm drain, and the server settle, before measuring.
    for (int64_t quiet = nowNs() + int64_t(m_opt.settle * 1e9); nowNs() < quiet;)
        loop(50);
    const ProcSample joinedSample = sampleProcess(m_opt.serverPid);

    // 2. S senders, closed loop, for the duration.
    m_latencyUs.reserve(size_t(std::min<double>(5e7, m_opt.duration * 2e6)));
    const auto threadsBefore = threadTicks(m_opt.serverPid);
    const double selfBefore = selfCpuSeconds();
    const ProcSample before = sampleProcess(m_opt.serverPid);
    const int64_t start = nowNs();
    m_sending = true;
    for (int s = 0; s < m_opt.senders && s < m_opt.clients; ++s) {
        // Rooms: the first member of room s; else the first S clients.
        Conn &sender = m_conns[size_t(m_opt.rooms > 0 ? (s % m_opt.rooms) * m_opt.roomSize : s)];
        sender.sender = true;
        sendNext(sender);
    }
    const int64_t stop = start + int64_t(m_opt.duration * 1e9);
    while (nowNs() < stop && m_closed == 0)
        loop(10);
    m_sending = false;
    const int64_t stopSending = nowNs();
    const ProcSample during = sampleProcess(m_opt.serverPid);
    const double selfDuring = selfCpuSeconds();
    const auto threadsAfter = threadTicks(m_opt.serverPid);

    // 3. Wait for the acks in flight, then every delivery of every acked message.
    const int64_t drainDeadline = nowNs() + 30'000'000'000LL;
    auto inFlight = [&] {
        for (const Conn &c : m_conns)
            if (c.awaitingAck && c.state != State::Closed)
                return true;
        return false;
    };
    // Every message reaches the others of its audience: everyone, or its room.
    const int64_t audience = (m_opt.rooms > 0 ? m_opt.roomSize : m_opt.clients) - 1;
    while ((inFlight() || m_deliveries < m_acked * audience) && nowNs() < drainDeadline &&
           m_closed == 0)
        loop(10);
    const int64_t expected = m_acked * audience;
    const ProcSample after = sampleProcess(m_opt.serverPid);

    std::sort(m_latencyUs.begin(), m_latencyUs.end());
    auto pct = [&](double p) -> double {
        if (m_latencyUs.empty())
            return 0;
        return m_latencyUs[std::min(m_latencyUs.size() - 1,
                                    size_t(p * double(m_latencyUs.size())))] /
               1000.0;
    };
    const double window = double(std::max(m_lastDeliveryNs, stopSending) - start) * 1e-9;
    const double sendWindow = double(stopSending - start) * 1e-9;
    double busiest = 0;
    for (const auto &[tid, ticks] : threadsAfter) {
        for (const auto &[tid0, ticks0] : threadsBefore)
            if (tid0 == tid)
                busiest = std::max(busiest, (ticks - ticks0) / sendWindow);
    }
    const double perClientKiB =
        m_opt.clients ? double(joinedSample.rssKiB - idle.rssKiB) / m_opt.clients : 0;

    std::printf("{\"rooms\":%d,\"room_size\":%d,\"clients\":%d,\"senders\":%d,\"size\":%d,"
                "\"duration\":%.3f,"
                "\"join_s\":%.3f,\"acked\":%lld,\"rejected\":%lld,\"deliveries\":%lld,"
                "\"expected\":%lld,\"lost\":%lld,\"deliveries_per_s\":%.0f,"
                "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
                "\"server_cpu\":%.3f,\"server_busiest_thread\":%.3f,\"loadgen_cpu\":%.3f,"
                "\"server_rss_idle_kib\":%ld,\"server_rss_joined_kib\":%ld,"
                "\"server_rss_end_kib\":%ld,\"rss_per_client_kib\":%.2f,\"closed\":%d}\n",
                m_opt.rooms, m_opt.rooms > 0 ? m_opt.roomSize : m_opt.clients, m_opt.clients,
                m_opt.senders, m_opt.size, window, joinSeconds, (long long)m_acked,
                (long long)m_rejected, (long long)m_deliveries, (long long)expected,
                (long long)(expected - m_deliveries), double(m_deliveries) / window, pct(0.50),
                pct(0.99), m_latencyUs.empty() ? 0.0 : m_latencyUs.back() / 1000.0,
                (during.cpuSeconds - before.cpuSeconds) / sendWindow, busiest,
                (selfDuring - selfBefore) / sendWindow, idle.rssKiB, joinedSample.rssKiB,
                after.rssKiB, perClientKiB, m_closed);
    return (expected == m_deliveries && m_closed == 0) ? 0 : 3;
}

void usage()
{
    std::fprintf(stderr,
                 "usage: chat-load [--host IP] [--port N] [--clients N] [--senders S] "
                 "[--size BYTES] [--duration SECONDS] [--settle SECONDS] [--server-pid PID] "
                 "[--rooms R --room-size M]\n");
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    Options opt;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            usage();
        const char *value = argv[++i];
        if (arg == "--host")
            opt.host = value;
        else if (arg == "--port")
            opt.port = std::atoi(value);
        else if (arg == "--clients")
            opt.clients = std::atoi(value);
        else if (arg == "--senders")
            opt.senders = std::atoi(value);
        else if (arg == "--size")
            opt.size = std::atoi(value);
        else if (arg == "--duration")
            opt.duration = std::atof(value);
        else if (arg == "--settle")
            opt.settle = std::atof(value);
        else if (arg == "--server-pid")
            opt.serverPid = std::atoi(value);
        else if (arg == "--rooms")
            opt.rooms = std::atoi(value);
        else if (arg == "--room-size")
            opt.roomSize = std::max(2, std::atoi(value));
        else
            usage();
    }
    if (opt.rooms > 0)
        opt.clients = opt.rooms * opt.roomSize;
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    LoadGenerator generator(opt);
    return generator.run();
}
