#pragma once
// What chat-load reads from /proc about the processes it measures (the servers, redis-server)
// and about itself: CPU seconds, of a process or of each of its threads, and resident memory.
#include <dirent.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace procstat {

struct Sample
{
    double cpuSeconds = 0; // utime + stime
    long rssKiB = 0;
};

// utime + stime, in seconds, from a /proc/.../stat file (of a process or of one thread).
inline double cpuSecondsFromStat(const std::string &path)
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

inline Sample sampleProcess(int pid)
{
    Sample sample;
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

// CPU seconds of each of a process's threads, by thread id.
inline std::vector<std::pair<int, double>> threadTicks(int pid)
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

// The highest CPU use (in cores) of one thread between two threadTicks() of the same process.
inline double busiestThread(const std::vector<std::pair<int, double>> &before,
                            const std::vector<std::pair<int, double>> &after, double seconds)
{
    double busiest = 0;
    for (const auto &[tid, ticks] : after) {
        for (const auto &[tid0, ticks0] : before)
            if (tid0 == tid)
                busiest = std::max(busiest, (ticks - ticks0) / seconds);
    }
    return busiest;
}

inline double selfCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

} // namespace procstat
