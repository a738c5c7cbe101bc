#!/usr/bin/env bash
# Builds the perf module and runs the JMH kernels (chunker, SHA-256, zstd encode/decode), then
# prints GB/s per thread. Short settings by default (about 2 minutes on 2 cores).
#   perf/jmh.sh                       all kernels
#   perf/jmh.sh Hash                  kernels whose name matches a regex
#   JMH_OPTS="-f 3 -wi 5 -i 10" perf/jmh.sh   longer, steadier runs (any JMH option)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl perf -am package
read -r -a opts <<<"${JMH_OPTS:--f 1 -wi 2 -i 3 -w 2s -r 3s}"
exec java -cp "perf/target/classes:$(cat perf/target/classpath.txt)" dev.cairn.perf.Kernels "${opts[@]}" "$@"
