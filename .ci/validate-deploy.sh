#!/usr/bin/env bash
# Validates the deployment files without a Docker engine: the compose file, the Prometheus
# configuration and alert rules (with their promtool tests), the standalone's systemd unit and
# nginx configuration, and (when a test produced one) a scrape
# of the worker's /actuator/prometheus, which LagHealthIntegrationTests writes to report-worker/target/:
# it must parse and hold every worker metric the alerts and the dashboard name.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v docker-compose > /dev/null || need+=(docker-compose)
command -v promtool > /dev/null || need+=(prometheus)
command -v systemd-analyze > /dev/null || need+=(systemd)
command -v nginx > /dev/null || need+=(nginx-light)
command -v openssl > /dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
    echo "== installing ${need[*]}"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" > /dev/null \
        || { $sudo apt-get update -qq > /dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" > /dev/null; }
fi

echo "== docker-compose config"
# an empty env file, so that a developer's own .env does not take part
no_env=$(mktemp)
trap 'rm -rf "$no_env" "${ngx:-}"' EXIT
# the required secrets must be set for the file to resolve; dummies are enough to check it
POSTGRES_PASSWORD=x SPELLING_WORKER_ADMIN_PASSWORD=x SPELLING_WORKER_METRICS_PASSWORD=x GRAFANA_ADMIN_PASSWORD=x \
SPELLING_DIGEST_RECIPIENTS=editors@example.com SPELLING_INTAKE_ALLOWED_ORIGINS=https://news.example.com \
SPELLING_INTAKE_CLIENT_HASH_SALT=x SPELLING_WORKER_LINK_SECRET=x \
    docker-compose --env-file "$no_env" -f docker-compose.yml config > "$no_env.config"
# behind the proxy every reader comes through Docker's gateway: the intake must believe X-Forwarded-For
# from it, or its rate limits count the whole site as one client
grep -q 'SPELLING_INTAKE_TRUSTED_PROXIES: 172.16.0.0/12,192.168.0.0/16,10.0.0.0/8' "$no_env.config" \
    || { echo "docker-compose.yml: the intake trusts no proxy by default" >&2; exit 1; }
rm -f "$no_env.config"
# and without them it must refuse to start, naming what is missing
if env -u POSTGRES_PASSWORD docker-compose --env-file "$no_env" -f docker-compose.yml config -q 2> "$no_env.err"; then
    echo "docker-compose.yml resolves without POSTGRES_PASSWORD: secrets must have no defaults" >&2
    exit 1
fi
grep -q "POSTGRES_PASSWORD" "$no_env.err" \
    || { echo "docker-compose.yml: compose's refusal does not name POSTGRES_PASSWORD" >&2; exit 1; }
rm -f "$no_env.err"
# every variable the file requires is one docs/operations.md names as required and .env.example lists
required=$(grep -o '\${[A-Z_]*:?' docker-compose.yml | tr -d '${:?' | sort -u)
doc=$(sed -n '/^Compose refuses to start while a required secret/,/is missing/p' docs/operations.md)
for var in $required; do
    grep -q "\`$var\`" <<< "$doc" || { echo "docs/operations.md does not name $var among the required secrets" >&2; exit 1; }
    grep -q "^$var=" .env.example || { echo ".env.example does not list $var" >&2; exit 1; }
done

echo "== promtool check config / rules"
promtool check config deploy/prometheus/prometheus.yml
promtool check rules deploy/prometheus/alerts.yml
promtool test rules deploy/prometheus/alerts-tests.yml

echo "== Grafana dashboard is JSON"
python3 -m json.tool deploy/grafana/dashboards/spelling-reports.json > /dev/null

echo "== the standalone's systemd unit (systemd-analyze verify)"
# prints nothing for a sound unit; an unknown key is only a warning there, so any output fails
unit_out=$(systemd-analyze verify deploy/standalone/spelling-reports.service 2>&1) \
    || { echo "$unit_out" >&2; exit 1; }
[ -z "$unit_out" ] || { echo "$unit_out" >&2; exit 1; }
grep -q '^ExecStart=.*-XX:+ExitOnOutOfMemoryError' deploy/standalone/spelling-reports.service \
    || { echo "spelling-reports.service: the JVM must exit when out of memory, for systemd to restart it" >&2; exit 1; }
grep -q '^SPELLING_STANDALONE_POSTGRES_PORT=[0-9]' deploy/standalone/standalone.env \
    || { echo "standalone.env: the README's pg_dump needs a fixed PostgreSQL port" >&2; exit 1; }

echo "== the standalone's nginx configuration (nginx -t, with a throwaway certificate)"
ngx=$(mktemp -d)
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
    -keyout "$ngx/key.pem" -out "$ngx/cert.pem" 2> /dev/null
sed -e "s#/etc/letsencrypt/live/[^/]*/fullchain.pem#$ngx/cert.pem#" \
    -e "s#/etc/letsencrypt/live/[^/]*/privkey.pem#$ngx/key.pem#" \
    -e "s#/etc/nginx/spelling-reports-proxy.conf#$PWD/deploy/standalone/spelling-reports-proxy.conf#" \
    deploy/standalone/nginx.conf > "$ngx/site.conf"
printf 'pid %s/nginx.pid;\nevents {}\nhttp { access_log off; include %s/site.conf; }\n' "$ngx" "$ngx" > "$ngx/nginx.conf"
nginx -t -q -p "$ngx" -e "$ngx/error.log" -c "$ngx/nginx.conf"

sample=report-worker/target/prometheus-sample.txt
if [ -f "$sample" ]; then
    echo "== promtool check metrics ($sample)"
    # a parse error fails; lint hints (help texts, units in third-party names) are only counted
    rc=0
    promtool check metrics < "$sample" > "$no_env.lint" 2>&1 || rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 3 ]; then cat "$no_env.lint" >&2; exit 1; fi
    echo "   parsed; $(grep -c . "$no_env.lint" || true) lint hints (not errors), ours: $(grep -c '^spelling_' "$no_env.lint" || true)"
    rm -f "$no_env.lint"
    echo "== the worker's metrics that alerts and dashboard use are in the scrape"
    python3 - "$sample" <<'PY'
import json, re, sys
scrape = {line.split('{')[0].split(' ')[0] for line in open(sys.argv[1]) if not line.startswith('#')}
exprs = [t['expr'] for p in json.load(open('deploy/grafana/dashboards/spelling-reports.json'))['panels']
         for t in p.get('targets', [])]
exprs += re.findall(r'^\s*expr: (.*)$', open('deploy/prometheus/alerts.yml').read(), re.M)
# the intake's metrics are not in the worker's scrape; up is Prometheus' own
used = {name for expr in exprs for name in re.findall(r'\b((?:spelling|hikaricp)_[a-z_]+)\b', expr)
        if not name.startswith('spelling_intake_')}
missing = sorted(name for name in used if name not in scrape)
if missing:
    sys.exit('not in the worker\'s scrape: ' + ', '.join(missing))
print(f'   {len(used)} metric names, all scraped')
PY
else
    echo "== no $sample (run the worker's tests first); metrics check skipped"
fi
echo "== deploy files valid"
