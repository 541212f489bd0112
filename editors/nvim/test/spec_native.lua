-- Neovim 0.11+ without the plugin's setup(): the user's own vim.lsp.config + vim.lsp.enable, with
-- lsp/workos_lsp.lua (on 'runtimepath') as the base config. Run by test/run.sh after spec.lua.
local bin = assert(os.getenv("WORKOS_LSP_BIN"), "WORKOS_LSP_BIN is not set")
local docs = assert(os.getenv("WORKOS_FIXTURE_DOCS"), "WORKOS_FIXTURE_DOCS is not set")
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local fixtures = here .. "/fixtures"
local DEADLINE = 60000
local h = dofile(here .. "/harness.lua").new("native: ")
local check = h.check

check("vim.lsp.config merges lsp/workos_lsp.lua from 'runtimepath' under the user's settings", function()
  vim.lsp.config("workos_lsp", {
    cmd = { bin, "serve" },
    settings = { workos = { docsPath = docs, offline = true } },
  })
  vim.lsp.enable("workos_lsp")
  local cfg = vim.lsp.config.workos_lsp
  assert(cfg.cmd[1] == bin, vim.inspect(cfg.cmd))
  assert(vim.tbl_contains(cfg.filetypes, "javascript"), "filetypes from lsp/workos_lsp.lua")
  assert(type(cfg.before_init) == "function", "before_init from lsp/workos_lsp.lua")
end)

vim.cmd("edit " .. fixtures .. "/signup.js")
local js = vim.api.nvim_get_current_buf()

check("vim.lsp.enable starts the server at the project root and the docs answer hovers", function()
  assert(vim.wait(DEADLINE, function()
    local c = vim.lsp.get_clients({ name = "workos_lsp", bufnr = js })[1]
    return c ~= nil and c.initialized == true
  end, 50), "workos_lsp did not attach")
  local c = vim.lsp.get_clients({ name = "workos_lsp", bufnr = js })[1]
  assert(c.config.root_dir == fixtures, "root_dir = " .. tostring(c.config.root_dir))
  local lnum, col
  for i, line in ipairs(vim.api.nvim_buf_get_lines(js, 0, -1, false)) do
    col = line:find("createUser", 1, true)
    if col then
      lnum = i - 1
      break
    end
  end
  local md
  assert(vim.wait(DEADLINE, function()
    local res = vim.lsp.buf_request_sync(js, "textDocument/hover",
      { textDocument = { uri = vim.uri_from_bufnr(js) }, position = { line = lnum, character = col + 2 } }, 10000)
    for _, r in pairs(res or {}) do
      -- While loading, the server says so in the hover: that is not the docs yet.
      if r.result and not vim.inspect(r.result.contents):find("still loading", 1, true) then
        md = vim.inspect(r.result.contents)
        return true
      end
    end
    return false
  end, 200), "no hover (were the settings sent as initializationOptions?)")
  assert(md:find("https://workos.com/docs/reference/authkit/user/create", 1, true), md)
end)

h.finish(function()
  return vim.lsp.get_clients({ name = "workos_lsp" })
end)
