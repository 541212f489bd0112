package docset

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// registry serves the fixture docs as versions of the npm package and counts the requests.
type registry struct {
	t       *testing.T
	server  *httptest.Server
	tarball []byte

	mu       sync.Mutex
	versions []string // the last is dist-tags.latest
	requests int
}

func newRegistry(t *testing.T, versions ...string) *registry {
	r := &registry{t: t, tarball: fixtureTarball(t), versions: versions}
	r.server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.server.Close)
	return r
}

func (r *registry) publish(version string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.versions = append(r.versions, version)
}

func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests
}

func (r *registry) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	if strings.HasSuffix(req.URL.Path, ".tgz") {
		w.Write(r.tarball)
		return
	}
	sum := sha512.Sum512(r.tarball)
	versions := map[string]any{}
	for _, v := range r.versions {
		versions[v] = map[string]any{"dist": map[string]string{
			"tarball":   r.server.URL + "/@workos/mcp-docs-server/-/mcp-docs-server-" + v + ".tgz",
			"integrity": "sha512-" + base64.StdEncoding.EncodeToString(sum[:]),
		}}
	}
	json.NewEncoder(w).Encode(map[string]any{
		"name":      "@workos/mcp-docs-server",
		"dist-tags": map[string]string{"latest": r.versions[len(r.versions)-1]},
		"versions":  versions,
	})
}

// fixtureTarball packs the fixture docs the way the npm package holds them.
func fixtureTarball(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	root := fixtureDocs(t)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		hdr := &tar.Header{Name: "package/.docs/organized/docs/" + filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err == nil {
		err = tw.Close()
	}
	if err == nil {
		err = gz.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestLoadCacheFirst(t *testing.T) {
	t.Setenv("WORKOS_LSP_DOCS", "")
	ctx := context.Background()
	reg := newRegistry(t, "1.0.0")
	opts := Options{CacheDir: t.TempDir(), Registry: reg.server.URL}

	// Nothing cached: the registry is asked and there is nothing to refresh.
	set, err := LoadCacheFirst(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	set.Close()
	if set.Version() != "1.0.0" || set.Refresh != nil || reg.count() == 0 {
		t.Fatalf("first load: version %q, refresh %v, %d requests", set.Version(), set.Refresh != nil, reg.count())
	}

	// Cached: the cached docs at once, without a request; the refresh finds 1.1.0 and caches it.
	reg.publish("1.1.0")
	before := reg.count()
	set, err = LoadCacheFirst(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	set.Close()
	if set.Version() != "1.0.0" || reg.count() != before {
		t.Fatalf("cached load: version %q, %d requests to the registry", set.Version(), reg.count()-before)
	}
	if set.Refresh == nil {
		t.Fatal("no refresh after a load from the cache")
	}
	set.Refresh(ctx)
	if reg.count() == before {
		t.Fatal("the refresh did not ask the registry")
	}
	set, err = LoadCacheFirst(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	set.Close()
	if set.Version() != "1.1.0" {
		t.Errorf("the next load uses %q, want the refreshed 1.1.0", set.Version())
	}

	// A cancelled refresh does nothing.
	reg.publish("1.2.0")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	set.Refresh(cancelled)
	if set, err = LoadCacheFirst(ctx, opts); err != nil || set.Version() != "1.1.0" {
		t.Errorf("after a cancelled refresh: %v, %v", set, err)
	}
	set.Close()

	// A pin, offline or a local folder: plain Load, nothing to refresh.
	for _, o := range []Options{
		{CacheDir: opts.CacheDir, Registry: reg.server.URL, Version: "1.0.0"},
		{CacheDir: opts.CacheDir, Registry: reg.server.URL, Offline: true},
		{CacheDir: opts.CacheDir, DocsDir: fixtureDocs(t)},
	} {
		set, err := LoadCacheFirst(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		set.Close()
		if set.Refresh != nil {
			t.Errorf("%+v: a refresh", o)
		}
	}
}
