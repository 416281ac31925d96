#!/usr/bin/env bash
# Builds the libFuzzer targets and fuzzes one of them.
#
#   Fuzz/run.sh TARGET [SECONDS] [libFuzzer flags...]
#
# TARGET is expression, scene, lesson or toml (the TOML reader alone); SECONDS (default 60)
# bounds the run. The seed corpus is Fuzz/corpus/TARGET plus, for scene and lesson, the
# repository's scene and lesson files and the broken scenes of the tests; for toml, all of
# these and the scene and lesson corpora. New inputs go to .build-fuzz/corpus/TARGET, crashes
# to .build-fuzz/artifacts/. Every input must finish in 2 s (-timeout) within 2 GB.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: Fuzz/run.sh expression|scene|lesson|toml [SECONDS] [flags...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))

# Not `--sanitize=fuzzer`: SwiftPM would link libFuzzer's main into the build tools too. The
# code is instrumented for coverage under ASan, and only FuzzDescent calls libFuzzer's driver
# (a static archive adds nothing to the tools, which do not reference it). libFuzzer is C++,
# and nothing else in the package is: link the C++ library for it.
fuzzer_lib="$(dirname "$(dirname "$(command -v swiftc)")")"
fuzzer_lib="$(ls "$fuzzer_lib"/lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a | head -1)"
flags=(--product FuzzDescent --scratch-path .build-fuzz -c release --sanitize=address
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xswiftc -DFUZZING
  -Xcc -fsanitize-coverage=inline-8bit-counters,pc-table,trace-cmp -Xlinker "$fuzzer_lib"
  -Xlinker -lstdc++)
swift build "${flags[@]}" >&2
bin="$(swift build "${flags[@]}" --show-bin-path)/FuzzDescent"

seeds=(Fuzz/corpus/"$target")
case "$target" in
  scene) seeds+=(scenes Tests/DescentCoreTests/BrokenScenes) ;;
  lesson) seeds+=(scenes/lessons) ;;
  toml) seeds+=(scenes Tests/DescentCoreTests/BrokenScenes Fuzz/corpus/scene Fuzz/corpus/lesson) ;;
  expression) ;;
  *) echo "unknown target '$target': expression, scene, lesson or toml" >&2; exit 64 ;;
esac
# Only the seed folders that exist (git does not keep empty ones).
existing=()
for folder in "${seeds[@]}"; do [ -d "$folder" ] && existing+=("$folder"); done
seeds=("${existing[@]}")
work=".build-fuzz/corpus/$target"
mkdir -p "$work" .build-fuzz/artifacts
# The Swift runtime's own backtracer would print over libFuzzer's crash report.
SWIFT_BACKTRACE="enable=no" DESCENT_FUZZ_TARGET="$target" ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$bin" \
  -max_total_time="$seconds" -timeout=2 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix=.build-fuzz/artifacts/"$target"- -print_final_stats=1 \
  "$@" "$work" "${seeds[@]}"
