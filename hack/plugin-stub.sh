#!/usr/bin/env bash
# kubectl-cronium: the Cronium kubectl plugin (`kubectl cronium ...` with this file on PATH).
# Self-contained: it needs bash and a JRE 17 (`java` on PATH). The CLI's jars follow this script as
# a tar.gz; the first run unpacks them into the cache, later runs start from there.
# Built by hack/build-plugin.sh (`make plugin`) from hack/plugin-stub.sh.
set -euo pipefail
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cronium/kubectl-cronium"
jars="$cache/@HASH@"
if [ ! -e "$jars" ]; then
  # Unpack into a fresh directory, then link the hash's name to it in one step: a run sees all
  # of the jars or none, and when two first runs race the loser drops its copy.
  mkdir -p "$cache"
  tmp=$(mktemp -d "$jars.XXXXXX")
  if ! tail -n +@PAYLOAD_LINE@ "$0" | gzip -dc | tar -xf - -C "$tmp"; then
    rm -rf "$tmp"
    echo "kubectl-cronium: cannot unpack into $cache" >&2
    exit 1
  fi
  ln -sn "${tmp##*/}" "$jars" 2>/dev/null || rm -rf "$tmp"
  [ -e "$jars" ] || { echo "kubectl-cronium: cannot unpack into $cache" >&2; exit 1; }
fi
command -v java >/dev/null || { echo "kubectl-cronium: needs a JRE 17 (java on PATH)" >&2; exit 1; }
exec java -XX:TieredStopAtLevel=1 -Xshare:auto -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "$jars/app/*:$jars/lib/main/*:$jars/lib/boot/*" io.cronium.operator.cli.CroniumCli "$@"
