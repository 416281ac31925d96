#!/usr/bin/env bash
# Instructions per step of optimizers through `Run` on Rosenbrock, counted by callgrind: the
# count of STEPS steps and the start, less the count of the start alone, over STEPS. Unlike
# wall-clock time it does not move with the machine's load, so two builds compare exactly.
#   Benchmarks/step_cost.sh                      # the gradient-free methods, adam and newton
#   Benchmarks/step_cost.sh cmaes ga             # those only
#   SCENE=moons-small Benchmarks/step_cost.sh cmaes   # on a built-in scene (a network's weights)
# Needs valgrind (Debian's package). STEPS defaults to 2000 (200 with SCENE).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --package-path Benchmarks --scratch-path .build-release -c release --product StepCost \
  >/dev/null
binary=.build-release/release/StepCost
scene=()
if [ -n "${SCENE:-}" ]; then scene=(--scene "$SCENE"); fi
steps=${STEPS:-$([ -n "${SCENE:-}" ] && echo 200 || echo 2000)}
kinds=("$@")
if [ ${#kinds[@]} -eq 0 ]; then kinds=(cmaes anneal pso ga aco nelder-mead adam newton); fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
count() {
  valgrind --tool=callgrind --callgrind-out-file="$out/cg" "$binary" "$1" "$2" "${scene[@]}" 2>&1 |
    sed -n 's/.*Collected : //p'
}
for kind in "${kinds[@]}"; do
  start=$(count "$kind" 0)
  total=$(count "$kind" "$steps")
  printf '%-12s %9d instructions per step\n' "$kind" $(((total - start) / steps))
done
