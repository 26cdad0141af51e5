#!/usr/bin/env bash
# Starts a local cluster and leaves it running: a real Kubernetes control plane (etcd,
# kube-apiserver, controller manager, scheduler, built from Go modules on first use), the podman
# node that runs job Pods, the CRDs, and the operator. Prints the line that points kubectl at it.
#   hack/up.sh [STATE_DIR]     (default .build/up; hack/down.sh STATE_DIR stops it)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
state="$(mkdir -p "${1:-$root/.build/up}" && cd "${1:-$root/.build/up}" && pwd)"
export CONTAINERS_CONF="$root/hack/containers.conf"

step() { printf '\n== %s\n' "$*" >&2; }
wait_for_line() { # file pattern seconds
  for _ in $(seq 1 "$(( $3 * 5 ))"); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "timed out waiting for '$2' in $1:" >&2; tail -20 "$1" >&2; return 1
}
running() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

if running cluster && running operator; then
  echo "already up (hack/down.sh $state stops it)" >&2
  echo "export KUBECONFIG=$state/kubeconfig"
  exit 0
fi

step "installing tools (podman, runc, mmdebstrap, kubectl, helm)"
hack/install-deps.sh
hack/install-kube-tools.sh

step "building the control plane from Go modules (the first time only)"
bin="$(hack/k8s/build.sh)"
ln -sfn "$bin" "$state/bin"

# CRONIUM_BUILT=1: the caller has just run make image and make build (make test-ui does).
if [ "${CRONIUM_BUILT:-}" != 1 ]; then
  step "building the runtime-api image (the base image is built once and cached)"
  make -s image

  step "building the operator and the local cluster"
  make -s build
fi

step "starting the control plane and the podman node"
CRONIUM_K8S_BIN="$bin" setsid java -cp "local-cluster/target/cronium-local-cluster-0.1.0.jar:local-cluster/target/lib/*" \
  io.cronium.localcluster.LocalClusterMain \
  --crds crds --kubeconfig "$state/kubeconfig" --node --state-dir "$state/node" \
  --log-api-env "$state/log-api.env" >"$state/cluster.log" 2>&1 &
echo $! >"$state/cluster.pid"
wait_for_line "$state/cluster.log" "local cluster ready" 180

step "starting the operator"
# Where it serves the log API logs.cronium.io, which the cluster now proxies to it (docs/logs.md).
# shellcheck source=/dev/null
. "$state/log-api.env"
KUBECONFIG="$state/kubeconfig" setsid java -jar target/quarkus-app/quarkus-run.jar >"$state/operator.log" 2>&1 &
echo $! >"$state/operator.pid"
wait_for_line "$state/operator.log" "Operator started\|started in" 60

printf '\nUp: control plane, podman node and operator (logs in %s; hack/down.sh stops them).\n' "$state" >&2
echo "export KUBECONFIG=$state/kubeconfig"
