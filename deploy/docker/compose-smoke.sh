#!/usr/bin/env bash
# Smoke test of the compose stack (deploy/docker-compose.yml): builds the images when their inputs
# changed, brings the stack up under a project name of its own, drops examples/benchmarks into the
# watched folder, and checks, timing each step:
#   1. every service's /health answers 200 (ingest, aggregate, analyze, report, registry), the
#      simulated worker answers, Prometheus is ready;
#   2. the reports appear: every model the aggregate's query API knows has a latest.json with the same
#      runs and failed runs and a narrative from the worker (status OK);
#   3. Prometheus scraped every target and a pipeline metric: its chimera_ingest_files_total equals
#      what ingest's own /metrics says, and is above zero.
# Then it tears the stack down with its volumes, also when a check fails or it is interrupted (trap),
# printing the end of each container's log first on failure. Exit status 0 only when every check passed.
#
#   deploy/docker/compose-smoke.sh
#
# Needs a Docker daemon at DOCKER_HOST or the default socket (deploy/docker/dockerd.sh start) and a
# Compose: `docker compose` (v2) when the CLI has it, else `docker-compose`; when neither exists and
# this runs as root, Debian's docker-compose (1.29) is installed. The stack uses fixed 127.0.0.1 ports
# (listed in the compose file); they must be free.
#
# Environment: CHIMERA_SMOKE_PROJECT (compose project name, default chimera-smoke),
# CHIMERA_COMPOSE (the compose command, e.g. "docker-compose", to pick one),
# CHIMERA_SMOKE_TIMEOUT (seconds each waiting step may take, default 240).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
compose_file=$root/deploy/docker-compose.yml
project=${CHIMERA_SMOKE_PROJECT:-chimera-smoke}
timeout=${CHIMERA_SMOKE_TIMEOUT:-240}

# The fixed ports of the compose file: /health of each service, and the others that must be free.
declare -A HEALTH_PORTS=([ingest]=18081 [aggregate]=18082 [analyze]=18083 [report]=18084 [registry]=18087)
QUERY_PORT=18085
WORKER_PORT=18088
PROMETHEUS=http://127.0.0.1:19090
STACK_PORTS=(19092 19093 19192 19193 19292 19293 18081 18082 18083 18084 18085 18086 18087 18088 19090)

started_at=$SECONDS
step_started=$SECONDS
failed_step=""
work=""

say() { printf '%s\n' "$*"; }
fail() { say "FAIL  ${failed_step:-smoke}: $*" >&2; exit 1; }
step() { failed_step=$1; step_started=$SECONDS; say "----  $1"; }
done_step() { say "ok    $failed_step ($((SECONDS - step_started)) s)${1:+: $1}"; }

compose() { $COMPOSE -p "$project" -f "$compose_file" "$@"; }

teardown() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n ${COMPOSE:-} ]]; then
    if (( status != 0 )) && [[ -n $(compose ps -q 2>/dev/null) ]]; then
      say "---- the end of each container's log (the stack failed: ${failed_step:-?})" >&2
      compose logs --no-color --tail=30 registry worker ingest aggregate analyze report prometheus >&2 2>&1 || true
      compose logs --no-color --tail=5 kafka-1 kafka-2 kafka-3 >&2 2>&1 || true
    fi
    local down_started=$SECONDS
    compose down --volumes --remove-orphans --timeout 45 >/dev/null 2>&1 \
      || say "WARN  compose down failed; remove the project's containers with: $COMPOSE -p $project -f $compose_file down -v" >&2
    say "----  stack removed with its volumes ($((SECONDS - down_started)) s)"
  fi
  [[ -n $work ]] && rm -rf "$work"
  if (( status == 0 )); then
    say "PASS  compose smoke in $((SECONDS - started_at)) s"
  else
    say "FAIL  compose smoke after $((SECONDS - started_at)) s (exit $status)" >&2
  fi
  exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT TERM

# wait_until DESCRIPTION COMMAND...: retries COMMAND every 2 s until it succeeds or the step's time is up.
# A COMMAND may leave why it is not there yet in $work/why; the failure message quotes the last one.
wait_until() {
  local what=$1; shift
  local deadline=$((SECONDS + timeout))
  rm -f "$work/why"
  until "$@"; do
    if (( SECONDS >= deadline )); then
      local why=""
      [[ -s $work/why ]] && why=" (last: $(tr '\n' ' ' < "$work/why"))"
      fail "$what: not within $timeout s$why"
    fi
    sleep 2
  done
}

http_status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
answers_200() { [[ $(http_status "$1") == 200 ]]; }
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

step "docker and compose"
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || fail "no Docker daemon answers at ${DOCKER_HOST:-the default socket} (deploy/docker/dockerd.sh start, then export the DOCKER_HOST it prints)"
if [[ -n ${CHIMERA_COMPOSE:-} ]]; then
  COMPOSE=$CHIMERA_COMPOSE
elif docker compose version >/dev/null 2>&1; then
  COMPOSE="docker compose"
elif command -v docker-compose >/dev/null; then
  COMPOSE=docker-compose
elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  say "installing Debian's docker-compose ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
  COMPOSE=docker-compose
else
  fail "no compose: install Docker Compose v2 (docker compose) or docker-compose"
fi
compose_version=$($COMPOSE version --short 2>/dev/null || $COMPOSE version | head -n1)
# The file must be valid for this compose before anything starts.
compose config --quiet || fail "$COMPOSE rejects $compose_file"
done_step "$COMPOSE $compose_version, project $project"

step "images"
"$here/build-images.sh" 2>&1 | sed 's/^/      /' || fail "build-images.sh failed"
done_step

step "ports free"
# A leftover stack of this project would hold them: remove it first (only this project's containers).
compose down --volumes --remove-orphans --timeout 45 >/dev/null 2>&1 || true
for port in "${STACK_PORTS[@]}"; do
  port_taken "$port" && fail "127.0.0.1:$port is taken; the stack needs ${STACK_PORTS[*]}"
done
done_step "${#STACK_PORTS[@]} ports"

# Folders the stack mounts: the watched one (read by uid 10001) and the reports one (written by it).
work=$(mktemp -d -t chimera-compose-smoke.XXXXXX)
chmod 755 "$work"
mkdir -p "$work/benchmarks" "$work/reports"
chmod 755 "$work/benchmarks"
if [[ $(id -u) == 0 ]]; then
  chown 10001:10001 "$work/reports"
  export CHIMERA_UID=10001 CHIMERA_GID=10001
else
  export CHIMERA_UID=$(id -u) CHIMERA_GID=$(id -g)
fi
export CHIMERA_HOST_BENCHMARKS_DIR=$work/benchmarks CHIMERA_HOST_REPORTS_DIR=$work/reports

step "compose up"
compose up -d 2>&1 | sed 's/^/      /' || fail "$COMPOSE up failed"
done_step "$(compose ps -q | wc -l) containers"

step "health"
for service in ingest aggregate analyze report registry; do
  port=${HEALTH_PORTS[$service]}
  wait_until "$service /health on 127.0.0.1:$port" answers_200 "http://127.0.0.1:$port/health"
  say "      $service: GET http://127.0.0.1:$port/health -> 200 ($((SECONDS - step_started)) s)"
done
wait_until "simulated worker on 127.0.0.1:$WORKER_PORT" answers_200 "http://127.0.0.1:$WORKER_PORT/api/version"
wait_until "Prometheus ready" answers_200 "$PROMETHEUS/-/ready"
done_step "5 services, worker and Prometheus answer"

step "drop examples/benchmarks in"
cp -R "$root/examples/benchmarks/." "$work/benchmarks/"
chmod -R a+rX "$work/benchmarks"
files=$(find "$work/benchmarks" -type f | wc -l)
done_step "$files files"

# Reports agree with the aggregate: every model it holds has a latest.json with its runs and failed
# runs and a narrative (status OK); checked twice in a row, 2 s apart, so a report still on its way
# does not pass as the last one.
reports_match_aggregate() {
  python3 - "$work/reports" "http://127.0.0.1:$QUERY_PORT/models" <<'PY'
import json, os, sys, urllib.request
reports, url = sys.argv[1], sys.argv[2]
try:
    models = json.load(urllib.request.urlopen(url, timeout=5))["models"]
except Exception as e:
    print(f"aggregate query API: {e}", file=sys.stderr); sys.exit(1)
# A model whose records carried no run (only summary rows) gets no report.
models = [m for m in models if m["runs"] > 0]
if not models:
    print("the aggregate holds no model with runs yet", file=sys.stderr); sys.exit(1)
# Report folders are named by a slug of the model; the model itself is in latest.json.
latest = {}
for folder in os.listdir(reports):
    path = os.path.join(reports, folder, "latest.json")
    try:
        report = json.load(open(path))
        latest[report["model"]] = report
    except (OSError, ValueError, KeyError):
        pass
pending = []
for m in models:
    report = latest.get(m["model"])
    if report is None:
        pending.append(f"{m['model']}: no report yet"); continue
    if (report.get("runs"), report.get("failedRuns")) != (m["runs"], m["failedRuns"]) or report.get("status") != "OK":
        pending.append(f"{m['model']}: report {report.get('runs')} runs/{report.get('failedRuns')} failed/{report.get('status')}, "
                       f"aggregate {m['runs']}/{m['failedRuns']}")
if pending:
    print("; ".join(pending), file=sys.stderr); sys.exit(1)
print(f"      {len(models)} models, " + ", ".join(f"{m['model']} {m['runs']} runs" for m in models))
PY
}
# The last reason it did not match is kept for the failure message.
stable_reports() {
  reports_match_aggregate >/dev/null 2>"$work/why" && sleep 2 && reports_match_aggregate 2>"$work/why"
}

step "reports"
wait_until "every model's report with the aggregate's runs and a narrative" stable_reports
[[ -f $work/reports/index.md ]] || fail "no index.md in the reports folder"
done_step "$(find "$work/reports" -name latest.json | wc -l) latest.json, index.md"

# sum(chimera_ingest_files_total) as Prometheus has it, and as ingest serves it now.
prometheus_files() {
  curl -fsS --max-time 5 "$PROMETHEUS/api/v1/query" --data-urlencode 'query=sum(chimera_ingest_files_total)' \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(int(float(r[0]["value"][1])) if r else "")'
}
ingest_files() {
  curl -fsS --max-time 5 "http://127.0.0.1:${HEALTH_PORTS[ingest]}/metrics" \
    | awk '/^chimera_ingest_files_total[{ ]/ { sum += $NF } END { print int(sum) }'
}
scraped_files_match() {
  local scraped live
  scraped=$(prometheus_files) || return 1
  live=$(ingest_files) || return 1
  [[ -n $scraped && $scraped == "$live" && $live -gt 0 ]] || return 1
  say "      sum(chimera_ingest_files_total): Prometheus $scraped, ingest's /metrics $live"
}
targets_up() {
  curl -fsS --max-time 5 "$PROMETHEUS/api/v1/targets?state=active" | python3 -c '
import json, sys
targets = json.load(sys.stdin)["data"]["activeTargets"]
down = [t["scrapeUrl"] + " " + t["health"] + " " + t.get("lastError", "") for t in targets if t["health"] != "up"]
if down or len(targets) < 6:
    sys.exit(1)
print("      %d targets up: %s" % (len(targets), ", ".join(t["labels"].get("component", t["labels"]["job"]) for t in targets)))'
}

step "prometheus"
wait_until "Prometheus scraping every target (6) with health up" targets_up
wait_until "Prometheus' chimera_ingest_files_total equal to ingest's own" scraped_files_match
done_step

failed_step=""
