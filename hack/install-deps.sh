#!/usr/bin/env bash
# Installs what the container tier and the demo need on a fresh Debian machine:
# podman with runc (crun fails under this machine's hybrid cgroups) and mmdebstrap
# for building the runtime-api base image without a registry. Idempotent.
set -euo pipefail
missing=()
for cmd in podman runc mmdebstrap; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq podman runc mmdebstrap >/dev/null
fi
