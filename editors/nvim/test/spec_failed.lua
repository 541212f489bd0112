-- Headless test of the plugin after a failed docs load (run by test/run.sh with an empty cache and
-- offline on, so the load fails for real): :WorkosDocs, :WorkosOpenDocs and hover must say that the
-- docs are not loaded, why, and the exact command to run, never "no WorkOS docs match".
local bin = assert(os.getenv("WORKOS_LSP_BIN"), "WORKOS_LSP_BIN is not set")
local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local fixtures = here .. "/fixtures"
local DEADLINE = 60000
local REASON = "no WorkOS docs corpus available"
local h = dofile(here .. "/harness.lua").new("failed load: ")
local check, contains, notified = h.check, h.contains, h.notified
h.capture_notify()
local function last_notified()
  return notified[#notified]
end

local wl = require("workos_lsp")
wl.setup({ cmd = { bin, "serve" }, settings = { workos = { offline = true } } })
vim.cmd("edit " .. fixtures .. "/signup.js")
local js = vim.api.nvim_get_current_buf()

-- The exact command: the test's binary is not on PATH, so the server names it by its path.
local fetch = bin .. " corpus fetch"

check(":WorkosDocs says the docs are not loaded, why, and the command to run", function()
  assert(vim.wait(DEADLINE, function()
    local c = wl.clients(js)[1]
    return c ~= nil and c.initialized == true
  end, 50), "workos-lsp did not attach")
  -- The load fails at once (offline, nothing cached); until then the server says it is loading.
  assert(vim.wait(DEADLINE, function()
    vim.cmd("WorkosDocs sso")
    vim.wait(2000, function()
      return #notified > 0
    end, 20)
    local m = last_notified()
    return m ~= nil and m:find("not loaded", 1, true) ~= nil
  end, 200), "no not-loaded message: " .. vim.inspect(notified))
  local m = last_notified()
  contains(m, REASON, ":WorkosDocs")
  contains(m, fetch, ":WorkosDocs")
  assert(not m:find("no WorkOS docs match", 1, true), m)
end)

local find = h.find

check("hover on createUser says why there are no docs", function()
  local line, col = find(js, "createUser")
  local md = h.hover(js, line, col + 3)
  contains(md, "not loaded: " .. REASON, "hover")
  contains(md, fetch, "hover")
end)

check(":WorkosOpenDocs says why there are no docs, not that the symbol has none", function()
  vim.api.nvim_set_current_buf(js)
  local line, col = find(js, "createUser")
  vim.api.nvim_win_set_cursor(0, { line + 1, col + 3 })
  local before = #notified
  vim.cmd("WorkosOpenDocs")
  assert(vim.wait(10000, function()
    return #notified > before
  end, 20), "nothing was said")
  local m = last_notified()
  contains(m, "not loaded: " .. REASON, ":WorkosOpenDocs")
  contains(m, fetch, ":WorkosOpenDocs")
end)

h.finish(wl.clients)
