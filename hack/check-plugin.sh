#!/usr/bin/env bash
# Checks the kubectl plugin as a user installs it: target/plugin/kubectl-cronium (make plugin)
# copied alone into an empty directory, run by kubectl with a PATH holding only that directory and
# the few tools the plugin's stub uses (java, bash, tar, gzip, coreutils), a fresh HOME and cache,
# from / and with the checkout hidden behind an empty tmpfs (a private mount namespace), so any
# reference to the checkout fails.
set -euo pipefail

if [ "${1:-}" != --inside ]; then
  root="$(cd "$(dirname "$0")/.." && pwd)"
  artifact="$root/target/plugin/kubectl-cronium"
  [ -x "$artifact" ] || { echo "no $artifact: run 'make plugin' first" >&2; exit 1; }
  "$root/hack/install-kube-tools.sh"
  sandbox="$(mktemp -d /tmp/cronium-plugin-check.XXXXXX)"
  trap 'rm -rf "$sandbox"' EXIT
  mkdir "$sandbox/plugin" "$sandbox/tools" "$sandbox/home"
  cp "$artifact" "$sandbox/plugin/"
  cp "$root/.build/bin/kubectl" "$sandbox/tools/"
  for tool in java bash tail gzip tar mkdir mktemp ln rm; do
    ln -s "$(readlink -f "$(command -v "$tool")")" "$sandbox/tools/$tool"
  done
  cp "$0" "$sandbox/check-plugin.sh"
  env -i PATH="$sandbox/plugin:$sandbox/tools" HOME="$sandbox/home" \
    XDG_CACHE_HOME="$sandbox/home/cache" TMPDIR="$sandbox/home" \
    "$(command -v unshare)" --map-root-user --mount "$(readlink -f "$(command -v bash)")" -c \
    '"$1" -t tmpfs none "$2" && cd / && exec bash "$3/check-plugin.sh" --inside "$3"' \
    _ "$(command -v mount)" "$root" "$sandbox"
  exit
fi

sandbox="$2"
plugins=$(kubectl plugin list 2>/dev/null || true)
[[ "$plugins" == *"$sandbox/plugin/kubectl-cronium"* ]] \
  || { printf 'kubectl plugin list does not show %s:\n%s\n' "$sandbox/plugin/kubectl-cronium" "$plugins" >&2; exit 1; }
# Two first runs at once: both work, and the cache ends up with one copy of the jars.
kubectl cronium --version >"$sandbox/v1" & first=$!
kubectl cronium --version >"$sandbox/v2"
wait "$first"
[[ "$(<"$sandbox/v1")" == kubectl-cronium* && "$(<"$sandbox/v2")" == kubectl-cronium* ]] \
  || { echo "kubectl cronium --version printed '$(<"$sandbox/v1")' and '$(<"$sandbox/v2")'" >&2; exit 1; }
cache="$XDG_CACHE_HOME/cronium/kubectl-cronium"
entries=("$cache"/*)
[ "${#entries[@]}" = 2 ] \
  || { echo "two first runs left ${#entries[@]} entries in $cache (want one link and one directory):" "${entries[@]}" >&2; exit 1; }
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
unreachable="$sandbox/home/unreachable.kubeconfig"
printf '%s\n' 'apiVersion: v1' 'kind: Config' \
  'clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]' \
  'contexts: [{name: none, context: {cluster: none, user: none, namespace: default}}]' \
  'users: [{name: none, user: {token: none}}]' 'current-context: none' >"$unreachable"
stderr=$(KUBECONFIG="$unreachable" kubectl cronium run missing 2>&1 >/dev/null || true)
[[ "$stderr" == error:* && "$stderr" != *$'\n'* ]] \
  || { printf 'kubectl cronium run against no API server printed more than one error line:\n%s\n' "$stderr" >&2; exit 1; }
# The console's pages come from the artifact itself (no checkout, and no API server needed for them).
coproc CONSOLE { KUBECONFIG="$unreachable" exec kubectl cronium console --port 0 2>&1; }
IFS= read -r -t 60 -u "${CONSOLE[0]}" started || true
if [[ ! "$started" =~ http://127\.0\.0\.1:([0-9]+)/ ]]; then
  kill "$CONSOLE_PID" 2>/dev/null || true
  printf 'kubectl cronium console printed no URL:\n%s\n' "$started" >&2; exit 1
fi
port="${BASH_REMATCH[1]}"
get() { # path: the whole HTTP response
  local response
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$1" "$port" >&3
  IFS= read -r -d '' response <&3 || true
  exec 3<&-
  printf '%s' "$response"
}
page=$(get /)
script=$([[ "$page" =~ src=\"(/assets/[^\"]+\.js)\" ]] && echo "${BASH_REMATCH[1]}")
asset=$([ -n "$script" ] && get "$script")
kill "$CONSOLE_PID"
[[ "$page" == "HTTP/1.1 200"* && "$asset" == "HTTP/1.1 200"* ]] \
  || { printf 'kubectl cronium console did not serve its page and script (%s):\n%s\n' "$script" "$page" >&2; exit 1; }
entries=("$cache"/*)
[ "${#entries[@]}" = 2 ] || { echo "later runs unpacked again:" "${entries[@]}" >&2; exit 1; }
echo "kubectl cronium (target/plugin/kubectl-cronium alone, checkout hidden): found by kubectl," \
  "unpacked once, schedule output as expected, logs available, console served, errors are one line"
