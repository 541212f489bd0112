-- Headless end-to-end test of the Neovim plugin against the real workos-lsp (run by test/run.sh):
-- setup() → open a JS and a Go fixture → the client attaches → the docs load → hover, completion,
-- workos.search, :WorkosDocs and :WorkosOpenDocs. Prints one line per check and exits non-zero on a
-- failure. Env: WORKOS_LSP_BIN (the server), WORKOS_FIXTURE_DOCS (the docs folder).
local bin = assert(os.getenv("WORKOS_LSP_BIN"), "WORKOS_LSP_BIN is not set")
local docs = assert(os.getenv("WORKOS_FIXTURE_DOCS"), "WORKOS_FIXTURE_DOCS is not set")
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local fixtures = here .. "/fixtures"
local CREATE_USER_URL = "https://workos.com/docs/reference/authkit/user/create"
local DEADLINE = 60000

local h = dofile(here .. "/harness.lua").new()
local check, contains = h.check, h.contains

local function finish()
  check("the plugin uses no deprecated Neovim API", function()
    local messages = vim.fn.execute("messages")
    assert(not messages:find("deprecated"), messages)
  end)
  h.finish(require("workos_lsp").clients)
end

-- Record the end of the docs load: the server reports it with $/progress.
local loaded_message
local default_progress = vim.lsp.handlers["$/progress"]
vim.lsp.handlers["$/progress"] = function(err, result, ctx, config)
  local v = result and result.value
  if type(v) == "table" and v.kind == "end" and type(v.message) == "string" and v.message:match("^WorkOS docs") then
    loaded_message = v.message
  end
  if default_progress then
    return default_progress(err, result, ctx, config)
  end
end

-- Neovim 0.10+ reports progress through LspProgress (for vim.lsp.status() and statusline plugins).
local progress_events = {}
if vim.fn.has("nvim-0.10") == 1 then
  vim.api.nvim_create_autocmd("LspProgress", {
    callback = function(ev)
      local v = ev.data and ev.data.params and ev.data.params.value
      if type(v) == "table" then
        table.insert(progress_events, v)
      end
    end,
  })
end

-- Everything the plugin tells the user (vim.notify), to check what it says.
local notified = h.notified
h.capture_notify()

local opened = {}
local wl = require("workos_lsp")
io.stdout:write("# " .. vim.split(vim.fn.execute("version"), "\n", { trimempty = true })[1] .. "\n")

check("setup() with settings starts nothing before a matching buffer", function()
  wl.setup({
    cmd = { bin, "serve" },
    settings = { workos = { docsPath = docs, offline = true } },
    open = function(url)
      table.insert(opened, url)
    end,
  })
  assert(#wl.clients() == 0, "a client started early")
  assert(vim.fn.exists(":WorkosDocs") == 2, ":WorkosDocs is missing")
  assert(vim.fn.exists(":WorkosOpenDocs") == 2, ":WorkosOpenDocs is missing")
end)

vim.cmd("edit " .. fixtures .. "/signup.js")
local js = vim.api.nvim_get_current_buf()

check("the client attaches to a JavaScript buffer", function()
  local ok = vim.wait(DEADLINE, function()
    local c = wl.clients(js)[1]
    return c ~= nil and c.initialized == true
  end, 50)
  assert(ok, "workos-lsp did not attach within the deadline")
  local c = wl.clients(js)[1]
  assert(c.server_capabilities.hoverProvider, "no hover capability")
  assert(c.config.root_dir == fixtures, "root_dir = " .. tostring(c.config.root_dir))
end)

local find, hover = h.find, h.hover

check("the docs load (a hover answers within the deadline)", function()
  local line, col = find(js, "createUser")
  local ok = vim.wait(DEADLINE, function()
    local md = hover(js, line, col + 3)
    -- While loading, the server says so in the hover: that is not the docs yet.
    return md ~= nil and not md:find("still loading", 1, true)
  end, 200)
  assert(ok, "no hover within the deadline")
end)

check("the docs load is reported with $/progress", function()
  local ok = vim.wait(10000, function()
    return loaded_message ~= nil
  end, 50)
  assert(ok, "no $/progress end")
  contains(loaded_message, "WorkOS docs", "progress end")
end)

check("the docs load is shown to the user", function()
  if vim.fn.has("nvim-0.10") == 1 then
    local seen = {}
    for _, v in ipairs(progress_events) do
      table.insert(seen, (v.title or "") .. " " .. (v.message or ""))
    end
    contains(table.concat(seen, "\n"), "WorkOS docs", "LspProgress events")
  else
    -- No $/progress UI before 0.10: the plugin echoes it, and the end stays in :messages.
    local messages = vim.fn.execute("messages")
    contains(messages, "workos-lsp: ", ":messages")
    contains(messages, loaded_message, ":messages")
  end
end)

if vim.fn.has("nvim-0.11") == 1 then
  check("0.11+: setup() goes through vim.lsp.config and vim.lsp.enable", function()
    local cfg = vim.lsp.config[wl.name]
    assert(cfg, "vim.lsp.config has no " .. wl.name)
    assert(cfg.cmd[1] == bin, "cmd = " .. vim.inspect(cfg.cmd))
    assert(vim.tbl_contains(cfg.root_markers, "package.json"), "root_markers from lsp/workos_lsp.lua")
    if vim.lsp.is_enabled then
      assert(vim.lsp.is_enabled(wl.name), "not enabled")
    end
  end)
end

check("hover on createUser shows its docs and URL", function()
  local line, col = find(js, "createUser")
  local md = hover(js, line, col + 3)
  assert(md, "no hover")
  contains(md, "createUser", "hover")
  contains(md, CREATE_USER_URL, "hover")
  assert(wl.url_from_markdown(md) == CREATE_USER_URL, "url_from_markdown = " .. tostring(wl.url_from_markdown(md)))
end)

check("the hover window shows links readably", function()
  vim.api.nvim_set_current_buf(js)
  local line, col = find(js, "createUser")
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 3 })
  local before = {}
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    before[w] = true
  end
  vim.lsp.buf.hover()
  local float
  assert(vim.wait(10000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if not before[w] and vim.api.nvim_win_get_config(w).relative ~= "" then
        float = w
        return true
      end
    end
    return false
  end, 20), "no hover window")
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), "\n")
  vim.api.nvim_win_close(float, true)
  contains(text, CREATE_USER_URL, "hover window")
  if vim.fn.has("nvim-0.10") == 0 then
    -- 0.7–0.9 conceal link targets but size the window by them: the plugin writes links as text <url>.
    assert(not text:find("%]%(https?://"), "a markdown link is left in the hover window:\n" .. text)
    contains(text, " <" .. CREATE_USER_URL .. ">", "hover window")
  end
end)

check("go-to-definition on createUser gives its docs page", function()
  local line, col = find(js, "createUser")
  local params = { textDocument = { uri = vim.uri_from_bufnr(js) }, position = { line = line, character = col + 3 } }
  local res = vim.lsp.buf_request_sync(js, "textDocument/definition", params, 10000)
  local uris = {}
  for _, r in pairs(res or {}) do
    local result = r.result or {}
    if result.uri or result.targetUri then
      result = { result }
    end
    for _, loc in ipairs(result) do
      table.insert(uris, loc.uri or loc.targetUri)
    end
  end
  assert(#uris > 0, "no definition")
  assert(uris[1]:match("^file://"), "definition is not a file: " .. uris[1])
  local lines = vim.fn.readfile(vim.uri_to_fname(uris[1]))
  contains(table.concat(lines, "\n"), CREATE_USER_URL, "definition page")
end)

check("a typo of a documented method gets a diagnostic", function()
  local last = vim.api.nvim_buf_line_count(js)
  vim.api.nvim_buf_set_lines(js, last, last, false, { "workos.userManagement.createUsr({});" })
  local diags
  local ok = vim.wait(DEADLINE, function()
    diags = vim.diagnostic.get(js, { lnum = last })
    return #diags > 0
  end, 50)
  assert(ok, "no diagnostic on line " .. last)
  contains(diags[1].message, "createUsr", "diagnostic")
  assert(diags[1].source == "workos", "source = " .. tostring(diags[1].source))
  vim.api.nvim_buf_set_lines(js, last, last + 1, false, {})
  assert(vim.wait(DEADLINE, function()
    return #vim.diagnostic.get(js, { lnum = last }) == 0
  end, 50), "the diagnostic stayed after the fix")
end)

check("completion after workos.userManagement. offers createUser", function()
  local last = vim.api.nvim_buf_line_count(js)
  vim.api.nvim_buf_set_lines(js, last, last, false, { "workos.userManagement." })
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(js) },
    position = { line = last, character = #"workos.userManagement." },
    context = { triggerKind = 2, triggerCharacter = "." },
  }
  local res = vim.lsp.buf_request_sync(js, "textDocument/completion", params, 10000)
  local labels = {}
  for _, r in pairs(res or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do
      table.insert(labels, item.label)
    end
  end
  local found = false
  for _, l in ipairs(labels) do
    if l:find("^createUser") then
      found = true
    end
  end
  assert(found, "createUser not in completion: " .. table.concat(labels, ", "))
  vim.api.nvim_buf_set_lines(js, last, last + 1, false, {})
end)

check("workos.search through workspace/executeCommand", function()
  local hits
  wl.search("create user", function(err, res)
    assert(not err, err)
    hits = res
  end, js)
  assert(vim.wait(10000, function()
    return hits ~= nil
  end, 20), "no search answer")
  assert(#hits > 0, "no hits")
  local urls = {}
  for _, h in ipairs(hits) do
    table.insert(urls, h.url)
  end
  contains(table.concat(urls, " "), CREATE_USER_URL, "search URLs")
end)

check(":WorkosDocs picks with vim.ui.select and opens the page", function()
  local real_select = vim.ui.select
  local shown
  vim.ui.select = function(items, opts, on_choice)
    shown = { items = items, opts = opts }
    on_choice(items[1], 1)
  end
  local before = #opened
  vim.cmd("WorkosDocs createUser")
  local ok = vim.wait(10000, function()
    return #opened > before
  end, 20)
  vim.ui.select = real_select
  assert(ok, "nothing opened")
  assert(shown and #shown.items > 0, "select was not shown")
  contains(shown.opts.format_item(shown.items[1]), "https://workos.com/docs", "select item")
  contains(opened[#opened], "https://workos.com/docs", "opened URL")
end)

check(":WorkosDocs! fills the quickfix list", function()
  vim.fn.setqflist({}, "r", { title = "", items = {} })
  vim.cmd("WorkosDocs! dsync.user.created")
  local ok = vim.wait(10000, function()
    return #vim.fn.getqflist() > 0
  end, 20)
  assert(ok, "quickfix list stayed empty")
  local qf = vim.fn.getqflist({ title = 1, items = 1 })
  contains(qf.title, "dsync.user.created", "quickfix title")
  contains(qf.items[1].text, "https://workos.com/docs", "quickfix item")
  vim.cmd("cclose")
end)

check(":WorkosOpenDocs opens the page of the symbol under the cursor", function()
  vim.api.nvim_set_current_buf(js)
  local line, col = find(js, "createUser")
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 2 })
  local before = #opened
  vim.cmd("WorkosOpenDocs")
  assert(vim.wait(10000, function()
    return #opened > before
  end, 20), "nothing opened")
  assert(opened[#opened] == CREATE_USER_URL, "opened " .. tostring(opened[#opened]))
end)

check("opening docs with no browser says the URL instead of failing silently", function()
  local real_open, real_open_cfg = vim.ui.open, wl.config.open
  local tried = false
  vim.ui.open = function()
    tried = true
    return nil, "no opener"
  end
  wl.config.open = nil
  vim.env.SSH_CONNECTION = "127.0.0.1 50000 127.0.0.1 22"
  local before = #notified
  wl.open_url(CREATE_USER_URL)
  vim.env.SSH_CONNECTION = nil
  vim.ui.open, wl.config.open = real_open, real_open_cfg
  assert(not tried, "tried to start a browser over SSH")
  assert(#notified > before, "nothing was said")
  contains(notified[#notified], CREATE_USER_URL, "message")
  contains(vim.fn.execute("messages"), CREATE_USER_URL, ":messages")
end)

check("a Go buffer in the same project gets the same client and Go docs", function()
  vim.cmd("edit " .. fixtures .. "/main.go")
  local go = vim.api.nvim_get_current_buf()
  assert(vim.wait(DEADLINE, function()
    return wl.clients(go)[1] ~= nil
  end, 50), "not attached to the Go buffer")
  assert(#wl.clients() == 1, "expected one client, got " .. #wl.clients())
  local line, col = find(go, "CreateUser(")
  local md = hover(go, line, col + 2)
  assert(md, "no hover in Go")
  contains(md, "CreateUser", "Go hover")
end)

check("settings reach the server without a restart", function()
  vim.api.nvim_set_current_buf(js)
  local line, col = find(js, "createUser")
  wl.update_settings({ workos = { languages = { "go" } } })
  assert(hover(js, line, col + 3) == nil, "JS hover with only Go enabled")
  wl.update_settings({ workos = { languages = {} } })
  assert(hover(js, line, col + 3) ~= nil, "no JS hover after enabling all languages")
end)

check("lsp/workos_lsp.lua has the nvim-lspconfig shape", function()
  local cfg = dofile(vim.api.nvim_get_runtime_file("lsp/workos_lsp.lua", false)[1])
  assert(cfg.cmd[1] == "workos-lsp" and cfg.cmd[2] == "serve", vim.inspect(cfg.cmd))
  assert(vim.tbl_contains(cfg.filetypes, "typescript") and vim.tbl_contains(cfg.filetypes, "cs"), "filetypes")
  assert(vim.tbl_contains(cfg.root_markers, "go.mod"), "root_markers")
  assert(type(cfg.settings.workos) == "table", "settings")
  local params = {}
  cfg.before_init(params, { settings = { workos = { offline = true } } })
  assert(params.initializationOptions.workos.offline == true, "before_init")
end)

check("empty settings encode as a JSON object", function()
  local s = wl._wire_settings({ workos = {} })
  local encoded = vim.fn.json_encode(s):gsub("%s", "")
  assert(encoded == '{"workos":{}}', encoded)
end)

finish()
