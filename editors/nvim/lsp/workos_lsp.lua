-- workos-lsp: WorkOS docs (hover, completion, signature help, definition, links, symbols, diagnostics)
-- for code that calls the WorkOS SDKs.
--
-- A config in the nvim-lspconfig shape. On Neovim 0.11+ this file is picked up from 'runtimepath' by
-- vim.lsp.config(), so `vim.lsp.enable("workos_lsp")` is all that is needed; nvim-lspconfig users can
-- drop it into their own `lsp/` folder. Install the server with
--   go install github.com/workos-lsp/workos-lsp/cmd/workos-lsp@latest
--
-- Settings (all optional), sent as initializationOptions and workspace/didChangeConfiguration:
--   workos.docsPath     a local folder of WorkOS docs (MDX) instead of the published package
--   workos.docsVersion  pin the docs package version ("0.2.0"); empty means the newest
--   workos.offline      never use the network, only cached docs
--   workos.languages    SDK languages to serve: node, go, python, ruby, php, java, dotnet (empty: all)

---@type vim.lsp.Config
return {
  cmd = { "workos-lsp", "serve" },
  filetypes = {
    "javascript",
    "javascriptreact",
    "typescript",
    "typescriptreact",
    "go",
    "python",
    "ruby",
    "php",
    "java",
    "cs",
  },
  root_markers = {
    "package.json",
    "go.mod",
    "pyproject.toml",
    "requirements.txt",
    "Gemfile",
    "composer.json",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    ".git",
  },
  settings = {
    workos = vim.empty_dict(),
  },
  -- The server loads the docs right after `initialized`: giving it the settings up front saves a
  -- second load when they arrive by didChangeConfiguration.
  before_init = function(params, config)
    params.initializationOptions = config.settings
  end,
}
