#!/usr/bin/env bash
# Regenerates the RBAC rules of the Helm chart and config/rbac from the code's @Rbac annotations.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl operator -am test -Dtest=RbacFilesUpToDateTest -Ddpf.updateRbac=true -Dsurefire.failIfNoSpecifiedTests=false
git status --short charts/dpf-operator/files config/rbac
