#!/usr/bin/env bash
# Memory and start-up benchmark (docs/benchmarks.md, "Memory and start-up"). Usage:
#   bench/footprint/run.sh [--rebuild] [--repositories 1000] [--releases 100] [--interval 01:00]
#                          [--steady-seconds 120] [--sample-seconds 5] [--ready-timeout 900] [--nmt] [--label TEXT]
#                          [--jvm-option SERVICE=OPT]... [--env SERVICE=NAME=VALUE]...   (try a cut; after the chart's flags)
#                          [--drop-option PREFIX]...   (leave a chart flag out, e.g. -XX:TieredStopAtLevel, to measure it)
# Starts PostgreSQL, the real registry, the sandbox cluster and repo-service, release-service and sync-worker as
# separate JVMs with the JVM options of the chart's default values (deploy/helm/helmdeck/values.yaml; the container
# limits given as -XX:MaxRAM and -XX:ActiveProcessorCount), times each from process start to ready, creates the
# repositories and releases through the public APIs and samples every service's RSS through a steady window.
# The services measured are the reactor's own target/quarkus-app: without --rebuild the last build is measured.
# --nmt turns on Native Memory Tracking (costs memory itself) and keeps `jcmd VM.native_memory summary` per service.
# The same harness runs at a tiny size in ./mvnw verify (FootprintBenchSmokeTest).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="$here/target"
rebuild=false
args=()
for a in "$@"; do
  if [[ "$a" == "--rebuild" ]]; then rebuild=true; else args+=("$a"); fi
done
skip_quarkus=true
for svc in repo-service sync-worker release-service bench/startup-floor; do
  if $rebuild || [[ ! -f "$root/$svc/target/quarkus-app/quarkus-run.jar" ]]; then skip_quarkus=false; fi
done
(cd "$root" && ./mvnw -q -B package -pl bench/footprint -am -DskipTests -Dmdep.skip=false \
  -Dquarkus.build.skip="$skip_quarkus")
# Helm (in-process through JNA, to push the chart) writes nothing under ~.
export HELM_CACHE_HOME="$target/helm/cache" HELM_CONFIG_HOME="$target/helm/config" HELM_DATA_HOME="$target/helm/data"
export HELM_REGISTRY_CONFIG="$target/helm/registry.json"
mkdir -p "$target/helm" "$target/jna"
cd "$here"
echo "uptime: $(uptime)"
exec java -Djna.tmpdir="$target/jna" -Dbench.root="$root" -Dbench.target="$target" \
  -cp "$target/classes:$target/lib/*" io.helmdeck.bench.footprint.FootprintBench "${args[@]}"
