package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/workos-lsp/workos-lsp/docset"
)

// docsFlags are the flags every command that reads the docs accepts.
type docsFlags struct {
	dir      string
	version  string
	offline  bool
	cacheDir string
}

// docsCommand is the flag set of a command that reads the docs, with the docs flags declared.
func docsCommand(name string, e env) (*flag.FlagSet, *docsFlags) {
	fs := newFlagSet(name, e)
	d := &docsFlags{}
	d.register(fs)
	return fs, d
}

func (d *docsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.dir, "docs", "", "a local folder of MDX pages to use instead of the npm package (env WORKOS_LSP_DOCS)")
	fs.StringVar(&d.version, "corpus-version", "", "pin the @workos/mcp-docs-server version (default: newest)")
	fs.BoolVar(&d.offline, "offline", false, "never use the network; use the cached docs")
	fs.StringVar(&d.cacheDir, "cache-dir", "", "cache folder (env WORKOS_LSP_CACHE; default: the user cache dir)")
}

func (d *docsFlags) options(stderr io.Writer) docset.Options {
	return docset.Options{
		DocsDir:  d.dir,
		Version:  d.version,
		Offline:  d.offline,
		CacheDir: d.cacheDir,
		Progress: progressPrinter(stderr),
	}
}

// load reads the docs for a command: cached docs at once when the version is left open, with the
// check for newer ones running beside the command (run waits for it before the process exits).
func (d *docsFlags) load(e env) (*docset.Set, error) {
	set, err := d.open(e, docset.LoadCacheFirst)
	if err == nil && set.Refresh != nil {
		e.background.Go(func() { set.Refresh(e.ctx) })
	}
	return set, err
}

// open reads the docs with load (docset.Load asks the registry first, docset.LoadCacheFirst the
// cache) and prints the source's note (e.g. an offline fallback) to stderr. The set's Refresh is
// left to the caller.
func (d *docsFlags) open(e env, load func(context.Context, docset.Options) (*docset.Set, error)) (*docset.Set, error) {
	set, err := load(e.ctx, d.options(e.stderr))
	if err != nil {
		return nil, err
	}
	if note := set.Note(); note != "" {
		fmt.Fprintln(e.stderr, "workos-lsp:", note)
	}
	return set, nil
}

// progressPrinter draws one updating line on a terminal and stays silent otherwise.
func progressPrinter(w io.Writer) func(stage string, done, total int64) {
	if !isTerminal(w) {
		return nil
	}
	var mu sync.Mutex
	last := time.Time{}
	return func(stage string, done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(last) < 100*time.Millisecond && done != total {
			return
		}
		last = time.Now()
		switch {
		case total > 0:
			fmt.Fprintf(w, "\r\033[K%s %d%% (%d/%d)", stage, done*100/total, done, total)
		case done > 0:
			fmt.Fprintf(w, "\r\033[K%s %d", stage, done)
		default:
			fmt.Fprintf(w, "\r\033[K%s…", stage)
		}
		if total > 0 && done >= total {
			fmt.Fprint(w, "\r\033[K")
		}
	}
}
