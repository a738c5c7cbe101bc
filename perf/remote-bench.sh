#!/usr/bin/env bash
# Remote snapshot benchmark: the same deterministic data set (GenerateDataset, about 1 GiB) is
# snapshotted into a local repository and, over loopback, into a repository behind 'cairn serve';
# then about 1% of it changes (MutateDataset) and both snapshot again; then the remote one once
# more without any change. Reports MB/s of each first snapshot (target: remote within 1.5x of
# local) and the bytes a second snapshot sends after the 1% change: blob bytes in packs (from the
# client's --json) and every request byte the server received (from its /metrics).
#
# Server and client share this machine's cores, as they would on a single-node setup; the stat
# cache of the client starts empty. A server is a long-running process, so before anything is
# measured it takes one snapshot of a data set of the same shape that shares no content with the
# measured one (GenerateDataset with another seed): its JIT compiler has then compiled the paths an
# upload takes, as in a server that has taken uploads before. (A 64 MB warm-up left about 1.5 s of
# C2 compiling, a quarter of the server's CPU, inside the measured snapshot.) Every client is a
# fresh JVM, as a local snapshot is, and pays its own compiling. Times are wall
# seconds of whole processes (JVM start included); CPU seconds are user + sys, and hardly move with
# other load on the machine.
#
# usage: perf/remote-bench.sh [--work DIR] [--scale bench|demo]
#   --work DIR   scratch directory (default $BENCH_WORK or /tmp/cairn-remote-bench); cleared at start
#   --scale S    bench (about 1 GiB, default) or demo (about 40 MiB)
# Extra JVM options for Cairn: CAIRN_JAVA_OPTS. Report: stdout and perf/results/remote-<date>.md.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_WORK:-/tmp/cairn-remote-bench}"
scale="${BENCH_SCALE:-bench}"
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "remote-bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
say() { echo "remote-bench.sh: $*" >&2; }

say "building the CLI and the perf module"
(cd "$root" && mvn -B -q -DskipTests -pl perf -am package) >&2
"$root/cairn" --version >/dev/null
perf_cp="$root/perf/target/classes:$(cat "$root/perf/target/classpath.txt")"

mkdir -p "$work"
work="$(cd "$work" && pwd)"
data="$work/data"
for d in data local remote restore cache logs warm; do rm -rf "${work:?}/$d"; done
mkdir -p "$work"/{restore,cache,logs}

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

declare -A secs cpu scpu
# CPU seconds (user + sys) the server has used so far.
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server_pid/stat"
}
# measure NAME CMD...: runs CMD with stdout in WORK/logs/NAME.json and stderr in NAME.log, and
# records its wall seconds, its CPU seconds, and the server's CPU seconds meanwhile. CPU seconds
# hardly move with other load on the machine; wall seconds do.
measure() {
  local name=$1 t0 t1 s0
  shift
  sync
  s0=$(server_cpu)
  t0=$EPOCHREALTIME
  if ! /usr/bin/time -f '%U %S' -o "$work/logs/$name.cpu" "$@" >"$work/logs/$name.json" 2>"$work/logs/$name.log"; then
    say "$name failed; last lines of $work/logs/$name.log:"
    tail -5 "$work/logs/$name.log" >&2
    exit 1
  fi
  t1=$EPOCHREALTIME
  secs[$name]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  cpu[$name]=$(awk 'END { printf "%.2f", $1 + $2 }' "$work/logs/$name.cpu")
  scpu[$name]=$(awk -v a="$s0" -v b="$(server_cpu)" 'BEGIN { printf "%.2f", b - a }')
  say "$name: ${secs[$name]} s, CPU ${cpu[$name]} s (server ${scpu[$name]} s)"
}
field() { sed -n "s/.*\"$2\" *: *\([0-9]*\).*/\1/p" "$work/logs/$1.json" | head -1; }
# Every request body byte the server has received, over all routes.
received() {
  curl -sf "$url/metrics" | awk '/^cairn_http_server_request_bytes_total/ { s += $NF } END { printf "%.0f", s }'
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "generating the $scale data set into $data"
java -cp "$perf_cp" dev.cairn.perf.GenerateDataset "$data" "$scale" >&2
bytes1=$(find "$data" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
files1=$(find "$data" -type f | wc -l)
# Files younger than 2 s are never trusted by the stat cache; ctime cannot be backdated.
sleep 3

cairn=(env CAIRN_JAVA_OPTS="${CAIRN_JAVA_OPTS:-}" "$root/cairn")
"${cairn[@]}" --repo "$work/local" init >/dev/null
"${cairn[@]}" --repo "$work/remote" init >/dev/null
"${cairn[@]}" --repo "$work/remote" serve --port 0 >"$work/logs/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 600); do
  url=$(sed -n 's/^Serving .* on \(http:[^ ]*\).*/\1/p' "$work/logs/serve.log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { say "the server did not start:"; cat "$work/logs/serve.log" >&2; exit 1; }
say "serving $work/remote on $url"
client=(env CAIRN_CACHE="$work/cache/client" "${cairn[@]}" --server "$url")

say "warming the server up with a snapshot of a data set of the same shape and other content"
java -cp "$perf_cp" dev.cairn.perf.GenerateDataset "$work/warm" "$scale" 7 >&2
"${client[@]}" snapshot create "$work/warm" --ref warm/up >/dev/null
rm -rf "$work/warm"

measure local-1 "${cairn[@]}" --repo "$work/local" snapshot create "$data" --ref bench/data --json
r0=$(received)
measure remote-1 "${client[@]}" snapshot create "$data" --ref bench/data --json
r1=$(received)

say "applying the 1% change"
changes=$(java -cp "$perf_cp" dev.cairn.perf.MutateDataset "$data" "$scale")
bytes2=$(find "$data" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
sleep 3
measure local-2 "${cairn[@]}" --repo "$work/local" snapshot create "$data" --ref bench/data --json
measure remote-2 "${client[@]}" snapshot create "$data" --ref bench/data --json
r2=$(received)
measure remote-3 "${client[@]}" snapshot create "$data" --ref bench/data --json
r3=$(received)
measure local-restore "${cairn[@]}" --repo "$work/local" restore bench/data "$work/restore/local"
measure remote-restore "${client[@]}" restore bench/data "$work/restore/remote"
stop_server
if ! diff -r --no-dereference -q "$work/restore/local" "$work/restore/remote" >/dev/null; then
  say "the local and the remote restore differ"
  exit 1
fi
# The server's repository must be whole after all of it.
"${cairn[@]}" --repo "$work/remote" check --read-data >"$work/logs/check.log"

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
rate() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1e6 / s }'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", 100 * a / b }'; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
# row LABEL LOCAL REMOTE BYTES: one line of the time table (MB/s only when BYTES is given).
row() {
  local l=$2 r=$3 b=$4
  echo "| $1 | ${secs[$l]} | $([ -n "$b" ] && rate "$b" "${secs[$l]}") | ${cpu[$l]}" \
    "| ${secs[$r]} | $([ -n "$b" ] && rate "$b" "${secs[$r]}") | ${cpu[$r]} | ${scpu[$r]}" \
    "| $(ratio "${secs[$r]}" "${secs[$l]}") | $(ratio "$(awk -v a="${cpu[$r]}" -v b="${scpu[$r]}" 'BEGIN { print a + b }')" "${cpu[$l]}") |"
}

report="$work/report.md"
{
  echo "# Cairn remote snapshot benchmark, $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); server and client on it, over loopback (HTTP, no TLS)"
  echo "- cairn $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') on $(java -version 2>&1 | head -1)"
  echo "- data set ($scale): $files1 files, $(mb "$bytes1") MB; $(mb "$bytes2") MB after the 1% change"
  echo "- load average (1, 5, 15 min): $load_start at start, $(cut -d' ' -f1-3 /proc/loadavg) at end"
  echo
  echo "| step | local s | local MB/s | local CPU s | remote s | remote MB/s | client CPU s | server CPU s | remote / local time | remote / local CPU |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  row "1st snapshot" local-1 remote-1 "$bytes1"
  row "2nd snapshot (1% change)" local-2 remote-2 ""
  echo "| 3rd snapshot (no change) | | | | ${secs[remote-3]} | | ${cpu[remote-3]} | ${scpu[remote-3]} | | |"
  row "restore" local-restore remote-restore "$bytes2"
  echo
  echo "| remote snapshot | files read | blobs sent | raw blob MB sent | pack MB sent | all request MB received by the server | of the data set |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for n in 1 2 3; do
    prev=$([ "$n" = 1 ] && echo "$r0" || ([ "$n" = 2 ] && echo "$r1" || echo "$r2"))
    now=$([ "$n" = 1 ] && echo "$r1" || ([ "$n" = 2 ] && echo "$r2" || echo "$r3"))
    sent=$((now - prev))
    echo "| $n | $(field "remote-$n" filesRead) | $(field "remote-$n" blobsAdded) | $(mb "$(field "remote-$n" rawBytesAdded)") | $(mb "$(field "remote-$n" storedBytesAdded)") | $(mb "$sent") | $(pct "$sent" "$bytes2")% |"
  done
  echo
  echo "For comparison, the local 2nd snapshot stored $(mb "$(field local-2 storedBytesAdded)") MB ($(mb "$(field local-2 rawBytesAdded)") MB raw) in new blobs."
  echo
  echo "The 1% change:"
  echo "$changes" | sed 's/^/- /'
  echo
  echo "Notes: default repository config (FastCDC 64K/256K/1M, zstd 1, 32 MiB packs); the client uploads two packs at a time and"
  echo "asks about blob ids in batches of up to 4,096 ids or 16 MiB; request bytes include the id lists, packs and commit JSON; the"
  echo "server verifies every blob of every pack before storing it. The server was warmed up with a snapshot of a data set of the"
  echo "same shape and other content first; server CPU s is what it used during each step. Both restores were compared byte for byte and the server's"
  echo "repository checked clean with --read-data afterwards."
} >"$report"

mkdir -p "$root/perf/results"
out="$root/perf/results/remote-$(date +%Y-%m-%d_%H%M%S).md"
cp "$report" "$out"
cat "$report"
say "report written to $out"
