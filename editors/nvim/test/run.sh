#!/usr/bin/env bash
# Headless Neovim test of the workos_lsp plugin against the real server: builds workos-lsp into a
# temporary folder (or uses $WORKOS_LSP_BIN), uses the repository's fixture docs and a private cache.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
plugin="$(cd "$here/.." && pwd)"
repo="$(cd "$plugin/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# NVIM_BIN: the Neovim to test (editors/test.sh runs Debian's 0.7.2 and a fetched 0.12).
nvim="${NVIM_BIN:-nvim}"
if ! command -v "$nvim" >/dev/null; then
  echo "$nvim is not installed (apt-get install -y neovim)" >&2
  exit 1
fi
echo "== $("$nvim" --version | head -n1)"

bin="${WORKOS_LSP_BIN:-}"
if [ -z "$bin" ]; then
  bin="$tmp/workos-lsp"
  (cd "$repo" && go build -o "$bin" ./cmd/workos-lsp)
fi

export WORKOS_LSP_BIN="$bin"
export WORKOS_FIXTURE_DOCS="$repo/corpus/corpustest/fixture/docs"
export WORKOS_LSP_CACHE="${WORKOS_LSP_CACHE:-$tmp/cache}"
# A clean Neovim: no user config, no shada, state and logs in the temp folder.
export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" XDG_CACHE_HOME="$tmp/xdgcache"

# `timeout` bounds a hang (the spec's own waits have deadlines well below it).
run_spec() {
  timeout 300 "$nvim" --headless -u NONE -i NONE -n \
    --cmd "set runtimepath^=$plugin" \
    --cmd "filetype on" \
    -c "lua local ok, err = pcall(dofile, '$1'); if not ok then io.stderr:write(tostring(err) .. '\\n'); vim.cmd('cquit 2') end"
}
run_spec "$here/spec.lua"
# A load that fails for real: offline, with nothing cached.
mkdir -p "$tmp/empty-cache"
WORKOS_LSP_CACHE="$tmp/empty-cache" run_spec "$here/spec_failed.lua"
# 0.11+: the user's own vim.lsp.config + vim.lsp.enable, without the plugin's setup().
if "$nvim" --headless -u NONE -i NONE -n -c 'lua io.stdout:write(vim.fn.has("nvim-0.11"))' -c 'qall!' 2>/dev/null | grep -q 1; then
  run_spec "$here/spec_native.lua"
fi
