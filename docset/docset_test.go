package docset

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/workos-lsp/workos-lsp/corpus/search"
)

func fixtureDocs(t *testing.T) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "corpus", "corpustest", "fixture", "docs")
}

func TestLoadCachesSnapshotAndIndex(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	opts := Options{DocsDir: fixtureDocs(t), CacheDir: cache}

	first, err := Load(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if first.Version() != "local" || len(first.Corpus.Pages) == 0 || !first.Index.Rebuilt() {
		t.Fatalf("first load: version %q, %d pages, rebuilt %v", first.Version(), len(first.Corpus.Pages), first.Index.Rebuilt())
	}
	snapshots, _ := filepath.Glob(filepath.Join(cache, "snapshots", "*.gob"))
	if len(snapshots) != 1 {
		t.Fatalf("snapshots written: %q", snapshots)
	}
	first.Close()

	second, err := Load(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if second.Index.Rebuilt() {
		t.Errorf("the cached index was rebuilt")
	}
	if len(second.Corpus.Pages) != len(first.Corpus.Pages) || len(second.Corpus.Entries) != len(first.Corpus.Entries) {
		t.Errorf("snapshot load differs: %d/%d pages", len(second.Corpus.Pages), len(first.Corpus.Pages))
	}
	if res, err := second.Index.Search(ctx, "createUser", searchOpts()); err != nil || len(res) == 0 {
		t.Errorf("search after a cached load: %v, %v", res, err)
	}
}

func TestLoadReparsesCorruptSnapshot(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	opts := Options{DocsDir: fixtureDocs(t), CacheDir: cache}
	set, err := Load(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	set.Close()
	snapshots, _ := filepath.Glob(filepath.Join(cache, "snapshots", "*.gob"))
	if len(snapshots) != 1 {
		t.Fatalf("snapshots: %q", snapshots)
	}
	if err := os.WriteFile(snapshots[0], []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err = Load(ctx, opts)
	if err != nil {
		t.Fatalf("load with a corrupt snapshot: %v", err)
	}
	defer set.Close()
	if len(set.Corpus.Pages) == 0 {
		t.Fatal("no pages after re-parsing")
	}
	data, _ := os.ReadFile(snapshots[0])
	if string(data) == "garbage" {
		t.Error("the corrupt snapshot was not replaced")
	}
}

func TestLoadNoIndexCache(t *testing.T) {
	cache := t.TempDir()
	set, err := Load(context.Background(), Options{DocsDir: fixtureDocs(t), CacheDir: cache, NoIndexCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.IndexDir != "" {
		t.Errorf("IndexDir = %q for an in-memory index", set.IndexDir)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("cache written with NoIndexCache: %v", entries)
	}
}

func TestLoadMissingDocs(t *testing.T) {
	_, err := Load(context.Background(), Options{DocsDir: filepath.Join(t.TempDir(), "nope"), CacheDir: t.TempDir()})
	if err == nil {
		t.Fatal("loading a missing folder succeeded")
	}
}

func searchOpts() search.Options { return search.Options{Limit: 5} }

func TestLoadDeferIndex(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	set, err := Load(ctx, Options{DocsDir: fixtureDocs(t), CacheDir: cache, DeferIndex: true})
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.Index != nil || set.BuildIndex == nil || len(set.Corpus.Entries) == 0 {
		t.Fatalf("deferred load: index %v, BuildIndex set %v, %d entries", set.Index, set.BuildIndex != nil, len(set.Corpus.Entries))
	}
	if dirs, _ := filepath.Glob(filepath.Join(cache, "*", "*")); len(dirs) != 0 {
		t.Fatalf("index or snapshot written before BuildIndex: %q", dirs)
	}
	ix, err := set.BuildIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if snapshots, _ := filepath.Glob(filepath.Join(cache, "snapshots", "*.gob")); len(snapshots) != 1 {
		t.Errorf("snapshots written by BuildIndex: %q", snapshots)
	}
	if ix != set.Index || set.IndexDir == "" || !ix.Rebuilt() {
		t.Errorf("after BuildIndex: index %p (set %p), dir %q, rebuilt %v", ix, set.Index, set.IndexDir, ix.Rebuilt())
	}
	if res, err := ix.Search(ctx, "createUser", searchOpts()); err != nil || len(res) == 0 {
		t.Errorf("search of the deferred index: %v, %v", res, err)
	}
}

// TestStagedLoad checks a staged, deferred load: the set's corpus is the early one (no events)
// until Complete, the snapshot BuildIndex writes and the index it builds hold the complete corpus
// (a section of a guide page, which the early corpus has no body for, is found), and a load that
// reads the snapshot back has nothing to complete.
func TestStagedLoad(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	opts := Options{DocsDir: fixtureDocs(t), CacheDir: cache, DeferIndex: true, Staged: true}
	set, err := Load(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if set.Complete == nil {
		t.Fatal("a staged load that parsed has no Complete")
	}
	early := set.Corpus
	if len(early.Events) != 0 || len(early.Entries) == 0 {
		t.Fatalf("early corpus: %d events, %d entries", len(early.Events), len(early.Entries))
	}
	ix, err := set.BuildIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.Corpus == early || len(set.Corpus.Events) == 0 {
		t.Fatalf("BuildIndex did not complete the corpus (%d events)", len(set.Corpus.Events))
	}
	if set.Complete() != set.Corpus {
		t.Error("a second Complete changed the corpus")
	}
	res, err := ix.Search(ctx, "dsync.user.created", searchOpts())
	if err != nil || len(res) == 0 || res[0].Kind != search.KindEvent {
		t.Errorf("the index misses the complete corpus's events: %v, %v", res, err)
	}

	again, err := Load(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if again.Complete != nil || len(again.Corpus.Events) != len(set.Corpus.Events) {
		t.Errorf("the load from the snapshot: Complete %v, %d events, want %d", again.Complete != nil, len(again.Corpus.Events), len(set.Corpus.Events))
	}
}
