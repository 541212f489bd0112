package search

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/workos-lsp/workos-lsp/corpus/corpustest"
)

// An on-disk build in several batches ends as one segment (old segment files gone) and ranks like the
// in-memory build of one batch.
func TestDiskBuildInBatchesMergesToOneSegment(t *testing.T) {
	c := corpustest.Corpus(t)
	if n := len(documents(c)); n < 30 {
		t.Fatalf("fixture has %d documents; the test needs several batches", n)
	}
	defer func(n int) { diskBatchDocs = n }(diskBatchDocs)
	diskBatchDocs = 10

	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "ix")
	disk, err := Open(ctx, c, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	if n := disk.idx.Scorch().StatsMap()["num_root_filesegments"]; n != uint64(1) {
		t.Errorf("segments at root = %v, want 1", n)
	}
	files, _ := os.ReadDir(filepath.Join(dir, bleveDir, "store"))
	var zaps []string
	for _, f := range files {
		if strings.HasSuffix(f.Name(), ".zap") {
			zaps = append(zaps, f.Name())
		}
	}
	if len(zaps) != 1 {
		t.Errorf("segment files left in the cache: %q", zaps)
	}

	mem, err := Build(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if disk.DocCount() != mem.DocCount() {
		t.Fatalf("documents: disk %d, memory %d", disk.DocCount(), mem.DocCount())
	}
	for _, q := range []string{"createUser", "create a user", "pagination", "dsync.user.created", "sso"} {
		a, err1 := disk.Search(ctx, q, Options{Limit: 10})
		b, err2 := mem.Search(ctx, q, Options{Limit: 10})
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: %v, %v", q, err1, err2)
		}
		if !reflect.DeepEqual(ids(a), ids(b)) {
			t.Errorf("%q: disk %v, memory %v", q, ids(a), ids(b))
		}
	}
}

// ids lists results as score and URL, equal scores by URL: documents that tie may come in either
// order, which depends on their numbers inside the segment.
func ids(rs []Result) []string {
	rs = slices.Clone(rs)
	slices.SortStableFunc(rs, func(a, b Result) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.URL, b.URL)
	})
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%.6f %s %s", r.Score, r.Kind, r.URL))
	}
	return out
}

// A build folder left by a process that exited mid-build is removed by the next build; a recent one
// (another process may be building) is kept.
func TestAbandonedBuildsRemoved(t *testing.T) {
	parent := t.TempDir()
	old := filepath.Join(parent, ".ix.build-1")
	recent := filepath.Join(parent, ".ix.build-2")
	other := filepath.Join(parent, ".other.build-1")
	for _, d := range []string{old, recent, other} {
		if err := os.MkdirAll(filepath.Join(d, "bleve"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-time.Hour)
	for _, d := range []string{old, other} {
		if err := os.Chtimes(d, long, long); err != nil {
			t.Fatal(err)
		}
	}
	removeAbandonedBuilds(parent, "ix", time.Now().Add(-abandonedBuildAge))
	for d, want := range map[string]bool{old: false, recent: true, other: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s: exists %v, want %v", filepath.Base(d), err == nil, want)
		}
	}
}
