#!/usr/bin/env bash
# A clean start of the operator as the chart runs it (production profile, the Deployment's
# environment) against a local cluster: the probes answer, leadership shows in readiness, and
# every log line is a JSON object with no WARN or ERROR (make operator-start-check). The metric
# values themselves are tested in the API tier (OperatorObservabilityTest).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
work="$(mktemp -d /tmp/operator-start.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # seconds command...
  local seconds="$1"; shift
  for _ in $(seq 1 "$((seconds * 5))"); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  return 1
}

CRONIUM_K8S_BIN="$(hack/k8s/build.sh)" \
java -cp "local-cluster/target/cronium-local-cluster-0.1.0.jar:local-cluster/target/lib/*" \
  io.cronium.localcluster.LocalClusterMain --crds crds \
  --kubeconfig "$work/kubeconfig" >"$work/cluster.log" 2>&1 &
pids+=($!)
wait_for 120 grep -q "local cluster ready" "$work/cluster.log" || { cat "$work/cluster.log" >&2; exit 1; }

http_port="$(free_port)"
# The Deployment's environment (helm/cronium-operator/templates/deployment.yaml, default values).
KUBECONFIG="$work/kubeconfig" QUARKUS_HTTP_PORT="$http_port" \
  CRONIUM_RUNTIME_IMAGE=cronium/runtime-api:0.1.0 CRONIUM_RUNTIME_IMAGE_PULL_POLICY=IfNotPresent \
  CRONIUM_JOB_TIMEOUT_GRACE=15s CRONIUM_JOB_LOG_TAIL_BYTES=65536 \
  POD_NAME=cronium-operator-0 POD_NAMESPACE=default CRONIUM_LEADER_ELECTION_LEASE_NAME=cronium-operator \
  CRONIUM_LEADER_ELECTION_LEASE_NAMESPACE=default CRONIUM_LEADER_ELECTION_IDENTITY=cronium-operator-0 \
  QUARKUS_LOG_CONSOLE_JSON_ENABLED=true QUARKUS_LOG_LEVEL=INFO \
  java -jar target/quarkus-app/quarkus-run.jar >"$work/operator.log" 2>&1 &
pids+=($!)

status=0
if wait_for 60 curl -sf "http://127.0.0.1:$http_port/q/health/ready"; then
  ready="$(curl -s "http://127.0.0.1:$http_port/q/health/ready")"
  echo "ready: $(tr -d '\n ' <<<"$ready")"
  grep -q '"leader": *true' <<<"$ready" || { echo "FAIL readiness does not report leadership" >&2; status=1; }
  curl -sf "http://127.0.0.1:$http_port/q/health/live" >/dev/null || { echo "FAIL liveness" >&2; status=1; }
  curl -sf -o /dev/null "http://127.0.0.1:$http_port/q/metrics" || { echo "FAIL metrics endpoint" >&2; status=1; }
else
  echo "FAIL the operator did not become ready" >&2; status=1
fi
sleep 2
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
  let bad = 0;
  for (const line of lines) {
    let entry;
    try { entry = JSON.parse(line); } catch { console.error("not JSON: " + line); bad++; continue; }
    if (["WARN", "WARNING", "ERROR", "SEVERE"].includes(entry.level)) { console.error(entry.level + ": " + entry.message); bad++; }
  }
  console.log(lines.length + " log lines, all JSON, " + bad + " problems");
  process.exit(bad ? 1 : 0);
' "$work/operator.log" || status=1
[ "$status" -eq 0 ] && echo "operator-start-check: clean start" || { echo "operator log:" >&2; head -40 "$work/operator.log" >&2; }
exit "$status"
