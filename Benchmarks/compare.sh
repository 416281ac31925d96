#!/usr/bin/env bash
# Runs descent's benchmarks and the NumPy references back to back, and prints the ratios the
# issues set targets for. The machines are shared and noisy: compare ratios from one run.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package --allow-writing-to-package-directory benchmark --target DescentBenchmarks \
  --no-progress | tee "$log"
python3 numpy_grid.py | tee -a "$log"

# The p50 wall-clock time of a benchmark, in milliseconds.
p50ms() {
  awk -v name="$1" '$0 == name { found = 1 }
    found && /Time \(wall clock\)/ {
      split($0, cells, "│"); value = cells[5]; gsub(/ /, "", value)
      unit = $0; sub(/.*\(wall clock\) \(/, "", unit); sub(/\).*/, "", unit)
      scale = (unit == "ns") ? 1e-6 : (unit == "μs" || unit == "us") ? 1e-3 : (unit == "s") ? 1e3 : 1
      if (value ~ /K$/) { sub(/K$/, "", value); value *= 1000 }
      printf "%.6f\n", value * scale; exit }' "$log"
}
numpy() { sed -nE "s/^numpy $1: median ([0-9.]+) ms.*/\1/p" "$log"; }
ratio() { python3 -c "print(f'{$1 / $2:.2f}x')"; }

tape=$(p50ms "adam step, Rosenbrock, tape")
hand=$(p50ms "adam step, Rosenbrock, hand-written gradient")
grid=$(p50ms "grid 240x140, Rosenbrock values")
frame=$(p50ms "frame 200x60, six paths of 1000 steps")
heat_r=$(p50ms "heatmap 200x60 cells, Rosenbrock")
heat_t=$(p50ms "heatmap 200x60 cells, transcendental")
gradient=$(p50ms "gradient, Rosenbrock, tape")
hessian=$(p50ms "Hessian, Rosenbrock, tape")
newton=$(p50ms "newton step, Rosenbrock, tape")
net_bp=$(p50ms "network gradient 2-16-16-1, 200 samples, backprop")
net_fd=$(p50ms "network gradient 2-16-16-1, 200 samples, finite differences")
net_fm=$(p50ms "network gradient 2-16-16-1, 200 samples, forward mode")
slice_p=$(p50ms "network slice 120x40 cells, preview (1/16 of the pixels)")
slice_f=$(p50ms "network slice 120x40 cells, full, every core")
echo
echo "adam step via tape:            $(python3 -c "print(f'{$tape * 1e6:.0f} ns')")   (target <= 250 ns)"
echo "tape / hand-written gradient:  $(ratio "$tape" "$hand")   (target <= 2x)"
echo "Hessian / gradient:            $(ratio "$hessian" "$gradient")   ($(python3 -c "print(f'{$hessian * 1e6:.0f} ns')") per Hessian; target <= 4x)"
echo "newton step via tape:          $(python3 -c "print(f'{$newton * 1e6:.0f} ns')")   (Hessian, gradient and a 2x2 LU solve)"
echo "grid 240x140 / NumPy:          $(ratio "$grid" "$(numpy 'grid 240x140 rosenbrock')")   ($grid ms; target <= 1x)"
echo "frame 200x60, six paths:       $frame ms   (target <= 1 ms)"
echo "heatmap Rosenbrock / NumPy:    $(ratio "$heat_r" "$(numpy 'heatmap 200x60 rosenbrock')")   (target <= 1x)"
echo "heatmap transcend. / NumPy:    $(ratio "$heat_t" "$(numpy 'heatmap 200x60 transcendental')")   (target <= 1x)"
echo "network gradient, backprop:    $net_bp ms   (2-16-16-1, 200 samples; target <= 0.2 ms)"
echo "network gradient, forward mode: $net_fm ms   ($(ratio "$net_fm" "$net_bp") backprop's time)"
echo "network gradient, finite diff: $net_fd ms   ($(ratio "$net_fd" "$net_bp") backprop's time)"
echo "network slice 120x40, preview: $slice_p ms   (target <= 100 ms)"
echo "network slice 120x40, full:    $slice_f ms   (target <= 1500 ms on 2 cores)"
echo "one step on Rosenbrock, each optimizer (p50; a population's step evaluates all of it):"
grep -E "^[a-z-]+ step, Rosenbrock$" "$log" | sort -u | while read -r name; do
  printf "  %-30s %s ms\n" "$name" "$(p50ms "$name")"
done
