#!/usr/bin/env bash
# Peak resident memory (RSS) and time of `descent run`, which writes its rows as it computes
# them. The target is at most 50 MB for `--optimizer all --steps 1000000`; the script fails
# when that run exceeds it. Build first: `swift build -c release` (or set DESCENT=binary).
#
#   Benchmarks/peak_rss.sh [STEPS]      # default 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${DESCENT:-.build/release/descent}
steps=${1:-1000000}
limit_mb=50

# Prints the child's peak RSS in MB (the kernel's own accounting, from getrusage) and its time.
measure() {
  python3 - "$binary" "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{peak:7.1f} MB {time.monotonic() - start:7.1f} s   descent {' '.join(sys.argv[2:])}")
PY
}

echo "   peak     time   command"
first=$(measure run --optimizer all --steps "$steps")
echo "$first"
measure run --optimizer all --steps "$steps" --format json
measure run --optimizer pso --population 10000 --steps 200 --format json
peak=${first%%MB*}
if awk -v p="$peak" -v l="$limit_mb" 'BEGIN { exit !(p > l) }'; then
  echo "peak RSS ${peak// /} MB is over the ${limit_mb} MB target" >&2
  exit 1
fi
