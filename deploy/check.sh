#!/usr/bin/env bash
# Static checks of the deployment files, for machines without Docker or a Kubernetes cluster
# (this one and CI): every YAML and JSON file parses, and every metric the Grafana dashboard
# queries is listed in METRICS.md. It does not start anything; see README.md for what it misses.
# Needs python3 with PyYAML (apt-get install python3-yaml).
set -euo pipefail
cd "$(dirname "$0")"

python3 - <<'PY'
import glob, json, re, sys
import yaml

failures = 0
yaml_files = ["docker-compose.yml", "prometheus/prometheus.yml"] + sorted(
    glob.glob("grafana/provisioning/*/*.yml") + glob.glob("k8s/*.yaml"))
for path in yaml_files:
    try:
        docs = [d for d in yaml.safe_load_all(open(path)) if d is not None]
        print(f"ok    {path} ({len(docs)} document{'s' if len(docs) != 1 else ''})")
    except yaml.YAMLError as e:
        failures += 1
        print(f"FAIL  {path}: {e}")

dashboards = sorted(glob.glob("grafana/dashboards/*.json"))
contract = open("METRICS.md").read()
for path in dashboards:
    try:
        board = json.load(open(path))
    except json.JSONDecodeError as e:
        failures += 1
        print(f"FAIL  {path}: {e}")
        continue
    exprs = [t["expr"] for p in board["panels"] for t in p.get("targets", [])]
    # Metric names: identifiers left once grouping clauses, Grafana variables, label matchers,
    # function calls and numbers are removed; histogram suffixes map back to the base name.
    text = " ".join(exprs)
    text = re.sub(r"\b(by|without)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\$\w+|\{[^}]*\}|\b[a-z_]+\s*\(", " ", text)
    words = set(re.findall(r"\b[a-z_][a-z0-9_]*\b", text))
    metrics = {re.sub(r"_(bucket|sum|count)$", "", w) for w in words}
    missing = sorted(m for m in metrics if f"`{m}`" not in contract)
    if missing:
        failures += 1
        print(f"FAIL  {path}: metrics not in METRICS.md: {', '.join(missing)}")
    else:
        print(f"ok    {path} ({len(exprs)} queries over {len(metrics)} metrics, all in METRICS.md)")

sys.exit(1 if failures else 0)
PY
