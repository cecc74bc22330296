// chat-load: a lean WebSocket load generator for the chat protocol (docs/protocol.md).
//
// It opens N clients at once, joins them all, lets S of them send closed-loop (the next message
// when the ack returns), and records for every delivery the time from send to receipt.
// With --rooms R --room-size M (feature "rooms", protocol-v2.md) it opens R x M clients that
// join with the feature and enter room "r<k>" (M members each, not general); sender s is the
// first member of room s and sends to its room. With --ports A,B,... the clients are spread
// round-robin over several instances of a cluster (client i on port i mod n), and every delivery's
// latency is counted as same-instance (the sender is on the receiver's port) or cross-instance.
// With --interval-ms T a sender sends at most one message every T ms (light load, for the
// latency of the path itself) instead of the next one when its ack returns. With --location 1
// the clients list the feature "location" and send positions (docs/performance.md,
// "Locations"); the server's CPU per relayed `location update` is the figure. One
// thread, epoll, its own minimal RFC 6455 framing, no JSON library: it must cost far less than
// the server it measures (its own CPU use is reported beside the server's).
#include "loadgen-options.h"
#include "procstat.h"
#include "wsframe.h"

#include <arpa/inet.h>
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
#include <string>
#include <vector>

namespace {

using loadgen::Options;

using Clock = std::chrono::steady_clock;

int64_t nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

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
    int64_t lastSendNs = 0;
    int64_t nextSendNs = 0; // with --interval-ms: when the next message may go
};

// Several processes sampled together: the instances of a cluster.
std::vector<procstat::Sample> sampleAll(const std::vector<int> &pids)
{
    std::vector<procstat::Sample> samples;
    for (int pid : pids)
        samples.push_back(procstat::sampleProcess(pid));
    return samples;
}

// The p-th quantile of sorted latencies in µs, in ms (p = 1: the maximum).
double percentileMs(const std::vector<uint32_t> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    return sorted[std::min(sorted.size() - 1, size_t(p * double(sorted.size())))] / 1000.0;
}

long totalRss(const std::vector<procstat::Sample> &samples)
{
    long sum = 0;
    for (const auto &sample : samples)
        sum += sample.rssKiB;
    return sum;
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
    void sendDue(); // --interval-ms: the senders whose next message is due
    int portOf(int index) const { return m_opt.ports[size_t(index) % m_opt.ports.size()]; }
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
    std::vector<uint32_t> m_sameUs;  // latencies, receiver on the sender's instance
    std::vector<uint32_t> m_crossUs; // latencies, receiver on another instance
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
    addr.sin_port = htons(uint16_t(portOf(c.index)));
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
    c.out = "GET / HTTP/1.1\r\nHost: " + m_opt.host + ":" + std::to_string(portOf(c.index)) +
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
    wsframe::appendMasked(c.out, payload, nextMask());
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
    c.lastSendNs = nowNs();
    if (m_opt.location) { // a position that moves: lat from -89 to 89, lng from the sender
        queueFrame(c, R"({"event":"send location","data":{"lat":)" +
                          std::to_string(int(c.seq % 179) - 89) + R"(,"lng":)" +
                          std::to_string(c.index % 360 - 180) + R"(},"id":)" +
                          std::to_string(c.seq + 1) + "}");
        return;
    }
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
        if (m_sending && m_opt.intervalMs > 0)
            c.nextSendNs = c.lastSendNs + int64_t(m_opt.intervalMs * 1e6);
        else if (m_sending)
            sendNext(c);
        return;
    }
    if (m_opt.location && frame.find(R"("event":"location update")") != std::string_view::npos) {
        ++m_deliveries; // no latency: the update carries the server's time, not the sender's
        m_lastDeliveryNs = nowNs();
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
    const int64_t sender = number();
    number(); // seq
    const int64_t sentNs = number();
    const int64_t now = nowNs();
    const auto latencyUs = uint32_t(std::min<int64_t>((now - sentNs) / 1000, UINT32_MAX));
    (portOf(int(sender)) == portOf(c.index) ? m_sameUs : m_crossUs).push_back(latencyUs);
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
                                  : m_opt.location ? R"(,"features":["location"])"
                                                   : std::string();
        queueFrame(c, R"({"event":"join","data":{"name":"load)" + std::to_string(c.index) + R"(")" +
                          rooms + R"(},"id":1})");
    }
    for (;;) {
        const auto frame = wsframe::next(c.in, pos);
        if (!frame)
            break;
        if (frame->opcode == 0x8) {
            c.state = State::Closed;
            ++m_closed;
            return;
        }
        if (frame->opcode == 0x1 || frame->opcode == 0x0)
            onFrame(c, c.in.data() + frame->payload, frame->size);
        pos = frame->payload + frame->size;
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

void LoadGenerator::sendDue()
{
    const int64_t now = nowNs();
    for (Conn &c : m_conns) {
        if (c.sender && !c.awaitingAck && c.state == State::Joined && now >= c.nextSendNs)
            sendNext(c);
    }
}

int LoadGenerator::run()
{
    const auto idle = sampleAll(m_opt.serverPids);

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
    const auto joinedSample = sampleAll(m_opt.serverPids);

    // 2. S senders, closed loop (or paced), for the duration.
    m_sameUs.reserve(size_t(std::min<double>(5e7, m_opt.duration * 2e6)));
    std::vector<std::vector<std::pair<int, double>>> threadsBefore;
    for (int pid : m_opt.serverPids)
        threadsBefore.push_back(procstat::threadTicks(pid));
    const double selfBefore = procstat::selfCpuSeconds();
    const auto before = sampleAll(m_opt.serverPids);
    const auto redisBefore = procstat::sampleProcess(m_opt.redisPid);
    const int64_t start = nowNs();
    m_sending = true;
    for (int s = 0; s < m_opt.senders && s < m_opt.clients; ++s) {
        // Rooms: the first member of room s; else the first S clients.
        Conn &sender = m_conns[size_t(m_opt.rooms > 0 ? (s % m_opt.rooms) * m_opt.roomSize : s)];
        sender.sender = true;
        sendNext(sender);
    }
    const int64_t stop = start + int64_t(m_opt.duration * 1e9);
    while (nowNs() < stop && m_closed == 0) {
        loop(m_opt.intervalMs > 0 ? 1 : 10);
        if (m_opt.intervalMs > 0)
            sendDue();
    }
    m_sending = false;
    const int64_t stopSending = nowNs();
    const auto during = sampleAll(m_opt.serverPids);
    const auto redisDuring = procstat::sampleProcess(m_opt.redisPid);
    const double selfDuring = procstat::selfCpuSeconds();
    const double sendWindow = double(stopSending - start) * 1e-9;
    double busiest = 0;
    for (size_t i = 0; i < m_opt.serverPids.size(); ++i)
        busiest = std::max(
            busiest, procstat::busiestThread(
                         threadsBefore[i], procstat::threadTicks(m_opt.serverPids[i]), sendWindow));

    // 3. Wait for the acks in flight, then every delivery of every acked message.
    const int64_t drainDeadline = nowNs() + 30'000'000'000LL;
    auto inFlight = [&] {
        for (const Conn &c : m_conns)
            if (c.awaitingAck && c.state != State::Closed)
                return true;
        return false;
    };
    // Every message reaches the others of its audience: everyone, or its room.
    // Locations: the server coalesces, so only the acks are waited for (and the last window).
    const int64_t audience = (m_opt.rooms > 0 ? m_opt.roomSize : m_opt.clients) - 1;
    while ((inFlight() || (!m_opt.location && m_deliveries < m_acked * audience)) &&
           nowNs() < drainDeadline && m_closed == 0)
        loop(10);
    if (m_opt.location)
        for (const int64_t last = nowNs() + 1'500'000'000LL; nowNs() < last;)
            loop(50);
    const int64_t expected = m_opt.location ? m_deliveries : m_acked * audience;
    const auto after = sampleAll(m_opt.serverPids);

    std::sort(m_sameUs.begin(), m_sameUs.end());
    std::sort(m_crossUs.begin(), m_crossUs.end());
    std::vector<uint32_t> all(m_sameUs.size() + m_crossUs.size());
    std::merge(m_sameUs.begin(), m_sameUs.end(), m_crossUs.begin(), m_crossUs.end(), all.begin());
    const double window = double(std::max(m_lastDeliveryNs, stopSending) - start) * 1e-9;
    const double perClientKiB =
        m_opt.clients ? double(totalRss(joinedSample) - totalRss(idle)) / m_opt.clients : 0;
    double serverCpu = 0;
    std::string cpuEach, rssEach;
    for (size_t i = 0; i < before.size(); ++i) {
        const double cpu = (during[i].cpuSeconds - before[i].cpuSeconds) / sendWindow;
        serverCpu += cpu;
        cpuEach += (i ? "," : "") + std::to_string(cpu);
        rssEach += (i ? "," : "") + std::to_string(after[i].rssKiB);
    }

    std::printf("{\"rooms\":%d,\"room_size\":%d,\"clients\":%d,\"senders\":%d,\"size\":%d,"
                "\"duration\":%.3f,"
                "\"join_s\":%.3f,\"acked\":%lld,\"rejected\":%lld,\"deliveries\":%lld,"
                "\"expected\":%lld,\"lost\":%lld,\"deliveries_per_s\":%.0f,"
                "\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
                "\"server_cpu\":%.3f,\"server_busiest_thread\":%.3f,\"loadgen_cpu\":%.3f,"
                "\"server_rss_idle_kib\":%ld,\"server_rss_joined_kib\":%ld,"
                "\"server_rss_end_kib\":%ld,\"rss_per_client_kib\":%.2f,\"closed\":%d,",
                m_opt.rooms, m_opt.rooms > 0 ? m_opt.roomSize : m_opt.clients, m_opt.clients,
                m_opt.senders, m_opt.size, window, joinSeconds, (long long)m_acked,
                (long long)m_rejected, (long long)m_deliveries, (long long)expected,
                (long long)(expected - m_deliveries), double(m_deliveries) / window,
                percentileMs(all, 0.50), percentileMs(all, 0.99), percentileMs(all, 1.0), serverCpu,
                busiest, (selfDuring - selfBefore) / sendWindow, totalRss(idle),
                totalRss(joinedSample), totalRss(after), perClientKiB, m_closed);
    // Cluster mode: per instance, Redis, and the latency split by where the receiver is.
    std::printf("\"instances\":%zu,\"interval_ms\":%.3f,\"acked_per_s\":%.0f,"
                "\"server_cpu_each\":[%s],\"server_rss_end_kib_each\":[%s],"
                "\"redis_cpu\":%.3f,\"redis_rss_kib\":%ld,"
                "\"same_count\":%zu,\"same_p50_ms\":%.3f,\"same_p99_ms\":%.3f,"
                "\"cross_count\":%zu,\"cross_p50_ms\":%.3f,\"cross_p99_ms\":%.3f}\n",
                m_opt.ports.size(), m_opt.intervalMs, double(m_acked) / sendWindow, cpuEach.c_str(),
                rssEach.c_str(), (redisDuring.cpuSeconds - redisBefore.cpuSeconds) / sendWindow,
                redisDuring.rssKiB, m_sameUs.size(), percentileMs(m_sameUs, 0.50),
                percentileMs(m_sameUs, 0.99), m_crossUs.size(), percentileMs(m_crossUs, 0.50),
                percentileMs(m_crossUs, 0.99));
    return (expected == m_deliveries && m_closed == 0) ? 0 : 3;
}

} // namespace

int main(int argc, char **argv)
{
    const Options opt = loadgen::parseOptions(argc, argv);
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    LoadGenerator generator(opt);
    return generator.run();
}
