#!/usr/bin/env bash
# Installs what make bench needs beyond the build: gnuplot (no X) for the plots. Idempotent.
set -euo pipefail
if ! command -v gnuplot >/dev/null 2>&1; then
  echo "installing: gnuplot-nox" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq gnuplot-nox >/dev/null
fi
