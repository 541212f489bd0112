#!/usr/bin/env bash
# Builds editors/vscode/workos-lsp-<version>.vsix: compiles the extension, cross-compiles workos-lsp
# into bin/<goos>-<goarch>/workos-lsp[.exe] for every platform the extension supports, and packs it
# all with @vscode/vsce.
#
#   WORKOS_LSP_TARGETS="linux/amd64 darwin/arm64"  build only these (default: linux, darwin and
#                                                  windows × amd64 and arm64)
#   WORKOS_LSP_VERSION=v1.2.3                       the server's version string (default: the
#                                                  extension's version from package.json)
#   VSIX_OUT=path.vsix                              where to write the package
#   WORKOS_LSP_PREBUILT=path                        use this binary for the host's own target instead of
#                                                  building it (the tests pass the one they built)
set -euo pipefail
ext="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$ext/../.." && pwd)"
cd "$ext"

version="$(node -p 'require("./package.json").version')"
targets="${WORKOS_LSP_TARGETS:-linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64}"
server_version="${WORKOS_LSP_VERSION:-$version}"
out="${VSIX_OUT:-$ext/workos-lsp-$version.vsix}"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent compile

host="$(go env GOOS)/$(go env GOARCH)"
rm -rf bin
for t in $targets; do
  goos="${t%/*}"
  goarch="${t#*/}"
  exe=workos-lsp
  if [ "$goos" = windows ]; then exe=workos-lsp.exe; fi
  if [ -n "${WORKOS_LSP_PREBUILT:-}" ] && [ "$t" = "$host" ]; then
    echo "== $goos/$goarch: $WORKOS_LSP_PREBUILT"
    install -D -m 0755 "$WORKOS_LSP_PREBUILT" "bin/$goos-$goarch/$exe"
    continue
  fi
  echo "== go build $goos/$goarch"
  (cd "$repo" && CGO_ENABLED=0 GOOS="$goos" GOARCH="$goarch" \
    go build -trimpath -ldflags "-s -w -X main.version=$server_version" -o "$ext/bin/$goos-$goarch/$exe" ./cmd/workos-lsp)
done

echo "== vsce package"
# The project's license travels in the package (vsce looks for it beside package.json).
cp "$repo/LICENSE" "$ext/LICENSE"
trap 'rm -f "$ext/LICENSE"' EXIT
npx --no-install vsce package --out "$out"
echo "wrote $out"
