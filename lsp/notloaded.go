package lsp

import (
	"strings"

	"go.lsp.dev/jsonrpc2"
)

// requestFailed is LSP's RequestFailed: a well-formed request the server could not answer. Editors
// show its message, so a search without docs says why instead of "no docs match".
const requestFailed jsonrpc2.Code = -32803

// docsUnavailable is the answer to a docs request while no docs are loaded: still loading, or the
// load failed, why, and what to do in the client at hand.
func (s *server) docsUnavailable() error {
	failure := s.loadFailure.Load()
	if failure == nil {
		return jsonrpc2.NewError(requestFailed, "the WorkOS docs are still loading; try again in a moment")
	}
	return jsonrpc2.Errorf(requestFailed, "the WorkOS docs are not loaded: %s. %s", strings.TrimSuffix(*failure, "."), s.reloadAdvice())
}

// reloadAdvice says how to get the docs in the editor that asked, as it named itself in initialize.
// The VS Code extension runs its bundled binary, which is not on PATH: the extension's command is the
// way there. Elsewhere the binary is on PATH and `corpus fetch` prints what goes wrong.
func (s *server) reloadAdvice() string {
	name := ""
	if n := s.clientName.Load(); n != nil {
		name = strings.ToLower(*n)
	}
	switch {
	case strings.Contains(name, "code") || strings.Contains(name, "cursor") || strings.Contains(name, "windsurf"):
		return `Run the command "WorkOS: Update Docs" to download them again (check the network and the workos.docsPath setting).`
	case strings.Contains(name, "neovim") || strings.Contains(name, "nvim"):
		return "Run `workos-lsp corpus fetch` in a terminal (it says what fails), then :LspRestart."
	}
	return "Run `workos-lsp corpus fetch` in a terminal (it says what fails), then restart the language server."
}
