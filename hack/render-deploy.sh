#!/usr/bin/env bash
# Renders the plain manifests under deploy/ from the Helm chart (default values, namespace
# cronium-system), so `kubectl apply` users get exactly what `helm install` gives, with one
# difference: a committed file cannot hold a certificate generated per install, so the log API's
# certificate and APIService go into a second file, cert-manager/log-api.yaml beside OUT_FILE,
# issued by cert-manager (docs/logs.md).
#   hack/render-deploy.sh [CHART_DIR] [OUT_FILE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
chart="${1:-$root/helm/cronium-operator}"
out="${2:-$root/deploy/cronium-operator.yaml}"
"$root/hack/install-kube-tools.sh"
{
  echo "# Generated from helm/cronium-operator by hack/render-deploy.sh (make deploy): do not edit."
  echo "# Install: kubectl apply --server-side -f deploy/cronium-operator.yaml"
  echo "---"
  echo "apiVersion: v1"
  echo "kind: Namespace"
  echo "metadata:"
  echo "  name: cronium-system"
  "$root/.build/bin/helm" template cronium-operator "$chart" --namespace cronium-system --include-crds \
    --set logApi.enabled=false
} >"$out"
mkdir -p "$(dirname "$out")/cert-manager"
{
  echo "# Generated from helm/cronium-operator by hack/render-deploy.sh (make deploy): do not edit."
  echo "# The log API (docs/logs.md); needs cert-manager. Install after cronium-operator.yaml:"
  echo "#   kubectl apply --server-side -f deploy/cert-manager/log-api.yaml"
  "$root/.build/bin/helm" template cronium-operator "$chart" --namespace cronium-system \
    --set logApi.certManager.enabled=true --show-only templates/log-api.yaml
} >"$(dirname "$out")/cert-manager/log-api.yaml"
