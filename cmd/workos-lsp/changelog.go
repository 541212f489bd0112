package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/docquery"
	"github.com/workos-lsp/workos-lsp/docview"
)

// runChangelog prints a changelog the way the MCP tool workos_changelogs gives it.
func runChangelog(e env, args []string) error {
	fs, d := docsCommand("changelog", e)
	asJSON := fs.Bool("json", false, "print JSON {package, items[], docsVersion}")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: workos-lsp changelog [PACKAGE] [--json] (default %s)", errUsage, docquery.PlatformChangelog)
	}
	pkg := strings.TrimSpace(fs.Arg(0))
	if pkg == "" {
		pkg = docquery.PlatformChangelog
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	cl, err := docquery.FindChangelog(set.Corpus, pkg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(cl)
	}
	fmt.Fprint(e.stdout, docview.Changelog(cl))
	return nil
}
