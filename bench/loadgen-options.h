#pragma once
// chat-load's command line (bench/loadgen.cpp).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace loadgen {

struct Options
{
    std::string host = "127.0.0.1";
    std::vector<int> ports{5220}; // client i connects to ports[i % ports.size()]
    int clients = 100;
    int senders = 4;
    int size = 100;
    double duration = 10;
    double settle = 3;           // seconds between the last join and the idle memory sample
    std::vector<int> serverPids; // the instances (any order), for CPU and memory
    int redisPid = 0;            // redis-server, for its CPU and memory
    double intervalMs = 0;       // 0: closed loop; else at most one message per T ms per sender
    int rooms = 0;               // 0: protocol v1, one room
    int roomSize = 10;
    // Feature "location": everyone joins with it, senders send `send location` instead of
    // messages, and `location update`s are the deliveries (throttled by the server: their
    // count is what the server relayed, not acked x audience).
    bool location = false;
};

// "1,2,3" -> {1, 2, 3}
inline std::vector<int> numbers(const std::string &list)
{
    std::vector<int> result;
    for (size_t at = 0; at <= list.size();) {
        const size_t comma = std::min(list.find(',', at), list.size());
        result.push_back(std::atoi(list.substr(at, comma - at).c_str()));
        at = comma + 1;
    }
    return result;
}

[[noreturn]] inline void usage()
{
    std::fprintf(stderr, "usage: chat-load [--host IP] [--port N | --ports N,N,...] [--clients N] "
                         "[--senders S] [--size BYTES] [--duration SECONDS] [--settle SECONDS] "
                         "[--interval-ms T] [--server-pid PID[,PID...]] [--redis-pid PID] "
                         "[--rooms R --room-size M] [--location 1]\n");
    std::exit(2);
}

inline Options parseOptions(int argc, char **argv)
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
            opt.ports = {std::atoi(value)};
        else if (arg == "--ports")
            opt.ports = numbers(value);
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
            opt.serverPids = numbers(value);
        else if (arg == "--redis-pid")
            opt.redisPid = std::atoi(value);
        else if (arg == "--interval-ms")
            opt.intervalMs = std::atof(value);
        else if (arg == "--rooms")
            opt.rooms = std::atoi(value);
        else if (arg == "--room-size")
            opt.roomSize = std::max(2, std::atoi(value));
        else if (arg == "--location")
            opt.location = std::atoi(value) != 0;
        else
            usage();
    }
    if (opt.rooms > 0)
        opt.clients = opt.rooms * opt.roomSize;
    if (opt.ports.empty() || *std::min_element(opt.ports.begin(), opt.ports.end()) <= 0)
        usage();
    return opt;
}

} // namespace loadgen
