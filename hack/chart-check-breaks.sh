#!/usr/bin/env bash
# Proves that each chart check can fail: breaks a copy of the chart in one way per check, runs
# that check on the copy, and expects it to report FAIL (make chart-check-breaks).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/chart-breaks.XXXXXX)"
trap 'rm -rf "$work"' EXIT
wrong=0

expect_failure() { # check description sed-file sed-expression
  local check="$1" what="$2" file="$3" expression="$4"
  local copy="$work/$check/cronium-operator"
  mkdir -p "$work/$check"
  cp -r "$root/helm/cronium-operator" "$copy"
  sed -i "$expression" "$copy/$file"
  if cmp -s "$root/helm/cronium-operator/$file" "$copy/$file"; then
    echo "BROKEN TEST $check: '$expression' changed nothing in $file"; wrong=1; return
  fi
  if ONLY="$check" "$root/hack/chart-check.sh" "$copy" >"$work/$check.log" 2>&1; then
    echo "MISSED $check: $what passed"; sed 's/^/    /' "$work/$check.log" | tail -20; wrong=1
  elif grep -q "^FAIL $check\$" "$work/$check.log"; then
    echo "caught $check: $what"
  else
    echo "MISSED $check: failed, but not in this check"; sed 's/^/    /' "$work/$check.log" | tail -20; wrong=1
  fi
}

expect_failure lint "Chart.yaml without a version" Chart.yaml '/^version:/d'
expect_failure lint "a default the values schema refuses (tag latest)" values.yaml '0,/^  tag: ""/s//  tag: latest/'
expect_failure template "a template that fails only with watchNamespaces" templates/rbac.yaml \
  's/include "cronium-operator.rules" \$ | nindent 2/include "cronium-operator.no-such-rules" $ | nindent 2/'
expect_failure k8s-schema "a container port that is not a number" templates/deployment.yaml \
  's/containerPort: 8080/containerPort: "8080-http"/'
expect_failure fabric8-strict "a misspelt field" templates/deployment.yaml \
  's/imagePullPolicy: {{ .Values.image.pullPolicy }}/imagePullPolicyy: {{ .Values.image.pullPolicy }}/'
expect_failure rbac "the Role without pods/log" templates/_helpers.tpl 's#resources: \[pods/log\]#resources: [pods/exec]#'
expect_failure crds "a chart CRD that drifted" crds/jobruns.cronium.io-v1.yml '$a # drifted'
expect_failure deploy "a default changed without make deploy" values.yaml 's/^replicaCount: 2/replicaCount: 3/'

[ "$wrong" -eq 0 ] && echo "chart-check-breaks: every check caught its breakage"
exit "$wrong"
