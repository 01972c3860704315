#!/usr/bin/env bash
# Runs the spelling-reports benchmark suite (issue 7): every stage beside its ceiling, on this machine.
#   bench/run.sh                     full run (about 15 minutes on 2 cores), scaling series included
#   bench/run.sh --quick             smaller run (about 5 minutes), same rows
#   bench/run.sh --step-cap=900      let the B3 series run a size whose drain is projected up to 900 s
#   bench/run.sh --quick --label=x   result file bench/results/<date>-<HHmm>utc-<host>-quick-x.md
# Prints a Markdown table and writes it to bench/results/<date>-<HHmm>utc-<host>.md (UTC). Everything it starts binds
# to 127.0.0.1 and is stopped by PID when the run ends (or is interrupted).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk from Debian"
  apt-get install -y wrk >/dev/null
fi

echo "Building the product and the bench module (./mvnw -B -q -DskipTests package)"
./mvnw -B -q -DskipTests package

CP="bench/target/classes:$(cat bench/target/classpath.txt)"
# 1 GB: GreenMail keeps every mail the drains send (hot-typo alerts: ~16k of them for a 1M backlog)
exec java -Xmx1g -cp "$CP" io.github.spellingreports.bench.Bench \
  --jar=report-standalone/target/standalone/report-standalone.jar --out=bench/results "$@"
