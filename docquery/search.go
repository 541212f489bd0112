package docquery

import (
	"context"
	"sort"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

// Searcher is the ranked search over the docs; *search.Index implements it.
type Searcher interface {
	Search(ctx context.Context, q string, opts search.Options) ([]search.Result, error)
}

// usable reports whether ix can be called: neither nil nor a nil *search.Index in the interface.
func usable(ix Searcher) bool {
	if ix == nil {
		return false
	}
	if p, ok := ix.(*search.Index); ok && p == nil {
		return false
	}
	return true
}

// Search ranks the docs for q with the index, or with TitleSearch when there is none.
func Search(ctx context.Context, c *corpus.Corpus, ix Searcher, q string, opts search.Options) ([]search.Result, error) {
	if usable(ix) {
		return ix.Search(ctx, q, opts)
	}
	return TitleSearch(c, q, opts), nil
}

// EntryKinds are the search kinds of reference entries.
var EntryKinds = []search.Kind{search.KindMethod, search.KindFunction, search.KindType, search.KindEndpoint}

// TitleSearch is the ranking used when there is no search index: pages, sections, entries and events
// whose title contains the query, exact matches first, then prefixes, then other substrings, shorter
// titles first within each. It honours opts' Language, Kinds and Limit.
func TitleSearch(c *corpus.Corpus, q string, opts search.Options) []search.Result {
	q = strings.ToLower(search.BoundQuery(q))
	if c == nil || q == "" {
		return nil
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = search.DefaultLimit
	}
	wanted := func(k search.Kind) bool {
		if len(opts.Kinds) == 0 {
			return true
		}
		for _, w := range opts.Kinds {
			if w == k {
				return true
			}
		}
		return false
	}
	var out []search.Result
	add := func(kind search.Kind, l corpus.Language, title, page, anchor, url string) {
		if !wanted(kind) {
			return
		}
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
		if e.Kind == corpus.KindShared || (opts.Language != "" && e.Language != opts.Language) || e.Page == nil {
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

// Hit is the JSON shape of one search result, the same for `workos-lsp search --json` and the
// LSP command workos.search.
type Hit struct {
	Kind     string  `json:"kind"`               // page, section, event, method, function, type, endpoint
	Language string  `json:"language,omitempty"` // entries only: go, js, python…
	Title    string  `json:"title"`
	Page     string  `json:"page"` // page path
	Anchor   string  `json:"anchor,omitempty"`
	URL      string  `json:"url"`
	Snippet  string  `json:"snippet"`
	Score    float64 `json:"score"`
}

// Hits converts search results to hits; never nil, so that no results encode as [].
func Hits(results []search.Result) []Hit {
	out := make([]Hit, 0, len(results))
	for _, r := range results {
		out = append(out, Hit{Kind: string(r.Kind), Language: string(r.Language), Title: r.Title, Page: r.Page,
			Anchor: r.Anchor, URL: r.URL, Snippet: r.Snippet, Score: r.Score})
	}
	return out
}
