#!/usr/bin/env bash
# make test-ui: the web console in Debian's Chromium, driven by playwright-core (console/e2e/),
# against a local cluster with the real operator and the podman node (hack/up.sh), the demo's
# Events (examples/) and the console of the packaged plugin (make plugin), which the tests start
# themselves: with the admin's kubeconfig, and with a user bound only to `view` in another
# namespace. The tests write the screenshots docs/console.md shows (docs/images/console-*.png).
#   hack/test-ui.sh          the browser tests (make test-ui)
#   hack/test-ui.sh bench    instead, 50 open run pages: numbers in target/bench/console.txt
#                            (make bench-console, console/e2e/bench.mjs)
# The cluster runs in .build/test-ui and is stopped at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
state="$(mkdir -p "$root/.build/test-ui" && cd "$root/.build/test-ui" && pwd)"
export CONTAINERS_CONF="$root/hack/containers.conf"
[ -x target/plugin/kubectl-cronium ] || { echo "no target/plugin/kubectl-cronium: run 'make plugin' first" >&2; exit 1; }

hack/install-deps.sh
trap '"$root/hack/down.sh" "$state" >/dev/null 2>&1 || true' EXIT
CRONIUM_BUILT=1 hack/up.sh "$state" >/dev/null
export KUBECONFIG="$state/kubeconfig"
kubectl="$state/bin/kubectl"

"$kubectl" apply -f examples/ -f console/e2e/fixtures.yaml >/dev/null
"$kubectl" wait --for=condition=Available apiservice/v1alpha1.logs.cronium.io --timeout=60s >/dev/null

# The viewer's kubeconfig: a ServiceAccount token, with no other way in.
viewer="$state/viewer.kubeconfig"
server=$("$kubectl" config view --minify --raw -o jsonpath='{.clusters[0].cluster.server}')
ca=$("$kubectl" config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')
token=$("$kubectl" create token viewer -n cronium-ui-other --duration=1h)
(umask 077 && cat >"$viewer" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters: [{name: local, cluster: {server: "$server", certificate-authority-data: "$ca"}}]
users: [{name: viewer, user: {token: "$token"}}]
contexts: [{name: viewer, context: {cluster: local, user: viewer, namespace: cronium-ui-other}}]
current-context: viewer
KUBECONFIG
)

export KUBECTL="$kubectl" PLUGIN_DIR="$root/target/plugin"
cd console
if [ "${1:-}" = bench ]; then
  mkdir -p "$root/target/bench"
  # The API server is the cluster process's child.
  OPERATOR_PID="$(cat "$state/operator.pid")" \
    APISERVER_PID="$(ps -o pid= -o comm= --ppid "$(cat "$state/cluster.pid")" | awk '$2 == "kube-apiserver" {print $1}')" \
    node e2e/bench.mjs | tee "$root/target/bench/console.txt"
else
  VIEWER_KUBECONFIG="$viewer" SCREENSHOTS="$root/docs/images" npm run -s test:ui
fi
