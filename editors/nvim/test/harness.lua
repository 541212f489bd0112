-- What every headless spec shares: one line per check, text assertions, a record of what the plugin
-- told the user, finding text and asking for a hover, and the end (stop the clients, exit non-zero on a failure). A spec does
--   local h = dofile(here .. "/harness.lua").new("native: ")
local M = {}

function M.new(prefix)
  prefix = prefix or ""
  local h = { passed = 0, failed = 0, notified = {} }

  function h.check(name, fn)
    local ok, err = xpcall(fn, debug.traceback)
    if ok then
      h.passed = h.passed + 1
      io.stdout:write("ok - " .. prefix .. name .. "\n")
    else
      h.failed = h.failed + 1
      io.stdout:write("not ok - " .. prefix .. name .. "\n  " .. tostring(err):gsub("\n", "\n  ") .. "\n")
    end
  end

  function h.contains(haystack, needle, what)
    if type(haystack) ~= "string" or not haystack:find(needle, 1, true) then
      error(("%s: %q not found in:\n%s"):format(what or "text", needle, vim.inspect(haystack)), 2)
    end
  end

  --- Records every vim.notify message in h.notified (and still shows it).
  function h.capture_notify()
    local real = vim.notify
    vim.notify = function(msg, level, opts)
      table.insert(h.notified, msg)
      return real(msg, level, opts)
    end
  end

  --- The 0-based line and column of the first text in buf.
  function h.find(buf, text)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      local col = line:find(text, 1, true)
      if col then
        return i - 1, col - 1
      end
    end
    error("fixture has no " .. text)
  end

  --- The hover's Markdown at (line, col) of buf, or nil when there is none.
  function h.hover(buf, line, col)
    local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = col } }
    for _, r in pairs(vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000) or {}) do
      if r.result then
        return require("workos_lsp")._hover_markdown(r.result.contents)
      end
    end
    return nil
  end

  --- Prints the counts, stops the clients clients() lists and quits (non-zero after a failure).
  function h.finish(clients)
    io.stdout:write(("%s%d passed, %d failed\n"):format(prefix, h.passed, h.failed))
    for _, c in ipairs(clients()) do
      if vim.fn.has("nvim-0.11") == 1 then
        c:stop()
      else
        c.stop()
      end
    end
    vim.wait(5000, function()
      return #clients() == 0
    end, 50)
    vim.cmd(h.failed > 0 and "cquit 1" or "qall!")
  end

  return h
end

return M
