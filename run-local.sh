#!/usr/bin/env bash
# Runs the whole Helmdeck platform on this machine: an embedded PostgreSQL (data in .helmdeck/, kept across
# restarts; skipped when QUARKUS_DATASOURCE_REACTIVE_URL is set), repo-service, release-service and
# sync-worker. Prints the URLs once everything is ready; Ctrl-C stops it all.
# Needs only a JDK 17+ (the Maven wrapper fetches Maven).
set -euo pipefail
cd "$(dirname "$0")"

./mvnw -B -q install -DskipTests
exec java -jar local-run/target/local-run.jar
