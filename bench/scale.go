package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/search"
)

// scaleResult is the in-process cost of one corpus: parsing, indexing and searching it with the
// packages the binary uses (corpus.Parse, search.Build/Open).
type scaleResult struct {
	Label        string
	Pages        int
	Entries      int
	IndexDocs    uint64
	Parse        time.Duration // median
	ReadSnapshot time.Duration // median: the warm start's substitute for parsing
	SnapshotMB   float64
	BuildMem     time.Duration // median: search.Build, in memory
	BuildDisk    time.Duration // median: search.Open on an empty folder (build, write, open)
	Open         time.Duration // median: search.Open of the cached index
	IndexMB      float64       // the cached index on disk
	Search       latency       // median over rounds of the percentiles of one round's queries
	HeapMB       float64       // live heap after loading corpus + index (GC'd); 0 when not measured
	Repeats      int           // runs behind each median (parse, snapshot read, open)
	BuildRepeats int           // builds behind each build median
}

func runScale(ctx context.Context, cfg *config, label string, src corpus.Source, measureHeap bool, repeats int, log io.Writer) (*scaleResult, error) {
	res := &scaleResult{Label: label, Repeats: repeats, BuildRepeats: min(repeats, cfg.buildRepeats)}
	tmp, err := os.MkdirTemp("", "workos-lsp-bench-index-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	if measureHeap {
		// Before anything else of this corpus is alive: the retained heap of what a warm start loads.
		heap, err := heapAfterLoad(ctx, src, filepath.Join(tmp, "heap"))
		if err != nil {
			return nil, err
		}
		res.HeapMB = heap
	}

	var c *corpus.Corpus
	var times []time.Duration
	for i := 0; i < res.Repeats; i++ {
		runtime.GC()
		t0 := time.Now()
		if c, err = corpus.Parse(src); err != nil {
			return nil, err
		}
		times = append(times, time.Since(t0))
	}
	res.Parse = median(times)
	res.Pages, res.Entries = len(c.Pages), len(c.Entries)

	var snap bytes.Buffer
	if err := corpus.WriteSnapshot(&snap, c); err != nil {
		return nil, err
	}
	res.SnapshotMB = float64(snap.Len()) / (1 << 20)
	times = times[:0]
	for i := 0; i < res.Repeats; i++ {
		t0 := time.Now()
		if _, err := corpus.ReadSnapshot(bytes.NewReader(snap.Bytes())); err != nil {
			return nil, err
		}
		times = append(times, time.Since(t0))
	}
	res.ReadSnapshot = median(times)

	times = times[:0]
	for i := 0; i < res.BuildRepeats; i++ {
		runtime.GC()
		t0 := time.Now()
		ix, err := search.Build(ctx, c)
		if err != nil {
			return nil, err
		}
		times = append(times, time.Since(t0))
		res.IndexDocs = ix.DocCount()
		ix.Close()
	}
	res.BuildMem = median(times)

	times = times[:0]
	dir := ""
	for i := 0; i < res.BuildRepeats; i++ {
		dir = filepath.Join(tmp, fmt.Sprintf("build%d", i))
		runtime.GC()
		t0 := time.Now()
		ix, err := search.Open(ctx, c, dir)
		if err != nil {
			return nil, err
		}
		times = append(times, time.Since(t0))
		if !ix.Rebuilt() {
			return nil, fmt.Errorf("search.Open on an empty folder did not build")
		}
		ix.Close()
	}
	res.BuildDisk = median(times)
	res.IndexMB = float64(dirSize(dir)) / (1 << 20)

	times = times[:0]
	var ix *search.Index
	for i := 0; i < res.Repeats; i++ {
		if ix != nil {
			ix.Close()
		}
		t0 := time.Now()
		if ix, err = search.Open(ctx, c, dir); err != nil {
			return nil, err
		}
		times = append(times, time.Since(t0))
		if ix.Rebuilt() {
			return nil, fmt.Errorf("search.Open rebuilt a cached index")
		}
	}
	res.Open = median(times)
	defer ix.Close()

	queries := searchQueries(cfg)
	for _, q := range queries { // warm-up pass
		if _, err := ix.Search(ctx, q, search.Options{Limit: 10}); err != nil {
			return nil, err
		}
	}
	var rounds []latency
	for round := 0; round < cfg.searchRounds; round++ {
		var d []time.Duration
		for rep := 0; rep < 5; rep++ {
			for _, q := range queries {
				t0 := time.Now()
				if _, err := ix.Search(ctx, q, search.Options{Limit: 10}); err != nil {
					return nil, err
				}
				d = append(d, time.Since(t0))
			}
		}
		rounds = append(rounds, summarize(d))
	}
	res.Search = medianLatency(rounds)
	fmt.Fprintf(log, "  %s: %d pages, parse %s ms, snapshot read %s ms, build %s ms (memory) / %s ms (disk), open %s ms, index %.1f MB, search p50 %s p99 %s ms",
		label, res.Pages, ms(res.Parse), ms(res.ReadSnapshot), ms(res.BuildMem), ms(res.BuildDisk), ms(res.Open), res.IndexMB, ms(res.Search.P50), ms(res.Search.P99))
	if measureHeap {
		fmt.Fprintf(log, ", heap after load %.1f MB", res.HeapMB)
	}
	fmt.Fprintln(log)
	return res, nil
}

// heapAfterLoad is the live heap that a warm start keeps: the parsed-corpus snapshot read back from
// a file and the cached index opened, measured as the difference of HeapAlloc after full
// collections with nothing else of this corpus alive.
func heapAfterLoad(ctx context.Context, src corpus.Source, dir string) (float64, error) {
	snapPath := filepath.Join(dir, "snapshot.gob")
	if err := func() error { // build the cached files; nothing of this survives the function
		c, err := corpus.Parse(src)
		if err != nil {
			return err
		}
		ix, err := search.Open(ctx, c, filepath.Join(dir, "index"))
		if err != nil {
			return err
		}
		ix.Close()
		f, err := os.Create(snapPath)
		if err != nil {
			return err
		}
		if err := corpus.WriteSnapshot(f, c); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	}(); err != nil {
		return 0, err
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	debug.FreeOSMemory()
	runtime.ReadMemStats(&before)
	f, err := os.Open(snapPath)
	if err != nil {
		return 0, err
	}
	c, err := corpus.ReadSnapshot(f)
	f.Close()
	if err != nil {
		return 0, err
	}
	c.Symbols()
	ix, err := search.Open(ctx, c, filepath.Join(dir, "index"))
	if err != nil {
		return 0, err
	}
	if ix.Rebuilt() {
		return 0, fmt.Errorf("heap: the cached index was rebuilt")
	}
	if _, err := ix.Search(ctx, "create user", search.Options{}); err != nil {
		return 0, err
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(c)
	runtime.KeepAlive(ix)
	ix.Close()
	return float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20), nil
}

// searchQueries are the in-process search workload: the judged queries and the symbol queries.
func searchQueries(cfg *config) []string {
	var out []string
	if qs, err := readQueries(cfg.queriesPath); err == nil {
		for _, q := range qs {
			out = append(out, q.Query)
		}
	}
	return append(out, symbolQueries...)
}

func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// makeSynthetic copies the docs folder under n prefixes (p0/…, p1/…) into dst: a corpus n times the
// size with the real pages' shapes.
func makeSynthetic(docsDir, dst string, n int) error {
	for i := 0; i < n; i++ {
		prefix := filepath.Join(dst, fmt.Sprintf("p%d", i))
		err := filepath.WalkDir(docsDir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(docsDir, p)
			target := filepath.Join(prefix, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
