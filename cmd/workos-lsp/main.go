// Command workos-lsp serves the WorkOS docs to editors (LSP over stdio, the default), to AI assistants
// (MCP), and on the command line (search, show, hover, corpus).
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
