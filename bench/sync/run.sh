#!/usr/bin/env bash
# Sync benchmark (docs/benchmarks.md). Usage:
#   bench/sync/run.sh [--rebuild] [--max-per-registry K] [--max-concurrent M] [--poll-interval 1s]
#                     [--steady-seconds 60] [--warmup-seconds 15] [--ready-timeout 600] [--head-seconds 10]
#                     [--head-concurrency 4,32,128] [--service-jvm-option OPT]... [--label TEXT] N...
# The measured services are the quarkus-app directories copied into bench/sync/target/services, on the first run
# or with --rebuild, so later edits of the sources do not change what is measured. The harness itself is built in
# the reactor (it uses local-run's classes to wire the services as ./run-local.sh does); nothing goes to ~/.m2.
# The same harness runs at N = 5 in ./mvnw verify (SyncBenchSmokeTest).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$here/target"
rebuild=false
args=()
for a in "$@"; do
  if [[ "$a" == "--rebuild" ]]; then rebuild=true; else args+=("$a"); fi
done
copy=false
for svc in repo-service sync-worker; do
  if $rebuild || [[ ! -f "$target/services/$svc/quarkus-run.jar" ]]; then copy=true; fi
done
# -am packages repo-service and sync-worker too (the harness's smoke test needs them first); when the copies
# are kept, their Quarkus build is skipped.
skip_quarkus=true
if $copy; then skip_quarkus=false; fi
(cd "$root" && ./mvnw -q -B package -pl bench/sync -am -DskipTests -Dmdep.skip=false \
  -Dquarkus.build.skip="$skip_quarkus")
if $copy; then
  mkdir -p "$target/services"
  for svc in repo-service sync-worker; do
    rm -rf "$target/services/$svc"
    cp -a "$root/$svc/target/quarkus-app" "$target/services/$svc"
  done
fi
# Helm (in-process through JNA) and JNA write nothing under ~.
export HELM_CACHE_HOME="$target/helm/cache" HELM_CONFIG_HOME="$target/helm/config" HELM_DATA_HOME="$target/helm/data"
export HELM_REGISTRY_CONFIG="$target/helm/registry.json"
mkdir -p "$target/helm" "$target/jna"
cd "$here"
echo "uptime: $(uptime)"
exec java -Djna.tmpdir="$target/jna" -Dbench.target="$target" -cp "$target/classes:$target/lib/*" \
  io.helmdeck.bench.sync.Bench "${args[@]}"
