package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

func runSearch(e env, args []string) error {
	var d docsFlags
	fs := newFlagSet("search", e)
	d.register(fs)
	lang := fs.String("lang", "", "keep SDK entries of one language only (curl, js, go, python, ruby, php, java, dotnet)")
	limit := fs.Int("limit", 10, "number of results")
	asJSON := fs.Bool("json", false, "print results as JSON")
	if err := fs.Parse(reorderFlags(fs, args)); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if query == "" {
		return fmt.Errorf("%w: workos-lsp search QUERY [--lang L] [--limit N] [--json]", errUsage)
	}
	opts := search.Options{Limit: *limit}
	if *lang != "" {
		l, ok := corpus.ParseLanguage(*lang)
		if !ok {
			return fmt.Errorf("%w: unknown language %q (want one of curl, js, go, python, ruby, php, java, dotnet)", errUsage, *lang)
		}
		opts.Language = l
	}
	if *limit < 1 {
		return fmt.Errorf("%w: --limit must be at least 1", errUsage)
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	results, err := set.Index.Search(e.ctx, query, opts)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeSearchJSON(e, query, set.Version(), results)
	}
	if len(results) == 0 {
		fmt.Fprintf(e.stdout, "No results for %q in WorkOS docs %s.\n", query, set.Version())
		return nil
	}
	for i, r := range results {
		label := string(r.Kind)
		if r.Language != "" {
			label += ", " + r.Language.DisplayName()
		}
		fmt.Fprintf(e.stdout, "%d. %s (%s)\n   %s\n", i+1, r.Title, label, r.URL)
		if r.Snippet != "" {
			fmt.Fprintf(e.stdout, "   %s\n", r.Snippet)
		}
	}
	return nil
}

// searchResultJSON is the stable JSON shape of one search result.
type searchResultJSON struct {
	Kind     string  `json:"kind"`
	Language string  `json:"language,omitempty"`
	Title    string  `json:"title"`
	Page     string  `json:"page"`
	Anchor   string  `json:"anchor,omitempty"`
	URL      string  `json:"url"`
	Snippet  string  `json:"snippet"`
	Score    float64 `json:"score"`
}

func writeSearchJSON(e env, query, version string, results []search.Result) error {
	out := struct {
		Query   string             `json:"query"`
		Version string             `json:"docsVersion"`
		Results []searchResultJSON `json:"results"`
	}{Query: query, Version: version, Results: []searchResultJSON{}}
	for _, r := range results {
		out.Results = append(out.Results, searchResultJSON{
			Kind: string(r.Kind), Language: string(r.Language), Title: r.Title, Page: r.Page,
			Anchor: r.Anchor, URL: r.URL, Snippet: r.Snippet, Score: r.Score,
		})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
