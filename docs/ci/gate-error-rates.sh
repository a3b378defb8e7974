#!/usr/bin/env bash
# Measures the CI gate's error rates on real runs.
#
#   docs/ci/gate-error-rates.sh POOL_A POOL_B [compare options, e.g. --threshold 10% --alpha 0.05]
#
# POOL_A and POOL_B are directories of run directories (each holding run.json): A measured from one build, B from
# another (or the same build, for a pure A/A check). The script runs `./run-bench.sh compare` on
#   - every A/A pair: two distinct runs of the same pool, each order (baseline, current); any exit 1 is a false alarm;
#   - every A/B pair: one run of A as baseline, one of B as current;
# and prints how many pairs ran, how many exited 1 (regression), how many failed (exit 2), and for A/B how often
# each row (mechanism payload placement metric) was flagged, read from each pair's compare.csv.
set -euo pipefail

usage() {
  echo "usage: $0 POOL_A POOL_B [compare options]" >&2
  exit 2
}
[[ $# -ge 2 ]] || usage
pool_a=$1
pool_b=$2
shift 2
for pool in "$pool_a" "$pool_b"; do
  [[ -d $pool ]] || { echo "ipcbench: not a directory: $pool" >&2; exit 2; }
done

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gate-error-rates.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The runs of a pool: its immediate subdirectories holding run.json, in name order.
runs_of() {
  local run
  for run in "$1"/*/; do
    [[ -f ${run}run.json ]] && printf '%s\n' "${run%/}"
  done
  return 0
}
mapfile -t runs_a < <(runs_of "$pool_a")
mapfile -t runs_b < <(runs_of "$pool_b")
[[ ${#runs_a[@]} -ge 1 && ${#runs_b[@]} -ge 1 ]] || { echo "ipcbench: a pool without runs" >&2; exit 2; }

pairs=0
# compare KIND BASE CUR: one gate run; its compare.csv is kept as $work/KIND-N.csv, its exit status counted.
compare() {
  local kind=$1 base=$2 cur=$3 out rc=0
  pairs=$((pairs + 1))
  out="$work/$kind-$pairs"
  "$home/run-bench.sh" compare "$base" "$cur" --out "$out" "${compare_options[@]}" >"$out.log" 2>&1 || rc=$?
  echo "$rc" >>"$work/$kind.status"
  if [[ $rc -eq 2 ]]; then
    echo "warning: compare $base $cur failed: $(tail -n 1 "$out.log")" >&2
  elif [[ -f $out/compare.csv ]]; then
    tail -n +2 "$out/compare.csv" >>"$work/$kind.rows"
  fi
}
compare_options=("$@")

for pool in a b; do
  if [[ $pool == a ]]; then runs=("${runs_a[@]}"); else runs=("${runs_b[@]}"); fi
  for base in "${runs[@]}"; do
    for cur in "${runs[@]}"; do
      [[ $base == "$cur" ]] || compare "aa-$pool" "$base" "$cur"
    done
  done
done
for base in "${runs_a[@]}"; do
  for cur in "${runs_b[@]}"; do
    compare ab "$base" "$cur"
  done
done

# summary KIND TITLE: pairs, exit 1, exit 2.
summary() {
  local file="$work/$1.status"
  if [[ ! -f $file ]]; then
    printf '%-34s pairs 0\n' "$2"
    return
  fi
  printf '%-34s pairs %3d   exit 1 (regression) %3d   exit 2 (failed) %3d\n' "$2" "$(wc -l <"$file")" \
    "$(grep -cx 1 "$file" || true)" "$(grep -cx 2 "$file" || true)"
}
echo "runs: ${#runs_a[@]} in $pool_a (A), ${#runs_b[@]} in $pool_b (B); compare options: ${compare_options[*]:-defaults}"
summary aa-a "A/A within A (false alarms)"
summary aa-b "A/A within B (false alarms)"
summary ab "A/B (A baseline, B current)"

# Rows flagged in A/B pairs: compare.csv columns 1-4 are mechanism,payload_bytes,placement,metric; the last the verdict.
echo
echo "A/B rows flagged (times out of $(wc -l <"$work/ab.status" 2>/dev/null || echo 0) pairs):"
if [[ -f $work/ab.rows ]]; then
  awk -F, '$NF == "regression" || $NF == "improvement" { print $1 " " $2 " B " $3 " " $4 " " $NF }' "$work/ab.rows" \
    | sort | uniq -c | sort -k1,1nr -k2
fi
for kind in aa-a aa-b; do
  if [[ -f $work/$kind.rows ]] && grep -q ',regression$' "$work/$kind.rows"; then
    echo
    echo "${kind^^} false alarms by row:"
    awk -F, '$NF == "regression" { print $1 " " $2 " B " $3 " " $4 }' "$work/$kind.rows" | sort | uniq -c | sort -k1,1nr
  fi
done
