#!/usr/bin/env bash
# Runs every editor-integration test: the VS Code extension (tsc --strict, ESLint, unit tests, the
# protocol-level integration test against the real server, the .vsix packaging test) and the Neovim
# plugin (headless Neovim 0.7 from apt and today's Neovim from Debian sid, against the real server).
# Installs what it needs on a fresh Debian machine
# as root (npm ci; neovim from apt when nvim is missing). Needs Go and Node 20+ with npm; no VS Code.
#
#   WORKOS_LSP_BIN=path     use this server binary instead of building one
#   EDITORS_ONLY="vscode"   run only some suites (vscode, nvim, eglot)
set -euo pipefail
editors="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$editors/.." && pwd)"
only="${EDITORS_ONLY:-vscode nvim eglot}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

want() { [[ " $only " == *" $1 "* ]]; }

declare -a timings=()
section_start=0
start() {
  echo
  echo "== editors: $1"
  section_start=$SECONDS
}
done_section() { timings+=("$(printf '%-28s %4ds' "$1" $((SECONDS - section_start)))"); }

apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "cannot install $*: not root on a Debian machine" >&2
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

total_start=$SECONDS

# One server binary for every suite.
start "build workos-lsp"
export WORKOS_LSP_BIN="${WORKOS_LSP_BIN:-}"
if [ -z "$WORKOS_LSP_BIN" ]; then
  WORKOS_LSP_BIN="$tmp/workos-lsp"
  (cd "$repo" && go build -o "$WORKOS_LSP_BIN" ./cmd/workos-lsp)
fi
export WORKOS_LSP_CACHE="${WORKOS_LSP_CACHE:-$tmp/cache}"
"$WORKOS_LSP_BIN" version
done_section "build workos-lsp"

if want vscode; then
  start "vscode: npm ci"
  if ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  cd "$editors/vscode"
  # npm ci unless node_modules already matches the lock file (a warm developer machine).
  if [ ! -f node_modules/.package-lock.json ] || [ -n "${CI:-}" ] || ! node -e '
    const a = require("./package-lock.json").packages, b = require("./node_modules/.package-lock.json").packages;
    // Optional entries (esbuild'\''s binaries for other platforms) are never installed here.
    for (const k of Object.keys(a)) if (k && !a[k].optional && (!b[k] || b[k].version !== a[k].version)) process.exit(1);' 2>/dev/null; then
    npm ci --no-audit --no-fund
  else
    echo "node_modules is up to date"
  fi
  done_section "vscode: npm ci"

  start "vscode: npm test"
  npm test
  done_section "vscode: npm test"
  cd "$repo"
fi

if want nvim; then
  start "nvim: headless test (0.7)"
  if ! command -v nvim >/dev/null; then
    apt_install neovim
  fi
  NVIM_BIN=nvim bash "$editors/nvim/test/run.sh"
  done_section "nvim: headless test (0.7)"

  # Today's Neovim, from Debian's unstable suite into a private folder (see nvim/test/fetch-nvim.sh):
  # most users run 0.10+, where the plugin goes through vim.lsp.config and vim.lsp.enable.
  start "nvim: headless test (0.12)"
  nvim_new_dir="${WORKOS_NVIM_NEW_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/workos-lsp-test/nvim-sid}"
  rc=0
  nvim_new="$(bash "$editors/nvim/test/fetch-nvim.sh" "$nvim_new_dir")" || rc=$?
  if [ "$rc" = 3 ]; then
    echo "SKIP nvim (Debian sid): the package registry is unreachable, so only Neovim 0.7 was tested"
  elif [ "$rc" != 0 ]; then
    echo "fetching Neovim from Debian sid failed (rc $rc)" >&2
    exit 1
  else
    NVIM_BIN="$nvim_new" bash "$editors/nvim/test/run.sh"
  fi
  done_section "nvim: headless test (0.12)"
fi

if want eglot && [ -x "$editors/emacs/test/run.sh" ]; then
  start "emacs eglot: batch test"
  bash "$editors/emacs/test/run.sh"
  done_section "emacs eglot: batch test"
fi

echo
echo "== editors: timings"
for t in "${timings[@]}"; do echo "  $t"; done
echo "  $(printf '%-28s %4ds' total $((SECONDS - total_start)))"
echo "editors: all tests passed"
