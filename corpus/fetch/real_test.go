package fetch

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRealRegistry downloads the real package through the user's npm registry configuration.
// It needs the network, so it runs only with WORKOS_LSP_INTEGRATION=1.
func TestRealRegistry(t *testing.T) {
	if os.Getenv("WORKOS_LSP_INTEGRATION") != "1" {
		t.Skip("set WORKOS_LSP_INTEGRATION=1 to download from the real npm registry")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cache := t.TempDir()
	res, err := Get(ctx, Options{Version: "0.2.0", CacheDir: cache})
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != "0.2.0" || res.FromCache || !strings.HasPrefix(res.Integrity, "sha512-") {
		t.Errorf("result = %+v", res)
	}
	pages := 0
	filepath.WalkDir(res.DocsDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".mdx") {
			pages++
		}
		return err
	})
	if pages < 500 {
		t.Errorf("%d .mdx pages, want at least 500", pages)
	}
	if _, err := os.Stat(filepath.Join(res.ChangelogDir, "workos-platform.json")); err != nil {
		t.Errorf("changelog: %v", err)
	}
	again, err := Get(ctx, Options{Version: "0.2.0", CacheDir: cache, Offline: true})
	if err != nil || again.Dir != res.Dir {
		t.Errorf("offline reuse: %+v, %v", again, err)
	}
	t.Logf("0.2.0: %d pages in %s", pages, res.Dir)
}
