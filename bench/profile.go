package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"

	"github.com/workos-lsp/workos-lsp/docset"
	"github.com/workos-lsp/workos-lsp/lsp"
)

// With -cpuprofile or -memprofile the editor part runs the server in this process (lsp.Run, the code
// behind `workos-lsp serve`, over pipes) and profiles it under the editor workload. Its latencies
// then include the bench's own work on the same cores, so a profiling run is for finding where time
// goes, not for the published figures.

func (c *config) profiling() bool { return c.cpuProfile != "" || c.memProfile != "" }

// inProcessServer starts the server in-process with the same docs the child would load.
func inProcessServer(cfg *config) *lspClient {
	settings := lsp.Settings{DocsPath: cfg.docs, Offline: true}
	if cfg.docs == "" {
		settings.DocsVersion = cfg.version
	}
	loader := func(ctx context.Context, s lsp.Settings, progress func(string, int64, int64)) (*lsp.Docs, error) {
		set, err := docset.Load(ctx, docset.Options{DocsDir: s.DocsPath, Version: s.DocsVersion, Offline: s.Offline, CacheDir: cfg.cacheDir, Progress: progress})
		if err != nil {
			return nil, err
		}
		return &lsp.Docs{Corpus: set.Corpus, Search: set.Index, Version: set.Version()}, nil
	}
	return startInProcess(func(ctx context.Context, stdin io.Reader, stdout io.Writer) int {
		return lsp.Run(ctx, stdin, stdout, io.Discard, lsp.Options{Loader: loader, Version: "bench-in-process", CacheDir: cfg.cacheDir, Settings: settings})
	})
}

// startProfile begins the CPU profile (if asked) and returns the function that ends both profiles.
func startProfile(cfg *config, log io.Writer) (func() error, error) {
	var cpu *os.File
	if cfg.cpuProfile != "" {
		f, err := os.Create(cfg.cpuProfile)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		cpu = f
	}
	return func() error {
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				return err
			}
			fmt.Fprintf(log, "  CPU profile of the in-process server under the editor workload: %s\n", cfg.cpuProfile)
		}
		if cfg.memProfile != "" {
			runtime.GC()
			f, err := os.Create(cfg.memProfile)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				return err
			}
			fmt.Fprintf(log, "  allocation profile: %s\n", cfg.memProfile)
		}
		return nil
	}, nil
}
