#!/usr/bin/env bash
# Stops what hack/up.sh started: the operator, then the cluster (the node removes its podman pods,
# the control plane its data), and any podman pod a crashed node left behind.
#   hack/down.sh [STATE_DIR]   (default .build/up)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
state="${1:-$root/.build/up}"
export CONTAINERS_CONF="$root/hack/containers.conf"
for name in operator cluster; do
  pid_file="$state/$name.pid"
  [ -f "$pid_file" ] || continue
  pid="$(cat "$pid_file")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
done
if command -v podman >/dev/null 2>&1; then
  podman pod ls -q --filter label=io.cronium.localcluster/node 2>/dev/null | xargs -r podman pod rm -f >/dev/null 2>&1 || true
fi
echo "down" >&2
