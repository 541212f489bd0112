package mdx

import (
	"os"
	"sync/atomic"
	"testing"
)

// BenchmarkRenderAll renders every page under WORKOS_DOCS_DIR once per iteration, one goroutine.
func BenchmarkRenderAll(b *testing.B) {
	pages := loadCorpus(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p.body))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			if _, err := Render(p.body, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRenderAllParallel renders the corpus once per iteration spread over GOMAXPROCS goroutines
// (the way a server loading the docs would).
func BenchmarkRenderAllParallel(b *testing.B) {
	pages := loadCorpus(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p.body))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		var next atomic.Int64
		done := make(chan struct{})
		workers := 2
		for range workers {
			go func() {
				defer func() { done <- struct{}{} }()
				for {
					i := int(next.Add(1)) - 1
					if i >= len(pages) {
						return
					}
					if _, err := Render(pages[i].body, Options{}); err != nil {
						panic(err)
					}
				}
			}()
		}
		for range workers {
			<-done
		}
	}
}

func BenchmarkRenderFixtures(b *testing.B) {
	var bodies [][]byte
	var size int64
	for _, f := range fixtures(b) {
		body, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
		size += int64(len(body))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, body := range bodies {
			if _, err := Render(body, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
