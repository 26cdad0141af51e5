#!/usr/bin/env bash
# Proves the runtime-api image end to end with podman, the way job Pods use it: a read-only
# root filesystem, uid 1000, writable /tmp and /workspace. Runs a Bash "Hello World", Python and
# Node scripts using output(), an HTTP GET against a local server, and one Pod through
# `podman kube play` whose termination-message file must receive the result.
# Usage: bench/smoke.sh [IMAGE]   (prints PASS/FAIL per check; exits non-zero on any FAIL)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/../../hack/containers.conf}
version=$(sed -n 's:^    <version>\(.*\)</version>$:\1:p' "$here/../pom.xml" | head -n1)
image=${1:-cronium/runtime-api:$version}
# kube play resolves short names against registries; local images live under localhost/.
pod_image=$image
[[ $image == */*/* || $image == localhost/* ]] || pod_image=localhost/$image
work=$(mktemp -d)
failures=0
http_pid=

cleanup() {
  [[ -n $http_pid ]] && kill "$http_pid" 2>/dev/null
  podman pod rm -f cronium-smoke >/dev/null 2>&1
  podman rm -f cronium-smoke-stop >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

check() { # NAME EXPECTED-REGEX ACTUAL
  if [[ $3 =~ $2 ]]; then
    echo "PASS $1"
  else
    echo "FAIL $1: expected /$2/, got: $3"
    failures=$((failures + 1))
  fi
}

# Runs the image like a job Pod; prints "exit=N", the log, and the termination message.
run_job() { # SPEC [PODMAN-FLAGS...]
  local spec=$1 message=$work/termination-log log status
  shift
  : >"$message" && chmod 666 "$message"
  log=$(podman run --rm --read-only --tmpfs /tmp --tmpfs /workspace --user 1000 \
    -v "$message:/dev/termination-log" -e CRONIUM_RUN_SPEC="$spec" "$@" "$image" 2>&1)
  status=$?
  printf 'exit=%s\n%s\nresult=%s\n' "$status" "$log" "$(cat "$message")"
}

check "bash hello world" 'exit=0.Hello World.result=\{"exitCode":0,' \
  "$(run_job '{"executionId":"smoke-bash","type":"Bash","script":"echo Hello World"}' | tr '\n' '.')"

check "python output()" 'exit=0.*"output":\{"sum":6\}' \
  "$(run_job '{"executionId":"smoke-py","type":"Python","script":"cronium.output({\"sum\": sum(cronium.input())})","input":[1,2,3]}')"

check "node output()" 'exit=0.*"output":\{"greeting":"hi hello-world"\},"condition":true' \
  "$(run_job '{"executionId":"smoke-node","type":"NodeJS","script":"const e = await cronium.event(); await cronium.output({greeting: `hi ${e.name}`}); await cronium.setCondition(true);","event":{"name":"hello-world"}}')"

mkdir -p "$work/www" && echo '{"hello":"world"}' >"$work/www/data.json"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >/dev/null 2>&1 &
http_pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/data.json" >/dev/null && break; sleep 0.1; done
check "http GET" "exit=0.GET http://127.0.0.1:$port/data.json -> 200 .*result=.*\"output\":\\{\"status\":200,\"body\":\\{\"hello\":\"world\"\\}\\}" \
  "$(run_job "{\"executionId\":\"smoke-http\",\"type\":\"HTTP\",\"script\":null,\"http\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1:$port/data.json\"}}" --network host | tr '\n' '.')"

# SIGTERM (podman stop) reaches the script through the launcher, PID 1 of the container.
: >"$work/stop-termination-log" && chmod 666 "$work/stop-termination-log"
podman run -d --name cronium-smoke-stop --read-only --tmpfs /tmp --tmpfs /workspace --user 1000 \
  -v "$work/stop-termination-log:/dev/termination-log" \
  -e CRONIUM_RUN_SPEC='{"executionId":"smoke-stop","type":"Bash","script":"trap \"echo got TERM; exit 7\" TERM; echo ready; sleep 60 & wait"}' \
  "$image" >/dev/null
for _ in $(seq 50); do podman logs cronium-smoke-stop 2>/dev/null | grep -q ready && break; sleep 0.1; done
podman stop -t 20 cronium-smoke-stop >/dev/null
check "sigterm forwarded" '^ready.got TERM.$' "$(podman logs cronium-smoke-stop 2>&1 | tr '\n' '.')"
check "sigterm exit code" '^7 \{"exitCode":7,' \
  "$(podman inspect --format '{{.State.ExitCode}}' cronium-smoke-stop) $(cat "$work/stop-termination-log")"
podman rm -f cronium-smoke-stop >/dev/null

# A Pod as the operator builds it (minus what podman does not model), with a hostPath file
# standing in for the kubelet's termination-message file.
: >"$work/pod-termination-log" && chmod 666 "$work/pod-termination-log"
cat >"$work/pod.yaml" <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: cronium-smoke
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  containers:
    - name: runtime
      image: $pod_image
      imagePullPolicy: Never
      env:
        - name: CRONIUM_RUN_SPEC
          value: |-
            {"executionId":"smoke-pod","type":"Bash","event":{"name":"smoke"},"timeoutSeconds":60,
             "script":"echo from the pod as \$(id -u); touch /etc/x 2>/dev/null || echo root is read-only; cronium_set_variable runs 1; cronium_output '{\"pod\": true}'"}
      securityContext:
        runAsUser: 1000
        runAsGroup: 1000
        readOnlyRootFilesystem: true
        allowPrivilegeEscalation: false
      volumeMounts:
        - { name: tmp, mountPath: /tmp }
        - { name: workspace, mountPath: /workspace }
        - { name: termination, mountPath: /dev/termination-log }
  volumes:
    - { name: tmp, emptyDir: {} }
    - { name: workspace, emptyDir: {} }
    - name: termination
      hostPath: { path: $work/pod-termination-log, type: File }
YAML
podman kube play "$work/pod.yaml" >/dev/null 2>&1
podman wait cronium-smoke-runtime >/dev/null
check "kube play pod log" '^from the pod as 1000.root is read-only$' "$(podman logs cronium-smoke-runtime 2>&1 | tr '\n' '.' | sed 's/\.$//')"
check "kube play exit code" '^0$' "$(podman inspect --format '{{.State.ExitCode}}' cronium-smoke-runtime)"
check "kube play termination message" '^\{"exitCode":0,"output":\{"pod":true\},"variables":\{"runs":1\},"timedOut":false,"error":null,"outputTruncated":false,"resultInLog":false\}$' \
  "$(cat "$work/pod-termination-log")"

echo "$failures failed"
exit $((failures > 0))
