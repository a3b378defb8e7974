#!/usr/bin/env bash
# Measures the gate on a planted, real regression: the head is this checkout's HEAD with the echo server's test-only
# fault (ipcbench.mechanism.PlantedStall) armed by default, a busy wait of NANOS before every echo of MECHANISM.
#
#   docs/ci/gate-planted.sh OUT NANOS [MECHANISM [GATES]] [-- gate options, e.g. --mechanisms pipe,tcp --mode latency]
#
# 1. OUT/planted-head: a clone of HEAD with one line changed (the fault's property gets the default
#    spin:NANOS:MECHANISM) and committed there, so the gate builds it once and caches it by commit. Only the stream
#    echo loop reads the fault, and only MECHANISM's echo child arms it: the other rows are the gate's controls.
# 2. GATES (default 5) gates of HEAD against it, into OUT/planted-<time>-<i>; each gate's rows are printed from its
#    gate.csv. Measure NANOS first (step 1 and one gate: its ratio is the planted effect on the row).
# Nothing else CPU-heavy may run meanwhile.
set -euo pipefail

[[ $# -ge 2 ]] || { echo "usage: $0 OUT NANOS [MECHANISM [GATES]] [-- gate options]" >&2; exit 2; }
out=$1
nanos=$2
shift 2
mechanism=pipe
gates=5
if [[ $# -gt 0 && $1 != -- ]]; then mechanism=$1; shift; fi
if [[ $# -gt 0 && $1 != -- ]]; then gates=$1; shift; fi
if [[ $# -gt 0 && $1 == -- ]]; then shift; fi
[[ $nanos =~ ^[1-9][0-9]*$ && $gates =~ ^[1-9][0-9]*$ ]] || { echo "ipcbench: NANOS and GATES are whole numbers" >&2; exit 2; }
[[ $mechanism =~ ^[a-z0-9-]+$ ]] || { echo "ipcbench: MECHANISM is a mechanism id such as pipe" >&2; exit 2; }

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base=$(git -C "$home" rev-parse --verify HEAD)
head="$out/planted-head"
mkdir -p "$out"
if [[ ! -d $head ]]; then
  git clone --quiet --no-checkout "$home" "$head"
  git -C "$head" checkout --quiet --detach "$base"
  stall="$head/src/main/java/ipcbench/mechanism/PlantedStall.java"
  grep -q 'System.getProperty(PROPERTY)' "$stall" || { echo "ipcbench: $stall has no fault to arm" >&2; exit 2; }
  sed -i "s/System.getProperty(PROPERTY)/System.getProperty(PROPERTY, \"spin:$nanos:$mechanism\")/" "$stall"
  git -C "$head" -c user.name=ipcbench -c user.email=ipcbench@localhost commit --quiet -am \
    "planted regression: spin $nanos ns before every $mechanism echo"
fi
grep -q "spin:$nanos:$mechanism" "$head/src/main/java/ipcbench/mechanism/PlantedStall.java" \
  || { echo "ipcbench: $head plants another fault; use a new OUT" >&2; exit 2; }
for i in $(seq 1 "$gates"); do
  dir="$out/planted-$(date -u +%Y%m%d-%H%M%S)-$i"
  "$home/run-bench.sh" gate --base "$base" --head "$head" --out "$dir" "$@" || [[ $? -eq 1 ]]
  echo "== gate $i of $gates: $dir"
  cat "$dir/gate.csv"
done
