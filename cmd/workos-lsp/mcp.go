package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"github.com/workos-lsp/workos-lsp/docset"
	"github.com/workos-lsp/workos-lsp/mcpserver"
)

// runMCP serves MCP over stdio: the drop-in replacement for @workos/mcp-docs-server; or, with --http,
// over Streamable HTTP, one process and one index for many assistants. The docs load in the
// background while clients connect; if they cannot load, every tool answers with an error that says
// why, and the process keeps serving.
func runMCP(e env, args []string) error {
	fs, d := docsCommand("mcp", e)
	project := fs.String("workspace", "", "the project folder workos_usage reads (default: the current folder; \"none\" turns the tool off)")
	httpAddr := fs.String("http", "", "serve MCP over Streamable HTTP at this address (127.0.0.1:8765) instead of stdio; the endpoint is "+mcpserver.HTTPPath)
	token := fs.String("http-token", os.Getenv("WORKOS_LSP_MCP_TOKEN"), "with --http, the bearer token clients must send (default $WORKOS_LSP_MCP_TOKEN)")
	allowRemote := fs.Bool("http-allow-remote", false, "with --http, allow a non-loopback address without a token")
	if err := parseArgs(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: workos-lsp mcp [--workspace DIR] [--http ADDR [--http-token T] [--http-allow-remote]] [--docs DIR] [--corpus-version V] [--offline] [--cache-dir DIR] (got %q)", errUsage, fs.Args())
	}
	if *httpAddr != "" {
		if err := mcpserver.CheckHTTPAddr(*httpAddr, *token != "", *allowRemote); err != nil {
			return fmt.Errorf("%w: %v", errUsage, err)
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
	switch *project {
	case "none":
	case "":
		if wd, err := os.Getwd(); err == nil && !isHomeOrRoot(wd) {
			docs.Workspace = []string{wd}
		}
	default:
		abs, err := filepath.Abs(*project)
		if err != nil {
			return err
		}
		if st, err := os.Stat(abs); err != nil || !st.IsDir() {
			return fmt.Errorf("%w: --workspace %s is not a folder", errUsage, *project)
		}
		docs.Workspace = []string{abs}
	}
	if *httpAddr != "" {
		ln, err := net.Listen("tcp", *httpAddr)
		if err != nil {
			docs.Close()
			return fmt.Errorf("mcp --http: %w", err)
		}
		auth := "no token"
		if *token != "" {
			auth = "bearer token required"
		}
		fmt.Fprintf(e.stderr, "workos-lsp mcp: serving MCP (Streamable HTTP) at http://%s%s (%s)\n", ln.Addr(), mcpserver.HTTPPath, auth)
		return mcpserver.ServeHTTP(e.ctx, docs, serverVersion(), ln, mcpserver.HTTPOptions{Token: *token})
	}
	return mcpserver.Run(e.ctx, docs, serverVersion(), e.stdin, e.stdout)
}

// isHomeOrRoot: an assistant started from the home folder (or /) must not scan all of it.
func isHomeOrRoot(dir string) bool {
	home, _ := os.UserHomeDir()
	return dir == home || dir == filepath.Dir(dir)
}
