# Cronium Operator — every entry point a developer or CI needs.
#   make demo            run the whole path locally: real control plane + podman node + operator
#   make up / make down  start a local cluster with the operator and leave it running / stop it
#   make k8s             build etcd and the Kubernetes control plane from Go modules (cached)
#   make test            fast tiers: unit, CRD schema/CEL, API tier (real control plane), the plugin
#   make plugin          the kubectl plugin: target/plugin/kubectl-cronium, needs only a JRE 17
#   make console         the web console's assets (console/, TypeScript + Vite), packed into the plugin
#   make test-ui         the web console in Debian's Chromium against a local cluster (docs/console.md)
#   make test-container  container tier: real runtime-api image run by podman (slow)
#   make test-faults     fault suite: kill the packaged operator, stop the API server and etcd, bad objects
#   make image           build the runtime-api image (builds the base first when missing)
#   make bench           benchmarks; numbers in target/bench/*.txt (make bench-memory: operator memory)
#   make bench-console   50 open run pages of the web console: target/bench/console.txt
#   make operator-image  build the operator image cronium/cronium-operator:<version>
#   make crds            regenerate crds/ from the Java model (and the chart's copy)
#   make chart-check     Helm chart: lint, render, Kubernetes schemas, RBAC vs. a recorded session
#   make chart-check-breaks  proves each chart check fails on a chart broken its way
#   make deploy          regenerate deploy/ (plain manifests) from the chart
#   make operator-start-check  the operator starts as the chart runs it: probes, JSON logs, no WARN
#   make reference       regenerate docs/reference.md from crds/

MVN ?= mvn -B -ntp
export CONTAINERS_CONF ?= $(abspath hack/containers.conf)

.PHONY: all k8s up down build console plugin test test-ui test-unit test-container test-faults bench bench-held-sends bench-vs-cronjob bench-burst bench-failover bench-soak bench-logs bench-webhook bench-runtime bench-memory bench-logs-soak bench-console crds image base-image runtime-api modules demo clean chart-check chart-check-breaks deploy reference operator-image operator-start-check

all: build

# The modules the operator builds on, installed into ~/.m2: sending through tool Secrets, shared
# with runtime-api (tools/), the CRD model (api/), what the operator and runtime-api exchange
# (runtime-contract/) and the real control plane harness (local-cluster/).
modules:
	$(MVN) -q -f tools/pom.xml install -DskipTests
	$(MVN) -q -f api/pom.xml install -DskipTests
	$(MVN) -q -f runtime-contract/pom.xml install -DskipTests
	$(MVN) -q -f local-cluster/pom.xml install -DskipTests

# The binaries land in ~/.cache/cronium/k8s/<version>-<go.sum hash>; tests find them there too.
k8s:
	hack/k8s/build.sh >/dev/null

up:
	@hack/up.sh

down:
	@hack/down.sh

runtime-api:
	$(MAKE) -C runtime-api build

build: modules console
	$(MVN) -q package -DskipTests

# npm ci again only when the lock file changed; the build lands in console/dist, which Maven packs.
console/node_modules/.package-lock.json: console/package-lock.json
	cd console && npm ci --no-audit --no-fund

console: console/node_modules/.package-lock.json
	cd console && npm run -s build

# One file carrying the CLI's jars (hack/build-plugin.sh), plus a tar.gz of it and a krew manifest.
plugin: build
	hack/build-plugin.sh

test: k8s modules console
	hack/install-kube-tools.sh
	cd console && npm test
	$(MVN) -f tools/pom.xml install
	$(MVN) -f runtime-contract/pom.xml install
	$(MAKE) -C runtime-api test
	$(MVN) -f api/pom.xml install
	$(MVN) -f local-cluster/pom.xml install
	$(MVN) verify
	hack/build-plugin.sh
	hack/check-plugin.sh

# Chromium (playwright-core) against the packaged plugin's console, a local cluster and the operator.
test-ui: k8s image plugin
	hack/test-ui.sh

# 50 run pages following a log through the console: operator and API server CPU and memory added,
# line printed -> shown p50/p99.
bench-console: k8s image plugin
	hack/test-ui.sh bench
	@echo "numbers: target/bench/console.txt"

test-container: k8s image modules
	$(MVN) -f local-cluster/pom.xml verify -Dgroups=container
	$(MVN) verify -Dgroups=container -DexcludedGroups=

# The fault suite runs the packaged operator (make build) as child processes and breaks things
# around it; each case writes its figures to target/faults/<case>.txt (docs/faults.md).
test-faults: k8s build
	$(MVN) test -Dgroups=faults -DexcludedGroups=
	@echo "figures: target/faults/*.txt"

# Benchmarks write their numbers to target/bench/<name>.txt.
bench: bench-held-sends bench-vs-cronjob bench-burst bench-failover bench-logs bench-webhook bench-runtime bench-memory bench-soak bench-console

# Slot -> JobRun POST of 200 Events while 100 webhook sends hang (reconcile threads never wait on them).
bench-held-sends: k8s modules
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=HeldSendsBenchmark
	@echo "numbers: target/bench/held-sends.txt"

bench-logs: k8s modules
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=LogApiBenchmark
	@echo "numbers: target/bench/logs.txt"

# The same minute for 1,000 schedules: Events run by the packaged operator, then CronJobs run by
# kube-controller-manager, on one control plane; a plot of both sides' skew.
bench-vs-cronjob: k8s build
	hack/install-bench-tools.sh
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=CronJobComparisonBenchmark
	gnuplot hack/bench/vs-cronjob.gp
	@echo "numbers: target/bench/vs-cronjob.txt, plot: target/bench/vs-cronjob-skew.svg"

# 2,000 JobRuns created at once, a node that is never the bottleneck: runs per second.
bench-burst: k8s build
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=BurstBenchmark
	@echo "numbers: target/bench/burst.txt"

# Start-up and leader failover with 5,000 Events.
bench-failover: k8s build
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=FailoverBenchmark
	@echo "numbers: target/bench/failover.txt"

# 30 minutes of 200 every-minute Events: RSS, threads and kept objects each minute, plotted.
bench-soak: k8s build
	hack/install-bench-tools.sh
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=SoakBenchmark
	gnuplot hack/bench/soak.gp
	@echo "numbers: target/bench/soak.txt, plot: target/bench/soak.svg"

# 50 senders POST signed webhook deliveries at once: POST -> JobRun created, p50/p99/max.
bench-webhook: k8s modules
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=WebhookBenchmark
	@echo "numbers: target/bench/webhook.txt"

# The packaged operator's heap and RSS on a cluster holding 5,000 Events and 20,000 finished runs.
bench-memory: k8s build
	$(MVN) test -Dgroups=bench -DexcludedGroups= -Dtest=MemoryBenchmark
	@echo "numbers: target/bench/memory.txt"

# Start-up and helper-call latency of the runtime-api image, measured with podman.
bench-runtime: image
	mkdir -p target/bench
	$(MAKE) -s -C runtime-api bench | tee target/bench/runtime.txt
	@echo "numbers: target/bench/runtime.txt"

# make test deletes the Pods of 60 finished runs; this soak does it with RUNS (default 10000).
# Its one test method runs for tens of minutes, past Quarkus' 10-minute hang detector.
RUNS ?= 10000
bench-logs-soak: modules
	$(MVN) test -Dtest='PodReleaseTest#manyFinishedRunsNeverLeaveAPodTerminating' -Dlogs.soak.runs=$(RUNS) \
	  -Dquarkus.test.hang-detection-timeout=2h

crds: modules
	$(MVN) -q package -DskipTests
	cp target/kubernetes/events.cronium.io-v1.yml target/kubernetes/jobruns.cronium.io-v1.yml crds/
	cp crds/*.yml helm/cronium-operator/crds/
	hack/render-deploy.sh
	node hack/crd-reference.mjs > docs/reference.md

reference:
	hack/install-kube-tools.sh
	node hack/crd-reference.mjs > docs/reference.md

deploy:
	hack/render-deploy.sh

chart-check: modules
	hack/chart-check.sh

chart-check-breaks: modules
	hack/chart-check-breaks.sh

operator-start-check: build
	hack/operator-start-check.sh

base-image:
	$(MAKE) -C runtime-api base-image

image:
	$(MAKE) -C runtime-api image

VERSION := $(shell sed -n 's:^  <version>\(.*\)</version>$$:\1:p' pom.xml | head -n1)
operator-image: build base-image
	podman build -t cronium/cronium-operator:$(VERSION) .

demo:
	hack/demo.sh

clean:
	$(MVN) -q clean
	$(MVN) -q -f tools/pom.xml clean
	$(MVN) -q -f api/pom.xml clean
	$(MVN) -q -f runtime-contract/pom.xml clean
	$(MVN) -q -f local-cluster/pom.xml clean
	$(MVN) -q -f runtime-api/pom.xml clean
