#!/usr/bin/env bash
# CSI volume benchmark: create + publish from a cached snapshot of 100 MiB vs 2 GiB (should be
# flat), CreateSnapshot after writing 10 MiB vs 500 MiB into a 2 GiB volume (should scale with the
# change). Real overlay and bind mounts, so it needs root. Usage: perf/csi-bench.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$(id -u)" != 0 ]; then
  echo "csi-bench: needs root (it mounts overlays)" >&2
  exit 2
fi
(cd "$root" && mvn -B -q -DskipTests -pl perf -am package) >&2
exec java -XX:+UseSerialGC -cp "$root/perf/target/classes:$(cat "$root/perf/target/classpath.txt")" \
  dev.cairn.perf.CsiBench "${1:-/tmp/cairn-csi-bench}"
