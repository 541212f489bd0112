#!/usr/bin/env bash
# Emacs eglot against the real workos-lsp, headless (`emacs --batch`). Builds the server into a
# temporary folder (or uses $WORKOS_LSP_BIN), uses the fixture docs and a private cache. Installs
# emacs-nox and elpa-eglot from apt when Emacs or eglot is missing (Emacs 29+ has eglot built in), and
# elpa-go-mode for the Go check.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

has_eglot() { emacs --batch --eval '(kill-emacs (if (require (quote eglot) nil t) 0 1))' >/dev/null 2>&1; }
if ! command -v emacs >/dev/null || ! has_eglot; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends emacs-nox elpa-eglot >/dev/null
  else
    echo "Emacs with eglot is not installed" >&2
    exit 1
  fi
fi
echo "== $(emacs --version | head -n1)"
# Emacs 28 has no Go mode; the documented fix is Debian's elpa-go-mode (Emacs 29+ has go-ts-mode).
has_go_mode() { emacs --batch --eval '(kill-emacs (if (require (quote go-mode) nil t) 0 1))' >/dev/null 2>&1; }
if ! has_go_mode && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends elpa-go-mode >/dev/null || true
fi

bin="${WORKOS_LSP_BIN:-}"
if [ -z "$bin" ]; then
  bin="$tmp/workos-lsp"
  (cd "$repo" && go build -o "$bin" ./cmd/workos-lsp)
fi
# A copy of the Neovim fixture project, so that eglot's project is that folder (a package.json
# marks it) and not the whole repository.
cp -r "$repo/editors/nvim/test/fixtures" "$tmp/project"
git -C "$tmp/project" init -q

export WORKOS_LSP_BIN="$bin"
export WORKOS_FIXTURE_DOCS="$repo/corpus/corpustest/fixture/docs"
export WORKOS_FIXTURES="$tmp/project"
export WORKOS_LSP_CACHE="${WORKOS_LSP_CACHE:-$tmp/cache}"
export HOME="$tmp/home"
mkdir -p "$HOME"
timeout 300 emacs --batch -l "$here/eglot-test.el"
