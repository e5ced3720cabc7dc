#!/usr/bin/env bash
# Runs the benchmarks: classes named *Benchmark in a module's src/test/java with a main method (surefire excludes
# them, so the test suite never runs them). They print numbers (a Markdown table) and assert nothing; logs go to
# <module>/target/bench-<name>.log. Results and how to read them: docs/benchmarks.md.
#
#   hack/bench.sh                              every benchmark, one after the other, with its defaults
#   hack/bench.sh dpu-fleet                    one benchmark
#   hack/bench.sh dpu-fleet 20 10              one benchmark with arguments (see the class's Javadoc)
#   hack/bench.sh --list
#
# Each run builds the module and what it needs (mvn -pl <module> -am test-compile, in the reactor, so the code of
# this work tree is measured, never artifacts from ~/.m2), resolves the test class path with
# dependency:build-classpath and starts the main class in a JVM of its own. MAVEN_ARGS is passed to Maven (e.g. -o);
# DPF_BENCH_SKIP_BUILD=1 reuses the last build; DPF_BENCH_JAVA_OPTS is passed to java (default -Xmx2g).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# name | module | main class
benchmarks=(
  "fleet-flash|dpu-sim|dev.dpf.dpusim.FleetFlashBenchmark"
  "dpu-fleet|provisioning|dev.dpf.provisioning.dpu.DpuFleetBenchmark"
  "dpuservice-fanout|dpuservice|dev.dpf.dpuservice.dpuservice.DpuServiceFanOutBenchmark"
  "servicechain-expansion|servicechain|dev.dpf.servicechain.ServiceChainExpansionBenchmark"
)

usage() {
  echo "usage: hack/bench.sh [--list | NAME [ARGS...]]"
  echo "benchmarks:"
  for b in "${benchmarks[@]}"; do
    IFS='|' read -r name module class <<<"$b"
    printf '  %-24s %s (%s)\n' "$name" "$class" "$module"
  done
}

run() {
  local name=$1 module=$2 class=$3
  shift 3
  local cp_file="$module/target/bench.classpath"
  if [[ -z ${DPF_BENCH_SKIP_BUILD:-} || ! -f $cp_file ]]; then
    echo "[bench] building $module (mvn -pl $module -am test-compile) ..." >&2
    # shellcheck disable=SC2086
    mvn -q -B -ntp ${MAVEN_ARGS:-} -pl "$module" -am test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
  fi
  local log="$root/$module/target/bench-$name.log"
  echo "[bench] $name: java $class $* (log: $log)" >&2
  # shellcheck disable=SC2086
  java ${DPF_BENCH_JAVA_OPTS:--Xmx2g} -Ddpf.root="$root" -Dlogback.configurationFile="$root/hack/bench-logback.xml" \
    -Dbench.log="$log" -cp "$module/target/test-classes:$module/target/classes:$(cat "$cp_file")" "$class" "$@"
}

case "${1:-}" in
  -h|--help|--list) usage; exit 0 ;;
esac

if [[ $# -eq 0 ]]; then
  for b in "${benchmarks[@]}"; do
    IFS='|' read -r name module class <<<"$b"
    run "$name" "$module" "$class"
  done
  exit 0
fi

wanted=$1
shift
for b in "${benchmarks[@]}"; do
  IFS='|' read -r name module class <<<"$b"
  if [[ $name == "$wanted" ]]; then
    run "$name" "$module" "$class" "$@"
    exit 0
  fi
done
echo "unknown benchmark: $wanted" >&2
usage >&2
exit 2
