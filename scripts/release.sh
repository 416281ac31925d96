#!/usr/bin/env bash
# Builds the release: a statically linked, stripped `descent` (the Swift runtime and
# Foundation linked in), its man page and shell completions, packed with the README and the
# licences as dist/descent-VERSION-linux-ARCH.tar.gz. Prints the tarball's path.
#
#   scripts/release.sh            # build and pack
#   scripts/release.sh --stage    # build and stage in .build-release/stage only (make install)
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=.build-release
stage=$scratch/stage
# One set of flags for every build in this folder: SwiftPM rebuilds everything when they change.
build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch")
"${build[@]}" --product descent >&2
bin="$("${build[@]}" --show-bin-path)"

rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/share/bash-completion/completions" \
  "$stage/share/zsh/site-functions" "$stage/share/fish/vendor_completions.d"
cp "$bin/descent" "$stage/bin/descent"
strip "$stage/bin/descent"

# The man page comes from the command definitions themselves (swift-argument-parser's
# generate-manual tool reads `descent --experimental-dump-help`), so it cannot drift.
"${build[@]}" --product generate-manual >&2
"$bin/generate-manual" "$stage/bin/descent" --output-directory "$stage/share/man/man1" \
  --authors "the descent developers" >&2

# Completions, from the binary too: scene, lesson and optimizer names come from the
# built-in library.
"$stage/bin/descent" --generate-completion-script bash \
  > "$stage/share/bash-completion/completions/descent"
"$stage/bin/descent" --generate-completion-script zsh > "$stage/share/zsh/site-functions/_descent"
"$stage/bin/descent" --generate-completion-script fish \
  > "$stage/share/fish/vendor_completions.d/descent.fish"

cp README.md "$stage/README.md"
[ -f LICENSE ] && cp LICENSE "$stage/LICENSE"
# The binary contains swift-argument-parser (Apache 2.0), whose licence must travel with it.
mkdir -p "$stage/licenses/swift-argument-parser"
cp "$scratch/checkouts/swift-argument-parser/LICENSE.txt" "$stage/licenses/swift-argument-parser/"

[ "${1:-}" = "--stage" ] && exit 0

version="$("$stage/bin/descent" --version)"
name="descent-$version-linux-$(uname -m)"
mkdir -p dist
rm -rf "dist/$name" "dist/$name.tar.gz"
cp -R "$stage" "dist/$name"
tar -C dist -czf "dist/$name.tar.gz" "$name"
rm -rf "dist/$name"
echo "dist/$name.tar.gz"
