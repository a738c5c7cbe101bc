#!/usr/bin/env bash
# REST API benchmark: requests/s and p50/p99 latency for snapshot listing, snapshot get, lineage
# queries (10-hop upstream subgraph, artifacts of a run context, on a graph of about 10,000 nodes)
# and small file downloads with 8 and 64 closed-loop clients, and MB/s downloading a 512 MiB file,
# against an in-process `cairn serve` on loopback with bearer tokens. Bounded load, loopback only.
# Usage: perf/api-bench.sh [WORKDIR] [SECONDS_PER_ROW]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -B -q -DskipTests -pl perf -am package) >&2
exec java -Xmx2g -Dorg.slf4j.simpleLogger.log.dev.cairn.api.access=warn -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$root/perf/target/classes:$(cat "$root/perf/target/classpath.txt")" \
  dev.cairn.perf.ApiBench "${1:-/tmp/cairn-api-bench}" "${2:-10}"
