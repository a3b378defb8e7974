#!/usr/bin/env bash
# Measures the gate's error rates on this machine, from real A/A gates (both sides the same build).
#
#   docs/ci/gate-error-rates.sh OUT [GATES [PAIRS]] [-- gate options, e.g. --mechanisms pipe,tcp,shm --pin cross]
#
# 1. One long A/A gate: GATES x PAIRS rounds (default 10 x 10) of target/benchmarks.jar against itself, into
#    OUT/aa-<time>. Its pairs are exchangeable, so its consecutive blocks of PAIRS rounds are GATES independent gates
#    that share no run.
# 2. `run-bench.sh gate --replay` over every OUT/aa-* directory (earlier sittings are pooled): the false alarms among
#    the blocks, among 1000 gates resampled from all rounds, and how often a slowdown planted on a row (x1.10, x1.25,
#    throughput /2, a whole mechanism x1.10) is caught, each as a count with its Clopper-Pearson 95% interval, and the
#    smallest slowdown each gated row catches in 90% of gates.
# Nothing else CPU-heavy may run meanwhile: 10 rounds of the default subset took 7.1 min on a 2-vCPU VM (2026-12-04),
# so the default 10 x 10 rounds take about 71 min; runs from several sittings are pooled by step 2.
set -euo pipefail

[[ $# -ge 1 ]] || { echo "usage: $0 OUT [GATES [PAIRS]] [-- gate options]" >&2; exit 2; }
out=$1
shift
gates=10
pairs=10
if [[ $# -gt 0 && $1 != -- ]]; then gates=$1; shift; fi
if [[ $# -gt 0 && $1 != -- ]]; then pairs=$1; shift; fi
if [[ $# -gt 0 && $1 == -- ]]; then shift; fi
[[ $gates =~ ^[1-9][0-9]*$ && $pairs =~ ^[1-9][0-9]*$ ]] || { echo "ipcbench: GATES and PAIRS are whole numbers" >&2; exit 2; }

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$out"
run="$out/aa-$(date -u +%Y%m%d-%H%M%S)"
"$home/run-bench.sh" gate --base "$home/target/benchmarks.jar" --head "$home/target/benchmarks.jar" \
  --pairs $((gates * pairs)) --out "$run" "$@" || [[ $? -eq 1 ]]
mapfile -t dirs < <(find "$out" -maxdepth 2 -name pairs.csv -path "*/aa-*" -printf '%h\n' | sort)
"$home/run-bench.sh" gate --replay "$(IFS=,; echo "${dirs[*]}")" --block "$pairs" | tee "$out/error-rates.txt"
