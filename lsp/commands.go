package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

// Commands the server executes (workspace/executeCommand).
const (
	// CommandSearch searches the docs. Arguments: query string, then optionally a language ("go",
	// "node"…) and a limit; or one object {"query", "language", "limit"}. Result: a JSON array of hits.
	CommandSearch = "workos.search"
	// CommandOpenDocs opens a docs page. Argument: a URL, a page path, an event name or an SDK call as
	// written in the docs ("userManagement.createUser()"). The server asks the client to show the URL
	// externally (window/showDocument) when it can; the result is the URL either way.
	CommandOpenDocs = "workos.openDocs"
)

// SearchHit is one result of workos.search.
type SearchHit struct {
	Kind     string  `json:"kind"`
	Language string  `json:"language,omitempty"`
	Title    string  `json:"title"`
	Page     string  `json:"page"`
	Anchor   string  `json:"anchor,omitempty"`
	URL      string  `json:"url"`
	Snippet  string  `json:"snippet,omitempty"`
	Score    float64 `json:"score"`
}

func (s *server) executeCommand(raw jsonrpc2.RawMessage) (prepared, error) {
	var p protocol.ExecuteCommandParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	v := s.snapshot("")
	switch p.Command {
	case CommandSearch:
		q, err := searchArgs(p.Arguments)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) (any, error) {
			if v.ld == nil {
				return jsonrpc2.RawMessage("[]"), nil
			}
			res, err := runSearch(ctx, v.ld, q.Query, search.Options{Language: q.lang, Limit: q.Limit})
			if err != nil {
				return nil, err
			}
			hits := make([]SearchHit, 0, len(res))
			for _, r := range res {
				hits = append(hits, SearchHit{Kind: string(r.Kind), Language: string(r.Language), Title: r.Title, Page: r.Page, Anchor: r.Anchor, URL: r.URL, Snippet: r.Snippet, Score: r.Score})
			}
			b, err := json.Marshal(hits)
			if err != nil {
				return nil, err
			}
			return jsonrpc2.RawMessage(b), nil
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
			url, err := resolveDocsURL(ctx, v.ld, strings.TrimSpace(arg))
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

// runSearch uses the docs' search index, or a plain title match without one.
func runSearch(ctx context.Context, ld *loaded, q string, opts search.Options) ([]search.Result, error) {
	if ld.Search != nil {
		return ld.Search.Search(ctx, q, opts)
	}
	return titleSearch(ld.Corpus, q, opts.Language, opts.Limit), nil
}

// titleSearch ranks pages, sections, entries and events whose title contains the query: exact, then
// prefix, then substring matches, shorter titles first.
func titleSearch(c *corpus.Corpus, q string, lang corpus.Language, limit int) []search.Result {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return nil
	}
	var out []search.Result
	add := func(kind search.Kind, l corpus.Language, title, page, anchor, url string) {
		t := strings.ToLower(title)
		i := strings.Index(t, q)
		if i < 0 {
			return
		}
		score := 1.0
		switch {
		case t == q:
			score = 3
		case i == 0:
			score = 2
		}
		score += 1 / float64(1+len(t))
		out = append(out, search.Result{Kind: kind, Language: l, Title: title, Page: page, Anchor: anchor, URL: url, Score: score})
	}
	for _, p := range c.Pages {
		add(search.KindPage, "", p.Title, p.Path, "", p.URL())
		for _, sec := range p.Sections {
			if sec.Heading != "" && sec.Heading != p.Title {
				add(search.KindSection, "", sec.Heading, p.Path, sec.Anchor, p.SectionURL(sec.Anchor))
			}
		}
	}
	for _, e := range c.Entries {
		if e.Kind == corpus.KindShared || (lang != "" && e.Language != lang) || e.Page == nil {
			continue
		}
		add(search.Kind(e.Kind), e.Language, e.Signature(), e.Page.Path, "", e.URL())
	}
	for _, ev := range c.Events {
		if ev.Page != nil {
			add(search.KindEvent, "", ev.Name, ev.Page.Path, ev.Anchor, ev.URL())
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// resolveDocsURL turns the workos.openDocs argument into a URL.
func resolveDocsURL(ctx context.Context, ld *loaded, arg string) (string, error) {
	if strings.HasPrefix(arg, "https://") || strings.HasPrefix(arg, "http://") {
		return arg, nil
	}
	notFound := jsonrpc2.Errorf(jsonrpc2.InvalidParams, "workos.openDocs: nothing in the WorkOS docs matches %q", arg)
	if ld == nil {
		if strings.HasPrefix(arg, "/") {
			return corpus.SiteURL + arg, nil
		}
		return "", jsonrpc2.NewError(jsonrpc2.InvalidParams, "workos.openDocs: the WorkOS docs are not loaded yet")
	}
	if ev, ok := ld.sym.Event(arg); ok {
		return ev.URL(), nil
	}
	if p, anchor, ok := ld.Corpus.Page(arg); ok {
		return p.SectionURL(anchor), nil
	}
	want := strings.TrimSuffix(arg, "()")
	for _, e := range ld.Corpus.Entries {
		if e.Kind != corpus.KindShared && (strings.TrimSuffix(e.Title, "()") == want || e.Signature() == arg) {
			return e.URL(), nil
		}
	}
	res, err := runSearch(ctx, ld, arg, search.Options{Limit: 1, NoSnippets: true})
	if err != nil {
		return "", err
	}
	if len(res) == 0 {
		return "", notFound
	}
	return res[0].URL, nil
}

// ---- workspace/symbol

func (s *server) workspaceSymbols(raw jsonrpc2.RawMessage) (prepared, error) {
	var p protocol.WorkspaceSymbolParams
	if err := decode(raw, &p); err != nil {
		return nil, err
	}
	v := s.snapshot("")
	return func(ctx context.Context) (any, error) {
		if v.ld == nil || strings.TrimSpace(p.Query) == "" {
			return protocol.WorkspaceSymbolSlice{}, nil
		}
		res, err := runSearch(ctx, v.ld, p.Query, search.Options{Limit: workspaceSymbolLimit, NoSnippets: true})
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
			u, line, err := v.ld.pages.location(page, r.Anchor)
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
	}, nil
}

func symbolKind(k search.Kind) protocol.SymbolKind {
	switch k {
	case search.KindPage:
		return protocol.SymbolKindFile
	case search.KindSection:
		return protocol.SymbolKindString
	case search.KindEvent:
		return protocol.SymbolKindEvent
	case search.Kind(corpus.KindMethod):
		return protocol.SymbolKindMethod
	case search.Kind(corpus.KindFunction):
		return protocol.SymbolKindFunction
	case search.Kind(corpus.KindType):
		return protocol.SymbolKindInterface
	case search.Kind(corpus.KindEndpoint):
		return protocol.SymbolKindObject
	}
	return protocol.SymbolKindNamespace
}

// workspaceSymbolLimit bounds workspace/symbol answers: a ranked docs search, where the first twenty
// hits hold what people pick, and each further ten cost about a millisecond on the real docs.
const workspaceSymbolLimit = 20
