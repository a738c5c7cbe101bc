#!/usr/bin/env bash
# GC benchmark: a repository of 100 snapshots of the ~1 GiB data set, each after a 1% change, half
# of them deleted (built in one JVM); then, in a JVM with a small heap (GC_XMX, default 64m), two
# collections (condemn, then delete after the grace period) report mark speed, per-phase times,
# bytes reclaimed and peak heap; then a full check --read-data (it needs a pack's worth of heap).
# usage: perf/gc-bench.sh [WORKDIR] [bench|demo] [SNAPSHOTS]   (default /tmp/cairn-gc-bench bench 100)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-/tmp/cairn-gc-bench}"
mvn -B -q -DskipTests -pl perf -am package
cp="perf/target/classes:$(cat perf/target/classpath.txt)"
java -Xmx1g -cp "$cp" dev.cairn.perf.GcBench build "$work" "${2:-bench}" "${3:-100}"
java "-Xmx${GC_XMX:-64m}" -cp "$cp" dev.cairn.perf.GcBench collect "$work"
exec java -Xmx1g -cp "$cp" dev.cairn.perf.GcBench check "$work"
