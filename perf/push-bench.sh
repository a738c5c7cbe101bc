#!/usr/bin/env bash
# Push/pull benchmark: a first push local -> bucket (S3Proxy on loopback, or CAIRN_TEST_S3_ENDPOINT),
# a second after a 1% change, and a pull into an empty repository; MB/s and bytes sent vs skipped.
# Usage: perf/push-bench.sh [WORKDIR] [bench|demo]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl perf -am package
exec java -Xmx2g -cp "perf/target/classes:$(cat perf/target/classpath.txt)" dev.cairn.perf.PushBench "$@"
