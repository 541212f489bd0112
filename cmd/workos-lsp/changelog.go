package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/workos-lsp/workos-lsp/mcpserver"
)

// runChangelog prints a changelog the way the MCP tool workos_changelogs gives it.
func runChangelog(e env, args []string) error {
	var d docsFlags
	fs := newFlagSet("changelog", e)
	d.register(fs)
	asJSON := fs.Bool("json", false, "print JSON {package, items[], docsVersion}")
	if err := fs.Parse(reorderFlags(fs, args)); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: workos-lsp changelog [PACKAGE] [--json] (default %s)", errUsage, mcpserver.PlatformChangelog)
	}
	pkg := strings.TrimSpace(fs.Arg(0))
	if pkg == "" {
		pkg = mcpserver.PlatformChangelog
	}
	set, err := d.load(e)
	if err != nil {
		return err
	}
	defer set.Close()
	cl, err := mcpserver.FindChangelog(set.Corpus, pkg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(cl)
	}
	fmt.Fprint(e.stdout, cl.Markdown())
	return nil
}
