#!/usr/bin/env bash
# End-to-end benchmark: Cairn side by side with restic, borg and git (each only when installed;
# this script installs nothing) on one deterministic ML-like data set of about 1 GiB.
#
# Steps, each run for every tool before the next step starts, so all tools see the same bytes:
#   init, 1st snapshot, (1% change), 2nd snapshot, 3rd snapshot (no change), restore into an empty dir.
# Every step is timed as whole processes (JVM start included for Cairn), with CPU seconds and peak
# RSS from /usr/bin/time -v when it exists, and repository size (du -sb) after it. Dirty pages are
# synced before each step; the data set stays warm in the page cache for every tool (dropping
# caches is not reliably possible here).
#
# usage: perf/bench.sh [--work DIR] [--data DIR] [--scale bench|demo] [--tools "cairn restic borg git"] [--jfr]
#   --work DIR   scratch directory (default $BENCH_WORK or /tmp/cairn-bench); its subdirectories
#                data, repos, restore, cache, logs and jfr are deleted at start
#   --data DIR   copy this data set instead of generating one (must come from GenerateDataset with
#                the same scale, since the 1% change edits known files); default $BENCH_DATA
#   --scale S    bench (about 1 GiB, default) or demo (about 40 MiB, to try the script quickly)
#   --tools T    which tools, in order (default "cairn restic borg git")
#   --jfr        also record a JFR profile of each Cairn step into WORK/jfr and add the hottest
#                methods to the report (profiling slows Cairn a little: use a separate run for timings)
# Extra JVM options for Cairn: CAIRN_JAVA_OPTS. Report: stdout and perf/results/<date>.md.
set -euo pipefail
export LC_ALL=C

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${BENCH_WORK:-/tmp/cairn-bench}"
data_src="${BENCH_DATA:-}"
scale="${BENCH_SCALE:-bench}"
tools="${BENCH_TOOLS:-cairn restic borg git}"
jfr=0
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --data) data_src="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --tools) tools="$2"; shift 2 ;;
    --jfr) jfr=1; shift ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
say() { echo "bench.sh: $*" >&2; }

active=()
for t in $tools; do
  case "$t" in
    cairn) active+=(cairn) ;;
    restic | borg | git) if command -v "$t" >/dev/null; then active+=("$t"); else say "$t is not installed: skipping it"; fi ;;
    *) say "unknown tool '$t' (cairn, restic, borg, git)"; exit 2 ;;
  esac
done
timev=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  timev=/usr/bin/time
else
  say "GNU time (/usr/bin/time -v) not found: peak RSS will not be measured"
fi

say "building the CLI and the perf module"
(cd "$root" && mvn -B -q -DskipTests -pl perf -am package) >&2
# The launcher records its class-data archive on first use; do that before anything is timed.
"$root/cairn" --version >/dev/null
perf_cp="$root/perf/target/classes:$(cat "$root/perf/target/classpath.txt")"

mkdir -p "$work"
work="$(cd "$work" && pwd)"
data="$work/data"
if [ -n "$data_src" ] && [ "$(cd "$data_src" && pwd)" = "$data" ]; then
  say "--data cannot be $data: that directory is cleared and then mutated by the run"
  exit 2
fi
for d in data repos restore cache logs jfr; do rm -rf "${work:?}/$d"; done
mkdir -p "$work"/{repos,restore,cache,logs}
[ "$jfr" = 1 ] && mkdir -p "$work/jfr"

# Peers keep their caches under the work dir, outside the repository sizes measured.
export RESTIC_REPOSITORY="$work/repos/restic" RESTIC_PASSWORD=bench RESTIC_CACHE_DIR="$work/cache/restic"
export BORG_REPO="$work/repos/borg" BORG_BASE_DIR="$work/cache/borg"
export BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
# No automatic gc, so git does not repack in the background while another tool is measured.
git_cmd=(git -c gc.auto=0 -c user.name=bench -c user.email=bench@localhost -c init.defaultBranch=main --git-dir="$work/repos/git")

declare -A secs cpu rss size
# measure TOOL STEP CMD...: runs CMD with its output in WORK/logs; records wall seconds, CPU
# seconds (user + sys: barely moved by other load, unlike wall time), peak RSS (KiB) and the
# repository's size afterwards.
measure() {
  local tool=$1 step=$2
  shift 2
  local log="$work/logs/$tool-$step.log" status=0 t0 t1
  # Start with no dirty pages left by the step before, so no tool pays for another's writeback.
  sync
  t0=$EPOCHREALTIME
  if [ -n "$timev" ]; then
    "$timev" -v -o "$log.rusage" "$@" >"$log" 2>&1 || status=$?
    rss[$tool:$step]=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.rusage")
    cpu[$tool:$step]=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$log.rusage")
  else
    "$@" >"$log" 2>&1 || status=$?
    rss[$tool:$step]=-
    cpu[$tool:$step]=-
  fi
  t1=$EPOCHREALTIME
  size[$tool:$step]=$( (du -sb "$work/repos/$tool" 2>/dev/null || echo 0) | cut -f1)
  if [ "$status" -ne 0 ]; then
    secs[$tool:$step]=FAIL
    say "$tool $step failed (exit $status); last lines of $log:"
    tail -5 "$log" >&2
  else
    secs[$tool:$step]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    say "$tool $step: ${secs[$tool:$step]} s"
  fi
}

# step TOOL STEP: the tool's command for one step.
step() {
  local tool=$1 step=$2 target="$work/restore/$1"
  case "$tool:$step" in
    cairn:*)
      # Through the ./cairn launcher, as users run it (its JVM flags and class-data archive count).
      local extra="${CAIRN_JAVA_OPTS:-}"
      [ "$jfr" = 1 ] && extra="$extra -XX:StartFlightRecording=filename=$work/jfr/cairn-$step.jfr,settings=profile"
      local cairn=(env CAIRN_JAVA_OPTS="$extra" "$root/cairn" --repo "$work/repos/cairn")
      case "$step" in
        init) measure "$tool" "$step" "${cairn[@]}" init ;;
        snap*) measure "$tool" "$step" "${cairn[@]}" snapshot create "$data" --ref bench/data -m "$step" ;;
        restore) measure "$tool" "$step" "${cairn[@]}" restore bench/data "$target" ;;
      esac ;;
    restic:init) measure "$tool" "$step" restic init ;;
    restic:snap*) measure "$tool" "$step" restic backup -q --host bench "$data" ;;
    restic:restore) measure "$tool" "$step" restic restore -q latest --target "$target" ;;
    borg:init) measure "$tool" "$step" borg init --encryption=none ;;
    borg:snap*) measure "$tool" "$step" borg create "::$step" "$data" ;;
    borg:restore) measure "$tool" "$step" env -C "$target" borg extract "::snap3" ;;
    git:init) measure "$tool" "$step" "${git_cmd[@]}" init -q ;;
    # --allow-empty: the no-change snapshot is a commit too, as it is for the other tools.
    git:snap*) measure "$tool" "$step" bash -c '"${@:2}" add -A && "${@:2}" commit -q --allow-empty -m "$1"' _ "$step" "${git_cmd[@]}" --work-tree="$data" ;;
    # A separate index, so restoring leaves the repository as the snapshots made it.
    git:restore) measure "$tool" "$step" env -C "$target" GIT_INDEX_FILE="$work/cache/git-restore.index" \
      "${git_cmd[@]}" --work-tree="$target" checkout HEAD -- . ;;
  esac
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load)
# Other processes skew every number on a small machine; say so rather than hide it.
awk -v l="${load_start%% *}" -v c="$(nproc)" 'BEGIN { exit !(l > c / 4) }' &&
  say "load average is $load_start before starting: other work may skew the numbers"

bytes_in() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
files_in() { find "$1" -type f | wc -l; }

if [ -n "$data_src" ]; then
  say "copying the data set from $data_src"
  cp -a "$data_src/." "$data/"
else
  say "generating the $scale data set into $data"
  java -cp "$perf_cp" dev.cairn.perf.GenerateDataset "$data" "$scale" >&2
fi
v1_bytes=$(bytes_in "$data")
v1_files=$(files_in "$data")
# Snapshot tools trust stat data only for files whose mtime and ctime are a couple of seconds older
# than the snapshot (Cairn: 2 s). ctime cannot be backdated with touch, so wait instead.
sleep 3

for t in "${active[@]}"; do step "$t" init; done
for t in "${active[@]}"; do step "$t" snap1; done
say "applying the 1% change"
changes=$(java -cp "$perf_cp" dev.cairn.perf.MutateDataset "$data" "$scale")
v2_bytes=$(bytes_in "$data")
v2_files=$(files_in "$data")
sleep 3
for t in "${active[@]}"; do step "$t" snap2; done
for t in "${active[@]}"; do step "$t" snap3; done
declare -A restored
for t in "${active[@]}"; do
  mkdir -p "$work/restore/$t"
  step "$t" restore
  restored[$t]=$(bytes_in "$work/restore/$t")
done
load_end=$(load)

# --- report -------------------------------------------------------------------------------------
num() { [[ "$1" =~ ^[0-9.]+$ ]]; }
mb() { num "$1" && awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }' || echo -; }
rate() { num "$1" && num "$2" && awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / 1e6 / s }' || echo -; }
mib() { num "$1" && awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' || echo -; }
delta() { num "$1" && num "$2" && awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e6 }' || echo -; }
version() {
  case "$1" in
    cairn) echo "cairn $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') on $(java -version 2>&1 | head -1)" ;;
    restic) restic version | head -1 ;;
    borg) borg --version ;;
    git) git --version ;;
  esac
}

report="$work/report.md"
{
  echo "# Cairn end-to-end benchmark, $(date '+%Y-%m-%d %H:%M')"
  echo
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
    "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(df -T "$work" | awk 'NR == 2 { print $2 }') at $work"
  echo "- data set ($scale): $v1_files files, $(mb "$v1_bytes") MB; after the 1% change $v2_files files, $(mb "$v2_bytes") MB"
  echo "- load average (1, 5, 15 min): $load_start at start, $load_end at end"
  echo "- tools: $(for t in "${active[@]}"; do version "$t"; done | paste -sd ';' | sed 's/;/; /g')"
  echo
  echo "Times are wall seconds of whole processes (JVM start included), one run each, data warm in the page cache for every tool,"
  echo "dirty pages synced (untimed) before every step. CPU s = user + sys. MB = 10^6 bytes."
  echo
  echo "| tool | 1st snapshot s | 1st MB/s | 2nd (1% change) s | 3rd (no change) s | restore s | restore MB/s |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for t in "${active[@]}"; do
    echo "| $t | ${secs[$t:snap1]} | $(rate "$v1_bytes" "${secs[$t:snap1]}") | ${secs[$t:snap2]} | ${secs[$t:snap3]}" \
      "| ${secs[$t:restore]} | $(rate "${restored[$t]}" "${secs[$t:restore]}") |"
  done
  echo
  echo "| tool | repo after 1st MB | after 2nd MB | after 3rd MB | added by 1% change MB | added by no change MB | restored MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for t in "${active[@]}"; do
    ok=$([ "${restored[$t]}" = "$v2_bytes" ] && echo "" || echo " (expected $(mb "$v2_bytes"))")
    echo "| $t | $(mb "${size[$t:snap1]}") | $(mb "${size[$t:snap2]}") | $(mb "${size[$t:snap3]}")" \
      "| $(delta "${size[$t:snap1]}" "${size[$t:snap2]}") | $(delta "${size[$t:snap2]}" "${size[$t:snap3]}") | $(mb "${restored[$t]}")$ok |"
  done
  echo
  echo "| tool | CPU s init | 1st | 2nd | 3rd | restore | peak RSS MiB init | 1st | 2nd | 3rd | restore |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for t in "${active[@]}"; do
    echo "| $t | ${cpu[$t:init]} | ${cpu[$t:snap1]} | ${cpu[$t:snap2]} | ${cpu[$t:snap3]} | ${cpu[$t:restore]}" \
      "| $(mib "${rss[$t:init]}") | $(mib "${rss[$t:snap1]}") | $(mib "${rss[$t:snap2]}") | $(mib "${rss[$t:snap3]}") | $(mib "${rss[$t:restore]}") |"
  done
  echo
  echo "The 1% change:"
  echo "$changes" | sed 's/^/- /'
  echo
  echo "Notes:"
  echo "- cairn: default config (FastCDC 64K/256K/1M, zstd 1, 32 MiB packs), run through ./cairn; its repository size includes its RocksDB index."
  echo "- restic: repository v2 (zstd auto), always encrypted; cache in WORK/cache/restic ($(mb "$(du -sb "$work/cache/restic" 2>/dev/null | cut -f1)") MB, not counted)."
  echo "- borg: --encryption=none, default lz4 compression and chunker; cache in WORK/cache/borg ($(mb "$(du -sb "$work/cache/borg" 2>/dev/null | cut -f1)") MB, not counted)."
  echo "- git: add -A + commit; zlib loose objects with no delta compression (gc.auto=0: a later git gc would pack and shrink them); restore is checkout HEAD -- . into an empty work tree."
  if [ "$jfr" = 1 ]; then
    echo "- profiled run (--jfr): Cairn times include JFR overhead."
    for f in "$work"/jfr/*.jfr; do
      echo
      echo "## Profile $(basename "$f" .jfr)"
      java -cp "$perf_cp" dev.cairn.perf.JfrTop -n 12 "$f"
    done
  fi
} >"$report"

mkdir -p "$root/perf/results"
out="$root/perf/results/$(date +%Y-%m-%d_%H%M%S).md"
cp "$report" "$out"
cat "$report"
say "report written to $out"
