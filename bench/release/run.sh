#!/usr/bin/env bash
# Release benchmark: install/upgrade latency of one release and 100 releases from one repository.
# Runs release-service's ReleaseBench (tag "bench", excluded from ./mvnw verify) against the fabric8 mock API
# server and a stand-in repo-service. Method and results: docs/benchmarks.md.
#   bench/release/run.sh                      # defaults: 20 single runs, a fleet of 100
#   SINGLE_RUNS=50 FLEET=300 bench/release/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B install -DskipTests -pl common-model -am
./mvnw -B -f release-service/pom.xml test -Dtest=ReleaseBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.excluded=none -Dbench.single-runs="${SINGLE_RUNS:-20}" -Dbench.fleet="${FLEET:-100}" \
  | grep -A20 '=== release bench ===' || true
echo "results: release-service/target/bench-release.txt"
