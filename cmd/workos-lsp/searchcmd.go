package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/corpus/search"
	"github.com/workos-lsp/workos-lsp/docquery"
)

func runSearch(e env, args []string) error {
	fs, d := docsCommand("search", e)
	lang := fs.String("lang", "", "keep SDK entries of one language only (curl, js, go, python, ruby, php, java, dotnet)")
	limit := fs.Int("limit", 10, "number of results")
	asJSON := fs.Bool("json", false, "print results as JSON")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	if query == "" {
		return fmt.Errorf("%w: workos-lsp search QUERY [--lang L] [--limit N] [--json]", errUsage)
	}
	opts := search.Options{Limit: *limit}
	var err error
	if opts.Language, err = languageFlag(*lang); err != nil {
		return err
	}
	if *limit < 1 {
		return fmt.Errorf("%w: --limit must be at least 1", errUsage)
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	results, err := docquery.Search(e.ctx, set.Corpus, set.Index, query, opts)
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

// writeSearchJSON prints the stable JSON shape of `search --json`: {query, docsVersion, results[]},
// each result a docquery.Hit (the shape of the LSP command workos.search too).
func writeSearchJSON(e env, query, version string, results []search.Result) error {
	out := struct {
		Query   string         `json:"query"`
		Version string         `json:"docsVersion"`
		Results []docquery.Hit `json:"results"`
	}{Query: query, Version: version, Results: docquery.Hits(results)}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
