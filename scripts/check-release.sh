#!/usr/bin/env bash
# Checks a release tarball the way a teacher's machine without Swift would use it: unpacked
# anywhere, with the Swift toolchain hidden (an empty tmpfs mounted over it in a private
# mount namespace) and an empty environment but TERM. Needs root (unshare -m), tmux and bash.
#
#   scripts/check-release.sh dist/descent-VERSION-linux-ARCH.tar.gz
set -euo pipefail
tarball="$(realpath "$1")"
toolchain="$(dirname "$(dirname "$(realpath "$(command -v swift)")")")"
work="$(mktemp -d)"
trap 'tmux -L descent-release kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
root="$(echo "$work"/descent-*)"
fail() { echo "check-release: $*" >&2; exit 1; }

# What the tarball holds.
for f in bin/descent share/man/man1/descent.1 share/bash-completion/completions/descent \
  share/zsh/site-functions/_descent share/fish/vendor_completions.d/descent.fish README.md \
  licenses/swift-argument-parser/LICENSE.txt; do
  [ -f "$root/$f" ] || fail "the tarball has no $f"
done
version="$("$root/bin/descent" --version)"
case "$(basename "$tarball")" in
  "descent-$version-linux-$(uname -m).tar.gz") ;;
  *) fail "the tarball's name does not carry the version $version" ;;
esac

# No Swift library is linked dynamically.
if ldd "$root/bin/descent" | grep -E "swift|Foundation|dispatch|BlocksRuntime"; then
  fail "the binary links the libraries above from the Swift toolchain"
fi

# Foundation's internationalization and ICU are not inside: the code imports
# FoundationEssentials only. With them the binary is 59 MB; without, 18.6 MB (December 2026).
size="$(stat -c %s "$root/bin/descent")"
[ "$size" -le 20000000 ] ||
  fail "the binary is $size bytes, over 20 MB: does a file import Foundation, not FoundationEssentials?"

# Everything below runs with the toolchain hidden and an empty environment.
hidden() {
  unshare -m bash -c "mount -t tmpfs none '$toolchain' && cd '$work' && $1"
}
[ -z "$(hidden "ls '$toolchain'")" ] || fail "the toolchain could not be hidden"
bin="env -i TERM=xterm-256color $root/bin/descent"
hidden "$bin run --steps 3" | grep -q "^gd,3," || fail "descent run failed"
hidden "$bin render --size 80x24 --plain --steps 10" | grep -q "step 10" ||
  fail "descent render failed"
hidden "$bin demo" | grep -q "ravines" || fail "descent demo (the list) failed"
hidden "$bin eval --expr 'x^2 + y' --at 1,2" | grep -q "= 3" || fail "descent eval failed"

# The view, for one frame, in tmux.
hidden "tmux -L descent-release new-session -d -x 100 -y 30 \
  'env -i TERM=xterm-256color LANG=C.UTF-8 $root/bin/descent; sleep 30' \
  && for i in \$(seq 50); do tmux -L descent-release capture-pane -p | grep -q 'step' && break; \
  sleep 0.2; done; tmux -L descent-release capture-pane -p > '$work/screen'; \
  tmux -L descent-release send-keys q"
grep -q "gd momentum" "$work/screen" || { cat "$work/screen"; fail "the view did not draw"; }

# The man page reads (as `man ./descent.1` shows it).
if command -v man >/dev/null; then
  MANWIDTH=80 man -l "$root/share/man/man1/descent.1" 2>/dev/null | grep -q "Run optimizers on a surface" ||
    fail "the man page does not render"
fi

# Completions offer built-in scene, lesson and optimizer names.
complete_words() {
  (cd "$work" && PATH="$root/bin:$PATH" bash -c '
    source "$0/share/bash-completion/completions/descent"
    COMP_LINE="${*:1}"; COMP_WORDS=("${@:1}"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _descent 2>/dev/null; echo "${COMPREPLY[*]}"' \
    "$root" "$@")
}
complete_words descent run ros | grep -qw rosenbrock || fail "no scene completion"
complete_words descent demo rav | grep -qw ravines || fail "no lesson completion"
echo "check-release: ok ($(basename "$tarball"), $(du -h "$root/bin/descent" | cut -f1) binary)"
