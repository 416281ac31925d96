#!/usr/bin/env bash
# Runs descent's benchmarks and the NumPy reference back to back, and prints the ratios the
# issues set targets for. The machines are shared and noisy: compare ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
swift package --allow-writing-to-package-directory benchmark --target DescentBenchmarks \
  --no-progress | tee "$log"
numpy=$(python3 Benchmarks/numpy_grid.py | tee -a "$log" | sed -E 's/.*median ([0-9.]+) ms.*/\1/')

# The p50 wall-clock figure of a benchmark, in the unit its table uses.
p50() {
  awk -v name="$1" '$0 == name { found = 1 } found && /Time \(wall clock\)/ {
    split($0, cells, "│"); gsub(/ /, "", cells[4]); unit = $0; sub(/.*\(wall clock\) \(/, "", unit);
    sub(/\).*/, "", unit); print cells[4], unit; exit }' "$log"
}

read -r tape tape_unit < <(p50 "adam step, Rosenbrock, tape")
read -r hand hand_unit < <(p50 "adam step, Rosenbrock, hand-written gradient")
read -r grid grid_unit < <(p50 "grid 240x140, Rosenbrock values")
echo
echo "adam step via tape:          $tape $tape_unit   (target <= 250 ns)"
echo "adam step, hand gradient:    $hand $hand_unit"
echo "tape / hand-written:         $(python3 -c "print(f'{$tape / $hand:.2f}x')")   (target <= 2x)"
grid_ms=$(python3 -c "print($grid / (1000.0 if '$grid_unit' == 'μs' else 1.0))")
echo "grid 240x140 via tape:       $grid_ms ms"
echo "grid 240x140 via NumPy:      $numpy ms"
echo "tape / NumPy:                $(python3 -c "print(f'{$grid_ms / $numpy:.2f}x')")   (target <= 1x)"
rm -f "$log"
