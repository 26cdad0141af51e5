#!/usr/bin/env bash
# Checks that kubectl finds and runs the plugin from bin/ (as a user with bin/ on PATH would).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/hack/install-kube-tools.sh"
export PATH="$root/bin:$root/.build/bin:$PATH"
plugins=$(kubectl plugin list 2>/dev/null || true)
[[ "$plugins" == *bin/kubectl-cronium* ]] \
  || { echo "kubectl plugin list does not show bin/kubectl-cronium" >&2; exit 1; }
got=$(kubectl cronium schedule --cron '0 9 * * MON-FRI' --time-zone Europe/Berlin \
  --from 2026-03-27T00:00:00Z --count 3)
# 2026-03-29 is the Sunday Berlin moves to CEST: 09:00 is 08:00Z before, 07:00Z after.
want=$'2026-03-27T08:00:00Z\n2026-03-30T07:00:00Z\n2026-03-31T07:00:00Z'
[ "$got" = "$want" ] || { printf 'kubectl cronium schedule printed:\n%s\nexpected:\n%s\n' "$got" "$want" >&2; exit 1; }
if kubectl cronium schedule --cron '0 0 30 2 *' 2>/dev/null; then
  echo "an unsatisfiable schedule must exit non-zero" >&2; exit 1
fi
help=$(kubectl cronium logs --help)
[[ "$help" == *--follow* ]] || { printf 'kubectl cronium logs --help printed:\n%s\n' "$help" >&2; exit 1; }
# A command that talks to the API loads fabric8 and JBoss logging: its only output must be ours.
unreachable="$(mktemp)"
trap 'rm -f "$unreachable"' EXIT
cat >"$unreachable" <<'KUBECONFIG'
apiVersion: v1
kind: Config
clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
contexts: [{name: none, context: {cluster: none, user: none, namespace: default}}]
users: [{name: none, user: {token: none}}]
current-context: none
KUBECONFIG
stderr=$(KUBECONFIG="$unreachable" kubectl cronium run missing 2>&1 >/dev/null || true)
[[ "$stderr" == error:* && "$stderr" != *$'\n'* ]] \
  || { printf 'kubectl cronium run against no API server printed more than one error line:\n%s\n' "$stderr" >&2; exit 1; }
echo "kubectl cronium: found by kubectl, schedule output as expected, logs available, errors are one line"
