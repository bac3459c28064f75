#!/usr/bin/env bash
# End-to-end comparison: CPU-bound guest programs run natively, under qemu-user and under
# jtcg (jit, kvm, and interp on a reduced input), several rounds in alternation. Records wall time
# (process start to exit, so the JVM start-up is included for jtcg) and peak RSS, checks every
# run's output against the native output (qemu's for another arch), then prints medians and ratios and
# writes bench/results/compare-<stamp>.csv, -summary.csv, -inprocess.csv and .png (plus compare-latest.*,
# compare-ARCH-latest.* for another arch).
#
#   bench/compare.sh [--arch x86_64|aarch64|s390x] [--rounds N] [--quick | --long] [--real] [--programs "intwork lzwork"]
#                    [--configs "native qemu jit"] [--inprocess-runs N]
#
# Programs: hello (the start-up/memory row: one line of output; also timed as a bare `java -version`, config
#         "java", with the java the launcher picks), intwork strwork fpwork lzwork (CPU-bound, built here).
# --real: adds the real-program rows (each ~0.3-3 s natively; not in the default run): static busybox
#         `gzip -9` and `bzip2` of a generated 6 MiB text, a busybox `sh` loop of 20,000 iterations, and on
#         x86-64 the host's dynamically linked `lua5.4 -e`, `python3 -c pass` and `xz -9` of the same text
#         (jtcg runs them through the host's ld.so). busybox: $JTCG_BUSYBOX[_AARCH64|_S390X] or
#         /var/cache/jtcg/busybox-static*/bin/busybox. A row whose binary is missing is skipped with a note.
#
# --arch: the guest architecture (default x86_64). aarch64 and s390x cross-build the guests with
#         aarch64-linux-gnu-gcc / s390x-linux-gnu-gcc (or $CC), compare against qemu-aarch64 -cpu cortex-a57 /
#         qemu-s390x -cpu qemu,vx=off,vxeh=off,vxeh2=off (the reference output too), and run neither
#         native nor kvm (default configs "qemu jit interp"); results are compare-<arch>-<stamp>.*.
# --quick: small inputs everywhere (a smoke test of the script, not a measurement).
# --long: inputs ~10x larger (about 1-2 s natively), so that a CPU-bound guest's time is mostly
#         guest work rather than process start-up (jtcg's JVM start and warm-up is ~0.4 s); no
#         in-process runs unless --inprocess-runs is given.
# Configs: native qemu jit kvm interp (interp always runs the reduced input: it is ~100x slower).
# Nothing here needs the network; qemu-x86_64(-static) is used when installed, otherwise skipped.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
RESULTS="$BENCH/results"
JAR="$BENCH/target/benchmarks.jar"

ROUNDS=5
REAL=0
QUICK=0
LONG=0
INPROC_SET=0
PROGRAMS="hello intwork strwork fpwork lzwork"
PROGRAMS_SET=0
CONFIGS=""
INPROC_RUNS=3
ARCH=x86_64

while [ $# -gt 0 ]; do
  case "$1" in
    --arch) ARCH="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --long) LONG=1; shift ;;
    --real) REAL=1; shift ;;
    --programs) PROGRAMS="$2"; PROGRAMS_SET=1; shift 2 ;;
    --configs) CONFIGS="$2"; shift 2 ;;
    --inprocess-runs) INPROC_RUNS="$2"; INPROC_SET=1; shift 2 ;;
    -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --rounds needs a positive number" >&2; exit 2; }
[[ "$INPROC_RUNS" =~ ^[0-9]+$ ]] || { echo "compare.sh: --inprocess-runs needs a number" >&2; exit 2; }
# Per arch: the compiler, the qemu-user binaries (first found wins) and the CPU qemu emulates (the one the
# frontend's tests use as their oracle: features jtcg advertises, no more).
case "$ARCH" in
  x86_64) DEFAULT_CC=gcc; QEMU_NAMES="qemu-x86_64-static qemu-x86_64"; QEMU_CPU=(); DEFAULT_CONFIGS="native qemu jit kvm interp" ;;
  aarch64) DEFAULT_CC=aarch64-linux-gnu-gcc; QEMU_NAMES="qemu-aarch64-static qemu-aarch64"; QEMU_CPU=(-cpu cortex-a57)
           DEFAULT_CONFIGS="qemu jit interp" ;;
  s390x) DEFAULT_CC=s390x-linux-gnu-gcc; QEMU_NAMES="qemu-s390x-static qemu-s390x"; QEMU_CPU=(-cpu qemu,vx=off,vxeh=off,vxeh2=off)
         DEFAULT_CONFIGS="qemu jit interp" ;;
  *) echo "compare.sh: unknown --arch '$ARCH' (x86_64, aarch64, s390x)" >&2; exit 2 ;;
esac
CONFIGS="${CONFIGS:-$DEFAULT_CONFIGS}"
GUESTS="$BENCH/target/guests/$ARCH"
# The reference output: native on x86-64, qemu for the other arches (this host cannot run them).
REF_CONFIG=native; [ "$ARCH" = x86_64 ] || REF_CONFIG=qemu

# Workloads: program -> "full args|reduced args". Full inputs take ~0.1 s natively on the
# reference machine; reduced inputs keep the interpreter to seconds. "-": no arguments; an empty reduced
# input: no interp run. @DATA@ and @LOOP@ stand for the generated text and shell loop (real programs).
declare -A INPUT=(
  [hello]="-|-"
  [intwork]="30000000|200000"
  [strwork]="400000|10000"
  [fpwork]="1000000|10000"
  [lzwork]="8192|128"
)
if [ "$QUICK" = 1 ] && [ "$LONG" = 1 ]; then
  echo "compare.sh: --quick and --long exclude each other" >&2; exit 2
fi
if [ "$QUICK" = 1 ]; then
  INPUT=([hello]="-|-" [intwork]="1000000|50000" [strwork]="40000|2000" [fpwork]="50000|2000" [lzwork]="512|32")
fi
if [ "$LONG" = 1 ]; then
  INPUT=([hello]="-|-" [intwork]="300000000|200000" [strwork]="4000000|10000" [fpwork]="10000000|10000" [lzwork]="65536|128")
  [ "$INPROC_SET" = 1 ] || INPROC_RUNS=0
fi
# Real programs (--real): binary per program (BIN), arguments in INPUT. Not built here.
declare -A BIN
REAL_PROGRAMS="bb-gzip bb-bzip2 bb-sh"
[ "$ARCH" = x86_64 ] && REAL_PROGRAMS+=" lua python3 xz"
case "$ARCH" in
  x86_64) BB="${JTCG_BUSYBOX:-/var/cache/jtcg/busybox-static/bin/busybox}" ;;
  aarch64) BB="${JTCG_BUSYBOX_AARCH64:-/var/cache/jtcg/busybox-static-arm64/bin/busybox}" ;;
  s390x) BB="${JTCG_BUSYBOX_S390X:-/var/cache/jtcg/busybox-static-s390x/bin/busybox}" ;;
esac
BIN+=([bb-gzip]="$BB" [bb-bzip2]="$BB" [bb-sh]="$BB" [lua]=/usr/bin/lua5.4 [python3]=/usr/bin/python3 [xz]=/usr/bin/xz)
INPUT+=([bb-gzip]="gzip -9 -c @DATA@|" [bb-bzip2]="bzip2 -c @DATA@|" [bb-sh]="sh @LOOP@|"
        [lua]="-e print(1<<20)|" [python3]="-c pass|" [xz]="-9 -c @DATA@|")
if [ "$REAL" = 1 ] && [ "$PROGRAMS_SET" = 0 ]; then PROGRAMS+=" $REAL_PROGRAMS"; fi
note() { echo "compare.sh: $*" >&2; }
KEPT=""
for p in $PROGRAMS; do
  [ -n "${INPUT[$p]:-}" ] || { echo "compare.sh: unknown program '$p' (known: ${!INPUT[*]})" >&2; exit 2; }
  if [ -n "${BIN[$p]:-}" ] && [ ! -x "${BIN[$p]}" ]; then note "skipping $p: ${BIN[$p]} not found"; continue; fi
  KEPT+=" $p"
done
PROGRAMS="$KEPT"
bin_of() { echo "${BIN[$1]:-$GUESTS/$1}"; }
# args_of PROGRAM full|reduced -> the argument words (placeholders filled in)
args_of() {
  local full reduced a
  IFS='|' read -r full reduced <<<"${INPUT[$1]}"
  a="$full"; [ "$2" = reduced ] && a="$reduced"
  [ "$a" = - ] && a=""
  a="${a//@DATA@/$DATA}"; echo "${a//@LOOP@/$LOOP}"
}
has_reduced() { local full reduced; IFS='|' read -r full reduced <<<"${INPUT[$1]}"; [ -n "$reduced" ]; }

# ---------------------------------------------------------------- build
mkdir -p "$RESULTS" "$GUESTS"
CC="${CC:-$DEFAULT_CC}"
CFLAGS="-O2 -static -fno-stack-protector -w"
command -v "$CC" >/dev/null 2>&1 || { note "compiler $CC not found (the $ARCH guests are built with it)"; exit 1; }
note "building $ARCH guest programs with $CC"
if [ "$ARCH" = x86_64 ] && ! make -s -C "$ROOT/testsuites/guest" >/dev/null; then
  note "make -C testsuites/guest failed"; exit 1
fi
for src in "$ROOT"/testsuites/guest/src/hello.c "$ROOT"/testsuites/guest/src/intwork.c "$BENCH"/guests/*.c; do
  name="$(basename "$src" .c)"
  out="$GUESTS/$name"
  if [ ! -x "$out" ] || [ "$src" -nt "$out" ]; then
    "$CC" $CFLAGS -o "$out" "$src" -lm || { note "cannot compile $src"; exit 1; }
  fi
done

note "building jtcg and the bench jar (first time only)"
"$ROOT/jtcg" --version >/dev/null 2>&1 || { note "building jtcg failed (see cli/target/build.log)"; exit 1; }
if [ ! -f "$JAR" ] || [ -n "$(find "$BENCH/src" "$BENCH/pom.xml" -newer "$JAR" -print -quit)" ]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl bench -am package) >"$RESULTS/bench-build.log" 2>&1 \
    || { note "building bench failed; see $RESULTS/bench-build.log"; exit 1; }
fi

# The real programs' inputs: a deterministic 6 MiB text (words from a small LCG-driven vocabulary, so it
# compresses like prose: ~3.5:1) and a shell loop.
DATA="$BENCH/target/data/text-6m.txt"
LOOP="$BENCH/target/data/loop.sh"
if [[ " $PROGRAMS " == *" bb-"* || " $PROGRAMS " == *" xz "* ]]; then
  mkdir -p "$BENCH/target/data"
  if [ ! -s "$DATA" ]; then
    awk 'BEGIN { split("the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their", w, " ");
                 x = 12345; n = 0; line = "";
                 while (n < 6291456) { x = (x * 1103515245 + 12345) % 2147483648; word = w[1 + int(x / 65536) % 46];
                   if (x % 7 == 0) word = word x % 1000; line = line word " ";
                   if (length(line) > 70) { print line; n += length(line) + 1; line = "" } } }' >"$DATA.tmp" && mv "$DATA.tmp" "$DATA"
  fi
  printf 'i=0; s=0\nwhile [ $i -lt 20000 ]; do i=$((i + 1)); s=$(( (s + i * 7) %% 1000003 )); done\necho "$i $s"\n' >"$LOOP"
fi
# The bare JVM the hello row compares with: the java the launcher runs.
JAVA_BASELINE="$(JTCG_WHICH_JAVA=1 "$ROOT/jtcg" 2>/dev/null || command -v java)"

# One untimed jtcg run, so that the launcher's start-up cache (CDS archive / AOT cache, made by the first
# run after a build) exists before the timed runs.
"$ROOT/jtcg" run "$GUESTS/hello" >/dev/null 2>&1 || true

QEMU=""
for q in $QEMU_NAMES; do QEMU="$(command -v "$q" || true)"; [ -n "$QEMU" ] && break; done
[ -n "$QEMU" ] || [ "$REF_CONFIG" != qemu ] || { note "none of $QEMU_NAMES found: the $ARCH reference output comes from qemu"; exit 1; }
TIME_BIN=""
if /usr/bin/time -f %M true >/dev/null 2>&1; then TIME_BIN=/usr/bin/time; fi
[ -n "$TIME_BIN" ] || note "/usr/bin/time not found: peak RSS comes from polling /proc (may miss short peaks)"

# ---------------------------------------------------------------- runner
# command_for CONFIG BINARY ARGS... -> prints the command, one word per line
command_for() {
  local cfg="$1"; shift
  case "$cfg" in
    native) printf '%s\n' "$@" ;;
    qemu) printf '%s\n' "$QEMU" ${QEMU_CPU[@]+"${QEMU_CPU[@]}"} "$@" ;;
    jit|kvm|interp) printf '%s\n' "$ROOT/jtcg" run --engine "$cfg" "$@" ;;
    java) printf '%s\n' "$JAVA_BASELINE" -version ;;   # a bare JVM start, for the hello row
  esac
}

# measure OUT ERR CMD... -> sets WALL (s), RSS (KiB), CPU (user + sys s, all threads; empty without
# /usr/bin/time) and STATUS. CPU time is the steadier number on a loaded machine, where a starved process's
# wall time grows with the load.
measure() {
  local out="$1" err="$2"; shift 2
  local t0 t1 tf
  tf="$(mktemp)"
  CPU=""
  t0=$(date +%s%N)
  if [ -n "$TIME_BIN" ]; then
    "$TIME_BIN" -f '%M %U %S' -o "$tf" "$@" >"$out" 2>"$err"
    STATUS=$?
    t1=$(date +%s%N)
    read -r RSS u s < <(tail -n 1 "$tf")
    CPU="$(awk -v u="$u" -v s="$s" 'BEGIN { if (u s != "") printf "%.2f", u + s }')"
  else
    "$@" >"$out" 2>"$err" &
    local pid=$! peak=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)"
      [ -n "$v" ] && [ "$v" -gt "$peak" ] && peak="$v"
      sleep 0.02
    done
    wait "$pid"; STATUS=$?
    t1=$(date +%s%N)
    RSS="$peak"
  fi
  rm -f "$tf"
  [[ "$RSS" =~ ^[0-9]+$ ]] || RSS=""
  WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
}

STAMP="$(date +%Y%m%d-%H%M%S)"; [ "$ARCH" = x86_64 ] || STAMP="$ARCH-$STAMP"
CSV="$RESULTS/compare-$STAMP.csv"
INPROC_CSV="$RESULTS/compare-$STAMP-inprocess.csv"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "program,input,args,config,round,wall_s,peak_rss_kb,status,output_ok,note,cpu_s" >"$CSV"

declare -A SKIP   # config or "config:program" -> reason
[ -n "$QEMU" ] || SKIP[qemu]="qemu-x86_64 not installed (apt-get install qemu-user-static)"
if [ "$ARCH" != x86_64 ]; then
  SKIP[native]="an $ARCH guest does not run natively on this host"
  SKIP[kvm]="the kvm engine runs x86-64 guests only here"
fi

# The runs: (program, input size, config). Interp only on the reduced input; the reduced input
# also runs natively (its reference) and under qemu (cheap) so interp has ratios.
CASES=()
for p in $PROGRAMS; do
  for c in $CONFIGS; do
    case "$c" in
      interp) ;;
      native|qemu|jit|kvm) CASES+=("$p full $c") ;;
      *) note "unknown config '$c' (native qemu jit kvm interp)"; exit 2 ;;
    esac
  done
  [ "$p" = hello ] && CASES+=("hello full java")
  if [[ " $CONFIGS " == *" interp "* ]] && has_reduced "$p"; then
    [ "$ARCH" = x86_64 ] && CASES+=("$p reduced native")
    [[ " $CONFIGS " == *" qemu "* ]] && CASES+=("$p reduced qemu")
    CASES+=("$p reduced interp")
  fi
done

# Reference outputs: one native run (qemu for another arch) per (program, input) before the timed rounds.
declare -A REF
for p in $PROGRAMS; do
  for size in full reduced; do
    [ "$size" = reduced ] && ! has_reduced "$p" && continue
    args="$(args_of "$p" "$size")"
    REF[$p:$size]="$WORK/ref-$p-$size.out"
    mapfile -t cmd < <(command_for "$REF_CONFIG" "$(bin_of "$p")" $args)
    if ! "${cmd[@]}" >"${REF[$p:$size]}" 2>/dev/null; then
      note "$REF_CONFIG $p $args failed: its output cannot serve as the reference"; exit 1
    fi
  done
done

TOTAL=$(( ${#CASES[@]} * ROUNDS ))
N=0
for ((r = 1; r <= ROUNDS; r++)); do
  # Rotate the order each round so drifting machine load hits every config alike.
  count=${#CASES[@]}
  for ((k = 0; k < count; k++)); do
    read -r p size cfg <<<"${CASES[$(( (k + r - 1) % count ))]}"
    N=$((N + 1))
    args="$(args_of "$p" "$size")"
    label="$(printf '[%4d/%d] round %d/%d %-8s %-7s %-6s' "$N" "$TOTAL" "$r" "$ROUNDS" "$p" "$size" "$cfg")"
    reason="${SKIP[$cfg]:-${SKIP[$cfg:$p]:-}}"
    if [ -n "$reason" ]; then
      echo "$p,$size,$args,$cfg,$r,,,,0,\"skipped: $reason\"" >>"$CSV"
      continue
    fi
    mapfile -t cmd < <(command_for "$cfg" "$(bin_of "$p")" $args)
    printf '%s ' "$label" >&2
    measure "$WORK/out" "$WORK/err" "${cmd[@]}"
    ok=0; why=""
    if [ "$STATUS" -ne 0 ]; then
      why="exit $STATUS: $(grep -m1 . "$WORK/err" | tr -d '"\r' | sed "s|$GUESTS/||g" | cut -c1-160)"
    elif [ "$cfg" = java ]; then
      ok=1   # java -version: nothing to compare
    elif ! cmp -s "$WORK/out" "${REF[$p:$size]}"; then
      why="output differs from $REF_CONFIG"
    else
      ok=1
    fi
    echo "$p,$size,$args,$cfg,$r,$WALL,$RSS,$STATUS,$ok,\"$why\",$CPU" >>"$CSV"
    if [ "$ok" = 1 ]; then
      printf '%8.3f s %6s s cpu %8s MiB  ok\n' "$WALL" "${CPU:--}" "$(awk -v k="${RSS:-0}" 'BEGIN { printf "%.1f", k / 1024 }')" >&2
    else
      printf 'FAILED: %s\n' "$why" >&2
      # jtcg refusing to start (no frontend, engine not available, not loadable) will not change
      # between rounds: skip the rest of this config for this program.
      if [[ "$cfg" =~ ^(jit|kvm|interp)$ ]] && { [ "$STATUS" -eq 2 ] || [ "$STATUS" -eq 126 ]; }; then
        SKIP[$cfg:$p]="$why"
      fi
    fi
  done
done

# ---------------------------------------------------------------- steady state in one JVM
echo "program,args,config,runs,first_ms,best_later_ms,output_ok,note" >"$INPROC_CSV"
if [ "$INPROC_RUNS" -gt 0 ]; then
  for p in $PROGRAMS; do
    [ "$p" = hello ] || [ -n "${BIN[$p]:-}" ] && continue   # the CPU-bound programs only
    for cfg in jit kvm; do
      [[ " $CONFIGS " == *" $cfg "* ]] || continue
      full="$(args_of "$p" full)"
      reason="${SKIP[$cfg:$p]:-}"
      if [ -n "$reason" ]; then
        echo "$p,$full,$cfg,$INPROC_RUNS,,,0,\"skipped: $reason\"" >>"$INPROC_CSV"
        continue
      fi
      printf 'in-process %-8s %-4s x%d ' "$p" "$cfg" "$INPROC_RUNS" >&2
      java ${JTCG_JAVA_OPTS:-} -XX:+UseParallelGC -Xss16m -cp "$JAR" org.jtcg.bench.InProcessRun "$INPROC_RUNS" \
        run --engine "$cfg" "$(bin_of "$p")" $full >"$WORK/out" 2>"$WORK/err"
      st=$?
      for ((i = 0; i < INPROC_RUNS; i++)); do cat "${REF[$p:full]}"; done >"$WORK/expect"
      first="$(sed -n 's/^inprocess first_ms=\([0-9.]*\).*/\1/p' "$WORK/err")"
      later="$(sed -n 's/^inprocess first_ms=.* best_later_ms=\([0-9.NA]*\).*/\1/p' "$WORK/err")"
      ok=0; why=""
      if [ "$st" -ne 0 ]; then why="exit $st: $(grep -m1 . "$WORK/err" | tr -d '"' | sed "s|$GUESTS/||g" | cut -c1-160)"
      elif ! cmp -s "$WORK/out" "$WORK/expect"; then why="output differs from $REF_CONFIG"
      else ok=1; fi
      echo "$p,$full,$cfg,$INPROC_RUNS,$first,$later,$ok,\"$why\"" >>"$INPROC_CSV"
      printf 'first %s ms, best later %s ms %s\n' "${first:-?}" "${later:-?}" \
        "$([ $ok = 1 ] && echo ok || echo "FAILED: $why")" >&2
    done
  done
fi

# ---------------------------------------------------------------- report
java -Djava.awt.headless=true -cp "$JAR" org.jtcg.bench.CompareReport "$CSV" "$INPROC_CSV" \
  "$RESULTS/compare-$STAMP-summary.csv" "$RESULTS/compare-$STAMP.png" \
  || { note "report failed (raw data: $CSV)"; exit 1; }
LATEST=compare-latest; [ "$ARCH" = x86_64 ] || LATEST="compare-$ARCH-latest"
for f in "$CSV" "$INPROC_CSV" "$RESULTS/compare-$STAMP-summary.csv" "$RESULTS/compare-$STAMP.png"; do
  cp "$f" "${f/compare-$STAMP/$LATEST}"
done
echo "machine: $(nproc) cpus, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); jtcg runs on $("$JAVA_BASELINE" -version 2>&1 | head -1)"
echo "arch: $ARCH; qemu: ${QEMU:-not installed} ${QEMU_CPU[*]:-}"
echo "results: $CSV (+ -summary.csv, -inprocess.csv, .png; copies as $LATEST.*)"
