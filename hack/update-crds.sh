#!/usr/bin/env bash
# Regenerates the CRDs from the Java model and writes the committed copies
# (config/crd/bases and charts/dpf-operator/crds).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl test-support,api-crds -am install -DskipTests
mvn -q -pl api-crds surefire:test -Dtest=CrdFilesUpToDateTest -Ddpf.updateCrds=true -Dsurefire.failIfNoSpecifiedTests=false
ls config/crd/bases
