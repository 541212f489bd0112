package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docquery"
)

// Commands the server executes (workspace/executeCommand).
const (
	// CommandSearch searches the docs. Arguments: query string, then optionally a language ("go",
	// "node"…), a limit and the URI of the editor's active document; or one object {"query",
	// "language", "limit", "uri"}. The language keeps only that SDK's entries; without one, the
	// active document's SDK (the uri's, else the file last opened or edited) ranks first. Result: a
	// JSON array of hits.
	CommandSearch = "workos.search"
	// CommandOpenDocs opens a docs page. Argument: a URL, a page path, an event name or an SDK call as
	// written in the docs ("userManagement.createUser()"). The server asks the client to show the URL
	// externally (window/showDocument) when it can; the result is the URL either way.
	CommandOpenDocs = "workos.openDocs"
	// CommandDocsStatus says whether docs are loaded. No arguments. Result: a DocsStatus. Clients ask
	// it when a feature found nothing, to tell "nothing there" from "no docs to look in".
	CommandDocsStatus = "workos.docsStatus"
)

// DocsStatus is the result of workos.docsStatus.
type DocsStatus struct {
	NotLoaded
	// Message says, while no docs are loaded, that they are not, why and what to do (plain text).
	Message string `json:"message,omitempty"`
	// Version is the docs version in use once loaded.
	Version string `json:"version,omitempty"`
}

// SearchHit is one result of workos.search: the JSON shape `workos-lsp search --json` prints too.
type SearchHit = docquery.Hit

func (s *server) executeCommand(raw jsonrpc2.RawMessage) (prepared, error) {
	var p protocol.ExecuteCommandParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	v := s.snapshot("", false)
	switch p.Command {
	case CommandSearch:
		q, err := searchArgs(p.Arguments)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) (any, error) {
			if v.ld == nil {
				return nil, s.docsUnavailable()
			}
			v.ld.waitIndexed(ctx)
			prefer := s.files.activeLanguage()
			if q.URI != "" {
				prefer = s.documentLanguage(uri.URI(q.URI))
			}
			res, err := v.ld.search(ctx, q.Query, search.Options{Language: q.lang, PreferLanguage: prefer, Limit: q.Limit})
			if err != nil {
				return nil, err
			}
			b, err := json.Marshal(docquery.Hits(res))
			if err != nil {
				return nil, err
			}
			return jsonrpc2.RawMessage(b), nil
		}, nil
	case CommandDocsStatus:
		return func(ctx context.Context) (any, error) {
			if v.ld != nil {
				return &DocsStatus{NotLoaded: NotLoaded{Docs: "loaded"}, Version: v.ld.version}, nil
			}
			return &DocsStatus{NotLoaded: s.notLoaded(), Message: s.notLoadedMessage(false)}, nil
		}, nil
	case CommandOpenDocs:
		if len(p.Arguments) == 0 {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "workos.openDocs needs a URL or a symbol")
		}
		var arg string
		if err := json.Unmarshal(p.Arguments[0], &arg); err != nil || strings.TrimSpace(arg) == "" {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidParams, "workos.openDocs: the argument must be a non-empty string")
		}
		return func(ctx context.Context) (any, error) {
			url, err := resolveDocsURL(ctx, v.ld, strings.TrimSpace(arg), s.docsUnavailable)
			if err != nil {
				return nil, err
			}
			if v.caps.showDocument {
				cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				defer cancel()
				var res protocol.ShowDocumentResult
				if _, err := s.conn.Call(cctx, protocol.MethodWindowShowDocument, &protocol.ShowDocumentParams{URI: uri.URI(url), External: ptr(true)}, &res); err != nil {
					s.log.Warn("window/showDocument failed", "error", err)
				}
			}
			b, _ := json.Marshal(url)
			return jsonrpc2.RawMessage(b), nil
		}, nil
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q", p.Command)
}

type searchQuery struct {
	Query    string `json:"query"`
	Language string `json:"language"`
	Limit    int    `json:"limit"`
	URI      string `json:"uri"`
	lang     corpus.Language
}

func searchArgs(args []protocol.LSPAny) (searchQuery, error) {
	var q searchQuery
	bad := func(why string) (searchQuery, error) {
		return q, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "workos.search: %s", why)
	}
	if len(args) == 0 {
		return bad("a query is required")
	}
	first := bytes.TrimSpace(args[0])
	if len(first) > 0 && first[0] == '{' {
		if err := json.Unmarshal(first, &q); err != nil {
			return bad(err.Error())
		}
	} else {
		if err := json.Unmarshal(first, &q.Query); err != nil {
			return bad("the first argument must be the query string")
		}
		if len(args) > 1 {
			if err := json.Unmarshal(args[1], &q.Language); err != nil {
				return bad("the second argument must be a language name")
			}
		}
		if len(args) > 2 {
			if err := json.Unmarshal(args[2], &q.Limit); err != nil {
				return bad("the third argument must be a number")
			}
		}
		if len(args) > 3 {
			if err := json.Unmarshal(args[3], &q.URI); err != nil {
				return bad("the fourth argument must be a document URI")
			}
		}
	}
	if strings.TrimSpace(q.Query) == "" {
		return bad("a query is required")
	}
	if q.Language != "" {
		l, ok := corpus.ParseLanguage(q.Language)
		if !ok {
			return bad(fmt.Sprintf("unknown language %q", q.Language))
		}
		q.lang = l
	}
	if q.Limit <= 0 || q.Limit > 100 {
		q.Limit = 20
	}
	return q, nil
}

// documentLanguage is the SDK language of a document: the open document's, else its file
// extension's; "" when neither says.
func (s *server) documentLanguage(u uri.URI) corpus.Language {
	if d := s.files.get(u); d != nil {
		if d.known {
			return d.lang
		}
		return ""
	}
	if !strings.HasPrefix(string(u), "file:") {
		return ""
	}
	if l, ok := corpus.LanguageOfPath(u.Path()); ok {
		return l
	}
	return ""
}

// resolveDocsURL turns the workos.openDocs argument into a URL; without docs, only a URL or a site
// path resolves, and anything else gets notLoaded's explanation.
func resolveDocsURL(ctx context.Context, ld *loaded, arg string, notLoaded func() error) (string, error) {
	if ld == nil {
		switch {
		case strings.HasPrefix(arg, "https://") || strings.HasPrefix(arg, "http://"):
			return arg, nil
		case strings.HasPrefix(arg, "/"):
			return corpus.SiteURL + arg, nil
		}
		return "", notLoaded()
	}
	ld.waitIndexed(ctx)
	url, ok, err := docquery.DocsURL(ctx, ld.Corpus, ld.searcher(), arg)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", jsonrpc2.Errorf(jsonrpc2.InvalidParams, "workos.openDocs: nothing in the WorkOS docs matches %q", arg)
	}
	return url, nil
}

// ---- workspace/symbol

func (s *server) workspaceSymbols(ctx context.Context, v view, p *protocol.WorkspaceSymbolParams) (any, error) {
	if v.ld == nil || strings.TrimSpace(p.Query) == "" {
		return protocol.WorkspaceSymbolSlice{}, nil
	}
	res, err := v.ld.search(ctx, p.Query, search.Options{Limit: workspaceSymbolLimit, NoSnippets: true, PreferLanguage: s.files.activeLanguage()})
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	out := make(protocol.WorkspaceSymbolSlice, 0, len(res))
	for _, r := range res {
		page, _, ok := v.ld.Corpus.Page(r.Page)
		if !ok {
			continue
		}
		u, line, err := v.ld.pages.location(page, r.Anchor, r.Language) // an SDK entry's page opens with that SDK
		if err != nil {
			s.log.Warn("workspace/symbol: rendering page", "page", page.Path, "error", err)
			continue
		}
		name := r.Title
		if r.Language != "" && r.Kind.IsEntry() {
			name += " (" + r.Language.DisplayName() + ")"
		}
		container := page.Title
		pos := protocol.Position{Line: uint32(line)}
		ws := protocol.WorkspaceSymbol{
			BaseSymbolInformation: protocol.BaseSymbolInformation{Name: name, Kind: symbolKind(r.Kind)},
			Location:              &protocol.Location{URI: u, Range: protocol.Range{Start: pos, End: pos}},
		}
		if container != "" && container != r.Title {
			ws.ContainerName = &container
		}
		out = append(out, ws)
	}
	return out, nil
}

// symbolKinds are the protocol kinds of workspace symbols by search kind; anything else is a
// namespace.
var symbolKinds = map[search.Kind]protocol.SymbolKind{
	search.KindPage:                  protocol.SymbolKindFile,
	search.KindSection:               protocol.SymbolKindString,
	search.KindEvent:                 protocol.SymbolKindEvent,
	search.Kind(corpus.KindMethod):   protocol.SymbolKindMethod,
	search.Kind(corpus.KindFunction): protocol.SymbolKindFunction,
	search.Kind(corpus.KindType):     protocol.SymbolKindInterface,
	search.Kind(corpus.KindEndpoint): protocol.SymbolKindObject,
}

func symbolKind(k search.Kind) protocol.SymbolKind {
	return valueOr(symbolKinds, k, protocol.SymbolKindNamespace)
}

// workspaceSymbolLimit bounds workspace/symbol answers: a ranked docs search, where the first twenty
// hits hold what people pick, and each further ten cost about a millisecond on the real docs.
const workspaceSymbolLimit = 20
