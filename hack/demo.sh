#!/usr/bin/env bash
# Runs DPF locally (the README's first command): a local control plane (host cluster + DPU clusters), simulated
# hosts (kwok) with simulated BlueField DPUs (DMS simulators), the operator, the host agent, and the sample
# manifests (config/samples); prints progress until everything is Ready, then `dpfctl describe all`, and stops
# everything it started. See docs/user-guide/demo.md.
#
#   hack/demo.sh                          3 hosts, 1 DPU cluster
#   hack/demo.sh --hosts 5 --dpu-clusters 2
#   hack/demo.sh --fail install-error     inject a failure (also dms-unreachable, reboot-failure, bfb-404, ...)
#   hack/demo.sh --keep-running           stay up and explore with kubectl/dpfctl; Ctrl-C stops
#   hack/demo.sh --help
#
# Needs Java 17, Maven and Go (Go builds the control-plane binaries once into ~/.cache/dpf-java). Run as root with
# iproute2 for real host networking (network namespaces); otherwise a clearly labelled stand-in is used.
# DPF_DEMO_SKIP_BUILD=1 skips the Maven build check.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "$tool is required (Java 17 and Maven)" >&2; exit 2; }
done

# the control-plane binaries (kube-apiserver, etcd, kube-controller-manager, kubectl, kwok), built once from Go modules
KUBEBUILDER_ASSETS=$(hack/control-plane-bin.sh)
export KUBEBUILDER_ASSETS

jar=demo/target/dpf-demo.jar
stale() {
  [[ ! -f $jar ]] && return 0
  [[ -n $(find pom.xml ./*/pom.xml ./*/src config/samples config/third-party-crds -newer "$jar" -type f \
          -print -quit 2>/dev/null) ]]
}
if [[ -z ${DPF_DEMO_SKIP_BUILD:-} ]] && stale; then
  echo "[demo] building the demo and the modules it needs (mvn -q -pl demo -am package -DskipTests) ..."
  start=$(date +%s)
  mvn -q -B -ntp ${MAVEN_ARGS:-} -pl demo -am package -DskipTests
  echo "[demo] built in $(( $(date +%s) - start )) s"
fi

exec java ${DPF_DEMO_JAVA_OPTS:-} -jar "$jar" "$@"
