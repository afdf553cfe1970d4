#!/usr/bin/env bash
# The start-up ladder (docs/benchmarks.md, "Start-up ladder"). Usage: bench/startup-floor/ladder.sh [STARTS]
# Builds bench/startup-floor once bare and then with one more of the services' extensions at each step (the pom's
# ladder-* profiles, cumulative), keeps each build under target/ladder/N-name, and times STARTS starts (default 5) of
# each with sync-worker's chart flags, exactly as bench/footprint times the services. Ends by building the bare
# application again, which is what bench/footprint reads as the framework's floor.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
starts="${1:-5}"
ladder="$here/target/ladder"
rm -rf "$ladder"
mkdir -p "$ladder"
profiles=""
step=0
for p in bare ladder-json ladder-openapi ladder-metrics ladder-jwt ladder-scheduler ladder-pg; do
  if [[ "$p" != bare ]]; then profiles="${profiles:+$profiles,}$p"; fi
  (cd "$root" && ./mvnw -q -B package -pl bench/startup-floor -DskipTests ${profiles:+-P$profiles})
  mkdir -p "$ladder/$step-${p#ladder-}"
  cp -r "$here/target/quarkus-app" "$ladder/$step-${p#ladder-}/"
  step=$((step + 1))
done
(cd "$root" && ./mvnw -q -B package -pl bench/startup-floor -DskipTests)
(cd "$root" && ./mvnw -q -B package -pl bench/footprint -am -DskipTests -Dmdep.skip=false -Dquarkus.build.skip=true)
cd "$here/../footprint"
exec java -cp "target/classes:target/lib/*" io.helmdeck.bench.footprint.StartupLadder "$root" "$ladder" "$starts"
