#!/usr/bin/env bash
# Release benchmark: install/upgrade latency of one release and a fleet of releases from one repository, and how
# long a fleet takes to resume after a crash left some of it leased to a dead process, and a fleet whose workloads
# become ready only after 20 s beside a release with nothing to wait for (WaitingFleetBenchTest), and a fleet of
# releases (1,000 at the documented size) waiting for readiness with one reconciling replica, then two
# (ThousandReleasesBenchTest).
# Runs release-service's ReleaseBenchTest (a @QuarkusTest: release-service with its test profile's fresh JWT key pair and
# service tokens, the fabric8 mock API server, a stand-in repo-service) in the reactor, so nothing is installed into
# ~/.m2. ./mvnw verify runs the same class at a tiny size; this script at the documented one.
# Method and results: docs/benchmarks.md.
#   bench/release/run.sh                      # defaults: 20 single runs, a fleet of 100
#   SINGLE_RUNS=50 FLEET=300 bench/release/run.sh
#   SCALE_FLEET=1000 bench/release/run.sh     # defaults: a waiting fleet of 100, a scale fleet of 1000
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "uptime: $(uptime)"
# test, not verify: the upstream modules (common-model; repo-service and sync-worker, build-order dependencies of
# release-service's end-to-end tests) are compiled only, and run no test (-Dtest selects ReleaseBenchTest alone).
mkdir -p release-service/target
log=release-service/target/bench-release.log
status=0
./mvnw -B test -pl release-service -am -Dtest='ReleaseBenchTest,WaitingFleetBenchTest,ThousandReleasesBenchTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.single-runs="${SINGLE_RUNS:-20}" -Dbench.fleet="${FLEET:-100}" -Dbench.waiting-fleet="${WAITING_FLEET:-100}" -Dbench.scale-fleet="${SCALE_FLEET:-1000}" -Dbench.wait-seconds="${WAIT_SECONDS:-600}" \
  > "$log" 2>&1 || status=$?
grep -A20 '=== release bench ===' "$log" || tail -40 "$log"
grep -A6 '=== restart bench ===' "$log" || true
grep -A6 '=== waiting fleet bench ===' "$log" || true
grep -A7 '=== thousand releases bench ===' "$log" || true
echo "uptime: $(uptime)"
echo "results: release-service/target/bench-release.md, bench-restart.md, bench-waiting-fleet.md, bench-thousand.md (Maven output: $log)"
exit "$status"
