package main

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/workos-lsp/workos-lsp/docset"
	"github.com/workos-lsp/workos-lsp/lsp"
)

func runServe(e env, args []string) error {
	fs, d := docsCommand("serve", e)
	logFile := fs.String("log-file", "", "write the server log to this file instead of stderr")
	trace := fs.Bool("trace", false, "log every message with its duration")
	fs.Bool("stdio", true, "speak LSP over stdin/stdout (the only transport; accepted for editors that pass it)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	// `workos-lsp --offline search sso` must not start a server that ignores "search sso".
	if err := noArgs(fs, "; a command goes before its flags: workos-lsp COMMAND [flags]"); err != nil {
		return err
	}
	logOut := e.stderr
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("open log file: %w", err)
		}
		defer f.Close()
		logOut = f
	}
	level := slog.LevelWarn
	if *trace {
		level = slog.LevelDebug
	} else if *logFile != "" {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(logOut, &slog.HandlerOptions{Level: level}))
	// Libraries that log through the standard logger (bleve does, about damaged caches) write to the
	// same place: never to stdout, which carries only protocol frames.
	log.SetOutput(logOut)
	opts := lsp.Options{
		Loader:   docsLoader(d.cacheDir, logger),
		Logger:   logger,
		Trace:    *trace,
		Version:  serverVersion(),
		CacheDir: d.cacheDir,
		Settings: lsp.Settings{DocsPath: d.dir, DocsVersion: d.version, Offline: d.offline},

		Executable: terminalCommand(),
	}
	if code := lsp.Run(e.ctx, e.stdin, e.stdout, e.stderr, opts); code != 0 {
		return exitCode(code)
	}
	return nil
}

// exitCode carries a protocol-level exit status (exit without shutdown) without an error message.
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// docsLoader adapts docset.LoadCacheFirst to the server: an editor should not wait on the network at
// start-up, so cached docs are used at once and the server runs the set's refresh in the background.
func docsLoader(cacheDir string, log *slog.Logger) lsp.Loader {
	return func(ctx context.Context, s lsp.Settings, progress func(string, int64, int64)) (*lsp.Docs, error) {
		// The index is built after the corpus is in use (hovers need only the corpus): on a cold
		// cache it is most of the load. A parse is staged too: hovers need only the reference pages,
		// and rendering the guides is most of a parse.
		opts := docset.Options{DocsDir: s.DocsPath, Version: s.DocsVersion, Offline: s.Offline, CacheDir: cacheDir, Progress: progress, Log: log, DeferIndex: true, Staged: true}
		set, err := docset.LoadCacheFirst(ctx, opts)
		if err != nil {
			return nil, err
		}
		log.Info("docs loaded", "version", set.Version(), "dir", set.Source.Dir, "parse", set.ParseTime)
		buildSearch := func(ctx context.Context) (lsp.Searcher, error) {
			ix, err := set.BuildIndex(ctx)
			if err != nil {
				return nil, err
			}
			log.Info("search index opened", "dir", set.IndexDir, "took", set.IndexTime, "rebuilt", ix.Rebuilt())
			return ix, nil
		}
		return &lsp.Docs{Corpus: set.Corpus, Complete: set.Complete, BuildSearch: buildSearch, Version: set.Version(), Note: set.Note(), Refresh: set.Refresh}, nil
	}
}

// terminalCommand is how to run this binary from a terminal, for the server's advice: its bare name
// when PATH finds this very file, else its path (an editor's bundled copy is not on PATH), quoted
// for a shell when it needs to be.
func terminalCommand() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	name := filepath.Base(exe)
	if found, err := exec.LookPath(name); err == nil && sameFile(found, exe) {
		return name
	}
	if strings.ContainsAny(exe, " \t'\"$`\\") {
		return "'" + strings.ReplaceAll(exe, "'", `'\''`) + "'"
	}
	return exe
}

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
