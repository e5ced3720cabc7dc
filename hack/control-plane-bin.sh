#!/usr/bin/env bash
# Builds the binaries of a real Kubernetes control plane from Go modules (kube-apiserver,
# kube-controller-manager, kubectl, etcd, kwok) and caches them outside the repo, keyed by version.
# Prints the directory that holds them (use it as KUBEBUILDER_ASSETS).
# If KUBEBUILDER_ASSETS is set and holds kube-apiserver and etcd, that directory wins and nothing is built.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-1.34.4}
ETCD_VERSION=${ETCD_VERSION:-3.6.16}
KWOK_VERSION=${KWOK_VERSION:-0.7.0}
CACHE_ROOT=${DPF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/dpf-java}
OUT="$CACHE_ROOT/k8s-$K8S_VERSION-etcd-$ETCD_VERSION-kwok-$KWOK_VERSION"

if [[ -n "${KUBEBUILDER_ASSETS:-}" && -x "$KUBEBUILDER_ASSETS/kube-apiserver" && -x "$KUBEBUILDER_ASSETS/etcd" ]]; then
  echo "$KUBEBUILDER_ASSETS"; exit 0
fi
want=(kube-apiserver kube-controller-manager kubectl etcd kwok)
complete=1
for b in "${want[@]}"; do [[ -x "$OUT/$b" ]] || complete=0; done
if [[ $complete == 1 ]]; then echo "$OUT"; exit 0; fi

command -v go >/dev/null || { echo "go is required to build the control plane binaries" >&2; exit 1; }
mkdir -p "$OUT"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
export GOFLAGS=-mod=mod CGO_ENABLED=0

log() { echo "[control-plane-bin] $*" >&2; }

if [[ ! -x "$OUT/kube-apiserver" || ! -x "$OUT/kube-controller-manager" || ! -x "$OUT/kubectl" ]]; then
  log "building kube-apiserver, kube-controller-manager, kubectl v$K8S_VERSION (first time takes several minutes)"
  mkdir -p "$work/k8s" && cd "$work/k8s"
  go mod init dpf-java/k8s-tools >/dev/null 2>&1
  staging=$(curl -fsS "${GOPROXY_URL:-https://proxy.golang.org}/k8s.io/kubernetes/@v/v$K8S_VERSION.mod" \
            | sed -n 's#^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p')
  [[ -n "$staging" ]] || { log "could not read the staging module list of k8s.io/kubernetes v$K8S_VERSION"; exit 1; }
  for m in $staging; do go mod edit -replace "$m=$m@v0.${K8S_VERSION#1.}"; done
  go mod edit -require "k8s.io/kubernetes@v$K8S_VERSION"
  cat > tools.go <<'GO'
//go:build tools
package tools
import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
  go mod tidy -e >&2 || true
  for c in kube-apiserver kube-controller-manager kubectl; do
    log "go build $c"
    go build -trimpath -ldflags "-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${K8S_VERSION#1.}" \
      -o "$OUT/$c.tmp" "k8s.io/kubernetes/cmd/$c" >&2
    mv "$OUT/$c.tmp" "$OUT/$c"
  done
fi

if [[ ! -x "$OUT/etcd" ]]; then
  log "building etcd v$ETCD_VERSION"
  mkdir -p "$work/etcd" && cd "$work/etcd"
  go mod init dpf-java/etcd-tools >/dev/null 2>&1
  go mod edit -require "go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  printf '//go:build tools\npackage tools\nimport _ "go.etcd.io/etcd/server/v3"\n' > tools.go
  go mod tidy -e >&2 || true
  go build -trimpath -ldflags "-s -w" -o "$OUT/etcd.tmp" go.etcd.io/etcd/server/v3 >&2
  mv "$OUT/etcd.tmp" "$OUT/etcd"
fi

if [[ ! -x "$OUT/kwok" ]]; then
  log "building kwok v$KWOK_VERSION"
  mkdir -p "$work/kwok" && cd "$work/kwok"
  go mod init dpf-java/kwok-tools >/dev/null 2>&1
  go mod edit -require "sigs.k8s.io/kwok@v$KWOK_VERSION"
  printf '//go:build tools\npackage tools\nimport _ "sigs.k8s.io/kwok/cmd/kwok"\n' > tools.go
  go mod tidy -e >&2 || true
  go build -trimpath -ldflags "-s -w" -o "$OUT/kwok.tmp" sigs.k8s.io/kwok/cmd/kwok >&2
  mv "$OUT/kwok.tmp" "$OUT/kwok"
fi
echo "$OUT"
