#!/usr/bin/env python3
"""Server time of the worker's statements, by kind, from a PostgreSQL log written with
log_min_duration_statement = 0 (every parse, bind and execute with its duration). Start the bench's
standalones with it, without the parameters' values:

    bench/run.sh --only=B3 --drain-sizes=1000000 --label=pg-statements \\
      --standalone-jvm="-Xmx512m -XX:+UseSerialGC -Dspelling.standalone.postgres.log-min-duration-statement=0 \\
                        -Dspelling.standalone.postgres.log-parameter-max-length=0"
    bench/tools/pg-statements.py /tmp/spelling-bench-*/data-b3/postgres.log 08:20:40 08:21:55

The times (HH:MM:SS, the log's clock, UTC) bound the phase to look at: for a drain, the standalone's
first and last "Stored ... reports" lines. Logging every statement slows the run; its rates do not
count. Used for README "Performance" (B3).
"""
import collections
import re
import sys

ENTRY = re.compile(r'^\d{4}-\d\d-\d\d (\d\d:\d\d:\d\d)\.\d+ UTC \[\d+\] \w+:\s+(.*)$')
DURATION = re.compile(r'duration: ([\d.]+) ms\s+(parse|bind|execute|statement)[^:]*:\s*(.*)')

# what identifies each of the worker's statements (lower case, white space collapsed)
KINDS = [
    ('select dedup_key, id, error_id from error_variant', 'store: variants of the poll\'s dedup keys'),
    ('insert into report (report_id', 'store: insert the reports'),
    ('with locked as ( select id, status, shown_variant_id', 'store: count into variants and errors'),
    ('select e.page_url, v.error_id', 'store: place new variants (candidates on their pages)'),
    ('insert into spelling_error', 'store: place new variants (new errors)'),
    ('insert into error_variant', 'store: place new variants (new variants)'),
    ('distinct on (error_id)', 'store: most reported variant shown'),
    ('pg_advisory_xact_lock', 'store: page locks for placing'),
    ('join report r on r.error_id = n.id', 'alerts: reports in the window'),
    ('hot_alerted_at = now()', 'alerts: claim'),
    ('insert into hot_alert', 'alerts: record'),
    ('update hot_alert', 'alerts: send state'),
    ('select id from hot_alert', 'alerts: due'),
    ('insert into bench_', 'bench: JDBC ceiling'),
    ('commit', 'commit'),
    ('begin', 'begin'),
]


def kind(sql):
    text = re.sub(r'\s+', ' ', sql).lower()
    for marker, name in KINDS:
        if marker in text:
            return name
    return text[:80]


def main():
    path, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
    total, count = collections.Counter(), collections.Counter()
    entries, current = [], None
    for line in open(path, errors='replace'):
        match = ENTRY.match(line)
        if match:
            current = [match.group(1), match.group(2)]
            entries.append(current)
        elif current is not None:
            current[1] += ' ' + line.strip()  # a statement's further lines
    for at, message in entries:
        match = DURATION.match(message)
        if not match or not start <= at <= end:
            continue
        name = kind(match.group(3))
        if match.group(2) in ('parse', 'bind'):
            name = '(parse, bind) ' + name
        total[name] += float(match.group(1))
        count[name] += 1
    everything = sum(total.values())
    print(f'{everything / 1000:.1f} s of statement time between {start} and {end}')
    for name, ms in total.most_common(25):
        print(f'{ms / 1000:7.2f} s {100 * ms / everything:5.1f}%  n={count[name]:6d}  avg {ms / count[name]:7.2f} ms  {name}')


if __name__ == '__main__':
    main()
