#!/usr/bin/env bash
# Lineage benchmark: one generated pipeline-like graph (about 1M nodes by default: runs of 8-12
# chained steps over a few hundred shared source snapshots) loaded into RocksLineageStore, one
# putExecution per step as `cairn step run` writes them, and into SQLite with ML Metadata's tables
# and indexes (one batched transaction); then artifacts-and-executions by run context and the
# 10-hop upstream subgraph of a run's final artifact (LineageWalker vs one recursive CTE over
# Event), p50 and p99 on both, checked to return the same nodes.
# The Rocks load writes all but the last 5,000 steps into the store opened for a bulk load
# (batches not synced one by one, one flush and sync at close; 4,500-7,000 steps/s on 2 busy
# cores), then the last 5,000 synced, one WriteBatch per step as a live store does, into the store
# holding the rest: that is the per-step insert rate reported (150 to 1,400 steps/s measured here,
# depending on how busy the disk and cores are). Both rates are reported apart. The full graph
# (about 475,000 steps) loads in about 2 minutes that way, 3-5 in all with the queries;
# --synced-load writes every step synced instead (up to an hour at 150 steps/s).
#   perf/lineage-bench.sh                        the full graph
#   perf/lineage-bench.sh --nodes 50000          a quick run (also --samples, --warmup, --hops,
#                                                --seed, --work DIR; default /tmp/cairn-lineage-bench)
#   perf/lineage-bench.sh --synced-sample N      write the last N steps synced (default 5000)
#   perf/lineage-bench.sh --synced-load          write every step synced, no bulk load
#   perf/lineage-bench.sh --reuse                query the stores an earlier run of the same graph
#                                                loaded into --work, without loading them again
#   perf/lineage-bench.sh --rocks-only           query RocksLineageStore as one-shot commands open it,
#                                                every read from RocksDB; by default it is opened with
#                                                its graph in the heap as cairn serve opens it, the node
#                                                cache bounded by --cache-mb N (default: heap / 4)
# Extra JVM options (a JFR recording, say): LINEAGE_BENCH_JAVA_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
(cd "$root" && mvn -B -q -DskipTests -pl perf -am package) >&2
read -r -a jvm <<<"${LINEAGE_BENCH_JAVA_OPTS:-}"
exec java "${jvm[@]}" -cp "$root/perf/target/classes:$(cat "$root/perf/target/classpath.txt")" \
  dev.cairn.perf.lineage.LineageBench "$@"
