package main

import (
	"context"
	"fmt"
	"net"
	"os"

	"github.com/workos-lsp/workos-lsp/docset"
	"github.com/workos-lsp/workos-lsp/mcpserver"
)

// runMCP serves MCP over stdio: the drop-in replacement for @workos/mcp-docs-server; or, with --http,
// over Streamable HTTP, one process and one index for many assistants. The docs load in the
// background while clients connect; if they cannot load, every tool answers with an error that says
// why, and the process keeps serving.
func runMCP(e env, args []string) error {
	fs, d := docsCommand("mcp", e)
	httpAddr := fs.String("http", "", "serve MCP over Streamable HTTP at this address (127.0.0.1:8765) instead of stdio; the endpoint is "+mcpserver.HTTPPath)
	token := fs.String("http-token", os.Getenv("WORKOS_LSP_MCP_TOKEN"), "with --http, the bearer token clients must send (default $WORKOS_LSP_MCP_TOKEN)")
	allowRemote := fs.Bool("http-allow-remote", false, "with --http, allow a non-loopback address without a token")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: workos-lsp mcp [--http ADDR [--http-token T] [--http-allow-remote]] [--docs DIR] [--corpus-version V] [--offline] [--cache-dir DIR] (got %q)", errUsage, fs.Args())
	}
	var ln net.Listener
	if *httpAddr != "" {
		if err := mcpserver.CheckHTTPAddr(*httpAddr, *token != "", *allowRemote); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
		}
		var err error
		if ln, err = net.Listen("tcp", *httpAddr); err != nil {
			return fmt.Errorf("mcp --http: %w", err)
		}
	}
	docs := mcpserver.Load(e.ctx, func(ctx context.Context) (*docset.Set, error) {
		// The server runs the set's refresh, within its own lifetime.
		set, err := d.open(env{ctx: ctx, stdin: e.stdin, stdout: e.stderr, stderr: e.stderr}, docset.LoadCacheFirst)
		if err != nil {
			fmt.Fprintln(e.stderr, "workos-lsp mcp: docs not loaded:", err)
		}
		return set, err
	})
	if ln != nil {
		auth := "no token"
		if *token != "" {
			auth = "bearer token required"
		}
		fmt.Fprintf(e.stderr, "workos-lsp mcp: serving MCP (Streamable HTTP) at http://%s%s (%s)\n", ln.Addr(), mcpserver.HTTPPath, auth)
		return mcpserver.ServeHTTP(e.ctx, docs, serverVersion(), ln, mcpserver.HTTPOptions{Token: *token})
	}
	return mcpserver.Run(e.ctx, docs, serverVersion(), e.stdin, e.stdout)
}
