#!/usr/bin/env bash
# Bytes the standalone's JVM allocates per report the intake accepts (intake, producer and broker;
# the worker does not consume meanwhile), over a fixed wrk run after a minute of warm-up, read from
# Micrometer's jvm_gc_memory_allocated_bytes_total after forced full collections on either side.
#
#     bench/tools/alloc-per-report.sh LABEL
#
# Builds nothing: runs report-standalone/target/standalone as packaged, on the standalone's default
# ports (8080, 8081, 9092: nothing else may use them) and a fresh data directory it removes after.
# Used for README "Performance" (the intake's body read, 2026-12-04).
set -euo pipefail
label=${1:?label}
cd "$(dirname "$0")/../.."
data=$(mktemp -d /tmp/spelling-bench-alloc-XXXXXX)
log="$data.log"
(setsid nohup java -Xmx512m -XX:+UseSerialGC -jar report-standalone/target/standalone/report-standalone.jar \
    --spelling.standalone.data-dir="$data" --spelling.intake.rate-limit.enabled=false \
    --spring.kafka.listener.auto-startup=false > "$log" 2>&1 &)
for _ in $(seq 120); do grep -q "is up" "$log" && break; sleep 1; done
pid=$(pgrep -f "data-dir=$data")
password=$(cat "$data/admin-password")
scrape() {
    jcmd "$pid" GC.run > /dev/null; sleep 1; jcmd "$pid" GC.run > /dev/null
    allocated=$(curl -s -u "admin:$password" http://127.0.0.1:8081/actuator/prometheus \
        | awk '/^jvm_gc_memory_allocated_bytes_total/ {print $2}')
    accepted=$(curl -s http://127.0.0.1:8080/actuator/prometheus \
        | awk '/^spelling_intake_reports_total\{.*outcome="accepted"/ {print $2}')
    echo "$allocated $accepted"
}
wrk -t2 -c16 -d60s -s bench/wrk/report.lua http://127.0.0.1:8080/api/v1/reports -- http://localhost:8080 > /dev/null
read -r a0 r0 < <(scrape)
wrk -t2 -c16 -d30s -s bench/wrk/report.lua http://127.0.0.1:8080/api/v1/reports -- http://localhost:8080 \
    | grep -E "Requests/sec|Non-2xx" || true
read -r a1 r1 < <(scrape)
python3 -c "print('$label: %d reports accepted, %.0f MB allocated, %.1f KB per report' % ($r1 - $r0, ($a1 - $a0) / 1e6, ($a1 - $a0) / ($r1 - $r0) / 1e3))"
kill "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 1; done
rm -rf "$data" "$log"
