package search

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// The statistics handed to bleve make its average field length the mean number of tokens of the
// field over the documents that have it (bleve's own is 1 for every field here), and an index
// opened from disk has the same as one built in memory.
func TestFieldStatsAreMeanLengths(t *testing.T) {
	c := corpustest.Corpus(t)
	ix := fixtureIndex(t)
	if ix.stats == nil {
		t.Fatal("no field statistics")
	}
	a := englishAnalyzer()
	var tokens, docs float64
	for _, d := range documents(c) {
		if n := len(a.Analyze([]byte(d.d.Body))); n > 0 {
			tokens += float64(n)
			docs++
		}
	}
	want := tokens / docs
	got := float64(ix.stats.Fields[fBody]) / ix.stats.Docs
	if want < 2 || math.Abs(got-want) > 0.01*want {
		t.Errorf("mean body length %.2f, want %.2f", got, want)
	}
	disk, err := Open(context.Background(), c, filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { disk.Close() }()
	for _, reopen := range []bool{false, true} {
		if reopen {
			disk.Close()
			if disk, err = Open(context.Background(), c, disk.Dir()); err != nil || disk.Rebuilt() {
				t.Fatalf("reopen: %v (rebuilt %v)", err, disk != nil && disk.Rebuilt())
			}
		}
		if disk.stats == nil || disk.stats.Fields[fBody] != ix.stats.Fields[fBody] {
			t.Errorf("on disk (reopened %v): %+v, in memory %+v", reopen, disk.stats, ix.stats)
		}
	}
}
