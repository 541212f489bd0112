package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/workos-lsp/workos-lsp/corpus/fetch"
	"github.com/workos-lsp/workos-lsp/sdkcall"
)

// requestFailed is LSP's RequestFailed: a well-formed request the server could not answer. Editors
// show its message, so a search without docs says why instead of "no docs match".
const requestFailed jsonrpc2.Code = -32803

// NotLoaded is the data of a RequestFailed error answered while no docs are loaded, so that a client
// can tell it from other failures and offer its own way to get the docs (the message says it too).
type NotLoaded struct {
	// Docs is "loading" while the first load runs, "failed" once it failed ("loaded" in DocsStatus
	// once docs are in use).
	Docs string `json:"workosDocs"`
	// Reason is why the load failed, as the loader said it.
	Reason string `json:"reason,omitempty"`
}

// notLoaded is what stands for the docs while none are in use.
func (s *server) notLoaded() NotLoaded {
	if failure := s.loadFailure.Load(); failure != nil {
		// The command line's advice (flags, an environment variable) gives way to the editor's own.
		reason := strings.TrimSuffix(*failure, ": "+fetch.FixHint)
		return NotLoaded{Docs: "failed", Reason: strings.TrimSuffix(reason, ".")}
	}
	return NotLoaded{Docs: "loading"}
}

// notLoadedMessage says that the docs are not loaded, why, and what to do in the client at hand.
// With markdown the advice may link the client's own command.
func (s *server) notLoadedMessage(markdown bool) string {
	n := s.notLoaded()
	if n.Docs == "loading" {
		return "The WorkOS docs are still loading; try again in a moment."
	}
	return fmt.Sprintf("The WorkOS docs are not loaded: %s. %s", n.Reason, s.reloadAdvice(markdown))
}

// docsUnavailable is the answer to a docs request while no docs are loaded.
func (s *server) docsUnavailable() error {
	e := jsonrpc2.NewError(requestFailed, s.notLoadedMessage(false))
	if data, err := json.Marshal(s.notLoaded()); err == nil {
		e.Data = data
	}
	return e
}

// updateDocsCommand is the VS Code extension's "WorkOS: Update Docs".
const updateDocsCommand = "workos.updateDocs"

// reloadAdvice says how to get the docs in the editor that asked, as it named itself in initialize,
// given the settings. The VS Code extension runs its bundled binary, which is not on PATH: the
// extension's command is the way there (in Markdown, a link that runs it). Elsewhere the binary's own
// `corpus fetch` says what goes wrong, as the exact command that started this server.
func (s *server) reloadAdvice(markdown bool) string {
	dir := s.currentSettings().DocsPath
	if s.vscodeLike() {
		update := `the command "WorkOS: Update Docs"`
		if markdown {
			update = "[WorkOS: Update Docs](command:" + updateDocsCommand + ")"
		}
		if dir != "" {
			return fmt.Sprintf("Check the workos.docs.path setting (%s), then run %s.", dir, update)
		}
		return fmt.Sprintf("Run %s to download them again (check the network and the workos.offline setting).", update)
	}
	restart := "restart the language server"
	if name := s.client(); strings.Contains(name, "neovim") || strings.Contains(name, "nvim") {
		restart = "restart the server (:LspRestart, or reopen Neovim)"
	}
	if dir != "" {
		return fmt.Sprintf("Check the docsPath setting (%s): it must name a folder of WorkOS docs; then %s.", dir, restart)
	}
	return fmt.Sprintf("Run `%s corpus fetch` in a terminal (it says what fails), then %s.", s.executable(), restart)
}

// client is the client's name from initialize, in lower case.
func (s *server) client() string {
	if n := s.clientName.Load(); n != nil {
		return strings.ToLower(*n)
	}
	return ""
}

func (s *server) vscodeLike() bool {
	name := s.client()
	return strings.Contains(name, "code") || strings.Contains(name, "cursor") || strings.Contains(name, "windsurf")
}

func (s *server) executable() string {
	if s.opts.Executable != "" {
		return s.opts.Executable
	}
	return ServerName
}

// hoverNotLoaded answers a hover while no docs are loaded: on what the code traces to a WorkOS SDK
// it says that the docs are not loaded, why and what to do, as hover content (an error would be
// logged, not shown, by VS Code and Neovim); elsewhere nothing.
func (s *server) hoverNotLoaded(ctx context.Context, v view, f *sdkcall.File, p *protocol.HoverParams) (any, error) {
	start, end, ok := f.SDKMemberAt(v.offset(p.Position))
	if !ok {
		return nil, nil
	}
	r := v.rng(start, end)
	return &protocol.Hover{Contents: markup(s.notLoadedMessage(v.caps.hoverMarkdown), v.caps.hoverMarkdown), Range: &r}, nil
}

// completionNotLoaded answers a completion after a WorkOS receiver while no docs are loaded with one
// item that says why and changes nothing when accepted (its edit puts back the word typed so far).
// Only for VS Code: Neovim's completion inserts an item's label when its edit is empty, as it is
// right after the `.`, so there the hover and the message at load failure have to say it.
// The list is incomplete: typing on asks again, and gets the real items once the docs are in.
func (s *server) completionNotLoaded(ctx context.Context, v view, f *sdkcall.File, p *protocol.CompletionParams) (any, error) {
	if !s.vscodeLike() {
		return nil, nil
	}
	start, end, ok := f.SDKMemberCompletion(v.offset(p.Position))
	if !ok {
		return nil, nil
	}
	typed := v.doc.text[start:end]
	label := "WorkOS docs not loaded"
	if s.notLoaded().Docs == "loading" {
		label = "WorkOS docs still loading…"
	}
	item := protocol.CompletionItem{
		Label:            label,
		Kind:             protocol.CompletionItemKindText,
		FilterText:       protocol.NewOptional(typed), // whatever is typed, the item stays in view
		TextEdit:         &protocol.TextEdit{Range: v.rng(start, end), NewText: typed},
		InsertTextFormat: protocol.InsertTextFormatPlainText,
		Documentation:    markup(s.notLoadedMessage(v.caps.completionMarkdown), v.caps.completionMarkdown),
	}
	if n := s.notLoaded(); n.Reason != "" {
		item.Detail = protocol.NewOptional(n.Reason)
	}
	return &protocol.CompletionList{IsIncomplete: true, Items: []protocol.CompletionItem{item}}, nil
}
