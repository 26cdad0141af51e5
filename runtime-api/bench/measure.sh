#!/usr/bin/env bash
# Measures the runtime-api image on this machine and prints:
#   - start-up: container start -> first line of the user's script (median of RUNS), for a
#     Bash, a Python and a Node script under the launcher and, as a baseline, for bash started
#     directly as the entrypoint;
#   - helper latency: p50/p99 of 1,000 cronium_get_variable calls (Bash) and
#     1,000 cronium.get_variable calls (Python, kept-alive connection) and 1,000
#     cronium.getVariable calls (Node), timed inside the container.
# Usage: bench/measure.sh [IMAGE]   (needs podman; uses ../hack/containers.conf like the Makefile)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/../../hack/containers.conf}
version=$(sed -n 's:^    <version>\(.*\)</version>$:\1:p' "$here/../pom.xml" | head -n1)
image=${1:-cronium/runtime-api:$version}
runs=${RUNS:-10}
run_flags=(--read-only --tmpfs /tmp --tmpfs /workspace --user 1000 -v /dev/null:/dev/termination-log)

now_ns() { date +%s%N; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Prints milliseconds from `podman start` to the moment the script's first command ran.
startup_ms() {
  local id t0 first
  id=$(podman create "${run_flags[@]}" "$@")
  t0=$(now_ns)
  first=$(podman start --attach "$id" | awk '/^started / { print $2 }')
  podman rm -f "$id" >/dev/null
  echo $(((first - t0) / 1000000))
}

bash_spec='{"executionId":"bench","type":"Bash","script":"echo started $(date +%s%N)"}'
python_spec='{"executionId":"bench","type":"Python","script":"import time; print(\"started\", time.time_ns())"}'
node_spec='{"executionId":"bench","type":"NodeJS","script":"console.log(`started ${BigInt(Date.now()) * 1000000n}`)"}'
launcher=() baseline=() python=() node=()
for _ in $(seq "$runs"); do
  launcher+=("$(startup_ms -e CRONIUM_RUN_SPEC="$bash_spec" "$image")")
  baseline+=("$(startup_ms --entrypoint bash "$image" -c 'echo started $(date +%s%N)')")
  python+=("$(startup_ms -e CRONIUM_RUN_SPEC="$python_spec" "$image")")
  node+=("$(startup_ms -e CRONIUM_RUN_SPEC="$node_spec" "$image")")
done
launcher_median=$(printf '%s\n' "${launcher[@]}" | median)
baseline_median=$(printf '%s\n' "${baseline[@]}" | median)
echo "start-up, container start -> script start (median of $runs):"
echo "  runtime-api, Bash script:   ${launcher_median} ms"
echo "  runtime-api, Python script: $(printf '%s\n' "${python[@]}" | median) ms"
echo "  runtime-api, Node script:   $(printf '%s\n' "${node[@]}" | median) ms (ms clock)"
echo "  bash as entrypoint:         ${baseline_median} ms (baseline: no launcher)"
echo "  launcher overhead:          $((launcher_median - baseline_median)) ms"

# Each script times its own calls and prints "p50 p99" in microseconds.
bash_latency='cronium_set_variable k 1
for i in $(seq 1000); do
  s=$EPOCHREALTIME; cronium_get_variable k >/dev/null; e=$EPOCHREALTIME
  echo $(( (${e/./} - ${s/./}) ))
done | sort -n | awk "{ v[NR] = \$1 } END { print \"latency\", v[500], v[990] }"'
python_latency='import time
cronium.set_variable("k", 1)
samples = []
for _ in range(1000):
    s = time.perf_counter_ns(); cronium.get_variable("k"); samples.append((time.perf_counter_ns() - s) // 1000)
samples.sort()
print("latency", samples[499], samples[989])'
node_latency='(async () => {
  await cronium.setVariable("k", 1);
  const samples = [];
  for (let i = 0; i < 1000; i++) {
    const s = process.hrtime.bigint(); await cronium.getVariable("k");
    samples.push(Number((process.hrtime.bigint() - s) / 1000n));
  }
  samples.sort((a, b) => a - b);
  console.log("latency", samples[499], samples[989]);
})();'

latency() {
  local type=$1 script=$2 spec
  spec=$(python3 -c 'import json, sys; print(json.dumps({"executionId": "bench", "type": sys.argv[1], "script": sys.argv[2]}))' "$type" "$script")
  podman run --rm "${run_flags[@]}" -e CRONIUM_RUN_SPEC="$spec" "$image" 2>/dev/null | awk '/^latency / { printf "p50 %.2f ms, p99 %.2f ms", $2 / 1000, $3 / 1000 }'
}
echo "helper latency over 1,000 calls, inside the container:"
echo "  bash   cronium_get_variable: $(latency Bash "$bash_latency")"
echo "  python cronium.get_variable: $(latency Python "$python_latency")"
echo "  node   cronium.getVariable:  $(latency NodeJS "$node_latency")"
echo "image size: $(podman image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1000000 }')"
