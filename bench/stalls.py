#!/usr/bin/env python3
"""Which slow requests a JVM pause explains: the open-loop driver's latencies lined up with safepoint logs.

  stalls.py LATENCIES FROM_EPOCH_US RATE THRESHOLD_MS NAME=SAFEPOINT_LOG ...

LATENCIES is OpenLoopLoad's file (ns per event, in scheduled order; event k scheduled k / RATE s after
FROM_EPOCH_US, the driver's `events_from_epoch_us`). Each log is a JVM's `-Xlog:safepoint:file=...:timemillis`
(every thread of that JVM stopped from `end - Total` to the logged end). Slow = latency above THRESHOLD_MS; a
burst = slow requests scheduled less than 5 ms apart (one stall delays every request due during it). Prints, per
JVM, its pauses in the measured window (count, total, longest) and the bursts that overlap one of them; then the
bursts no pause explains (CPU contention, Redis, the network stack).
"""
import re
import sys

LINE = re.compile(r"\[(\d+)ms\].*Safepoint \"([^\"]+)\".*Total: (\d+) ns")


def pauses(path):
    out = []
    for line in open(path, errors="replace"):
        m = LINE.search(line)
        if m:
            end_us = int(m.group(1)) * 1000
            total_us = int(m.group(3)) / 1000
            out.append((end_us - total_us, end_us, m.group(2)))
    return out


GC = re.compile(r"\[(\d+)ms\].*Pause Young.* (\d+)M->(\d+)M\((\d+)M\)")


def collections(path, window):
    """Young collections in the window: (memory freed in MB, heap committed in MB) each."""
    out = []
    for line in open(path, errors="replace"):
        m = GC.search(line)
        if m and window[0] <= int(m.group(1)) * 1000 <= window[1]:
            out.append((int(m.group(2)) - int(m.group(3)), int(m.group(4))))
    return out


def main(args):
    lat_file, from_us, rate, threshold_ms = args[0], int(args[1]), float(args[2]), float(args[3])
    logs = [a.split("=", 1) for a in args[4:]]
    lat = [int(v) for v in open(lat_file)]
    window = (from_us, from_us + len(lat) / rate * 1e6)
    slow = []
    for k, ns in enumerate(lat):
        if ns < 0 or ns > threshold_ms * 1e6:
            start = from_us + k / rate * 1e6
            slow.append((start, start + (ns if ns >= 0 else 1e9) / 1e3))
    bursts = []
    for s in slow:
        if bursts and s[0] - bursts[-1][1] < 5000:
            bursts[-1] = [bursts[-1][0], max(bursts[-1][1], s[0]), max(bursts[-1][2], s[1]), bursts[-1][3] + 1]
        else:
            bursts.append([s[0], s[0], s[1], 1])
    print(f"  {len(slow)} of {len(lat)} events above {threshold_ms:g} ms, in {len(bursts)} bursts "
          f"(median {sorted(b[3] for b in bursts)[len(bursts) // 2] if bursts else 0} requests)")
    explained = [False] * len(bursts)
    for name, path in logs:
        ps = [p for p in pauses(path) if p[1] >= window[0] and p[0] <= window[1]]
        long_ones = [p for p in ps if p[1] - p[0] >= 500]
        hit = 0
        for i, b in enumerate(bursts):
            if any(p[0] <= b[2] and p[1] >= b[0] for p in long_ones):
                hit += 1
                explained[i] = True
        total_ms = sum(p[1] - p[0] for p in ps) / 1000
        longest = max((p[1] - p[0] for p in ps), default=0) / 1000
        kinds = {}
        for p in long_ones:
            kinds[p[2]] = kinds.get(p[2], 0) + 1
        print(f"  {name}: {len(ps)} safepoints in the window, {total_ms:.0f} ms in all, longest {longest:.1f} ms; "
              f"{len(long_ones)} of 0.5 ms or more ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
              f"overlap {hit} bursts")
        young = collections(path, window)
        if young:
            freed = sorted(c[0] for c in young)
            print(f"    {len(young)} young collections, median {freed[len(freed) // 2]} MB freed each, "
                  f"heap {min(c[1] for c in young)}-{max(c[1] for c in young)} MB committed")
    print(f"  bursts no pause overlaps: {explained.count(False)} of {len(bursts)}")


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(sys.argv[1:])
