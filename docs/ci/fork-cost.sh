#!/usr/bin/env bash
# Where a benchmark fork's fixed cost goes, with and without the class-data-sharing archives (docs/fork-cost.md).
#
#   docs/ci/fork-cost.sh OUT [RUNS]
#
# RUNS (default 5) pairs of one-fork runs of shm 64 B latency (smoke profile: 1 x 300 ms warm-up, 3 x 300 ms
# measured; the spinning echo loop makes no syscall, so strace does not slow the measured part), in ABBA order: with
# the archives (made first if missing), and without them (`-jvmArgsAppend -Xshare:auto` switches them off and leaves
# the JDK's own archive, as before they existed). strace -f -ttt marks the events:
#   fork execve -> first connect (JMH's link to the host: the JVM is up) -> echo child execve (JMH's bootstrap and the
#   trial's setup) -> the child's READY (the child JVM's start and the mechanism's server end) -> the child reaped by
#   the fork (the iterations, the trial's teardown) -> the fork reaped by the host (results sent, the JVM's exit).
# Fixed cost = fork life - 1.2 s of iterations. Nothing else CPU-heavy may run meanwhile.
set -euo pipefail

[[ $# -ge 1 ]] || { echo "usage: $0 OUT [RUNS]" >&2; exit 2; }
out=$1
runs=${2:-5}
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "ipcbench: RUNS is a whole number" >&2; exit 2; }
command -v strace >/dev/null || { echo "ipcbench: needs strace" >&2; exit 2; }
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$out"

one() { # $1 = label, $2 = run index; prints nothing, leaves OUT/<label>-<i>.strace
  local extra=()
  [[ $1 == without ]] && extra=(-jvmArgsAppend -Xshare:auto)
  strace -f --seccomp-bpf -ttt -qq -v -s 64 -e trace=execve,connect,write,wait4,waitid -e signal=none -o "$out/$1-$2.strace" \
    "$home/run-bench.sh" run --mechanisms shm --sizes 64 --mode latency --profile smoke \
    --results "$out/$1-$2" -- -f 1 "${extra[@]}" >"$out/$1-$2.log" 2>&1
}

"$home/run-bench.sh" run --mechanisms shm --sizes 64 --mode latency --profile smoke --results "$out/warm" -- -f 1 \
  >"$out/warm.log" 2>&1
for i in $(seq 1 "$runs"); do
  if (( i % 2 )); then one with "$i"; one without "$i"; else one without "$i"; one with "$i"; fi
done

python3 - "$out" "$runs" <<'PY'
import re, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
ITERATIONS_S = 1.2

def events(path):
    fork = child = None
    t = {}
    for line in open(path):
        reaped = re.match(r'\d+ +([\d.]+) .*wait(?:4|id).* = (\d+)$', line.strip())
        if reaped:
            ts, pid = float(reaped[1]), int(reaped[2])
            if pid == child and 'child_end' not in t:
                t['child_end'] = ts
            elif pid == fork and 'end' not in t:
                t['end'] = ts
            continue
        m = re.match(r'(\d+) +([\d.]+) (\w+)\((.*)', line)
        if not m:
            continue
        pid, ts, call, rest = int(m[1]), float(m[2]), m[3], m[4]
        if call == 'execve' and 'ForkedMain' in rest and fork is None:
            fork, t['fork'] = pid, ts
        elif call == 'execve' and 'EchoServerMain' in rest and child is None:
            child, t['child'] = pid, ts
        elif call == 'connect' and fork is not None and 'linked' not in t and 'AF_INET' in rest:
            t['linked'] = ts
        elif call == 'write' and child is not None and 'ready' not in t and '"READY' in rest:
            t['ready'] = ts
    return t

def fmt(values):
    return f"{statistics.median(values):5.2f} [{min(values):.2f}-{max(values):.2f}]"

rows = {}
for label in ('without', 'with'):
    parts = {'JVM start (execve -> JMH link)': [], 'JMH bootstrap + setup (-> child execve)': [],
             'echo child to READY': [], 'READY -> child exit, less iterations': [],
             'child exit -> fork exit': [], 'fork fixed cost': []}
    for i in range(1, runs + 1):
        t = events(f"{out}/{label}-{i}.strace")
        if len(t) < 6:
            print(f"{label}-{i}: events missing ({sorted(t)})", file=sys.stderr)
            continue
        parts['JVM start (execve -> JMH link)'].append(t['linked'] - t['fork'])
        parts['JMH bootstrap + setup (-> child execve)'].append(t['child'] - t['linked'])
        parts['echo child to READY'].append(t['ready'] - t['child'])
        parts['READY -> child exit, less iterations'].append(t['child_end'] - t['ready'] - ITERATIONS_S)
        parts['child exit -> fork exit'].append(t['end'] - t['child_end'])
        parts['fork fixed cost'].append(t['end'] - t['fork'] - ITERATIONS_S)
    rows[label] = parts
print(f"median [min-max] of {runs}, seconds | without archives | with archives")
for name in rows['without']:
    print(f"{name:42s} | {fmt(rows['without'][name])} | {fmt(rows['with'][name])}")
PY
