#!/usr/bin/env bash
# Packs the kubectl plugin from the packaged operator (target/quarkus-app, made by `make build` or
# `mvn verify`) into target/plugin/kubectl-cronium: a bash stub followed by a tar.gz of the CLI's
# jars, so a user needs only bash and a JRE 17 — no checkout, no Maven. Also writes
# kubectl-cronium.tar.gz and a krew manifest for it, cronium.yaml.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
app="$root/target/quarkus-app"
out="$root/target/plugin"
compgen -G "$app/app/*.jar" >/dev/null \
  || { echo "build-plugin: no $app/app/*.jar; run 'make build' first" >&2; exit 1; }
# The web console's assets (make console) ride in the operator's jar; without them
# `kubectl cronium console` has nothing to serve.
for jar in "$app"/app/*.jar; do
  jar tf "$jar" | grep -qx 'cronium-console/index.html' && console_found=1
done
[ -n "${console_found:-}" ] \
  || { echo "build-plugin: the jars in $app/app carry no console; run 'make build' (it runs make console)" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out"
# The CLI runs from the same classpath as the operator, minus Quarkus' generated bootstrap
# (quarkus-run.jar, quarkus/): app/ and lib/. Sorted names, fixed owner and mtime: the payload,
# and so the cache directory it unpacks into, changes only when a jar does.
payload="$out/payload.tar.gz"
(cd "$app" && find app lib -name '*.jar' | LC_ALL=C sort \
  | tar -cf - --owner=0 --group=0 --numeric-owner --mtime=@0 -T - | gzip -n -9) >"$payload"
hash=$(sha256sum "$payload" | cut -c1-16)
stub_lines=$(wc -l <"$root/hack/plugin-stub.sh")
sed -e "s/@HASH@/$hash/" -e "s/@PAYLOAD_LINE@/$((stub_lines + 1))/" "$root/hack/plugin-stub.sh" \
  | cat - "$payload" >"$out/kubectl-cronium"
rm "$payload"
chmod 755 "$out/kubectl-cronium"
tar -C "$out" -cf - --owner=0 --group=0 --numeric-owner --mtime=@0 kubectl-cronium \
  | gzip -n -9 >"$out/kubectl-cronium.tar.gz"
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n1)
# `uri` is where a release would publish the archive; install from this build with
#   kubectl krew install --manifest=target/plugin/cronium.yaml --archive=target/plugin/kubectl-cronium.tar.gz
cat >"$out/cronium.yaml" <<EOF
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: cronium
spec:
  version: v$version
  shortDescription: Check schedules, run Events and follow runs of the Cronium operator
  description: |
    Check cron schedules across time zones and DST changes, start runs of Cronium Events by hand,
    and follow their logs. Needs a JRE 17 (java on PATH).
  platforms:
  - selector:
      matchExpressions:
      - {key: os, operator: In, values: [linux, darwin]}
    uri: ${PLUGIN_URI:-https://example.invalid/cronium/v$version/kubectl-cronium.tar.gz}
    sha256: $(sha256sum "$out/kubectl-cronium.tar.gz" | cut -d' ' -f1)
    bin: kubectl-cronium
    files:
    - {from: kubectl-cronium, to: .}
EOF
echo "$out/kubectl-cronium ($(du -h "$out/kubectl-cronium" | cut -f1))"
