#!/usr/bin/env bash
# Builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kubectl from their Go
# modules (versions pinned by go.mod/go.sum beside this script) into
# ${CRONIUM_CACHE:-~/.cache/cronium}/k8s/<version>-<go.sum hash>/, outside the work tree so that every
# checkout on the machine (CI's fresh clone too) shares one build: rebuilt only when go.sum changes.
# Prints the bin folder on stdout as its last line; progress goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

k8s_version=$(sed -n 's/^\tk8s.io\/kubernetes \(v[0-9.]*\).*$/\1/p' go.mod)
[ -n "$k8s_version" ] || { echo "k8s.io/kubernetes not found in $here/go.mod" >&2; exit 1; }
key=$(sha256sum go.sum | cut -c1-12)
out="${CRONIUM_CACHE:-$HOME/.cache/cronium}/k8s/${k8s_version#v}-$key"
binaries=(etcd kube-apiserver kube-controller-manager kube-scheduler kubectl)

complete() { for b in "${binaries[@]}"; do [ -x "$out/$b" ] || return 1; done; }
if complete; then echo "$out"; exit 0; fi

export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "go is required to build the control plane (Go >= 1.26)" >&2; exit 1; }
minor=${k8s_version#v1.}; minor=${minor%%.*}
ld="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ld="$ld -X $p.gitVersion=$k8s_version -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
done
declare -A package=(
  [etcd]=go.etcd.io/etcd/server/v3
  [kube-apiserver]=k8s.io/kubernetes/cmd/kube-apiserver
  [kube-controller-manager]=k8s.io/kubernetes/cmd/kube-controller-manager
  [kube-scheduler]=k8s.io/kubernetes/cmd/kube-scheduler
  [kubectl]=k8s.io/kubernetes/cmd/kubectl
)
mkdir -p "$out.tmp"
start=$SECONDS
echo "Building the Kubernetes $k8s_version control plane from Go modules into $out" >&2
echo "(a first build takes about 10 minutes on 2 cores; later runs reuse it)" >&2
go mod download >&2
for b in "${binaries[@]}"; do
  [ -x "$out.tmp/$b" ] && continue
  echo "  building $b ... ($((SECONDS - start)) s so far)" >&2
  CGO_ENABLED=0 go build -trimpath -ldflags "$ld" -o "$out.tmp/$b" "${package[$b]}"
done
rm -rf "$out" && mv "$out.tmp" "$out"
echo "  done in $((SECONDS - start)) s: $(du -sh "$out" | cut -f1)" >&2
echo "$out"
