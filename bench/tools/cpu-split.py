#!/usr/bin/env python3
"""CPU time of one standalone's JVM threads (grouped by name) and of every PostgreSQL process over a
window, with the machine's idle time, from /proc. Linux only.

    bench/tools/cpu-split.py PID SECONDS

PID is the standalone's java process; start it when the phase to look at begins (for a drain: when
the standalone's log shows its first "Stored ... reports"). Used for README "Performance" (B3).
"""
import collections
import glob
import os
import re
import sys
import time

HZ = os.sysconf('SC_CLK_TCK')


def ticks(stat_path):
    text = open(stat_path).read()
    fields = text[text.rindex(')') + 2:].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def snapshot(pid):
    cpu = collections.Counter()
    for task in glob.glob(f'/proc/{pid}/task/*'):
        try:
            name = re.sub(r'\d+', 'N', open(task + '/comm').read().strip())
            cpu['jvm: ' + name] += ticks(task + '/stat')
        except OSError:
            pass  # a thread that ended meanwhile
    for proc in glob.glob('/proc/[0-9]*'):
        try:
            if open(proc + '/comm').read().strip() != 'postgres':
                continue
            title = open(proc + '/cmdline').read().replace('\0', ' ')
            # "postgres: postgres spelling 127.0.0.1(41234) idle" -> a backend; else the server or a helper
            kind = 'backends' if re.search(r'\d+\.\d+\.\d+\.\d+\(\d+\)', title) else re.sub(r'\s+', ' ', title).strip()[:50]
            cpu['pg: ' + kind] += ticks(proc + '/stat')
        except OSError:
            pass
    first = open('/proc/stat').readline().split()
    return cpu, sum(int(x) for x in first[1:8]), int(first[4])


def main():
    pid, seconds = sys.argv[1], float(sys.argv[2])
    before, total0, idle0 = snapshot(pid)
    started = time.time()
    time.sleep(seconds)
    after, total1, idle1 = snapshot(pid)
    window = time.time() - started
    used = {k: (after[k] - before.get(k, 0)) / HZ for k in after}
    jvm = sum(v for k, v in used.items() if k.startswith('jvm: '))
    pg = sum(v for k, v in used.items() if k.startswith('pg: '))
    print(f'window {window:.1f} s on {os.cpu_count()} cores: machine {(total1 - total0) / HZ:.1f} CPU-s, '
          f'idle {(idle1 - idle0) / HZ:.1f} s; JVM {jvm:.1f} s, PostgreSQL {pg:.1f} s')
    for name, value in sorted(used.items(), key=lambda item: -item[1]):
        if value >= 0.2:
            print(f'{value:7.1f} s  {name}')


if __name__ == '__main__':
    main()
