package fetch

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCachedIgnoresInvalidDirectories(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	cache := t.TempDir()
	res, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
	if err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(filepath.Join(res.Dir, manifestName))

	// Debris that must never be mistaken for a corpus.
	writeFiles(t, cache, map[string]string{
		"0.3.0-0123456789abcdef/docs/a.mdx":    "no manifest",
		"0.4.0-0123456789abcdef/manifest.json": "{not json",
		"renamed/manifest.json":                string(good), // manifest names another directory
		"0.5.0-aaaaaaaaaaaaaaaa/manifest.json": strings.Replace(string(good), `"format": 1`, `"format": 99`, 1),
		".tmp-0.6.0-123/docs/a.mdx":            "in progress",
		"stray-file":                           "x",
	})
	cached, err := Cached(cache)
	if err != nil {
		t.Fatal(err)
	}
	if len(cached) != 1 || cached[0].Dir != res.Dir {
		t.Errorf("Cached = %+v, want only %s", cached, res.Dir)
	}
	if got, err := Cached(filepath.Join(cache, "absent")); err != nil || got != nil {
		t.Errorf("absent root: %v, %v", got, err)
	}
}

func TestInstallRemovesStaleTempsOnly(t *testing.T) {
	cache := t.TempDir()
	writeFiles(t, cache, map[string]string{
		".tmp-0.1.0-old/docs/a.mdx":   "left by a crash",
		".tmp-0.1.0-fresh/docs/a.mdx": "another process at work",
	})
	old := time.Now().Add(-2 * staleTempAge)
	os.Chtimes(filepath.Join(cache, ".tmp-0.1.0-old"), old, old)

	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	if _, err := Get(context.Background(), testOptions(t, reg.server.URL, cache)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(cache, ".tmp-0.1.0-old")); !os.IsNotExist(err) {
		t.Error("stale temp dir survived")
	}
	if _, err := os.Stat(filepath.Join(cache, ".tmp-0.1.0-fresh")); err != nil {
		t.Error("fresh temp dir of a concurrent process was removed")
	}
}

func TestInstallReplacesInvalidDirectoryOfSameContent(t *testing.T) {
	reg := newFakeRegistry(t)
	tb := docsTarball(t, "v2")
	reg.add("0.2.0", tb)
	cache := t.TempDir()
	res, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
	if err != nil {
		t.Fatal(err)
	}
	// Corrupt it: its name is a content address, so the next install may replace it.
	os.Remove(filepath.Join(res.Dir, manifestName))
	res2, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
	if err != nil || res2.FromCache || res2.Dir != res.Dir {
		t.Fatalf("%+v, %v", res2, err)
	}
	if _, err := readManifest(res.Dir); err != nil {
		t.Errorf("replaced corpus invalid: %v", err)
	}
}

func TestConcurrentGetsShareOneCorpus(t *testing.T) {
	reg := newFakeRegistry(t)
	reg.add("0.2.0", docsTarball(t, "v2"))
	cache := t.TempDir()
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			_, err := Get(context.Background(), testOptions(t, reg.server.URL, cache))
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	cached, _ := Cached(cache)
	if len(cached) != 1 {
		t.Errorf("want one corpus, got %d", len(cached))
	}
	for _, p := range listTree(t, cache) {
		if strings.HasPrefix(p, ".tmp-") {
			t.Errorf("temp dir %s left behind", p)
		}
	}
}
