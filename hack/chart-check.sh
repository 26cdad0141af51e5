#!/usr/bin/env bash
# Packaging checks of the Helm chart (make chart-check). Each check prints PASS or FAIL with its
# name; the script fails when any check fails.
#   hack/chart-check.sh [CHART_DIR]      ONLY=name[,name] runs just those checks
# Checks:
#   lint            helm lint --strict, with default and with non-default values
#   template        helm template renders with default and non-default values (hack/chart-values/)
#   k8s-schema      every rendered object against the Kubernetes OpenAPI schema of its kind
#                   (kubernetes-models validators, hack/validate-k8s-schema.mjs)
#   fabric8-strict  every rendered object deserializes strictly into the fabric8 model: right
#                   types, no unknown field (RenderedManifestsTest)
#   rbac            the rendered RBAC of both install modes allows every API call of a recorded
#                   operator session and grants nothing the session did not use (RbacSessionTest)
#   crds            the chart's crds/ are identical to the top-level crds/
#   deploy          deploy/ is what hack/render-deploy.sh renders from the chart
#   reference       docs/reference.md is what hack/crd-reference.mjs writes from crds/
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
chart="$(cd "${1:-$root/helm/cronium-operator}" && pwd)"
helm="$root/.build/bin/helm"
export MAVEN_OPTS="${MAVEN_OPTS:-}"
mvn="${MVN:-mvn -B -ntp -q}"
"$root/hack/install-kube-tools.sh" || exit 1
out="$(mktemp -d /tmp/chart-check.XXXXXX)"
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/default" "$out/custom"
failed=()

check() { # name command...
  local name="$1"; shift
  if [ -n "${ONLY:-}" ] && [[ ",$ONLY," != *",$name,"* ]]; then return 0; fi
  if "$@" >"$out/$name.log" 2>&1; then
    echo "PASS $name"
  else
    echo "FAIL $name"; sed 's/^/    /' "$out/$name.log" | tail -30
    failed+=("$name")
  fi
}

lint() {
  "$helm" lint --strict "$chart" && "$helm" lint --strict "$chart" -f "$root/hack/chart-values/namespaced.yaml"
}
render() {
  "$helm" template cronium-operator "$chart" --namespace cronium-system --include-crds \
      >"$out/default/all.yaml" &&
    "$helm" template cronium-operator "$chart" --namespace cronium-system --include-crds \
      -f "$root/hack/chart-values/namespaced.yaml" >"$out/custom/all.yaml"
}
k8s_schema() { node "$root/hack/validate-k8s-schema.mjs" "$out/default/all.yaml" "$out/custom/all.yaml"; }
java_check() { # test class
  (cd "$root" && $mvn test -Dtest="$1" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dchart.manifests="$out/default,$out/custom")
}
crds() { diff -ru "$root/crds" "$chart/crds"; }
deploy() {
  mkdir -p "$out/deploy" && "$root/hack/render-deploy.sh" "$chart" "$out/deploy/cronium-operator.yaml" &&
    diff -ru "$root/deploy" "$out/deploy"
}

check lint lint
if ! render >"$out/render.log" 2>&1; then
  echo "FAIL template"; sed 's/^/    /' "$out/render.log" | tail -30
  failed+=(template)
else
  echo "PASS template"
  check k8s-schema k8s_schema
  check fabric8-strict java_check RenderedManifestsTest
  check rbac java_check RbacSessionTest
fi
reference() { node "$root/hack/crd-reference.mjs" >"$out/reference.md" && diff -u "$root/docs/reference.md" "$out/reference.md"; }

check crds crds
check deploy deploy
check reference reference

if [ ${#failed[@]} -gt 0 ]; then
  echo "chart-check failed: ${failed[*]}" >&2
  exit 1
fi
echo "chart-check: all checks passed"
