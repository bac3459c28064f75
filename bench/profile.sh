#!/usr/bin/env bash
# Where a guest run's CPU time goes: runs `jtcg run [options] GUEST ARGS...` under async-profiler (CPU
# samples, all threads) and prints the share of samples per part of the emulator, the breakdown issue 14
# asks for (translated guest code / HotSpot compiling / jtcg's translation pipeline / the rest).
#
#   bench/profile.sh [--interval 1ms] [--keep FILE] -- [jtcg run options] GUEST [ARGS...]
#
# The guest's stdout goes to /dev/null, its stderr to stderr. --keep FILE keeps the collapsed stacks
# (one line per stack, "frame;frame;... count"), e.g. for a flame graph.
# async-profiler: $ASYNC_PROFILER_LIB (a libasyncProfiler.so), else tools.profiler:async-profiler from
# Maven (copied into bench/target/async-profiler on first use; needs the network once).
#
# Categories (a sample counts once, in the first category whose pattern matches one of its frames):
#   compiler threads  HotSpot's JIT compiler threads (C1/C2 compiling jtcg's generated classes and jtcg itself)
#   translation       jtcg producing code: decode, IR, passes, ASM class writing, class definition, compile
#                     queue and tier-ups, the start-up prefetch of the translator
#   cold tier         blocks run by the first tier (the IR node interpreter) before they are compiled
#   syscalls          the Linux personality (syscall emulation, signals)
#   guest memory      guest RAM frame allocation and page-table slow paths (first touch of a page)
#   guest code        translated guest code and the dispatcher (JitBlock/region classes, BlockEngine)
#   GC and VM thread  garbage collection, safepoints, the VM thread
#   start-up          the launcher, picocli, ELF loading: everything on the main thread before guest code
#   other             the rest (unattributed frames, JVM runtime stubs)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
INTERVAL=1ms
KEEP=
while [ $# -gt 0 ]; do
  case "$1" in
    --interval) INTERVAL=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: bench/profile.sh [--interval 1ms] [--keep FILE] -- [jtcg run options] GUEST [ARGS...]" >&2; exit 2; }

LIB=${ASYNC_PROFILER_LIB:-}
if [ -z "$LIB" ]; then
  LIB="$ROOT/bench/target/async-profiler/libasyncProfiler.so"
  if [ ! -f "$LIB" ]; then
    case "$(uname -m)" in x86_64) plat=linux-x64 ;; aarch64) plat=linux-arm64 ;; *) echo "profile.sh: no async-profiler build for $(uname -m)" >&2; exit 1 ;; esac
    dir="$ROOT/bench/target/async-profiler"
    mkdir -p "$dir"
    echo "profile.sh: fetching tools.profiler:async-profiler:3.0 (first use)" >&2
    mvn -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:3.0 -DoutputDirectory="$dir" >/dev/null 2>&1 \
      || { echo "profile.sh: could not fetch async-profiler; set ASYNC_PROFILER_LIB to a libasyncProfiler.so" >&2; exit 1; }
    (cd "$dir" && unzip -q -o -j async-profiler-3.0.jar "$plat/libasyncProfiler.so")
  fi
fi
[ -f "$LIB" ] || { echo "profile.sh: $LIB does not exist" >&2; exit 1; }

OUT=$(mktemp /tmp/jtcg-profile.XXXXXX)
trap 'rm -f "$OUT"' EXIT
status=0
JTCG_JAVA_OPTS="${JTCG_JAVA_OPTS:-} -agentpath:$LIB=start,event=cpu,interval=$INTERVAL,file=$OUT,collapsed" \
  "$ROOT/jtcg" run "$@" >/dev/null || status=$?
[ -s "$OUT" ] || { echo "profile.sh: the profiler wrote no samples (guest exit status $status)" >&2; exit 1; }
[ -z "$KEEP" ] || cp "$OUT" "$KEEP"

awk -v status="$status" '
function classify(s) {
  if (s ~ /CompileBroker::compiler_thread_loop|C1 CompilerThre|C2 CompilerThre/) return "compiler threads"
  if (s ~ /org\/jtcg\/core\/jit\/JitCompiler|org\/objectweb\/asm\/|CompileQueue|TierCompiles|\/translate\/|\/decoder\/|Translator\.|org\/jtcg\/core\/ir\/|org\/jtcg\/core\/decode\/|defineHiddenClass|EnginePrefetch|ColdCompiler|BlockCompiler/) return "translation"
  if (s ~ /org\/jtcg\/core\/interp\//) return "cold tier"
  if (s ~ /SyscallDispatcher|LinuxProcess\.syscall|org\/jtcg\/core\/signal\//) return "syscalls"
  if (s ~ /FrameAllocator|PagedMemory\.[a-zA-Z]*Slow|PagedMemory\.translate/) return "guest memory"
  if (s ~ /JitBlock\.|Region[A-Za-z]*\.0x|BlockEngine\.loop|CpuLoop\.runGuestCode/) return "guest code"
  if (s ~ /VMThread|GCTaskThread|G1|ConcurrentGCThread|WorkerThread|SafepointSynchronize|ParallelGC|SerialHeap/) return "GC and VM thread"
  if (s ~ /org\/jtcg\/cli\/|JavaMain|LauncherHelper|ClassLoader|org\/jtcg\/core\/linux\/ElfLoader/) return "start-up"
  return "other"
}
{ n = $NF; $NF = ""; c = classify($0); cnt[c] += n; total += n }
END {
  split("guest code,compiler threads,translation,cold tier,syscalls,guest memory,GC and VM thread,start-up,other", order, ",")
  printf "%-18s %8s %7s\n", "part", "samples", "share"
  for (i = 1; i <= 9; i++) { k = order[i]; if (cnt[k] > 0) printf "%-18s %8d %6.1f%%\n", k, cnt[k], 100 * cnt[k] / total }
  printf "%-18s %8d   (guest exit status %d)\n", "total", total, status
}' "$OUT"
