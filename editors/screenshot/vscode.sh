#!/usr/bin/env bash
# Screenshots of the VS Code extension in real VS Code: code-server (VS Code in the browser, from npm)
# with the .vsix installed, driven in headless Chromium by vscode.mjs (puppeteer-core). Writes
# docs/images/vscode-hover.png and docs/images/vscode-completion.png.
#
# Needs network access to the npm registry and Debian's packages: it installs node@24 and code-server
# (code-server needs Node 24) and puppeteer-core into a temporary folder, and chromium with apt when
# missing. Takes a few minutes.
#   WORKOS_LSP_BIN=path   use this server binary instead of building one
#   OUT_DIR=dir           where to write the PNGs (default: docs/images)
#   CODE_SERVER_VERSION   default 4.139.1
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${OUT_DIR:-$repo/docs/images}"
version="${CODE_SERVER_VERSION:-4.139.1}"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
    # code-server stops its own children on SIGTERM; wait for that before removing its files.
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

if ! command -v chromium >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

bin="${WORKOS_LSP_BIN:-}"
if [ -z "$bin" ]; then
  bin="$tmp/workos-lsp"
  (cd "$repo" && go build -o "$bin" ./cmd/workos-lsp)
fi

echo "== .vsix"
(cd "$repo/editors/vscode" && [ -d node_modules ] || npm ci --no-audit --no-fund)
# The host's platform package, with the binary built above.
goos_goarch="$(go env GOOS)-$(go env GOARCH)"
install -D -m 0755 "$bin" "$tmp/vsix-bin/$goos_goarch/workos-lsp"
VSIX_DIR="$tmp/vsix" WORKOS_LSP_BIN_DIR="$tmp/vsix-bin" bash "$repo/editors/vscode/scripts/package.sh" >/dev/null
mv "$tmp"/vsix/workos-lsp-*.vsix "$tmp/workos-lsp.vsix"

echo "== code-server $version (Node 24 from npm)"
mkdir -p "$tmp/cs"
cd "$tmp/cs"
echo '{"name":"screenshot","private":true}' >package.json
npm install --no-audit --no-fund --silent node@24 puppeteer-core >/dev/null
node24="$tmp/cs/node_modules/node/bin"
# code-server's own install script (blocked by npm's default script policy) links its CLI helpers and
# checks its bundled native modules; run it with Node 24 and that Node's headers.
PATH="$node24:$PATH" npm install --no-audit --no-fund --silent "code-server@$version" >/dev/null
(cd node_modules/code-server && PATH="$node24:$PATH" \
  npm_config_nodedir="$tmp/cs/node_modules/node/node_modules/node-$(go env GOOS)-$(node -p 'process.arch')" \
  npm_config_dangerously_allow_all_scripts=true npm_config_user_agent="npm/11 node/v24.0.0 linux x64" sh ./postinstall.sh >/dev/null)
# `exec`: run in the background, the PID is code-server's own, so that cleanup can stop it.
cs() { PATH="$node24:$PATH" exec "$tmp/cs/node_modules/.bin/code-server" --config "$tmp/cs/config.yaml" \
  --user-data-dir "$tmp/user" --extensions-dir "$tmp/ext" "$@"; }
(cs --install-extension "$tmp/workos-lsp.vsix")

# The project, and settings: the fixture docs, no network, a quiet workbench.
mkdir -p "$tmp/project" "$tmp/user/User" "$tmp/user/Machine"
cp "$repo/editors/vscode/test/fixtures/signup.ts" "$tmp/project/signup.ts"
echo '{ "name": "signup", "private": true, "dependencies": { "@workos-inc/node": "^7.0.0" } }' >"$tmp/project/package.json"
cat >"$tmp/user/User/settings.json" <<EOF
{
  "workos.docs.path": "$repo/corpus/corpustest/fixture/docs",
  "workos.offline": true,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "editor.minimap.enabled": false,
  "editor.fontSize": 15,
  "workbench.colorTheme": "Default Dark Modern",
  "typescript.suggest.enabled": false,
  "typescript.validate.enable": false,
  "editor.wordBasedSuggestions": "off",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
EOF
# code-server is a remote window: machine-scoped settings (the docs path) are read from Machine/.
cp "$tmp/user/User/settings.json" "$tmp/user/Machine/settings.json"

port=18377
WORKOS_LSP_CACHE="$tmp/cache" cs --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$tmp/project" >"$tmp/code-server.log" 2>&1 &
pids+=($!)
deadline=$((SECONDS + 60))
until curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "code-server did not start" >&2; cat "$tmp/code-server.log" >&2; exit 1; }
  sleep 0.3
done

echo "== screenshots"
mkdir -p "$out"
PUPPETEER="$tmp/cs/node_modules/puppeteer-core" CHROME="$(command -v chromium)" \
  node "$here/vscode.mjs" "http://127.0.0.1:$port/?folder=$tmp/project" "$out"
echo "wrote $out/vscode-hover.png and $out/vscode-completion.png"
