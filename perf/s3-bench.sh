#!/usr/bin/env bash
# S3 backend benchmark: snapshot and restore MB/s against S3Proxy on loopback beside the local
# backend on the same data, and S3 requests per GiB. Usage: perf/s3-bench.sh [WORKDIR] [bench|demo]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl perf -am package
exec java -Xmx2g -cp "perf/target/classes:$(cat perf/target/classpath.txt)" dev.cairn.perf.S3Bench "$@"
