#!/usr/bin/env bash
# Runs the whole Helmdeck platform on this machine: an embedded PostgreSQL (data in .helmdeck/, kept across
# restarts; skipped when QUARKUS_DATASOURCE_REACTIVE_URL is set), repo-service, release-service and
# sync-worker. Prints the URLs and a ready-to-use admin token once everything is ready; Ctrl-C stops it all.
# Needs only a JDK 17+ (the Maven wrapper fetches Maven).
#
# The first run creates, under .helmdeck/ (owner-only files, ignored by git), the RSA key pair user tokens are
# signed with (jwt-private.pem, jwt-public.pem) and one service token per service (service-tokens/), and
# wires every service with them (docs/decisions/0013-authentication-and-tenancy.md).
#
#   ./run-local.sh                                   build, then run everything
#   ./run-local.sh --sandbox-cluster                 the same, plus a SIMULATED Kubernetes cluster (in process, runs
#                                                    nothing; ADR 0017) that release-service deploys into
#   ./run-local.sh token [--tenant NAME]... [--viewer] [--subject NAME] [--hours N]
#                                                    print a new user token signed with the local key: an admin
#                                                    token without --tenant; e.g. TOKEN=$(./run-local.sh token --tenant demo)
set -euo pipefail
cd "$(dirname "$0")"

if [[ "${1:-}" == "token" ]]; then
  shift
  if [[ ! -f local-run/target/local-run.jar ]]; then
    ./mvnw -B -q -f local-run/pom.xml package -DskipTests >&2
  fi
  exec java -jar local-run/target/local-run.jar token "$@"
fi

./mvnw -B -q install -DskipTests
exec java -jar local-run/target/local-run.jar "$@"
