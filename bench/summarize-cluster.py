#!/usr/bin/env python3
"""Turns the JSON lines of bench/run-cluster.sh into the tables of docs/performance.md,
"Several instances (cluster mode)": medians over the runs of each row."""
import json
import os
import platform
import statistics
import subprocess
import sys


def sh(command):
    try:
        return subprocess.run(command, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def median(rows, key):
    values = [r[key] for r in rows if key in r]
    return statistics.median(values) if values else float("nan")


def setup(row):
    if not row["redis"]:
        return "1 instance, no Redis"
    n = row["instances"]
    return f"{n} instance{'s' if n > 1 else ''} + Redis"


def groups(rows, prefix):
    """(label, ok rows, failed count) in the order the labels first appear."""
    labels = []
    for r in rows:
        if r["label"].startswith(prefix) and r["label"] not in labels:
            labels.append(r["label"])
    for label in labels:
        group = [r for r in rows if r["label"] == label]
        ok = [r for r in group if not r.get("failed") and r.get("lost", 1) == 0]
        yield label, ok, len(group) - len(ok)


def fanout_table(rows, clients):
    print(f"**{clients:,} clients, 4 closed-loop senders, 100-byte messages**\n")
    print("| setup | workers each | deliveries/s | messages/s | p50 (ms) | p99 (ms) "
          "| CPU per instance (cores) | CPU, all instances | CPU, redis-server "
          "| CPU, load generator | instance µs per delivery | Redis µs per message "
          "| RSS per instance (MiB) | RSS redis (MiB) |")
    print("|---" * 14 + "|")
    for label, ok, failed in groups(rows, f"fanout-{clients}-"):
        note = f" ({failed} failed runs)" if failed else ""
        if not ok:
            print(f"| {label}: failed in {failed} runs |" + " |" * 13)
            continue
        n = ok[0]["instances"]
        each = [statistics.median(r["server_cpu_each"][i] for r in ok) for i in range(n)]
        rss = [statistics.median(r["server_rss_end_kib_each"][i] for r in ok) / 1024
               for i in range(n)]
        deliveries = median(ok, "deliveries_per_s")
        messages = median(ok, "acked_per_s")
        cpu = median(ok, "server_cpu")
        redis_cpu = median(ok, "redis_cpu")
        # CPU time per unit of work, per run, then the median of those.
        per_delivery = statistics.median(r["server_cpu"] / r["deliveries_per_s"] * 1e6 for r in ok)
        per_message = statistics.median(r["redis_cpu"] / r["acked_per_s"] * 1e6 for r in ok)
        # (without Redis, per_message is 0 and not shown)
        redis_rss = median(ok, "redis_rss_kib") / 1024
        with_redis = ok[0]["redis"]
        cells = [f"{setup(ok[0])}{note}", str(ok[0]["workers"]), f"{deliveries:,.0f}",
                 f"{messages:,.0f}", f"{median(ok, 'p50_ms'):.1f}", f"{median(ok, 'p99_ms'):.1f}",
                 " / ".join(f"{c:.2f}" for c in each), f"{cpu:.2f}",
                 f"{redis_cpu:.2f}" if with_redis else "—", f"{median(ok, 'loadgen_cpu'):.2f}",
                 f"{per_delivery:.2f}", f"{per_message:.0f}" if with_redis else "—",
                 " / ".join(f"{m:.0f}" for m in rss), f"{redis_rss:.1f}" if with_redis else "—"]
        print("| " + " | ".join(cells) + " |")
    print()


def hop_table(rows):
    print("**The Redis hop: 1 sender, one 100-byte message every 5 ms, 10 clients spread "
          "round-robin (the sender is client 0, on the first instance)**\n")
    print("| setup | receivers on the sender's instance | p50 (ms) | p99 (ms) "
          "| receivers on another instance | p50 (ms) | p99 (ms) | messages/s |")
    print("|---" * 8 + "|")
    for label, ok, failed in groups(rows, "hop-"):
        note = f" ({failed} failed runs)" if failed else ""
        if not ok:
            print(f"| {label}: failed in {failed} runs |" + " |" * 7)
            continue
        n = ok[0]["instances"]
        same = sum(1 for i in range(1, 10) if i % n == 0)
        cross = 9 - same
        cross_cells = (f"{cross} | {median(ok, 'cross_p50_ms'):.2f} | "
                       f"{median(ok, 'cross_p99_ms'):.2f}" if cross else "0 | — | —")
        print(f"| {setup(ok[0])}{note} | {same} | {median(ok, 'same_p50_ms'):.2f} "
              f"| {median(ok, 'same_p99_ms'):.2f} | {cross_cells} "
              f"| {median(ok, 'acked_per_s'):.0f} |")
    print()


def main(path, command):
    rows = [json.loads(line) for line in open(path) if line.strip()]
    runs = max(r["run"] for r in rows)
    cpu = sh("lscpu | sed -n 's/^Model name:[ ]*//p'") or platform.processor()
    ram = sh("free -g | awk '/Mem:/ {print $2}'")
    redis = sh("redis-server --version | sed 's/.* v=\\([^ ]*\\).*/\\1/'")
    print(f"From `{os.path.basename(path)}`: `{command}`, medians of {runs} runs.\n")
    print(f"- Machine: {cpu}, {os.cpu_count()} cores, {ram} GiB RAM, {platform.platform()}, "
          f"Redis {redis}.\n")
    for clients in sorted({r["clients"] for r in rows if r["label"].startswith("fanout-")
                           and "clients" in r}, reverse=True):
        fanout_table(rows, clients)
    hop_table(rows)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "bench/run-cluster.sh")
