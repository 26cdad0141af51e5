#!/usr/bin/env bash
# Installs what the container tier, the demo and the console's browser tests need on a fresh
# Debian machine: podman with runc (crun fails under this machine's hybrid cgroups), mmdebstrap
# for building the runtime-api base image without a registry, Debian's chromium for make test-ui
# (playwright-core drives it; no browser is ever downloaded), and the console's npm packages
# (its build and test tools, from console/package-lock.json). Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
missing=()
for cmd in podman runc mmdebstrap chromium; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi
if [ ! -f "$root/console/node_modules/.package-lock.json" ] \
    || [ "$root/console/package-lock.json" -nt "$root/console/node_modules/.package-lock.json" ]; then
  (cd "$root/console" && npm ci --no-audit --no-fund)
fi
