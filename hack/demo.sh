#!/usr/bin/env bash
# One-command demo: builds everything, starts a local cluster (fabric8 mock API server plus a
# podman "node" that runs job Pods), starts the operator against it exactly as it runs in a
# cluster, applies examples/, and prints each JobRun's phase, exit code, output and log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CONTAINERS_CONF="$root/hack/containers.conf"
API_PORT="${API_PORT:-18443}"
HTTP_PORT=18080   # examples/http-check.yaml calls this port
work="$(mktemp -d /tmp/cronium-demo.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  podman pod ls -q --filter label=app.kubernetes.io/managed-by=cronium-operator 2>/dev/null \
    | xargs -r podman pod rm -f >/dev/null 2>&1 || true
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
wait_for_line() { # file pattern seconds
  for _ in $(seq 1 "$(( $3 * 5 ))"); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "timed out waiting for '$2' in $1:" >&2; tail -20 "$1" >&2; return 1
}

step "installing tools (podman, runc, mmdebstrap, kubectl)"
hack/install-deps.sh
hack/install-kube-tools.sh
kubectl="$root/.build/bin/kubectl"

step "building the runtime-api image (the base image is built once and cached)"
make -s image

step "building the operator and the local cluster"
make -s build

step "starting the local cluster on 127.0.0.1:$API_PORT"
java -cp "local-cluster/target/cronium-local-cluster-0.1.0.jar:local-cluster/target/lib/*" \
  io.cronium.localcluster.LocalClusterMain \
  --port "$API_PORT" --crds crds --kubeconfig "$work/kubeconfig" --node >"$work/cluster.log" 2>&1 &
pids+=($!)
wait_for_line "$work/cluster.log" "local cluster ready" 60
export KUBECONFIG="$work/kubeconfig"

step "starting an HTTP endpoint for the HTTP example on 127.0.0.1:$HTTP_PORT"
mkdir -p "$work/www"
echo '{"status": "ok", "service": "demo"}' >"$work/www/health.json"
python3 -m http.server "$HTTP_PORT" --bind 127.0.0.1 --directory "$work/www" >"$work/http.log" 2>&1 &
pids+=($!)

step "starting the operator"
java -jar target/quarkus-app/quarkus-run.jar >"$work/operator.log" 2>&1 &
pids+=($!)
wait_for_line "$work/operator.log" "Operator started\|started in" 60

step "kubectl apply -f examples/"
"$kubectl" apply --validate=false -f examples/

step "waiting for the runs to finish"
# The runs examples/ declares (scheduled runs of heartbeat come and go on their own).
runs=$(grep -h -A2 '^kind: JobRun' examples/*.yaml | sed -n 's/^  name: //p')
for _ in $(seq 1 120); do
  pending=0
  for run in $runs; do
    case "$("$kubectl" get jobrun "$run" -o jsonpath='{.status.phase}' 2>/dev/null)" in
      Succeeded|Failed|TimedOut) ;;
      *) pending=1 ;;
    esac
  done
  [ "$pending" -eq 0 ] && break
  sleep 1
done

"$kubectl" get events.cronium.io
"$kubectl" get jobruns.cronium.io
failed=0
for run in $runs; do
  step "JobRun $run"
  "$kubectl" get jobrun "$run" -o jsonpath='phase:    {.status.phase}{"\n"}exit code: {.status.exitCode}{"\n"}output:   {.status.output}{"\n"}reason:   {.status.reason}{"\n"}'
  echo "log (kubectl logs $run):"
  "$kubectl" logs "$run" 2>/dev/null | sed 's/^/  | /' || true
  [ "$("$kubectl" get jobrun "$run" -o jsonpath='{.status.phase}')" = Succeeded ] || failed=1
done
step "the scheduler: heartbeat runs every 15 s (examples/heartbeat.yaml)"
for _ in $(seq 1 45); do
  [ -n "$("$kubectl" get jobruns.cronium.io -l cronium.io/event=heartbeat \
    -o jsonpath='{.items[?(@.status.phase=="Succeeded")].metadata.name}')" ] && break
  sleep 1
done
"$kubectl" get jobruns.cronium.io -l cronium.io/event=heartbeat
"$kubectl" get events.cronium.io heartbeat \
  -o jsonpath='lastScheduleTime: {.status.lastScheduleTime}{"\n"}nextScheduleTime: {.status.nextScheduleTime}{"\n"}'
[ -n "$("$kubectl" get jobruns.cronium.io -l cronium.io/event=heartbeat \
  -o jsonpath='{.items[?(@.status.phase=="Succeeded")].metadata.name}')" ] || failed=1

export PATH="$root/bin:$PATH"
step "kubectl cronium schedule --cron '0 9 * * MON-FRI' --time-zone Europe/Berlin --count 3"
"$kubectl" cronium schedule --cron '0 9 * * MON-FRI' --time-zone Europe/Berlin --count 3

step "kubectl cronium run hello-bash"
manual=$("$kubectl" cronium run hello-bash)
echo "created $manual"
for _ in $(seq 1 60); do
  [ "$("$kubectl" get jobrun "$manual" -o jsonpath='{.status.phase}')" = Succeeded ] && break
  sleep 1
done
"$kubectl" get jobrun "$manual" -o jsonpath='phase: {.status.phase}{"\n"}'
[ "$("$kubectl" get jobrun "$manual" -o jsonpath='{.status.phase}')" = Succeeded ] || failed=1

if [ "$failed" -ne 0 ]; then
  echo "some runs did not succeed; logs are in $work" >&2
  exit 1
fi
printf '\nAll example runs succeeded. Logs of this demo: %s\n' "$work"
