package corpus_test

import (
	"bytes"
	"os"
	"runtime"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus"
	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// BenchmarkParse parses the docs folder named by WORKOS_DOCS_DIR (the real corpus; target ≤ 500 ms)
// or else the fixture, and reports the heap the parsed corpus keeps.
func BenchmarkParse(b *testing.B) {
	src := corpustest.Source()
	if dir := os.Getenv("WORKOS_DOCS_DIR"); dir != "" {
		src = corpus.Source{Version: "bench", Digest: "bench", Docs: os.DirFS(dir)}
	}
	var c *corpus.Corpus
	for b.Loop() {
		var err error
		if c, err = corpus.Parse(src); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	c = nil
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c, _ = corpus.Parse(src)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(c)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "corpus-MB")
}

// BenchmarkReadSnapshot is the cached start-up path: the parsed corpus read back from the cache.
func BenchmarkReadSnapshot(b *testing.B) {
	src := corpustest.Source()
	if dir := os.Getenv("WORKOS_DOCS_DIR"); dir != "" {
		src = corpus.Source{Version: "bench", Digest: "bench", Docs: os.DirFS(dir)}
	}
	c, err := corpus.Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := corpus.WriteSnapshot(&buf, c); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := corpus.ReadSnapshot(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/(1<<20), "snapshot-MB")
}
