-- workos_lsp: starts workos-lsp (WorkOS docs in the editor) and adds :WorkosDocs and :WorkosOpenDocs.
--
--   require("workos_lsp").setup({
--     cmd = { "workos-lsp", "serve" },          -- the server command
--     filetypes = { "typescript", "go", … },    -- where to start it (default: every SDK language)
--     root_markers = { "package.json", … },     -- how to find the project root
--     settings = { workos = { docsPath = …, docsVersion = …, offline = …, languages = { … } } },
--     picker = "select",                        -- :WorkosDocs results: "select" or "quickfix"
--     open = nil,                               -- function(url) to open a page (default: vim.ui.open,
--                                               -- else xdg-open / open / explorer)
--     progress = true,                          -- Neovim 0.7–0.9: echo the docs download and index
--                                               -- progress (0.10+ reports it via vim.lsp.status())
--   })
--
-- Neovim 0.11+: vim.lsp.config + vim.lsp.enable (with lsp/workos_lsp.lua from this plugin as the base).
-- Neovim 0.8–0.10: vim.lsp.start from a FileType autocommand. Neovim 0.7: vim.lsp.start_client, one
-- client per root, attached to each buffer from a FileType autocommand.
local M = {}

M.name = "workos_lsp"

local uv = vim.uv or vim.loop
local islist = vim.islist or vim.tbl_islist

local function has(feature)
  return vim.fn.has(feature) == 1
end

-- Neovim 0.11 calls client methods with `:`; older versions with `.`.
local function request(client, method, params, handler, bufnr)
  if has("nvim-0.11") then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function notify(client, method, params)
  if has("nvim-0.11") then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

--- The base config (the same table lsp/workos_lsp.lua returns).
local function base_config()
  local file = vim.api.nvim_get_runtime_file("lsp/workos_lsp.lua", false)[1]
  if file then
    local ok, cfg = pcall(dofile, file)
    if ok and type(cfg) == "table" then
      return cfg
    end
  end
  error("workos_lsp: lsp/workos_lsp.lua is not on 'runtimepath'")
end

M.defaults = {
  picker = "select",
  open = nil,
  progress = true,
}

--- Merges user options over the defaults. Lists (cmd, filetypes, root_markers, languages) replace the
--- default instead of being merged index by index.
local function merge(base, opts)
  local out = vim.deepcopy(base)
  for k, v in pairs(opts or {}) do
    if type(v) == "table" and not islist(v) and type(out[k]) == "table" and not islist(out[k]) then
      out[k] = merge(out[k], v)
    else
      out[k] = v
    end
  end
  return out
end
M._merge = merge

M.config = nil

--- Settings as sent to the server: an empty `workos` table must encode as {} (not []), which the
--- server could not read.
local function wire_settings(settings)
  local s = vim.deepcopy(settings or {})
  if type(s.workos) ~= "table" or next(s.workos) == nil then
    s.workos = vim.empty_dict()
  end
  return s
end
M._wire_settings = wire_settings

--- Clients of this plugin, optionally only those attached to bufnr.
function M.clients(bufnr)
  local out = {}
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ name = M.name, bufnr = bufnr })
  else
    all = bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
  end
  for _, c in pairs(all) do
    if c.name == M.name then
      table.insert(out, c)
    end
  end
  return out
end

--- The first root marker found upward from path's folder, or the current directory.
function M.find_root(path, markers)
  local dir = (path ~= nil and path ~= "") and vim.fn.fnamemodify(path, ":p:h") or uv.cwd()
  if vim.fs and vim.fs.find then
    local found = vim.fs.find(markers, { upward = true, path = dir })[1]
    return found and vim.fn.fnamemodify(found, ":h") or uv.cwd()
  end
  while dir and dir ~= "" do
    for _, m in ipairs(markers) do
      if uv.fs_stat(dir .. "/" .. m) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      break
    end
    dir = parent
  end
  return uv.cwd()
end

-- ---------------------------------------------------------------------------------------------------
-- Neovim 0.7–0.9: no $/progress display and hover links that read badly

--- The line to echo for a $/progress value of ours, or nil. Neovim before 0.10 keeps progress in
--- client.messages and shows it nowhere, so the docs download and index would pass in silence.
function M._progress_text(value)
  if type(value) ~= "table" then
    return nil
  end
  local title = value.title or ""
  local text = title
  local message = type(value.message) == "string" and value.message or ""
  if message ~= "" and (title == "" or message:sub(1, #title) == title) then
    text = message -- "WorkOS docs 0.2.0: 212 pages" says its title already
  elseif message ~= "" then
    text = title .. ": " .. message
  end
  if value.kind ~= "end" and type(value.percentage) == "number" then
    text = text .. (" (%d%%)"):format(value.percentage)
  end
  if text == "" then
    return nil
  end
  return "workos-lsp: " .. text
end

local progress_titles = {} -- token → title of a running progress (report and end omit it)

local function echo_progress(_, result)
  local value = result and result.value
  if type(value) ~= "table" then
    return
  end
  if value.kind == "begin" then
    progress_titles[result.token] = value.title
  elseif value.title == nil then
    value = vim.tbl_extend("force", value, { title = progress_titles[result.token] })
  end
  if value.kind == "end" then
    progress_titles[result.token] = nil
  end
  local text = M._progress_text(value)
  if text then
    -- The end (the docs are ready, or why not) stays in :messages; steps only flash by.
    vim.api.nvim_echo({ { text } }, value.kind == "end", {})
  end
end

local function progress_handler(err, result, ctx, config)
  local default = vim.lsp.handlers["$/progress"]
  local ret = default and default(err, result, ctx, config)
  echo_progress(err, result)
  return ret
end

--- Markdown with every [text](url) link outside code blocks as `text <url>`: Neovim before 0.10
--- conceals link targets in the hover window but sizes it by the unconcealed text, so each link reads
--- as its text followed by a long blank run.
function M._plain_links(md)
  local out, fenced = {}, false
  for line in (md .. "\n"):gmatch("(.-)\n") do
    if line:match("^%s*```") or line:match("^%s*~~~") then
      fenced = not fenced
    elseif not fenced then
      line = line:gsub("%[([^%]]*)%]%((https?://[^%)%s]+)%)", function(text, url)
        if text == "" or text == url then
          return url
        end
        return text .. " <" .. url .. ">"
      end)
    end
    table.insert(out, line)
  end
  return table.concat(out, "\n")
end

local function plain_hover_contents(contents)
  if type(contents) == "string" then
    return M._plain_links(contents)
  end
  if type(contents) ~= "table" then
    return contents
  end
  if contents.kind == "markdown" and type(contents.value) == "string" then
    return { kind = "markdown", value = M._plain_links(contents.value) }
  end
  return contents
end

local function hover_handler(err, result, ctx, config)
  if result and result.contents then
    result = vim.tbl_extend("force", result, { contents = plain_hover_contents(result.contents) })
  end
  return vim.lsp.handlers["textDocument/hover"](err, result, ctx, config)
end

--- Handlers for the client: the user's, plus progress echo and readable hover links before 0.10.
local function client_handlers(cfg)
  local handlers = vim.tbl_extend("force", {}, cfg.handlers or {})
  if not has("nvim-0.10") then
    if cfg.progress ~= false and handlers["$/progress"] == nil then
      handlers["$/progress"] = progress_handler
    end
    if handlers["textDocument/hover"] == nil then
      handlers["textDocument/hover"] = hover_handler
    end
  end
  return handlers
end

--- The client config for vim.lsp.start / start_client.
local function client_config(cfg, root)
  return {
    name = M.name,
    cmd = cfg.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    settings = wire_settings(cfg.settings),
    init_options = wire_settings(cfg.settings),
    before_init = cfg.before_init,
    handlers = client_handlers(cfg),
    on_attach = cfg.on_attach,
    capabilities = cfg.capabilities,
  }
end

local roots_07 = {} -- root → client id (Neovim 0.7)

local function start_for_buffer(bufnr)
  local cfg = M.config
  local root = M.find_root(vim.api.nvim_buf_get_name(bufnr), cfg.root_markers)
  if vim.lsp.start then
    vim.lsp.start(client_config(cfg, root), { bufnr = bufnr })
    return
  end
  local id = roots_07[root]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config(cfg, root))
    if not id then
      vim.notify("workos_lsp: could not start " .. table.concat(cfg.cmd, " "), vim.log.levels.ERROR)
      return
    end
    roots_07[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

function M.setup(opts)
  local cfg = merge(merge(base_config(), M.defaults), opts or {})
  M.config = cfg
  if vim.fn.executable(cfg.cmd[1]) ~= 1 then
    vim.notify(
      ("workos_lsp: %s is not executable. Install it with `go install github.com/workos-lsp/workos-lsp/cmd/workos-lsp@latest` or pass cmd = { '/path/to/workos-lsp', 'serve' } to setup()."):format(
        cfg.cmd[1]
      ),
      vim.log.levels.WARN
    )
  end
  M.create_commands()

  if has("nvim-0.11") then
    vim.lsp.config(M.name, {
      cmd = cfg.cmd,
      filetypes = cfg.filetypes,
      root_markers = cfg.root_markers,
      settings = wire_settings(cfg.settings),
      before_init = cfg.before_init,
      handlers = cfg.handlers,
      on_attach = cfg.on_attach,
      capabilities = cfg.capabilities,
    })
    vim.lsp.enable(M.name)
    return
  end

  local group = vim.api.nvim_create_augroup("workos_lsp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = cfg.filetypes,
    callback = function(args)
      start_for_buffer(args.buf)
    end,
  })
  -- Buffers that were open before setup().
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(cfg.filetypes, vim.bo[buf].filetype) then
      start_for_buffer(buf)
    end
  end
end

--- Sends settings to the running servers (workspace/didChangeConfiguration), without a restart.
function M.update_settings(settings)
  M.config.settings = merge(M.config.settings, settings)
  local wire = wire_settings(M.config.settings)
  for _, c in ipairs(M.clients()) do
    c.config.settings = wire
    notify(c, "workspace/didChangeConfiguration", { settings = wire })
  end
end

-- ---------------------------------------------------------------------------------------------------
-- Docs URLs and opening them

--- The docs page a hover is about: the "… — WorkOS docs" link, else a "[docs](…)" link, else the first
--- WorkOS docs URL in the text.
function M.url_from_markdown(md)
  local first
  for text, url in md:gmatch("%[([^%]]*)%]%((https?://[^%)%s]+)%)") do
    if text:match("WorkOS docs%s*$") then
      return url
    end
    if not first and vim.trim(text):lower() == "docs" then
      first = url
    end
  end
  if first then
    return first
  end
  return md:match("https?://workos%.com/docs[^%s%)%]<>]*")
end

local function hover_markdown(contents)
  if type(contents) == "string" then
    return contents
  end
  if type(contents) ~= "table" then
    return ""
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, c in ipairs(contents) do
    table.insert(parts, hover_markdown(c))
  end
  return table.concat(parts, "\n\n")
end
M._hover_markdown = hover_markdown

--- True where no browser can open here: an SSH session, or Linux/BSD with no display.
function M._headless()
  if os.getenv("SSH_CONNECTION") or os.getenv("SSH_TTY") then
    return true
  end
  if has("mac") or has("win32") or vim.fn.executable("wslview") == 1 then
    return false
  end
  return (os.getenv("DISPLAY") or "") == "" and (os.getenv("WAYLAND_DISPLAY") or "") == ""
end

--- Copies url where this Neovim can: the system clipboard when a provider exists, else (0.10+, with a
--- terminal attached) OSC 52, which reaches the local clipboard over SSH. Returns where it went or nil.
function M._copy(url)
  if vim.fn.has("clipboard") == 1 then
    local ok = pcall(vim.fn.setreg, "+", url)
    if ok then
      return "the clipboard"
    end
  end
  if #vim.api.nvim_list_uis() > 0 then
    local ok, osc52 = pcall(require, "vim.ui.clipboard.osc52")
    if ok and pcall(osc52.copy("+"), { url }) then
      return "the terminal's clipboard"
    end
  end
  return nil
end

local function browser_command(url)
  if has("mac") then
    return { "open", url }
  elseif has("win32") then
    return { "explorer.exe", url }
  elseif vim.fn.executable("wslview") == 1 then
    return { "wslview", url }
  elseif vim.fn.executable("xdg-open") == 1 then
    return { "xdg-open", url }
  end
  return nil
end

--- Opens url in a browser and always says which URL (and copies it where it can): over SSH or with no
--- display no browser opens, and a silent command would leave the user with nothing.
function M.open_url(url)
  local cfg = M.config or M.defaults
  local copied = M._copy(url)
  local where = copied and (" (copied to %s)"):format(copied) or ""
  if cfg.open then
    cfg.open(url)
    vim.notify("workos_lsp: opened " .. url .. where, vim.log.levels.INFO)
    return
  end
  if M._headless() then
    vim.notify("workos_lsp: no browser here; the docs are at " .. url .. where, vim.log.levels.INFO)
    return
  end
  local ok = false
  if vim.ui.open then
    local _, err = vim.ui.open(url)
    ok = err == nil
  else
    local cmd = browser_command(url)
    ok = cmd ~= nil and vim.fn.jobstart(cmd, { detach = true }) > 0
  end
  if ok then
    vim.notify("workos_lsp: opened " .. url .. where, vim.log.levels.INFO)
  else
    vim.notify("workos_lsp: no browser opener found; the docs are at " .. url .. where, vim.log.levels.WARN)
  end
end

-- ---------------------------------------------------------------------------------------------------
-- Requests

local function client_for(bufnr)
  return M.clients(bufnr)[1] or M.clients()[1]
end

--- Runs workos.search; callback(err, hits). hits: { kind, language, title, page, anchor, url, snippet }.
function M.search(query, callback, bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    callback("workos-lsp is not running (open a file in an SDK language first)", nil)
    return
  end
  -- The buffer's URI lets the server rank that file's SDK first.
  local args = { query = query, uri = vim.uri_from_bufnr(bufnr) }
  request(client, "workspace/executeCommand", { command = "workos.search", arguments = { args } }, function(err, result)
    if err then
      callback(err.message or tostring(err), nil)
    else
      callback(nil, result or {})
    end
  end, bufnr)
end

local function describe_hit(h)
  local where = h.kind or ""
  if h.language and h.language ~= "" then
    where = where .. " · " .. h.language
  end
  return ("%s  [%s]  %s"):format(h.title, where, h.url)
end
M._describe_hit = describe_hit

--- :WorkosDocs {query}: pick a result (vim.ui.select) and open it, or fill the quickfix list.
function M.docs(query, picker)
  picker = picker or (M.config and M.config.picker) or "select"
  M.search(query, function(err, hits)
    if err then
      vim.notify("workos_lsp: " .. err, vim.log.levels.ERROR)
      return
    end
    if #hits == 0 then
      vim.notify(("workos_lsp: no WorkOS docs match %q"):format(query), vim.log.levels.INFO)
      return
    end
    if picker == "quickfix" then
      local items = {}
      for _, h in ipairs(hits) do
        table.insert(items, { text = describe_hit(h), valid = 0, user_data = h })
      end
      vim.fn.setqflist({}, " ", { title = "WorkOS docs: " .. query, items = items })
      vim.cmd("copen")
      return
    end
    vim.ui.select(hits, { prompt = "WorkOS docs: " .. query, format_item = describe_hit }, function(choice)
      if choice then
        M.open_url(choice.url)
      end
    end)
  end)
end

--- The docs URL for the symbol under the cursor (hover, else a document link there); callback(url) or
--- callback(nil, why, level).
function M.docs_url_at_cursor(callback)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = client_for(bufnr)
  if not client then
    callback(nil, "workos-lsp is not attached to this buffer")
    return
  end
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local cursor = params.position
  request(client, "textDocument/hover", params, function(err, result)
    local url = (not err and result) and M.url_from_markdown(hover_markdown(result.contents)) or nil
    if url then
      callback(url)
      return
    end
    request(client, "textDocument/documentLink", { textDocument = params.textDocument }, function(lerr, links)
      if not lerr then
        for _, l in ipairs(links or {}) do
          local s, e = l.range.start, l.range["end"]
          local after_start = cursor.line > s.line or (cursor.line == s.line and cursor.character >= s.character)
          local before_end = cursor.line < e.line or (cursor.line == e.line and cursor.character < e.character)
          if l.target and after_start and before_end then
            callback(l.target)
            return
          end
        end
      end
      -- Nothing here, or no docs to look in: the server says which, why, and the command to run.
      M.docs_status(client, function(status)
        if status and status.workosDocs ~= "loaded" and type(status.message) == "string" then
          callback(nil, status.message, vim.log.levels.WARN)
        else
          callback(nil, "no WorkOS docs for the symbol under the cursor")
        end
      end, bufnr)
    end, bufnr)
  end, bufnr)
end

--- The server's workos.docsStatus: callback({ workosDocs = "loaded"|"loading"|"failed", reason, message })
--- or callback(nil) when the server cannot say (an older one).
function M.docs_status(client, callback, bufnr)
  request(client, "workspace/executeCommand", { command = "workos.docsStatus", arguments = {} }, function(err, result)
    callback((not err and type(result) == "table") and result or nil)
  end, bufnr)
end

--- :WorkosOpenDocs
function M.open_docs_at_cursor()
  M.docs_url_at_cursor(function(url, why, level)
    if url then
      M.open_url(url)
    else
      vim.notify("workos_lsp: " .. why, level or vim.log.levels.INFO)
    end
  end)
end

function M.create_commands()
  vim.api.nvim_create_user_command("WorkosDocs", function(args)
    M.docs(args.args, args.bang and "quickfix" or nil)
  end, { nargs = "+", bang = true, desc = "Search the WorkOS docs (! puts the results in the quickfix list)" })
  vim.api.nvim_create_user_command("WorkosOpenDocs", function()
    M.open_docs_at_cursor()
  end, { nargs = 0, desc = "Open the WorkOS docs for the symbol under the cursor" })
end

return M
