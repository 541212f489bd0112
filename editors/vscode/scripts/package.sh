#!/usr/bin/env bash
# Builds the extension's .vsix packages the way rust-analyzer and ruff ship theirs: one package per
# VS Code platform target carrying only that platform's stripped workos-lsp binary, and a universal
# package with no binary (it uses workos-lsp from PATH or workos.server.path). The extension itself is
# one esbuild bundle (dist/extension.js) with no node_modules.
#
#   npm run package                         the host's target only (seconds once Go's cache is warm)
#   npm run package -- linux-arm64 universal
#   npm run package -- all                  every target below and the universal package
#
#   targets: linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64 win32-arm64 universal
#
#   VSIX_DIR=dir             where to write workos-lsp-<target>-<version>.vsix (default: this folder)
#   WORKOS_LSP_VERSION=v1.2  the server's version string (default: the version in package.json)
#   WORKOS_LSP_BIN_DIR=dir   take <goos>-<goarch>/workos-lsp[.exe] from dir where it exists instead of
#                            building it (the packaging test uses this for the targets it does not build)
set -euo pipefail
ext="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"
cd "$ext"

all_targets="linux-x64 linux-arm64 darwin-x64 darwin-arm64 win32-x64 win32-arm64 universal"

# VS Code's platform target → Go's GOOS/GOARCH; empty for the universal package.
go_target() {
  case "$1" in
    linux-x64) echo linux/amd64 ;;
    linux-arm64) echo linux/arm64 ;;
    darwin-x64) echo darwin/amd64 ;;
    darwin-arm64) echo darwin/arm64 ;;
    win32-x64) echo windows/amd64 ;;
    win32-arm64) echo windows/arm64 ;;
    universal) echo "" ;;
    *)
      echo "package.sh: unknown target $1 (one of: $all_targets, all)" >&2
      return 1
      ;;
  esac
}

host_target() {
  local os arch
  os="$(node -p process.platform)"
  arch="$(node -p process.arch)"
  echo "$os-$arch"
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=("$(host_target)")
elif [ "${targets[*]}" = all ]; then
  read -r -a targets <<<"$all_targets"
fi
for t in "${targets[@]}"; do go_target "$t" >/dev/null; done

version="$(node -p 'require("./package.json").version')"
server_version="${WORKOS_LSP_VERSION:-$version}"
out_dir="${VSIX_DIR:-$ext}"
mkdir -p "$out_dir"
out_dir="$(cd "$out_dir" && pwd)"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

# The project's license travels in the package (vsce looks for it beside package.json); bin/ holds
# one target's binary at a time and is removed afterwards.
cp "$repo/LICENSE" "$ext/LICENSE"
build="$(mktemp -d)"
trap 'rm -rf "$ext/LICENSE" "$ext/bin" "$build"' EXIT

for t in "${targets[@]}"; do
  rm -rf "$ext/bin"
  gt="$(go_target "$t")"
  if [ -n "$gt" ]; then
    goos="${gt%/*}"
    goarch="${gt#*/}"
    exe=workos-lsp
    if [ "$goos" = windows ]; then exe=workos-lsp.exe; fi
    dest="$ext/bin/$goos-$goarch/$exe"
    prebuilt="${WORKOS_LSP_BIN_DIR:+$WORKOS_LSP_BIN_DIR/$goos-$goarch/$exe}"
    if [ -n "$prebuilt" ] && [ -f "$prebuilt" ]; then
      echo "== $t: $prebuilt"
      install -D -m 0755 "$prebuilt" "$dest"
    else
      echo "== $t: go build $goos/$goarch (stripped)"
      # Built once per target and kept for the next target list in this run.
      if [ ! -f "$build/$goos-$goarch/$exe" ]; then
        (cd "$repo" && CGO_ENABLED=0 GOOS="$goos" GOARCH="$goarch" \
          go build -trimpath -ldflags "-s -w -X main.version=$server_version" -o "$build/$goos-$goarch/$exe" ./cmd/workos-lsp)
      fi
      install -D -m 0755 "$build/$goos-$goarch/$exe" "$dest"
    fi
    target_flag=(--target "$t")
  else
    echo "== universal: no binary (workos-lsp from PATH or workos.server.path)"
    target_flag=()
  fi
  out="$out_dir/workos-lsp-$t-$version.vsix"
  # --no-dependencies: the esbuild bundle carries the runtime dependencies (vscode:prepublish builds it).
  npx --no-install vsce package "${target_flag[@]}" --no-dependencies --out "$out"
  echo "wrote $out"
done
