#!/usr/bin/env bash
# Sync benchmark (docs/benchmarks.md). Usage:
#   bench/sync/run.sh [--rebuild] [--max-per-registry K] [--max-concurrent M] [--poll-interval 1s]
#                     [--steady-seconds 60] [--warmup-seconds 15] [--ready-timeout 600] [--head-seconds 10]
#                     [--head-concurrency 4,32,128] [--label TEXT] N...
# The measured services are the quarkus-app directories copied into bench/sync/target/services. They are built
# and copied on the first run or with --rebuild (repo-service and sync-worker only, never the whole reactor).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$here/target"
rebuild=false
args=()
for a in "$@"; do
  if [[ "$a" == "--rebuild" ]]; then rebuild=true; else args+=("$a"); fi
done
mkdir -p "$target/services"
for svc in repo-service sync-worker; do
  if $rebuild || [[ ! -f "$target/services/$svc/quarkus-run.jar" ]]; then
    (cd "$root" && ./mvnw -q -B -f "$svc/pom.xml" package -DskipTests)
    rm -rf "$target/services/$svc"
    cp -a "$root/$svc/target/quarkus-app" "$target/services/$svc"
  fi
done
(cd "$root" && ./mvnw -q -B -f bench/sync/pom.xml package)
# Helm (in-process through JNA) and JNA write nothing under ~.
export HELM_CACHE_HOME="$target/helm/cache" HELM_CONFIG_HOME="$target/helm/config" HELM_DATA_HOME="$target/helm/data"
export HELM_REGISTRY_CONFIG="$target/helm/registry.json"
mkdir -p "$target/helm" "$target/jna"
cd "$here"
echo "uptime: $(uptime)"
exec java -Djna.tmpdir="$target/jna" -Dbench.target="$target" -cp "$target/classes:$target/lib/*" \
  io.helmdeck.bench.sync.Bench "${args[@]}"
