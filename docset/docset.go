// Package docset loads everything the server answers from: the docs on disk (fetched and cached, or a
// local folder), the parsed corpus with its symbol table, and the search index, cached beside the
// corpus. A Set is built once and then only read; callers swap whole Sets.
package docset

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/fetch"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

// Options says where the docs come from.
type Options struct {
	DocsDir      string // a local folder of MDX pages; empty means the npm package
	Version      string // pin a package version; empty means the newest
	Offline      bool   // never touch the network
	CacheDir     string // cache root; empty means the default (WORKOS_LSP_CACHE or the user cache dir)
	NoIndexCache bool   // build the search index in memory instead of opening/writing the cached one
	// DeferIndex leaves the search index to Set.BuildIndex, so a caller can answer from the parsed
	// corpus (hover, completion need only its symbol table) while the index is built: the index is
	// most of a cold load's time and memory.
	DeferIndex bool
	// Staged, with DeferIndex, returns a parsed corpus early (see corpus.ParseStaged) when the docs
	// are parsed rather than read from the snapshot; Set.Complete finishes it.
	Staged   bool
	Progress func(stage string, done, total int64)
	// Registry overrides the npm registry URL (tests); empty means the user's npm configuration.
	Registry string
	// Log receives what a background refresh found (see LoadCacheFirst); nil discards it.
	Log *slog.Logger
}

// Set is one loaded snapshot of the docs.
type Set struct {
	Corpus *corpus.Corpus
	Index  *search.Index
	Source *fetch.Result
	// IndexDir is where the index is cached; "" when it lives in memory only.
	IndexDir string
	// BuildIndex, set by a load with Options.DeferIndex, writes the parsed-corpus snapshot when the
	// docs were parsed, then opens (or builds and caches) the search index and sets Index, IndexDir
	// and IndexTime. Call it once, from one goroutine.
	BuildIndex func(ctx context.Context) (*search.Index, error)
	// Complete, set by a staged load (Options.Staged) that parsed the docs, renders the pages the
	// early Corpus left out, sets Corpus to the complete one and returns it. BuildIndex calls it
	// first if it has not run. Call it from the goroutine that calls BuildIndex.
	Complete func() *corpus.Corpus
	// Timings of the load steps, for `corpus info` and benchmarks.
	FetchTime, ParseTime, IndexTime time.Duration
	// Refresh, when not nil, asks the registry for docs newer than these and caches them for the
	// next load, logging what it found to Options.Log. LoadCacheFirst sets it when it answered from
	// the cache without asking; the front end runs it in the background within its own lifetime (its
	// context ends the refresh; it waits for it before exiting).
	Refresh func(ctx context.Context)
}

// Version is the docs version ("0.2.0" or "local").
func (s *Set) Version() string { return s.Corpus.Version }

// Note is what the user should know about where the docs came from (e.g. offline fallback), or "".
func (s *Set) Note() string { return s.Source.Note }

// cacheRoot is where parsed snapshots and search indexes are kept, beside the cached corpora. Both
// are keyed by version and content digest, so a changed local folder gets fresh ones.
func cacheRoot(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return fetch.CacheRoot(os.Getenv)
}

// loadCorpusCached reads the parsed-corpus snapshot when there is a usable one, and otherwise parses
// the docs (staged: see corpus.ParseStaged; complete is nil otherwise); parsed says which. A
// snapshot that cannot be written only costs speed.
func loadCorpusCached(res *fetch.Result, snapshotPath string, staged bool) (c *corpus.Corpus, complete func() *corpus.Corpus, parsed bool, err error) {
	if f, err := os.Open(snapshotPath); err == nil {
		c, err := corpus.ReadSnapshot(f)
		f.Close()
		if err == nil && c.Digest == res.Digest && c.Version == res.Version {
			return c, nil, false, nil
		}
	}
	c, complete, err = parse(res, staged)
	return c, complete, true, err
}

func parse(res *fetch.Result, staged bool) (*corpus.Corpus, func() *corpus.Corpus, error) {
	if !staged {
		c, err := corpus.FromFetch(res)
		return c, nil, err
	}
	return corpus.ParseStaged(corpus.SourceOf(res))
}

func writeSnapshot(path string, c *corpus.Corpus) {
	_ = writeFileAtomic(path, func(w io.Writer) error { return corpus.WriteSnapshot(w, c) })
}

// writeFileAtomic writes through a temporary file renamed into place, so readers never see half a file.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func shortDigest(d string) string {
	if len(d) > 16 {
		return d[:16]
	}
	return d
}

// WithEnv fills what the environment says and the options leave open: the local docs folder of
// WORKOS_LSP_DOCS when no folder is given. Load applies it; callers that decide on the result first
// (is a local folder in use?) apply it themselves.
func (o Options) WithEnv() Options {
	if o.DocsDir == "" {
		o.DocsDir = os.Getenv(fetch.EnvDocsDir)
	}
	return o
}

// Load fetches (or finds) the docs, parses them and opens their search index (or, with
// Options.DeferIndex, leaves that to Set.BuildIndex).
func Load(ctx context.Context, opts Options) (*Set, error) {
	start := time.Now()
	opts = opts.WithEnv()
	fo := fetch.Options{DocsDir: opts.DocsDir, Version: opts.Version, Offline: opts.Offline, CacheDir: opts.CacheDir, Registry: opts.Registry, Progress: opts.Progress}
	res, err := fetch.Get(ctx, fo)
	if err != nil {
		return nil, err
	}
	set := &Set{Source: res, FetchTime: time.Since(start)}

	cacheRoot, cacheErr := cacheRoot(opts.CacheDir)
	useCache := cacheErr == nil && !opts.NoIndexCache
	key := res.Version + "-" + shortDigest(res.Digest)

	start = time.Now()
	staged := opts.Staged && opts.DeferIndex
	var complete func() *corpus.Corpus
	parsed := true
	snapshotPath := filepath.Join(cacheRoot, "snapshots", key+".gob")
	if useCache {
		set.Corpus, complete, parsed, err = loadCorpusCached(res, snapshotPath, staged)
	} else {
		set.Corpus, complete, err = parse(res, staged)
	}
	if err != nil {
		return nil, fmt.Errorf("read docs in %s: %w", res.DocsDir, err)
	}
	set.ParseTime = time.Since(start)
	if complete != nil {
		set.Complete = func() *corpus.Corpus {
			if complete != nil {
				set.Corpus, complete = complete(), nil
			}
			return set.Corpus
		}
	}
	saveSnapshot := func() {
		if useCache && parsed {
			writeSnapshot(snapshotPath, set.Corpus)
		}
	}

	indexDir := ""
	if useCache {
		indexDir = filepath.Join(cacheRoot, "index", key)
	}
	if opts.DeferIndex {
		// The snapshot is written then too: its encoding is on a cold start's way to the first hover.
		set.BuildIndex = func(ctx context.Context) (*search.Index, error) {
			if set.Complete != nil {
				set.Complete()
			}
			saveSnapshot()
			return set.openIndex(ctx, indexDir, nil)
		}
		return set, nil
	}
	saveSnapshot()
	if _, err := set.openIndex(ctx, indexDir, opts.Progress); err != nil {
		return nil, err
	}
	return set, nil
}

// openIndex opens the index cached in dir, building it there when needed, or builds it in memory
// when dir is "".
func (s *Set) openIndex(ctx context.Context, dir string, progress func(string, int64, int64)) (*search.Index, error) {
	start := time.Now()
	if progress != nil {
		progress("index", 0, 0)
	}
	var ix *search.Index
	var err error
	if dir == "" {
		ix, err = search.Build(ctx, s.Corpus)
	} else {
		ix, err = search.Open(ctx, s.Corpus, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	s.Index, s.IndexDir, s.IndexTime = ix, dir, time.Since(start)
	return ix, nil
}

// refreshTimeout bounds a background refresh (the registry's answer and a download of half a
// megabyte): a stalled network must not hold a front end's exit for long.
const refreshTimeout = 2 * time.Minute

// LoadCacheFirst is Load for front ends, which should answer before the network does. When the
// options leave the version to the registry (no local folder, no pin, not offline) and a corpus is
// cached, the newest cached one is used without asking the registry, and the set's Refresh asks it
// for a newer version, which the next load picks up. Otherwise (nothing cached, a local folder, a
// pinned version, offline) it is Load, and Refresh is nil.
func LoadCacheFirst(ctx context.Context, opts Options) (*Set, error) {
	opts = opts.WithEnv()
	if opts.DocsDir == "" && opts.Version == "" && !opts.Offline {
		cachedOnly := opts
		cachedOnly.Offline = true
		if set, err := Load(ctx, cachedOnly); err == nil {
			set.Refresh = func(ctx context.Context) { refresh(ctx, opts, set.Version()) }
			return set, nil
		}
	}
	return Load(ctx, opts)
}

// refresh downloads the newest docs version into the cache, if the registry has a newer one than
// current.
func refresh(ctx context.Context, opts Options, current string) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	res, err := fetch.Get(ctx, fetch.Options{CacheDir: opts.CacheDir, Registry: opts.Registry})
	switch {
	case err != nil:
		log.Info("docs update check failed", "error", err)
	case res.Note != "":
		log.Info("docs update check failed", "note", res.Note)
	case res.Version != current:
		log.Info("newer docs cached; they are used from the next start", "version", res.Version, "in use", current)
	}
}

// Close releases the index files.
func (s *Set) Close() error {
	if s == nil || s.Index == nil {
		return nil
	}
	return s.Index.Close()
}
