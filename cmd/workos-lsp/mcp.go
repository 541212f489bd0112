package main

import (
	"context"
	"fmt"

	"github.com/workos-lsp/workos-lsp/docset"
	"github.com/workos-lsp/workos-lsp/mcpserver"
)

// runMCP serves MCP over stdio: the drop-in replacement for @workos/mcp-docs-server. The docs load in
// the background while the client connects; if they cannot load, every tool answers with an error
// that says why, and the process keeps serving.
func runMCP(e env, args []string) error {
	fs, d := docsCommand("mcp", e)
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: workos-lsp mcp [--docs DIR] [--corpus-version V] [--offline] [--cache-dir DIR] (got %q)", errUsage, fs.Args())
	}
	docs := mcpserver.Load(e.ctx, func(ctx context.Context) (*docset.Set, error) {
		// The server runs the set's refresh, within its own lifetime.
		set, err := d.open(env{ctx: ctx, stdin: e.stdin, stdout: e.stderr, stderr: e.stderr}, docset.LoadCacheFirst)
		if err != nil {
			fmt.Fprintln(e.stderr, "workos-lsp mcp: docs not loaded:", err)
		}
		return set, err
	})
	return mcpserver.Run(e.ctx, docs, serverVersion(), e.stdin, e.stdout)
}
