#!/usr/bin/env bash
# Starts or stops the local control plane the tests use (etcd + kube-apiserver + kube-controller-manager per
# cluster, all CRDs installed), for people.
#   hack/local-cluster.sh start [N]   host cluster plus N DPU clusters; prints the kubeconfig paths
#   hack/local-cluster.sh stop
#   hack/local-cluster.sh status
# State lives in $DPF_LOCAL_DIR (default /tmp/dpf-local).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${DPF_LOCAL_DIR:-/tmp/dpf-local}
cmd=${1:-status}

classpath() {
  # test-support (the control plane) + api-crds (the DPF CRDs) and their dependencies
  if [[ ! -f "$root/test-support/target/classpath.txt" || "$root/test-support/pom.xml" -nt "$root/test-support/target/classpath.txt" ]]; then
    (cd "$root" && mvn -q -pl test-support,api-crds -am install -DskipTests >&2)
    (cd "$root" && mvn -q -pl test-support dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt >&2)
  fi
  echo "$root/test-support/target/classes:$root/api-crds/target/classes:$(cat "$root/test-support/target/classpath.txt")"
}

case "$cmd" in
  start)
    n=${2:-0}
    if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "already running (pid $(cat "$dir/pid")); kubeconfigs in $dir" >&2; ls "$dir"/*.kubeconfig; exit 0
    fi
    assets=$("$root/hack/control-plane-bin.sh")
    cp=$(classpath)
    mkdir -p "$dir"; rm -f "$dir/ready" "$dir/stop"
    KUBEBUILDER_ASSETS="$assets" nohup java -cp "$cp" dev.dpf.testing.LocalClusterMain "$dir" "$n" >"$dir/main.log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 1 240); do
      [[ -f "$dir/ready" ]] && break
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "failed to start:" >&2; tail -30 "$dir/main.log" >&2; exit 1; }
      sleep 0.5
    done
    [[ -f "$dir/ready" ]] || { echo "timed out; see $dir/main.log" >&2; exit 1; }
    echo "kubectl: $assets/kubectl"
    for f in "$dir"/*.kubeconfig; do echo "kubeconfig: $f"; done
    echo "e.g.: KUBECONFIG=$dir/host.kubeconfig $assets/kubectl get crd"
    ;;
  stop)
    [[ -f "$dir/pid" ]] || { echo "not running"; exit 0; }
    pid=$(cat "$dir/pid"); touch "$dir/stop"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill "$pid" 2>/dev/null || true
    rm -f "$dir/pid" "$dir"/*.kubeconfig "$dir/ready" "$dir/stop"
    echo stopped
    ;;
  status)
    if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
      echo "running (pid $(cat "$dir/pid"))"; ls "$dir"/*.kubeconfig
    else echo "not running"; fi
    ;;
  *) echo "usage: $0 start [N]|stop|status" >&2; exit 2 ;;
esac
