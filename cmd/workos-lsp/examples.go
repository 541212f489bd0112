package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/docview"
)

// runExamples prints the code examples the MCP tool workos_examples gives.
func runExamples(e env, args []string) error {
	fs, d := docsCommand("examples", e)
	lang := fs.String("lang", "", "keep examples in one code language (ts, js, bash, json, python, go…)")
	limit := fs.Int("limit", 20, "number of examples printed in full (the others are listed)")
	asJSON := fs.Bool("json", false, "print JSON {query, match, area, examples[], areas[]} with every example in full")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if *limit < 1 {
		return fmt.Errorf("%w: --limit must be at least 1", errUsage)
	}
	query := strings.TrimSpace(strings.Join(fs.Args(), " "))
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	found := docquery.FindExamples(set.Corpus, query, *lang)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(found)
	}
	fmt.Fprint(e.stdout, docview.Examples(found, *limit))
	return nil
}
