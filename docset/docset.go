// Package docset loads everything the server answers from: the docs on disk (fetched and cached, or a
// local folder), the parsed corpus with its symbol table, and the search index, cached beside the
// corpus. A Set is built once and then only read; callers swap whole Sets.
package docset

import (
	"context"
	"fmt"
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
	Progress     func(stage string, done, total int64)
}

// Set is one loaded snapshot of the docs.
type Set struct {
	Corpus *corpus.Corpus
	Index  *search.Index
	Source *fetch.Result
	// IndexDir is where the index is cached; "" when it lives in memory only.
	IndexDir string
	// Timings of the load steps, for `corpus info` and benchmarks.
	FetchTime, ParseTime, IndexTime time.Duration
}

// Version is the docs version ("0.2.0" or "local").
func (s *Set) Version() string { return s.Corpus.Version }

// Note is what the user should know about where the docs came from (e.g. offline fallback), or "".
func (s *Set) Note() string { return s.Source.Note }

// indexDir is where the search index of one corpus is cached: beside the cached corpora, keyed by
// version and content digest, so a changed local folder gets a fresh index.
func indexDir(cacheRoot string, res *fetch.Result) (string, error) {
	if cacheRoot == "" {
		var err error
		if cacheRoot, err = fetch.CacheRoot(os.Getenv); err != nil {
			return "", err
		}
	}
	return filepath.Join(cacheRoot, "index", res.Version+"-"+shortDigest(res.Digest)), nil
}

func shortDigest(d string) string {
	if len(d) > 16 {
		return d[:16]
	}
	return d
}

// Load fetches (or finds) the docs, parses them and opens their search index.
func Load(ctx context.Context, opts Options) (*Set, error) {
	start := time.Now()
	fo := fetch.Options{DocsDir: opts.DocsDir, Version: opts.Version, Offline: opts.Offline, CacheDir: opts.CacheDir, Progress: opts.Progress}
	if fo.DocsDir == "" {
		fo.DocsDir = os.Getenv(fetch.EnvDocsDir)
	}
	res, err := fetch.Get(ctx, fo)
	if err != nil {
		return nil, err
	}
	set := &Set{Source: res, FetchTime: time.Since(start)}

	start = time.Now()
	set.Corpus, err = corpus.FromFetch(res)
	if err != nil {
		return nil, fmt.Errorf("read docs in %s: %w", res.DocsDir, err)
	}
	set.ParseTime = time.Since(start)

	start = time.Now()
	if opts.Progress != nil {
		opts.Progress("index", 0, 0)
	}
	dir, err := indexDir(opts.CacheDir, res)
	if opts.NoIndexCache || err != nil {
		set.Index, err = search.Build(ctx, set.Corpus)
	} else {
		set.IndexDir = dir
		set.Index, err = search.Open(ctx, set.Corpus, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	set.IndexTime = time.Since(start)
	return set, nil
}

// Close releases the index files.
func (s *Set) Close() error {
	if s == nil || s.Index == nil {
		return nil
	}
	return s.Index.Close()
}
