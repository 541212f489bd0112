#!/usr/bin/env bash
# Takes real screenshots of workos-lsp in an editor: Neovim (with editors/nvim) in an xterm on a
# virtual X display (Xvfb), driven by typed keys (xdotool), captured with ImageMagick's `import`.
# Writes docs/images/nvim-hover.png and docs/images/nvim-completion.png.
#
# Needs: Xvfb, xterm, xdotool, imagemagick, neovim, Go (installed with apt-get when missing and root).
#   WORKOS_LSP_BIN=path   use this server binary instead of building one
#   OUT_DIR=dir           where to write the PNGs (default: docs/images)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${OUT_DIR:-$repo/docs/images}"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

need=()
for tool in Xvfb:xvfb xterm:xterm xdotool:xdotool import:imagemagick nvim:neovim; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null
  else
    echo "missing: ${need[*]}" >&2
    exit 1
  fi
fi

bin="${WORKOS_LSP_BIN:-}"
if [ -z "$bin" ]; then
  bin="$tmp/workos-lsp"
  (cd "$repo" && go build -o "$bin" ./cmd/workos-lsp)
fi

# The project the editor opens: a TypeScript app that creates the WorkOS client once in lib/workos.ts
# and imports it where it signs users up (the hover follows the client across files).
mkdir -p "$tmp/project/lib" "$tmp/project/app"
cat >"$tmp/project/package.json" <<'EOF'
{ "name": "signup", "private": true, "dependencies": { "@workos-inc/node": "^7.0.0" } }
EOF
cat >"$tmp/project/lib/workos.ts" <<'EOF'
import { WorkOS } from "@workos-inc/node";

export const workos = new WorkOS(process.env.WORKOS_API_KEY);
EOF
cat >"$tmp/project/app/signup.ts" <<'EOF'
import { workos } from "../lib/workos";

export async function signUp(email: string, password: string) {
  const user = await workos.userManagement.createUser({
    email,
    password,
  });
  return user;
}

EOF

# Neovim config: the plugin from this repository, a readable look, and marker files that tell this
# script when the docs are loaded, the hover is shown and the completion menu is open.
cat >"$tmp/init.lua" <<EOF
vim.opt.runtimepath:prepend("$repo/editors/nvim")
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = "no"
vim.o.laststatus = 2
vim.o.showmode = false
vim.o.completeopt = "menuone,noinsert"
vim.o.pumheight = 12
vim.o.shortmess = vim.o.shortmess .. "c"
vim.cmd("syntax on")
vim.cmd("filetype plugin on")
vim.cmd("colorscheme desert")
vim.cmd("highlight Normal guibg=#1f2430 guifg=#e6e6e6")
vim.cmd("highlight EndOfBuffer guibg=#1f2430 guifg=#3b4252")
vim.cmd("highlight LineNr guibg=#1f2430 guifg=#6b7280")
vim.cmd("highlight NormalFloat guibg=#2b2f3a guifg=#e6e6e6")
vim.cmd("highlight FloatBorder guibg=#2b2f3a guifg=#8ab4f8")
vim.cmd("highlight Pmenu guibg=#2b2f3a guifg=#e6e6e6")
vim.cmd("highlight PmenuSel guibg=#3d5a80 guifg=#ffffff")
local function mark(name) local f = io.open("$tmp/" .. name, "w"); f:write("1"); f:close() end
local progress = vim.lsp.handlers["\$/progress"]
vim.lsp.handlers["\$/progress"] = function(err, res, ctx, cfg)
  local v = res and res.value
  if v and v.kind == "end" and type(v.message) == "string" and v.message:match("^WorkOS docs") then
    vim.o.statusline = " app/signup.ts  (client from lib/workos.ts)  %= workos-lsp · " .. v.message .. " "
    mark("loaded")
  end
  if v and v.kind == "end" and type(v.message) == "string" and v.message:match(" files?$") then
    mark("scanned")
  end
  return progress and progress(err, res, ctx, cfg)
end
local hover = vim.lsp.with(vim.lsp.handlers.hover, { border = "rounded", max_width = 90, max_height = 30 })
vim.lsp.handlers["textDocument/hover"] = function(...)
  local r = { hover(...) }
  vim.defer_fn(function() mark("hover") end, 300)
  return unpack(r)
end
vim.api.nvim_create_autocmd("CompleteChanged", { callback = function() vim.defer_fn(function() mark("completion") end, 300) end })
require("workos_lsp").setup({
  cmd = { "$bin", "serve" },
  settings = { workos = { docsPath = "$repo/corpus/corpustest/fixture/docs", offline = true } },
  on_attach = function(_, buf)
    vim.bo[buf].omnifunc = "v:lua.vim.lsp.omnifunc"
    vim.keymap.set("n", "K", vim.lsp.buf.hover, { buffer = buf })
  end,
})
EOF

wait_for() { # file, what, seconds
  local deadline=$((SECONDS + $3))
  until [ -e "$tmp/$1" ]; do
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for $2" >&2
      exit 1
    fi
    sleep 0.2
  done
}

export DISPLAY=:87
Xvfb "$DISPLAY" -screen 0 1180x960x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
deadline=$((SECONDS + 20))
until xdpyinfo >/dev/null 2>&1; do
  [ $SECONDS -lt $deadline ] || { echo "Xvfb did not start" >&2; cat "$tmp/xvfb.log" >&2; exit 1; }
  sleep 0.1
done

export WORKOS_LSP_CACHE="$tmp/cache" XDG_STATE_HOME="$tmp/state" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config"
xterm -geometry 118x47+0+0 -fa "DejaVu Sans Mono" -fs 12 -bg "#1f2430" -fg "#e6e6e6" -bw 0 -b 8 \
  -title "nvim signup.ts" -e nvim -u "$tmp/init.lua" -i NONE -n "$tmp/project/app/signup.ts" &
pids+=($!)
wait_for loaded "workos-lsp to load the docs" 60
wait_for scanned "workos-lsp to scan the project" 60
win="$(xdotool search --sync --name "nvim signup.ts" | head -n1)"
xdotool windowfocus --sync "$win" 2>/dev/null || true
mkdir -p "$out"

# Hover: cursor on createUser (line 4), then K.
xdotool type --delay 40 "4G"
xdotool type --delay 40 "0fcfc"
xdotool key --delay 40 shift+k
wait_for hover "the hover" 15
import -window "$win" "$out/nvim-hover.png"

# Completion: close the hover, open a new line at the end and type the receiver; the server
# completes on the trigger character, omni-completion (C-x C-o) shows the menu.
xdotool key Escape Escape
xdotool type --delay 40 "Go"
xdotool type --delay 60 "  workos.userManagement."
xdotool key ctrl+x ctrl+o
wait_for completion "the completion menu" 15
import -window "$win" "$tmp/completion-full.png"
# The menu sits near the top: keep the part of the window with the code and the menu.
convert "$tmp/completion-full.png" -crop 1180x340+0+0 +repage "$out/nvim-completion.png"

xdotool key Escape
xdotool type ":qa!"
xdotool key Return
# Let Neovim and xterm exit before the display goes away.
deadline=$((SECONDS + 10))
while kill -0 "${pids[1]}" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
echo "wrote $out/nvim-hover.png and $out/nvim-completion.png"
