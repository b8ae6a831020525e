#!/usr/bin/env python3
"""Where the CPU went and who waited for it: per-thread scheduler statistics of running processes.

  schedstat.py snap NAME=PID ...   > before.json   (every thread of each process, from /proc/PID/task/*/schedstat)
  schedstat.py diff before.json after.json         (per process and thread group: CPU time, time runnable but
                                                     waiting for a core, and slices, between the two snapshots)

A thread's wait is the kernel's run-queue delay: it was ready to run and no core was free for it (or the scheduler
preferred another task). On a machine shared by the service, Redis, the load driver and a webhook receiver, the
service's wait is how much of a request's latency the CPU contention added. Thread groups are the thread names with
their numbers taken out (vert.x-eventloop-thread-3 -> vert.x-eventloop-thread-#).
"""
import json
import os
import re
import sys


def snap(specs):
    out = {}
    for spec in specs:
        name, pid = spec.split("=", 1)
        threads = {}
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except FileNotFoundError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                    run, wait, slices = (int(v) for v in f.read().split())
                with open(f"/proc/{pid}/task/{tid}/comm") as f:
                    comm = f.read().strip()
            except (FileNotFoundError, ProcessLookupError, ValueError):
                continue
            threads[tid] = [comm, run, wait, slices]
        out[name] = threads
    json.dump(out, sys.stdout)


def group(comm):
    return re.sub(r"\d+", "#", comm)


def diff(before_file, after_file):
    before = json.load(open(before_file))
    after = json.load(open(after_file))
    print(f"  {'process / threads':44s} {'cpu ms':>9s} {'wait ms':>9s} {'wait/cpu':>8s} {'slices':>8s}")
    for name, threads in after.items():
        groups = {}
        for tid, (comm, run, wait, slices) in threads.items():
            b = before.get(name, {}).get(tid, [comm, 0, 0, 0])
            g = groups.setdefault(group(comm), [0, 0, 0])
            g[0] += run - b[1]
            g[1] += wait - b[2]
            g[2] += slices - b[3]
        total = [sum(g[i] for g in groups.values()) for i in range(3)]
        rows = sorted(groups.items(), key=lambda kv: -kv[1][0])
        for label, (run, wait, slices) in [(f"{name} (all)", total)] + [(f"  {k}", v) for k, v in rows[:8]]:
            ratio = wait / run if run else 0.0
            print(f"  {label[:44]:44s} {run / 1e6:9.0f} {wait / 1e6:9.0f} {ratio:8.2f} {slices:8d}")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "snap":
        snap(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "diff":
        diff(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
