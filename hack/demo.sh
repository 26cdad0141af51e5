#!/usr/bin/env bash
# One-command demo: builds everything, starts a local cluster (a real Kubernetes control plane
# built from Go modules, plus a podman node that runs job Pods) and the operator against it exactly
# as it would run in a cluster, applies examples/, and prints each JobRun's phase, exit code,
# output and log. Everything it started is stopped at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export CONTAINERS_CONF="$root/hack/containers.conf"
HTTP_PORT=18080   # examples/http-check.yaml calls this port
work="$(mktemp -d /tmp/cronium-demo.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  hack/down.sh "$work" 2>/dev/null || true
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

hack/up.sh "$work" >/dev/null
export KUBECONFIG="$work/kubeconfig"
kubectl="$work/bin/kubectl"

step "kubectl version"
"$kubectl" version

step "starting an HTTP endpoint for the HTTP example on 127.0.0.1:$HTTP_PORT"
mkdir -p "$work/www"
echo '{"status": "ok", "service": "demo"}' >"$work/www/health.json"
python3 -m http.server "$HTTP_PORT" --bind 127.0.0.1 --directory "$work/www" >"$work/http.log" 2>&1 &
pids+=($!)

step "kubectl apply -f examples/"
"$kubectl" apply -f examples/

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
# The log API answers once the API server has found the operator serving it.
"$kubectl" wait --for=condition=Available apiservice/v1alpha1.logs.cronium.io --timeout=60s >/dev/null
failed=0
for run in $runs; do
  step "JobRun $run"
  "$kubectl" get jobrun "$run" -o jsonpath='phase:    {.status.phase}{"\n"}exit code: {.status.exitCode}{"\n"}output:   {.status.output}{"\n"}reason:   {.status.reason}{"\n"}'
  echo "log (kubectl get --raw /apis/logs.cronium.io/v1alpha1/namespaces/default/jobruns/$run/log):"
  "$kubectl" get --raw "/apis/logs.cronium.io/v1alpha1/namespaces/default/jobruns/$run/log" | sed 's/^/  | /' || true
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

hack/build-plugin.sh >/dev/null   # hack/up.sh built the operator it packs
export PATH="$root/target/plugin:$PATH"
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
