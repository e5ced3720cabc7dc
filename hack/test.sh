#!/usr/bin/env bash
# Runs every test of the project on a fresh machine (the README's test command; .ci/run calls it).
#  1. installs the Debian packages the node-agent tests need (Open vSwitch, iproute2, ping) when missing;
#  2. builds the control-plane binaries (kube-apiserver, etcd, kube-controller-manager, kubectl, kwok) from Go
#     modules into a cache outside the repo, keyed by version (skipped when KUBEBUILDER_ASSETS or the cache has them);
#  3. runs the Maven build with all tests;
#  4. runs the demo smoke test (tag "demo", excluded from the Maven build because it takes about a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

need_pkgs=()
command -v ovs-vsctl >/dev/null 2>&1 || need_pkgs+=(openvswitch-switch)
command -v ip >/dev/null 2>&1 || need_pkgs+=(iproute2)
command -v ping >/dev/null 2>&1 || need_pkgs+=(iputils-ping)
if ((${#need_pkgs[@]})); then
  echo "[test] installing ${need_pkgs[*]}"
  if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

KUBEBUILDER_ASSETS=$(hack/control-plane-bin.sh)
export KUBEBUILDER_ASSETS
echo "[test] control plane binaries: $KUBEBUILDER_ASSETS"

mvn -B -ntp ${MAVEN_ARGS:-} install "$@"

# the demo smoke test on its own (about a minute: the whole product on two simulated hosts, then it checks that
# nothing is left running); DPF_SKIP_DEMO_TEST=1 skips it
if [[ -z ${DPF_SKIP_DEMO_TEST:-} ]]; then
  echo "[test] demo smoke test"
  mvn -B -ntp ${MAVEN_ARGS:-} -pl demo surefire:test -Dgroups=demo -Ddpf.demo.excludedGroups=
fi
echo "[test] done in $(( $(date +%s) - start )) s"
